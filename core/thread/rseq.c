/*
 * rseq: every thread registers its struct rseq (core/internal.h places it
 * beside the control block, at TB__RSEQ_TP_OFFSET from the thread pointer)
 * with the kernel, so that tb_cpu_current reads the CPU from memory and
 * other code (tcmalloc, librseq) uses this registration through glibc's
 * symbols instead of making its own: __rseq_offset (the area's offset from
 * the thread pointer as the compiler's __builtin_thread_pointer gives it:
 * TP biases included), __rseq_size (the registered size, 32; 0 when the
 * main thread is not registered) and __rseq_flags (0).
 *
 * Who registers: tb_init registers the main thread; when that fails (no
 * rseq on this ABI, ENOSYS under qemu-user or an old kernel, EPERM from a
 * seccomp filter, EINVAL or EBUSY when something registered first) or when the
 * program turned it off (tb_rseq_disabled), __rseq_size stays 0 and no
 * other thread tries. A spawned thread registers first thing, before fn;
 * if that fails, its area's cpu_id says RSEQ_CPU_ID_REGISTRATION_FAILED
 * and it goes on without. tb_cpu_current reads cpu_id: a CPU number when
 * the thread is registered, a negative sentinel otherwise (then getcpu).
 *
 * Invariant: the kernel writes a registered area whenever its thread
 * returns to user mode (preemption, migration, signal delivery, any
 * syscall), so no area is unmapped or handed to another thread while its
 * thread is registered and can still return to user mode:
 *   - a joined thread's mapping is freed or cached after its tid word is 0,
 *     i.e. the thread is gone (core/thread/thread.c);
 *   - a detached thread that caches its own mapping exits normally; a spawn
 *     takes a cached mapping only once its tid word is 0 (cache_get);
 *   - a detached thread that unmaps its own mapping (exit_detached) returns
 *     to user mode after its munmap: it unregisters first, with signals
 *     blocked, so nothing after that reads or writes the area;
 *   - the main thread's area (core/init.c) is never freed;
 *   - a failed spawn frees a mapping no thread ran on.
 * Across fork the kernel keeps the forking thread's registration, at the
 * same address in the child's copy; a CLONE_VM child (tb_process_spawn's
 * vfork) starts unregistered, runs on the parent's memory (its TP is the
 * parent's: tb_cpu_current there reads the parent's area) and execs or
 * exits; execve drops every registration.
 */
#include <threadbare/thread.h>
#include "../internal.h"
#include "../sys.h"

/* TP is at least 32-aligned (core/internal.h), and so then is the area */
_Static_assert(TB__RSEQ_TP_OFFSET % 32 == 0, "the rseq area must be 32-aligned");

/*
 * weak: in a mistaken link with a libc (core/libc_trap.c), glibc 2.35's own
 * definitions win without the duplicate-symbol errors lld reports before the
 * undefined symbol that names the fix. hidden: a weak symbol of default
 * visibility is a dynamic symbol of a static PIE, whose GOT entry m68k's ld
 * gets wrong (core/thread/thread.c, tb__tss_bytes); the program's own code
 * still links to them, as to any symbol of a static program.
 */
#define EXPORT __attribute__((weak, visibility("hidden")))

/*
 * glibc 2.35's names and types. <threadbare/rseq.h> declares them const, as
 * glibc does; this file does not include it, since tb_init writes
 * __rseq_size once (a static program has no RELRO to protect it after).
 */
EXPORT const ptrdiff_t __rseq_offset = TB__RSEQ_TP_OFFSET;
EXPORT unsigned int __rseq_size;
EXPORT const unsigned int __rseq_flags;

/*
 * A program that defines it nonzero turns registration off (<threadbare/rseq.h>):
 * its definition takes the place of this weak one (read through volatile:
 * clang folds a weak const; not const here, so that it takes no file bytes).
 */
__attribute__((weak)) int tb_rseq_disabled;

void tb__rseq_init(struct tb__thread *t)
{
	/* (written before any other thread exists; read by spawned threads after clone) */
	__rseq_size = ARCH_RSEQ && !*(volatile int *)&tb_rseq_disabled ? TB__RSEQ_BYTES : 0;
	tb__rseq_set(t, 0);
}

/* one function for both, so that the syscall's set-up is not repeated */
__attribute__((noinline)) void tb__rseq_set(struct tb__thread *t, int flags)
{
	if (__atomic_load_n(&__rseq_size, __ATOMIC_RELAXED) &&
	    tb__sys_rseq(tb__rseq_of(t), flags) == 0)
		return;
	if (flags)
		return; /* an unregistration: t was not registered */
	__atomic_store_n(&tb__rseq_of(t)->cpu_id, (uint32_t)RSEQ_CPU_ID_REGISTRATION_FAILED,
			 __ATOMIC_RELAXED);
	if (!t->map_base) /* the main thread decides for the process (tb__rseq_init) */
		__atomic_store_n(&__rseq_size, 0, __ATOMIC_RELAXED);
}

/* documented to work before tb_init: no canary through TP there (core/internal.h) */
TB__NO_SSP int tb_cpu_current(void)
{
	unsigned cpu;
	long r;

	if (likely(__atomic_load_n(&tb__rt.page_size, __ATOMIC_ACQUIRE))) {
		int32_t c = (int32_t)__atomic_load_n(&tb__rseq_of(tb__self())->cpu_id,
						     __ATOMIC_RELAXED);

		if (likely(c >= 0))
			return c;
	}
	r = tb__syscall3(__NR_getcpu, &cpu, 0, 0);
	return r < 0 ? (int)r : (int)cpu;
}
