/*
 * Kernel threads: spawn, join, detach.
 *
 * Each thread owns one anonymous mapping. The stack grows away from the TLS
 * area towards the guard, whichever way the arch's stack grows
 * (ARCH_STACK_GROWS_UP):
 *
 *   down  low [ guard | stack ....... | alt stack | keys | TLS area ] high
 *   up    low [ TLS area | keys | alt stack | ....... stack | guard ] high
 *
 * (the control block is inside the TLS area; keys and the alternate signal
 * stack are there only when core/thread/tss.c and the overflow report are used).
 * The control block's tid word is both CLONE_PARENT_SETTID (the kernel
 * stores the tid before the child runs) and CLONE_CHILD_CLEARTID (the kernel
 * zeroes it and does a shared futex wake when the thread is gone), so join
 * waits on it with a shared futex wait. state decides who frees the mapping:
 *
 *   RUNNING --thread returns--> COMPLETED   (join or a late detach frees)
 *   RUNNING --detach--> DETACHED --thread returns--> the thread frees itself
 *
 * Freeing puts the mapping in a small cache when it has room, with the page
 * of the TLS area (control block, stack start) still resident, so that the next
 * spawn of the same size costs a clone and nothing else; otherwise it is
 * unmapped. A cached mapping is reused only once its tid word is 0, i.e. the
 * kernel is done with the thread that ran on it: a detached thread caches
 * itself and exits normally, and the kernel's clear-tid write then lands in
 * memory that is still ours.
 *
 * A thread ends (fn returns, or tb_thread_exit) in this order: its exit work
 * (callbacks, key destructors), state := COMPLETED, a wait for tid_lock
 * holders, the live count down, then the detach/cache decision and exit.
 * Invariants:
 *   - tid_lock: tb__tid_hold takes the lock and then reads state; the exiting
 *     thread writes state and then reads the lock (all seq_cst). So either the
 *     holder sees COMPLETED and does not use the tid, or the thread waits until
 *     the holder is done: a held tid is never one the kernel may have reused.
 *   - the live-thread list (tb_thread_visit) holds every thread from its
 *     clone to the end of its exit work; a spawn holds the list lock across
 *     the clone and adds the thread, an ending thread takes it to unlink
 *     itself before it is marked COMPLETED, a visit holds it throughout (all
 *     in core/thread/visit.c, linked with tb_thread_visit). The
 *     spawn and exit paths hold it only with every signal blocked and wait
 *     for it with their own mask (visit.c's tb__list_enter), so a thread held in a signal
 *     handler (a collector's stop) never holds it.
 *   - a new thread runs with every signal blocked (the spawner blocks them
 *     around the clone) until thread_start sets the mask the spawner left in
 *     its control block, after its alternate stack: no handler runs before.
 *   - rseq: a thread is registered (core/thread/rseq.c) from its start to
 *     its end, and the kernel writes its area on each return to user mode;
 *     so a mapping is handed on (cache_get) or unmapped by another thread
 *     only once its tid word is 0, and a detached thread that unmaps its own
 *     unregisters first (exit_detached).
 *   - live counts threads that have not finished, the main thread included.
 *     It reaches 0 only after the main thread called tb_thread_exit; the
 *     thread that brings it to 0 ends the process with status 0.
 */
#include <linux/prctl.h>
#include <linux/sched.h>
#include <asm/signal.h>
#include <threadbare/thread.h>
#include "../internal.h"
#include "../sys.h"
#include "handle.h"

#define CLONE_THREAD_FLAGS                                                                     \
	(CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | CLONE_SYSVSEM |    \
	 CLONE_SETTLS | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID)

static size_t name_len(const char *s)
{
	size_t n = 0;

	while (n <= TB_THREAD_NAME_MAX && s[n])
		n++;
	return n;
}

/* Threads that have not finished, the main thread included (see above). */
static uint32_t live = 1;

size_t tb__alt_stack_bytes;

/*
 * The live-thread list is core/thread/visit.c's, linked by programs that
 * call tb_thread_visit: without it, spawn only blocks the signals around the
 * clone, and exit does nothing more (the tb__list_* hooks in core/sys.h).
 */
void (*tb__exit_callbacks)(struct tb__thread *t);
bool (*tb__exit_keys)(struct tb__thread *t, int round);

