/*
 * Mutex: one futex word (Drepper's "mutex 2", as Zig's and Rust's are).
 *
 *   UNLOCKED  0  free
 *   LOCKED    1  held, and no thread sleeps on the word
 *   CONTENDED 2  held, and threads may sleep on the word
 *
 *   lock:    0 -> 1 by CAS (the fast path: no system call).
 *            Otherwise spin at most TB__SPIN times while the word is LOCKED
 *            (the holder may leave soon), then exchange the word with
 *            CONTENDED: an old value of UNLOCKED means we own it; else
 *            futex-wait while it is CONTENDED, and repeat.
 *   unlock:  exchange with UNLOCKED; if the old value was CONTENDED, wake one.
 *
 * A thread that slept takes the lock as CONTENDED, so the next unlock wakes
 * the next sleeper: at worst one needless wake, never a lost one. The spin
 * stops as soon as the word is CONTENDED (others are already asleep: spinning
 * would only steal the lock from them).
 */
#include <threadbare/mutex.h>
#include "internal.h"

enum { UNLOCKED = 0, LOCKED = 1, CONTENDED = 2 };

static uint32_t spin(struct tb_mutex *m)
{
	uint32_t s = __atomic_load_n(&m->state, __ATOMIC_RELAXED);

	for (int i = 0; s == LOCKED && i < tb__spin_limit(); i++) {
		arch_spin_hint();
		s = __atomic_load_n(&m->state, __ATOMIC_RELAXED);
	}
	return s;
}

static void lock_slow(struct tb_mutex *m)
{
	uint32_t s = spin(m);

	/* only a thread that never slept may take it as LOCKED: a sleeper must
	 * take it as CONTENDED, or the others asleep would never be woken */
	if (s == UNLOCKED && __atomic_compare_exchange_n(&m->state, &s, LOCKED, false,
							 __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
		return;
	for (;;) {
		if (s != CONTENDED &&
		    __atomic_exchange_n(&m->state, CONTENDED, __ATOMIC_ACQUIRE) == UNLOCKED)
			return;
		tb__futex_wait(&m->state, CONTENDED, -1, false);
		s = spin(m);
	}
}

void tb_mutex_lock(struct tb_mutex *m)
{
	uint32_t s = UNLOCKED;

	if (unlikely(!__atomic_compare_exchange_n(&m->state, &s, LOCKED, true, __ATOMIC_ACQUIRE,
						  __ATOMIC_RELAXED)))
		lock_slow(m);
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
	if (unlikely(old == CONTENDED))
		tb__futex_wake(&m->state, 1, false);
}
