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
 */
#include <threadbare/mutex.h>
#include <linux/errno.h>
#include "../internal.h"

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
	uint32_t s = UNLOCKED;

	if (unlikely(!__atomic_compare_exchange_n(&m->state, &s, LOCKED, true, __ATOMIC_ACQUIRE,
						  __ATOMIC_RELAXED)))
		lock_slow(m);
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
	uint32_t old = __atomic_exchange_n(&m->state, UNLOCKED, __ATOMIC_RELEASE);

#if TB_DEBUG
	if (old == UNLOCKED)
		tb__crash("tb_mutex_unlock: the mutex is not locked");
#endif
	tb__chaos();
	if (unlikely(old == CONTENDED))
		tb__futex_wake(&m->state, 1, false);
}