/*
 * core/thread/tss.c's definition replaces this one when a program links it
 * (uses keys); one that does not reserves nothing. A weak definition, not a
 * weak undefined reference tested for NULL, and hidden: a weak symbol of
 * default visibility is a dynamic symbol in a PIE, and in a static PIE
 * m68k's ld fills a dynamic symbol's GOT entry with a relative relocation
 * to the wrong place (the undefined weak's address came out as the load
 * base, and the reserve as the ELF magic).
 */
__attribute__((weak)) hidden const size_t tb__tss_bytes = 0;

size_t tb__tss_reserve(void)
{
	/* volatile: gcc (ppc64) folds a weak const's initializer, 0 */
	return *(const volatile size_t *)&tb__tss_bytes;
}

/* A reused mapping with this much TLS gets fresh pages rather than a memset. */
#define BIG_TLS ((size_t)64 << 10)

#define CACHE_SLOTS 8
#define CACHE_BYTES ((size_t)256 << 20)

static struct {
	uint32_t lock;
	unsigned n;
	size_t bytes;
	struct tb__thread *slot[CACHE_SLOTS];
} cache;

/* The critical sections are a few instructions; sleeping is never needed. */
static void cache_lock(void)
{
	while (__atomic_exchange_n(&cache.lock, 1, __ATOMIC_ACQUIRE))
		tb__syscall0(__NR_sched_yield);
}

static void cache_unlock(void)
{
	__atomic_store_n(&cache.lock, 0, __ATOMIC_RELEASE);
}

/* core/thread/handle.c's slot table shares the lock, and so its fork handling. */
void tb__cache_lock(void)
{
	cache_lock();
}

void tb__cache_unlock(void)
{
	cache_unlock();
}

static bool cache_put(struct tb__thread *t)
{
	bool ok = false;

	cache_lock();
	if (cache.n < CACHE_SLOTS && t->map_size <= CACHE_BYTES - cache.bytes) {
		cache.slot[cache.n++] = t;
		cache.bytes += t->map_size;
		ok = true;
	}
	cache_unlock();
	return ok;
}

/* A cached mapping of this shape whose thread is gone, or NULL. */
static struct tb__thread *cache_get(size_t total, size_t guard)
{
	struct tb__thread *t = NULL;

	cache_lock();
	for (unsigned i = cache.n; i-- > 0;) {
		struct tb__thread *c = cache.slot[i];

		if (c->map_size == total && c->guard_size == guard &&
		    !__atomic_load_n(&c->tid, __ATOMIC_ACQUIRE)) {
			cache.slot[i] = cache.slot[--cache.n];
			cache.bytes -= total;
			t = c;
			break;
		}
	}
	cache_unlock();
	return t;
}

/* Until t's tid word is 0: 0, or with cp (a join) -ECANCELED, t untouched */
static int wait_tid(struct tb__thread *t, bool cp)
{
	uint32_t tid;

	/* the kernel's CLONE_CHILD_CLEARTID wake is shared, never private */
	while ((tid = __atomic_load_n(&t->tid, __ATOMIC_ACQUIRE)) != 0)
		if ((cp ? tb__futex_wait_cp : tb__futex_wait)(&t->tid, tid, -1, true) == -ECANCELED)
			return -ECANCELED;
	return 0;
}

static void wait_gone(struct tb__thread *t)
{
	wait_tid(t, false);
}

/* wait_gone for a join (tb_thread_interrupt can end it) */
static int join_wait(struct tb__thread *t)
{
	return wait_tid(t, true);
}

void tb_thread_cache_trim(void)
{
	struct tb__thread *t;
	uint32_t slot;

	for (;;) {
		cache_lock();
		t = cache.n ? cache.slot[--cache.n] : NULL;
		if (t)
			cache.bytes -= t->map_size;
		cache_unlock();
		if (!t)
			return;
		wait_gone(t);
		slot = t->slot;
		tb__sys_munmap(t->map_base, t->map_size);
		tb__slot_free(slot);
	}
}

/*
 * tb_fork holds the cache lock across the fork so the child gets a
 * consistent cache. In the child only the forking thread exists: cached
 * mappings whose threads were still exiting are free.
 */
void tb__thread_fork(int phase)
{
	if (phase == TB__FORK_PREPARE) {
		cache_lock();
		return;
	}
	if (phase == TB__FORK_CHILD) {
		for (unsigned i = 0; i < cache.n; i++)
			cache.slot[i]->tid = 0;
		live = 1;
		if (tb__list_fork)
			tb__list_fork();
	}
	cache_unlock();
}

