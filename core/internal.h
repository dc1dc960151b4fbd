/*
 * Internal declarations shared by core/ files. Every symbol here is hidden:
 * tb__ names never reach a user's namespace beyond the static archive.
 */
#ifndef TB_CORE_INTERNAL_H
#define TB_CORE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <linux/rseq.h>
#include "../tls/tls.h"
#include "arch.h"

#define hidden __attribute__((visibility("hidden")))

#ifndef TB_DEBUG
#define TB_DEBUG 0 /* meson -Ddebug_checks=true: internal invariant checks */
#endif
#ifndef TB_CHAOS
#define TB_CHAOS 0 /* meson -Dchaos=true: tb__chaos() perturbs the primitives' interleavings */
#endif
/*
 * Not built with the stack protector (core/base/ssp.c): a function documented
 * to work before tb_init (-EPERM, the clock), since where the compiler reads
 * the canary through the thread pointer there is none before tb_init; or a
 * hot path whose only buffers are fixed-size kernel structures.
 */
#define TB__NO_SSP __attribute__((no_stack_protector))
#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

enum { TB__RUNNING = 0, TB__DETACHED = 1, TB__COMPLETED = 2 };

/* The bytes of struct tb__thread's fields before the canary (variant II). */
#define TB__THREAD_HEAD (3 * __SIZEOF_POINTER__ + 8)

/*
 * The control block of one thread. It lives in the thread's TLS area at the
 * place the TLS variant gives (variant II: at TP; variant I: just below TP).
 */
struct tb__thread {
	struct tb__thread *self;	/* first: variant II ABIs load TP from *TP */
	uint32_t tid;			/* PARENT_SETTID sets it; CHILD_CLEARTID zeroes it at exit */
	uint32_t state;			/* TB__RUNNING, TB__DETACHED, TB__COMPLETED */
	int (*fn)(void *);
	void *arg;
#if defined(ARCH_SSP_TP_OFFSET) && !ARCH_TLS_ABOVE_TP
	/* the stack-protector canary at TP + ARCH_SSP_TP_OFFSET, where compilers read it */
#if ARCH_SSP_TP_OFFSET > TB__THREAD_HEAD
	char ssp_pad[ARCH_SSP_TP_OFFSET - TB__THREAD_HEAD];
#elif ARCH_SSP_TP_OFFSET < TB__THREAD_HEAD
#error "ARCH_SSP_TP_OFFSET falls inside the control block's first fields"
#endif
	uintptr_t canary;
#endif
	void *map_base;			/* the thread's one mapping; NULL for the main thread */
	size_t map_size;
	size_t guard_size;
	int result;
	char name[16];			/* the name given through threadbare (core/thread/thread_info.c) */
	uint32_t name_lock;		/* guards name against a concurrent tb_thread_set_name */
	uint32_t tid_lock;		/* held while tid targets a syscall (kill, /proc, affinity) */
	uint32_t slot;			/* its mapping's handle slot, kept while the mapping is cached */
	struct tb__exit_cb *at_exit;	/* LIFO exit callbacks (core/thread/at_exit.c) */
	struct tb__tss_slot *tss;	/* key values (core/thread/tss.c); NULL: main's static table */
	uint32_t tss_used;		/* 1 + the highest key index this thread has set */
	uint32_t flags;			/* TB__F_* */
	uint32_t interrupt;		/* 1: an interrupt is pending (core/base/interrupt.c) */
	size_t alt_size;		/* its alternate signal stack, beside the stack (core/thread/overflow.c) */
	uintptr_t handle;		/* what tb_thread_self returns (core/thread/handle.c); 0: main, unset */
	unsigned long sigmask[ARCH_SIGSET_BYTES / sizeof(unsigned long)]; /* set by thread_start */
	struct tb__thread *list_next;	/* the live-thread list (tb_thread_visit), under its lock */
	struct tb__thread *list_prev;
#if defined(ARCH_SSP_TP_OFFSET) && ARCH_TLS_ABOVE_TP
	/* the canary at TP + ARCH_SSP_TP_OFFSET (negative), this far below the block's end */
	uintptr_t canary;
	char ssp_tail[-(ARCH_SSP_TP_OFFSET) - ARCH_TP_OFFSET - sizeof(uintptr_t)];
#endif
};

