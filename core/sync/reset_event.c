/*
 * Manual-reset event: one futex word (Zig's ResetEvent, plus a bounded spin
 * and a deadline).
 *
 *   UNSET    0  not set, nobody sleeps
 *   WAITING  1  not set, threads may sleep on the word
 *   SET      2  set; waits return at once
 *
 *   wait:   spin at most TB__SPIN times for SET; then UNSET -> WAITING (CAS)
 *           and futex-wait while WAITING (until the deadline)
 *   set:    exchange with SET (release); if the old value was WAITING, wake all
 *   reset:  store UNSET (no thread may be waiting)
 *
 * A timed-out wait leaves WAITING behind; the next set then makes one
 * needless wake call, which is harmless. Setting an event that is already
 * set, or that nobody waits on, makes no system call.
 */
#include <threadbare/reset_event.h>
#include <linux/errno.h>
#include "../internal.h"

enum { UNSET = 0, WAITING = 1, SET = 2 };

bool tb_event_is_set(const struct tb_event *e)
{
	return __atomic_load_n(&e->state, __ATOMIC_ACQUIRE) == SET;
}

static int wait_until(struct tb_event *e, int64_t deadline)
{
	uint32_t s = __atomic_load_n(&e->state, __ATOMIC_RELAXED);

	for (int i = 0; s != SET && i < tb__spin_limit(); i++) {
		arch_spin_hint();
		s = __atomic_load_n(&e->state, __ATOMIC_RELAXED);
	}
	if (s == UNSET)
		__atomic_compare_exchange_n(&e->state, &s, WAITING, false, __ATOMIC_RELAXED,
					    __ATOMIC_RELAXED);
	tb__chaos();
	if (s != SET) { /* s is WAITING, from the CAS or from another waiter */
		for (;;) {
			int r = tb__futex_wait_until_cp(&e->state, WAITING, deadline);

			if (__atomic_load_n(&e->state, __ATOMIC_RELAXED) != WAITING)
				break;
			if (r == -ETIMEDOUT || r == -ECANCELED)
				return r;
		}
	}
	__atomic_thread_fence(__ATOMIC_ACQUIRE); /* pairs with set's release */
	return 0;
}

int tb_event_wait(struct tb_event *e)
{
	return tb_event_is_set(e) ? 0 : wait_until(e, -1);
}

int tb_event_timedwait(struct tb_event *e, int64_t timeout_ns)
{
	if (tb_event_is_set(e))
		return 0;
	if (timeout_ns == 0)
		return -ETIMEDOUT;
	return wait_until(e, tb__deadline(timeout_ns));
}

void tb_event_set(struct tb_event *e)
{
	if (__atomic_load_n(&e->state, __ATOMIC_RELAXED) == SET)
		return;
	tb__chaos();
	if (__atomic_exchange_n(&e->state, SET, __ATOMIC_RELEASE) == WAITING)
		tb__futex_wake(&e->state, UINT32_MAX, false);
}

void tb_event_reset(struct tb_event *e)
{
	__atomic_store_n(&e->state, UNSET, __ATOMIC_RELAXED);
}