/* rt_sigprocmask, out of line: spawn and thread_start call it five times. */
static __attribute__((noinline)) void sigmask(int how, const void *set, struct tb__sigset *old)
{
	tb__syscall4(__NR_rt_sigprocmask, how, set, old, ARCH_SIGSET_BYTES);
}

static const unsigned long all_signals[16 / sizeof(unsigned long)] = { ~0UL, ~0UL
#if __SIZEOF_LONG__ == 4
	, ~0UL, ~0UL
#endif
};

static _Noreturn void exit_detached(struct tb__thread *t)
{
	unsigned long all[8];

	tb__slot_free(t->slot); /* its handle died at detach */
	for (unsigned i = 0; i < 8; i++)
		all[i] = ~0UL;
	/* No signal handler may run on a stack that is about to vanish, and the
	 * kernel must not write the cleared tid into memory another thread may
	 * have mapped again by then. */
	tb__syscall4(__NR_rt_sigprocmask, SIG_BLOCK, all, 0, ARCH_SIGSET_BYTES);
	tb__syscall1(__NR_set_tid_address, 0);
	tb__rseq_set(t, RSEQ_FLAG_UNREGISTER); /* nor its rseq fields (core/thread/rseq.c) */
	tb__unmap_and_exit(t->map_base, t->map_size);
}

/* Where each part of a thread's mapping lies (the picture above). */
struct parts {
	uintptr_t tls;			/* the TLS area (tls_layout.size bytes), aligned */
	uintptr_t keys;			/* tb__tss_reserve() bytes of key values */
	uintptr_t alt;			/* the alternate signal stack's base */
	uintptr_t stack_lo, stack_hi;	/* the stack; its starting end is ARCH_STACK_ALIGN-aligned */
	uintptr_t guard;		/* the guard pages' lowest address */
};

/* Slack map_size adds so that the upward layout can align keys and the stack start. */
#define KEYS_ALIGN 16
#define UP_SLACK (ARCH_STACK_GROWS_UP ? KEYS_ALIGN + ARCH_STACK_ALIGN : 0)

static void parts(uintptr_t base, size_t total, size_t guard, size_t alt, struct parts *p)
{
	const struct tb__tls_layout *lay = &tb__rt.tls_layout;
	uintptr_t end = base + total, a = lay->align;

	if (ARCH_STACK_GROWS_UP) {
		p->tls = (base + a - 1) & ~(a - 1);
		p->keys = (p->tls + lay->size + KEYS_ALIGN - 1) & ~(uintptr_t)(KEYS_ALIGN - 1);
		p->alt = p->keys + tb__tss_reserve();
		p->stack_lo = (p->alt + alt + ARCH_STACK_ALIGN - 1) & -(uintptr_t)ARCH_STACK_ALIGN;
		p->stack_hi = end - guard;
		p->guard = end - guard;
	} else {
		p->tls = (end - lay->size) & ~(a - 1);
		p->keys = p->tls - tb__tss_reserve();
		p->alt = p->keys - alt;
		p->stack_hi = p->alt & -(uintptr_t)ARCH_STACK_ALIGN;
		p->stack_lo = base + guard;
		p->guard = base;
	}
}

static void thread_parts(const struct tb__thread *t, struct parts *p)
{
	parts((uintptr_t)t->map_base, t->map_size, t->guard_size, t->alt_size, p);
}

void tb__thread_stack(const struct tb__thread *t, uintptr_t *lo, uintptr_t *hi)
{
	struct parts p;

	thread_parts(t, &p);
	*lo = p.stack_lo;
	*hi = p.stack_hi;
}

bool tb__in_guard(const struct tb__thread *t, uintptr_t a)
{
	struct parts p;

	thread_parts(t, &p);
	return a >= p.guard && a - p.guard < t->guard_size;
}

void tb__thread_exit_work(struct tb__thread *t, bool keys)
{
	for (int round = 0;; round++) {
		void (*cb)(struct tb__thread *) = __atomic_load_n(&tb__exit_callbacks, __ATOMIC_ACQUIRE);
		bool (*k)(struct tb__thread *, int) = __atomic_load_n(&tb__exit_keys, __ATOMIC_ACQUIRE);

		if (cb)
			cb(t);
		if (!keys || !k || !k(t, round))
			return;
	}
}

bool tb__tid_hold(struct tb__thread *t)
{
	while (__atomic_exchange_n(&t->tid_lock, 1, __ATOMIC_SEQ_CST))
		tb__syscall0(__NR_sched_yield);
	if (__atomic_load_n(&t->state, __ATOMIC_SEQ_CST) != TB__COMPLETED)
		return true;
	tb__tid_release(t);
	return false;
}