/* tb__thread.flags */
#define TB__F_NAME_PENDING 1u		/* the spawner set name; the kernel's copy is not yet set */

_Static_assert(__builtin_offsetof(struct tb__thread, self) == 0,
	       "variant II needs the self pointer at TP");
#ifdef ARCH_SSP_TP_OFFSET
#if ARCH_TLS_ABOVE_TP
/* variant I: the control block ends at TP - ARCH_TP_OFFSET (tls/tls.c, tb__self) */
_Static_assert((long)__builtin_offsetof(struct tb__thread, canary) -
			       (long)sizeof(struct tb__thread) ==
		       (long)(ARCH_SSP_TP_OFFSET) + ARCH_TP_OFFSET,
	       "the canary must be at TP + ARCH_SSP_TP_OFFSET");
#else
_Static_assert(__builtin_offsetof(struct tb__thread, canary) == ARCH_SSP_TP_OFFSET,
	       "the canary must be at TP + ARCH_SSP_TP_OFFSET");
#endif
#endif

/*
 * Each thread's TLS area reserves TB__TCB_BYTES (32-aligned) for its control
 * block and its rseq area (core/thread/rseq.c), the kernel's struct rseq:
 * 32 bytes, 32-aligned, at one offset from TP for every thread
 * (TB__RSEQ_TP_OFFSET, exported as __rseq_offset):
 *
 *   variant II  [ TLS block | control block (TP) | pad | rseq ]
 *   variant I   [ rseq | pad | control block ] TP - ARCH_TP_OFFSET [ gap | TLS block ]
 *
 * tb__tls_layout aligns TP (variant II) or the reserve's end (variant I) to
 * at least TB__TCB_ALIGN, so the area is 32-aligned in both.
 */
#define TB__RSEQ_BYTES 32u
#define TB__CB_BYTES ((sizeof(struct tb__thread) + TB__RSEQ_BYTES - 1) & ~(size_t)(TB__RSEQ_BYTES - 1))
#define TB__TCB_BYTES (TB__CB_BYTES + TB__RSEQ_BYTES)
#define TB__TCB_ALIGN (_Alignof(struct tb__thread) > 32 ? _Alignof(struct tb__thread) : 32)
#if ARCH_TLS_ABOVE_TP
#define TB__RSEQ_TP_OFFSET (-(long)TB__TCB_BYTES - (long)ARCH_TP_OFFSET)
#else
#define TB__RSEQ_TP_OFFSET ((long)TB__CB_BYTES)
#endif
_Static_assert(sizeof(struct rseq) == TB__RSEQ_BYTES, "the UAPI struct rseq is 32 bytes");

/* The control block in a TLS area at address area laid out with TB__TCB_BYTES */
static inline struct tb__thread *tb__thread_in(uintptr_t area, const struct tb__tls_layout *lay)
{
	return (struct tb__thread *)(area + lay->tcb_off +
				     (ARCH_TLS_ABOVE_TP ? TB__TCB_BYTES - sizeof(struct tb__thread) : 0));
}

/* Thread t's rseq area */
static inline struct rseq *tb__rseq_of(struct tb__thread *t)
{
#if ARCH_TLS_ABOVE_TP
	return (struct rseq *)((char *)(t + 1) - TB__TCB_BYTES);
#else
	return (struct rseq *)((char *)t + TB__CB_BYTES);
#endif
}

/*
 * core/thread/rseq.c. tb__rseq_init registers the main thread (tb_init) and
 * decides for the process: later threads register (tb__rseq_set(t, 0), first
 * thing a spawned thread does) only when it succeeded. A registered thread
 * unregisters (tb__rseq_set(t, RSEQ_FLAG_UNREGISTER), in exit_detached)
 * before its area is unmapped while it can still return to user mode
 * (core/thread/rseq.c has the invariant).
 */
