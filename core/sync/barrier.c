/*
 * Barrier: an arrival count and a round number (the futex word).
 *
 *   wait:  r = round (acquire); a = ++arrived (acq_rel)
 *          a == count: arrived = 0; round = r + 1 (release); wake all;
 *                      return TB_BARRIER_SERIAL
 *          else: futex-wait while round == r; return 0
 *
 * Invariant: arrived counts the callers of the round numbered round, and is
 * reset only by that round's last arrival, before it bumps round. A caller
 * of the next round has returned from this one, so it read the new round
 * (acquire, after the reset): it never counts toward an old round and never
 * reads a stale round number. With exactly count threads per round, a
 * round cannot complete before all of its callers have read r, so a waiter
 * sleeps only while its own round is open, and the bump of round and the
 * wake-all that follows release it. Exactly one arrival sees a == count:
 * one TB_BARRIER_SERIAL per round.
 */
#include <threadbare/barrier.h>
#include <linux/errno.h>
#include "../internal.h"

int tb_barrier_init(struct tb_barrier *b, uint32_t count)
{
	if (!b || count == 0)
		return -EINVAL;
	b->count = count;
	b->arrived = 0;
	b->round = 0;
	return 0;
}

int tb_barrier_wait(struct tb_barrier *b)
{
	uint32_t count = __atomic_load_n(&b->count, __ATOMIC_RELAXED);
	uint32_t r, a;

	if (unlikely(count == 0))
		return -EINVAL;
	r = __atomic_load_n(&b->round, __ATOMIC_ACQUIRE);
	tb__chaos();
	a = __atomic_add_fetch(&b->arrived, 1, __ATOMIC_ACQ_REL);
	if (a == count) {
		__atomic_store_n(&b->arrived, 0, __ATOMIC_RELAXED);
		tb__chaos();
		__atomic_store_n(&b->round, r + 1, __ATOMIC_RELEASE);
		if (count > 1)
			tb__futex_wake(&b->round, UINT32_MAX, false);
		return TB_BARRIER_SERIAL;
	}
	for (int i = 0; i < tb__spin_limit(); i++) {
		if (__atomic_load_n(&b->round, __ATOMIC_ACQUIRE) != r)
			return 0;
		arch_spin_hint();
	}
	while (__atomic_load_n(&b->round, __ATOMIC_ACQUIRE) == r)
		tb__futex_wait(&b->round, r, -1, false);
	return 0;
}