void tb__tid_release(struct tb__thread *t)
{
	__atomic_store_n(&t->tid_lock, 0, __ATOMIC_RELEASE);
}

/* Everything after fn; returns when the caller may exit normally. */
static void finish(struct tb__thread *t)
{
	uint32_t old;

	tb__thread_exit_work(t, true);
	if (tb__list_exit)
		tb__list_exit(t); /* off the list before it counts as finished */
	old = __atomic_exchange_n(&t->state, TB__COMPLETED, __ATOMIC_SEQ_CST);
	while (__atomic_load_n(&t->tid_lock, __ATOMIC_SEQ_CST))
		tb__syscall0(__NR_sched_yield);
	if (__atomic_sub_fetch(&live, 1, __ATOMIC_ACQ_REL) == 0)
		tb__exit_process(0); /* the main thread has exited, and this was the last */
	if (old == TB__DETACHED && t->map_base && !cache_put(t))
		exit_detached(t);
}

static int thread_start(void *p)
{
	struct tb__thread *t = p;

	tb__rseq_set(t, 0); /* register */
	if (t->flags & TB__F_NAME_PENDING) {
		struct tb__sigset mask;

		/* tb_thread_set_name may be renaming us meanwhile: apply what it left.
		 * Signals wait while we hold our name lock: a handler here may ask
		 * for this thread's name (threadbare.h allows it). */
		sigmask(SIG_BLOCK, all_signals, &mask);
		while (__atomic_exchange_n(&t->name_lock, 1, __ATOMIC_ACQUIRE))
			tb__syscall0(__NR_sched_yield);
		tb__syscall2(__NR_prctl, PR_SET_NAME, t->name);
		t->flags &= ~TB__F_NAME_PENDING;
		__atomic_store_n(&t->name_lock, 0, __ATOMIC_RELEASE);
		sigmask(SIG_SETMASK, &mask, 0);
	}
	if (t->alt_size) {
		stack_t ss = { 0 };
		struct parts part;

		thread_parts(t, &part);
		ss.ss_sp = (void *)part.alt;
		ss.ss_size = t->alt_size;
		tb__syscall2(__NR_sigaltstack, &ss, 0);
	}
	/* the mask asked for: signals open only now that the thread is whole */
	sigmask(SIG_SETMASK, t->sigmask, 0);
	t->result = t->fn(t->arg);
	finish(t);
	return 0;
}

_Noreturn void tb_thread_exit(int result)
{
	struct tb__thread *t = tb__self();

	t->result = result;
	finish(t);
	for (;;)
		tb__syscall1(__NR_exit, 0);
}

static int map_size(const struct tb_thread_config *cfg, size_t alt, size_t *guard_out,
		    size_t *total_out)
{
	size_t page = tb__rt.page_size;
	size_t stack = cfg && cfg->stack_size ? cfg->stack_size : TB_THREAD_STACK_DEFAULT;
	size_t guard = cfg && cfg->guard_size ? cfg->guard_size : page;
	size_t align = tb__rt.tls_layout.align;
	size_t total;

	/* round up to pages; the sums below cannot wrap when each term is below SIZE_MAX/4 */
	if (stack > SIZE_MAX / 4 || guard > SIZE_MAX / 4)
		return -ENOMEM;
	stack = (stack + page - 1) & ~(page - 1);
	guard = (guard + page - 1) & ~(page - 1);
	total = guard + stack + alt + tb__tss_reserve() + (align > page ? align - page : 0) +
		tb__rt.tls_layout.size + UP_SLACK;
	total = (total + page - 1) & ~(page - 1);
	*guard_out = guard;
	*total_out = total;
	return 0;
}