hidden void tb__rseq_init(struct tb__thread *main_thread);
hidden void tb__rseq_set(struct tb__thread *t, int flags);

struct tb__runtime {
	size_t page_size;		/* AT_PAGESZ; 0 until tb_init has run */
	struct tb__tls_image tls;
	struct tb__tls_layout tls_layout;
	unsigned long hwcap;
	const void *random;		/* AT_RANDOM: 16 bytes */
	char **envp;
	const void *vdso;		/* AT_SYSINFO_EHDR: the vDSO's ELF header, or NULL */
};

hidden extern struct tb__runtime tb__rt;

static inline struct tb__thread *tb__self(void)
{
#if ARCH_TLS_ABOVE_TP
	return (struct tb__thread *)(arch_tp_get() - ARCH_TP_OFFSET) - 1;
#else
	return (struct tb__thread *)arch_tp_get();
#endif
}

/* Arch asm (arch/<arch>/clone.S, unmap_exit.S). */
hidden int tb__clone(int (*fn)(void *), void *stack, unsigned long flags, void *arg, uint32_t *ptid,
		     void *tls, uint32_t *ctid);
#if TB_FAULT
static inline int tb__fault_clone(int (*fn)(void *), void *stack, unsigned long flags, void *arg,
				  uint32_t *ptid, void *tls, uint32_t *ctid)
{
	long r = tb__fault_check(__NR_clone, (long)flags, 0, 0, 0);

	return r ? (int)r : (tb__clone)(fn, stack, flags, arg, ptid, tls, ctid);
}
#define tb__clone(fn, stack, flags, arg, ptid, tls, ctid) \
	tb__fault_clone(fn, stack, flags, arg, ptid, tls, ctid)
#endif
hidden _Noreturn void tb__unmap_and_exit(void *base, size_t len);

/* core/sync/futex.c: shared is for the CLONE_CHILD_CLEARTID word only. */
hidden int tb__futex_wait(const uint32_t *addr, uint32_t expect, int64_t timeout_ns, bool shared);
hidden int tb__futex_wake(const uint32_t *addr, uint32_t n, bool shared); /* how many it woke */
/* An absolute CLOCK_MONOTONIC deadline for a relative timeout (negative: -1, never). */
hidden int64_t tb__deadline(int64_t timeout_ns);
/* tb__futex_wait (private) until an absolute deadline from tb__deadline. */
hidden int tb__futex_wait_until(const uint32_t *addr, uint32_t expect, int64_t deadline);
/* The same two, interruptible (tb_thread_interrupt): they may also return -ECANCELED. */
hidden int tb__futex_wait_cp(const uint32_t *addr, uint32_t expect, int64_t timeout_ns, bool shared);
hidden int tb__futex_wait_until_cp(const uint32_t *addr, uint32_t expect, int64_t deadline);
/* tb_cond_wait that tb_thread_interrupt cannot end (the pool's own waits) */
struct tb_cond;
struct tb_mutex;
hidden void tb__cond_wait_uninterruptible(struct tb_cond *c, struct tb_mutex *m);

/*
 * Spins before a futex wait (semaphore, event): bounded, then
 * sleep. None when the process may run on one CPU only: there the thread we
 * wait for cannot run while we spin (core/base/cpu.c).
 */
#ifndef TB__SPIN
#define TB__SPIN 100
#endif
hidden extern int tb__spin_cached;
hidden int tb__spin_init(void);

static inline int tb__spin_limit(void)
{
	int l = __atomic_load_n(&tb__spin_cached, __ATOMIC_RELAXED);

	return likely(l >= 0) ? l : tb__spin_init();
}

/* core/alloc.c: fixed-size blocks from mmap'd chunks, reused after free. */
#define TB__NODE_SIZE (8 * sizeof(void *))
hidden void *tb__node_alloc(void);
hidden void tb__node_free(void *p);

