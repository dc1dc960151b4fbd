/*
 * Mutex: one futex word (Drepper's "mutex 2", as Zig's and Rust's are).
 *
 *   UNLOCKED  0  free
 *   LOCKED    1  held, and no thread sleeps on the word
 *   CONTENDED 2  held, and threads may sleep on the word
 *
 *   lock:    0 -> 1 by CAS (the fast path: no system call). Otherwise
 *            exchange the word with CONTENDED: an old value of UNLOCKED
 *            means we own it; else futex-wait while it is CONTENDED, and
 *            repeat.
 *   unlock:  exchange with UNLOCKED; if the old value was CONTENDED, wake one.
 *
 * A thread that slept takes the lock as CONTENDED, so the next unlock wakes
 * the next sleeper: at worst one needless wake, never a lost one.
 *
 * No spinning before sleeping: on 16 cores (bench/scaling.sh) a 100-pause
 * spin made contended locking 1.2-1.4x glibc's time at 2-16 threads, and
 * without it the mutex is 0.7-0.9x glibc's.
 *
 * The uncontended pair is lock cmpxchg + xchg (5 + 5 instructions), the
 * same two atomic instructions musl uses, in a third of its instructions
 * (scripts/bench-counts.sh: 20 per pair with the loop, glibc 67, musl 65).
 * Two variants, off by default, are kept for scripts/bench-variants.sh,
 * which times them against musl: TB__MUTEX_LOCK_XCHG=1 (lock by xchg) and
 * TB__MUTEX_UNLOCK_SUB=1 (unlock by lock sub, as Drepper's "mutex 3").
 */
#include <threadbare/mutex.h>
#include <linux/errno.h>
#include "../internal.h"

#ifndef TB__MUTEX_LOCK_XCHG
#define TB__MUTEX_LOCK_XCHG 0
#endif
#ifndef TB__MUTEX_UNLOCK_SUB
#define TB__MUTEX_UNLOCK_SUB 0
#endif

enum { UNLOCKED = 0, LOCKED = 1, CONTENDED = 2 };

static void lock_slow(struct tb_mutex *m)
{
	tb__chaos();
	if (__atomic_load_n(&m->state, __ATOMIC_RELAXED) == CONTENDED)
		tb__futex_wait(&m->state, CONTENDED, -1, false);
	while (__atomic_exchange_n(&m->state, CONTENDED, __ATOMIC_ACQUIRE) != UNLOCKED) {
		tb__chaos();
		tb__futex_wait(&m->state, CONTENDED, -1, false);
	}
}

void tb_mutex_lock(struct tb_mutex *m)
{
#if TB__MUTEX_LOCK_XCHG
	/* a variant (scripts/bench-variants.sh): swap in LOCKED. Over CONTENDED
	 * that hides the sleepers from the holder's unlock until lock_slow swaps
	 * CONTENDED back in; then this thread's own unlock wakes one */
	if (unlikely(__atomic_exchange_n(&m->state, LOCKED, __ATOMIC_ACQUIRE) != UNLOCKED))
		lock_slow(m);
#else
	uint32_t s = UNLOCKED;

	if (unlikely(!__atomic_compare_exchange_n(&m->state, &s, LOCKED, true, __ATOMIC_ACQUIRE,
						  __ATOMIC_RELAXED)))
		lock_slow(m);
#endif
}

/*
 * The slow path of lock, until a deadline. A waiter that gives up leaves the
 * word CONTENDED (it swapped that in), so the holder's unlock still wakes
 * the next sleeper: a timeout never strands one.
 */
int tb_mutex_timedlock(struct tb_mutex *m, int64_t timeout_ns)
{
	uint32_t s = UNLOCKED;
	int64_t deadline;

	if (likely(__atomic_compare_exchange_n(&m->state, &s, LOCKED, false, __ATOMIC_ACQUIRE,
					       __ATOMIC_RELAXED)))
		return 0;
	if (timeout_ns == 0)
		return -ETIMEDOUT;
	deadline = tb__deadline(timeout_ns);
	while (__atomic_exchange_n(&m->state, CONTENDED, __ATOMIC_ACQUIRE) != UNLOCKED) {
		tb__chaos();
		if (tb__futex_wait_until(&m->state, CONTENDED, deadline) == -ETIMEDOUT)
			return -ETIMEDOUT;
	}
	return 0;
}

bool tb_mutex_trylock(struct tb_mutex *m)
{
	uint32_t s = UNLOCKED;

	return __atomic_compare_exchange_n(&m->state, &s, LOCKED, false, __ATOMIC_ACQUIRE,
					   __ATOMIC_RELAXED);
}

void tb_mutex_unlock(struct tb_mutex *m)
{
#if TB__MUTEX_UNLOCK_SUB
	/* a variant (scripts/bench-variants.sh): subtract 1 (lock sub, flags
	 * only). From CONTENDED that leaves LOCKED; store UNLOCKED, then wake
	 * one: a locker that swapped CONTENDED in meanwhile is overwritten, but
	 * the wake that follows reaches a sleeper, who swaps CONTENDED back */
	uint32_t old = LOCKED;

	/* only the flags of the result: lock sub, not lock xadd (so TB_DEBUG
	 * cannot tell an unlock of an unlocked mutex here) */
	if (unlikely(__atomic_sub_fetch(&m->state, 1, __ATOMIC_RELEASE) != UNLOCKED)) {
		old = CONTENDED;
		__atomic_store_n(&m->state, UNLOCKED, __ATOMIC_RELEASE);
	}
#else
	uint32_t old = __atomic_exchange_n(&m->state, UNLOCKED, __ATOMIC_RELEASE);
#endif

#if TB_DEBUG
	if (old == UNLOCKED)
		tb__crash("tb_mutex_unlock: the mutex is not locked");
#endif
	tb__chaos();
	if (unlikely(old == CONTENDED))
		tb__futex_wake(&m->state, 1, false);
}