TB__NO_SSP int tb_thread_spawn(struct tb_thread **out, const struct tb_thread_config *cfg,
		    int (*fn)(void *arg), void *arg)
{
	const struct tb__tls_layout *lay = &tb__rt.tls_layout;
	size_t page = tb__rt.page_size;
	struct arch_clone_tls scratch;
	struct tb__sigset caller_mask;
	const unsigned long *new_mask;
	struct tb__thread *t;
	size_t guard, total, alt, nlen = 0;
	struct parts p;
	uintptr_t tp, handle;
	uint32_t slot;
	bool zeroed;
	long base;
	int r;

	if (!out || !fn)
		return -EINVAL;
	if (cfg && cfg->name && (nlen = name_len(cfg->name)) > TB_THREAD_NAME_MAX)
		return -ERANGE;
	if (unlikely(!page))
		return -EPERM;
	alt = __atomic_load_n(&tb__alt_stack_bytes, __ATOMIC_RELAXED);
	if (cfg && cfg->alt_stack_size) {
		size_t want = cfg->alt_stack_size;

		if (want > SIZE_MAX / 4)
			return -ENOMEM;
		want = want < TB_THREAD_ALT_STACK_MIN ? TB_THREAD_ALT_STACK_MIN : want;
		want = (want + page - 1) & ~(page - 1);
		alt = want > alt ? want : alt;
	}
	r = map_size(cfg, alt, &guard, &total);
	if (r)
		return r;

	t = cache_get(total, guard);
	if (t) {
		base = (long)t->map_base;
		slot = t->slot; /* the mapping keeps its handle slot (the TLS install clears t) */
		zeroed = false;
	} else {
		base = tb__sys_mmap(0, total, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS);
		if (tb__is_err(base))
			return (int)base == -EAGAIN ? -EAGAIN : -ENOMEM;
		r = tb__slot_new(&slot);
		if (r) {
			tb__sys_munmap((void *)base, total);
			return r;
		}
		/* everything but the guard, at whichever end the stack grows to */
		r = tb__sys_mprotect((char *)base + (ARCH_STACK_GROWS_UP ? 0 : guard), total - guard,
				     PROT_READ | PROT_WRITE);
		if (r)
			goto fail;
		zeroed = true;
	}

	parts((uintptr_t)base, total, guard, alt, &p);
	if (!zeroed && lay->size >= BIG_TLS) {
		/* fresh zero pages instead of a memset that would commit them all */
		uintptr_t from = p.tls & ~(uintptr_t)(page - 1);
		uintptr_t to = (p.tls + lay->size + page - 1) & ~(uintptr_t)(page - 1);
		long m = tb__sys_mmap((void *)from, to - from, PROT_READ | PROT_WRITE,
				      MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED);

		r = -ENOMEM;
		if (tb__is_err(m))
			goto fail;
		zeroed = true;
	}
	tp = tb__tls_install((void *)p.tls, &tb__rt.tls, lay, zeroed);
	t = tb__thread_in(p.tls, lay);
	t->self = t;
	tb__rseq_of(t)->cpu_id = (uint32_t)RSEQ_CPU_ID_UNINITIALIZED; /* until it registers */
	tb__ssp_inherit(t); /* the stack-protector canary, before the thread runs */
	t->fn = fn;
	t->arg = arg;
	t->map_base = (void *)base;
	t->map_size = total;
	t->guard_size = guard;
	t->alt_size = alt;
	t->handle = handle = tb__handle_issue(t, slot);
	if (tb__tss_reserve())
		t->tss = (struct tb__tss_slot *)p.keys;
	if (nlen) {
		for (size_t i = 0; i < nlen; i++)
			t->name[i] = cfg->name[i];
		t->flags = TB__F_NAME_PENDING;
	}

	__atomic_add_fetch(&live, 1, __ATOMIC_RELAXED);
	/* every signal blocked from here to the clone: the thread starts so */
	if (tb__list_enter)
		tb__list_enter(&caller_mask);
	else
		sigmask(SIG_BLOCK, all_signals, &caller_mask);
	new_mask = cfg && cfg->sigmask ? cfg->sigmask->word : caller_mask.w;
	for (size_t i = 0; i < sizeof(t->sigmask) / sizeof(t->sigmask[0]); i++)
		t->sigmask[i] = new_mask[i];
	/* the stack's starting end: its top, or its base where it grows up */
	r = tb__clone(thread_start, (void *)(ARCH_STACK_GROWS_UP ? p.stack_lo : p.stack_hi),
		      CLONE_THREAD_FLAGS, t, &t->tid, arch_clone_tls(&scratch, tp), &t->tid);
	if (tb__list_enter)
		tb__list_leave(r >= 0 ? t : NULL, NULL);
	sigmask(SIG_SETMASK, &caller_mask, 0);
	if (r < 0) {
		__atomic_sub_fetch(&live, 1, __ATOMIC_RELAXED);
		goto fail;
	}
	*out = (struct tb_thread *)handle;
	return 0;
fail:
	tb__sys_munmap((void *)base, total);
	tb__slot_free(slot);
	return r == -EAGAIN ? -EAGAIN : -ENOMEM;
}