/* fork handlers (core/fork.c calls them around the fork, in the order its header gives) */
enum { TB__FORK_PREPARE, TB__FORK_PARENT, TB__FORK_CHILD };
hidden void tb__thread_fork(int phase);
hidden void tb__alloc_fork(int phase);
/* core/fork.c has weak empty ones for programs that do not link the file */
hidden void tb__tss_fork(int phase);		/* core/thread/tss.c */
hidden void tb__overflow_fork(int phase);	/* core/thread/overflow.c */

/*
 * Thread exit work (core/thread/thread.c runs it; the modules that own it set the
 * hooks on first use, so a program that never registers links none of it).
 *   tb__exit_callbacks  runs and frees t's at-exit list, newest first
 *   tb__exit_keys       one destructor round over t's key values (round 0..);
 *                       returns whether another round is needed
 */
hidden extern void (*tb__exit_callbacks)(struct tb__thread *t);
hidden extern bool (*tb__exit_keys)(struct tb__thread *t, int round);
/* Runs t's exit work: callbacks, and key destructors when keys is true. */
hidden void tb__thread_exit_work(struct tb__thread *t, bool keys);
/* core/process.c: .fini_array and exit_group(status), no per-thread work. */
hidden _Noreturn void tb__exit_process(int status);
/* core/relocate.c: a static PIE's relative relocations, from the initial stack */
hidden void tb__relocate(long *sp);
/* core/start.c sets it (in core/process.c): the initial sp _start passed; NULL under tb_init alone. */
hidden extern long *tb__initial_sp;
/*
 * Holds t->tid as a syscall target: returns false (lock not taken) when t has
 * finished, so that its tid may already name another thread. The exiting
 * thread marks itself finished and then waits for holders (core/thread/thread.c).
 */
hidden bool tb__tid_hold(struct tb__thread *t);
hidden void tb__tid_release(struct tb__thread *t);
/* Bytes reserved for key values below each spawned thread's TLS area. */
hidden size_t tb__tss_reserve(void);
/* Spawned thread t's stack [*lo, *hi) in its mapping (core/thread/thread.c has the picture). */
hidden void tb__thread_stack(const struct tb__thread *t, uintptr_t *lo, uintptr_t *hi);
/* Whether a lies in spawned thread t's guard pages. */
hidden bool tb__in_guard(const struct tb__thread *t, uintptr_t a);
/* Bytes of alternate signal stack each spawn carves (0: none; core/thread/overflow.c sets it). */
hidden extern size_t tb__alt_stack_bytes;
/* core/thread/stack.c: the main thread's stack bounds (tb_thread_stack). */
hidden int tb__main_stack(void **lo, size_t *size);

/* core/base/time.c: CLOCK_MONOTONIC in ns, through the vDSO when there is one */
hidden int64_t tb__now_ns(void);
/* core/base/vdso.c: the address of a function of the vDSO by name and version, or 0 */
hidden uintptr_t tb__vdso_sym(const char *name, const char *version);

hidden _Noreturn void tb__crash(const char *what);

/*
 * core/base/ssp.c: the stack-protector canary. tb__ssp_setup derives it once
 * per process (AT_RANDOM, its first byte in memory zero) and stores it where
 * the arch's compilers read it: __stack_chk_guard (ARCH_SSP_GLOBAL), or main
 * thread t's control block (ARCH_SSP_TP_OFFSET). A spawned thread's block
 * gets the spawner's copy (tb__ssp_inherit) before the thread runs.
 */
hidden void tb__ssp_setup(struct tb__thread *main_thread);
static inline void tb__ssp_inherit(struct tb__thread *t)
{
#ifdef ARCH_SSP_TP_OFFSET
	t->canary = tb__self()->canary;
#else
	(void)t;
#endif
}

/*
 * A point between two atomic steps of a primitive where another thread's
 * step could land. In a chaos build (-Dchaos=true) it sometimes yields, spins
 * or sleeps for a few microseconds, so that the tests meet interleavings a
 * plain run almost never produces; in a release build it is nothing.
 */
#if TB_CHAOS
hidden void tb__chaos(void);
#else
static inline void tb__chaos(void)
{
}
#endif

#endif