/* Unmaps t's mapping, which is not cached, and frees its handle slot. */
static void __attribute__((noinline, cold)) unmap_thread(struct tb__thread *t)
{
	uint32_t slot = t->slot;

	tb__sys_munmap(t->map_base, t->map_size);
	tb__slot_free(slot);
}

/* t is gone: its handle (slot s) dies; hand its mapping to the cache, or unmap it */
static inline __attribute__((always_inline)) int reap(struct tb__thread *t, struct tb__slot *s)
{
	int result = t->result;

	tb__handle_retire(s);
	if (unlikely(!cache_put(t)))
		unmap_thread(t);
	return result;
}

/* Why h cannot be joined: NULL, the caller, stale, or the main thread's. */
static int __attribute__((noinline, cold)) join_error(struct tb_thread *h, const struct tb__thread *t)
{
	if (!h)
		return -EINVAL;
	if ((uintptr_t)h == tb__self()->handle)
		return -EDEADLK;
	return t ? -EINVAL : -ESRCH;
}

/*
 * The thread handle h names, for a join: 0 and *t, *s, or the errno
 * thread.h gives. The caller's own handle is found only when it would have
 * to wait (its tid is not 0), off the fast path.
 */
static inline __attribute__((always_inline)) int joinable(struct tb_thread *h,
							  struct tb__thread **t,
							  struct tb__slot **s)
{
	*t = tb__handle_slot(h, s);
	if (unlikely(!*t || !(*t)->map_base))
		return join_error(h, *t);
	if (unlikely(__atomic_load_n(&(*t)->tid, __ATOMIC_RELAXED) && *t == tb__self()))
		return -EDEADLK;
	return 0;
}

int tb_thread_join_result(struct tb_thread *h, int *result)
{
	struct tb__thread *t;
	struct tb__slot *s;
	int r = joinable(h, &t, &s);

	if (unlikely(r))
		return r;
	if (unlikely(join_wait(t)))
		return -ECANCELED;
	r = reap(t, s);
	if (result)
		*result = r;
	return 0;
}

int tb_thread_join(struct tb_thread *h)
{
	struct tb__thread *t;
	struct tb__slot *s;
	int r = joinable(h, &t, &s);

	if (unlikely(r))
		return r;
	if (unlikely(join_wait(t)))
		return -ECANCELED;
	return reap(t, s);
}

int tb_thread_timedjoin(struct tb_thread *h, int64_t timeout_ns, int *result)
{
	struct tb__thread *t;
	struct tb__slot *s;
	int64_t deadline, left;
	uint32_t tid;
	int r = joinable(h, &t, &s);

	if (r)
		return r;
	deadline = tb__deadline(timeout_ns);
	while ((tid = __atomic_load_n(&t->tid, __ATOMIC_ACQUIRE)) != 0) {
		left = deadline < 0 ? -1 : deadline - tb__now_ns();
		if (deadline >= 0 && left <= 0)
			return -ETIMEDOUT;
		if (tb__futex_wait_cp(&t->tid, tid, left, true) == -ECANCELED)
			return -ECANCELED;
	}
	r = reap(t, s);
	if (result)
		*result = r;
	return 0;
}

int tb_thread_detach(struct tb_thread *h)
{
	struct tb__slot *s;
	struct tb__thread *t = h ? tb__handle_slot(h, &s) : NULL;
	uint32_t old;

	if (!h)
		return -EINVAL;
	if (!t)
		return -ESRCH; /* joined, detached already, or never issued */
	/* the handle dies now, for every thread but t itself (tb__thread_of) */
	tb__handle_retire(s);
	old = __atomic_exchange_n(&t->state, TB__DETACHED, __ATOMIC_ACQ_REL);
	/* already finished: cache its mapping without waiting for the kernel to
	 * be done with it (cache_get checks), or wait and unmap */
	if (old == TB__COMPLETED && t->map_base && !cache_put(t)) {
		wait_gone(t);
		unmap_thread(t);
	}
	return 0;
}

struct tb_thread *tb_thread_self(void)
{
	struct tb__thread *t = tb__self();

	if (unlikely(!t->handle))
		return (struct tb_thread *)tb__handle_main(t); /* only the main thread starts without one */
	return (struct tb_thread *)t->handle;
}

uint32_t tb_thread_id(void)
{
	return tb__self()->tid;
}

