/*
 * Wait group: one futex word holding the pending count and a waiters bit.
 *
 *   bits 0-30  pending units
 *   bit 31     WAITING: threads may sleep on the word
 *
 *   add(n):  count += n
 *   done:    count -= 1 (release); if it reached 0 with WAITING set:
 *            clear WAITING and wake all
 *   wait:    while count != 0: set WAITING (CAS), futex-wait on the value
 *            with WAITING set
 *
 * Misuse: a done with the count at 0 is seen in the old value fetch_sub
 * returns; debug builds crash, release builds add the 1 back and wake the
 * waiters (a waiter may have slept on the wrapped value), so the group works
 * on: one compare on the fast path, no atomic.
 *
 * Zig's WaitGroup keeps a usize count beside a ResetEvent, allows one waiter,
 * and must be reset before reuse (its is_waiting bit stays set). Here any
 * number of threads may wait, and the word is 0 again once the count reaches
 * zero, so reset is only needed to abandon pending work.
 */
#include <linux/errno.h>
#include "../internal.h"
#include <threadbare/wait_group.h>

#define WAITING (1u << 31)
#define COUNT (WAITING - 1)

void tb_wait_group_add(struct tb_wait_group *wg, uint32_t n)
{
	uint32_t old = __atomic_fetch_add(&wg->state, n, __ATOMIC_RELAXED);

#if TB_DEBUG
	if (n > COUNT - (old & COUNT))
		tb__crash("tb_wait_group_add: count overflow");
#else
	(void)old;
#endif
}

void tb_wait_group_done(struct tb_wait_group *wg)
{
	uint32_t old = __atomic_fetch_sub(&wg->state, 1, __ATOMIC_RELEASE);

	if (unlikely(!(old & COUNT))) {
		if (TB_DEBUG)
			tb__crash("tb_wait_group_done: more done than add");
		__atomic_fetch_add(&wg->state, 1, __ATOMIC_RELAXED);
		tb__futex_wake(&wg->state, UINT32_MAX, false);
		return;
	}
	if (old == (WAITING | 1)) {
		tb__chaos();
		__atomic_fetch_and(&wg->state, ~WAITING, __ATOMIC_RELAXED);
		tb__futex_wake(&wg->state, UINT32_MAX, false);
	}
}

int tb_wait_group_wait(struct tb_wait_group *wg)
{
	uint32_t s = __atomic_load_n(&wg->state, __ATOMIC_ACQUIRE);

	while (s & COUNT) {
		if (!(s & WAITING) && !__atomic_compare_exchange_n(&wg->state, &s, s | WAITING, false,
								  __ATOMIC_ACQUIRE, __ATOMIC_ACQUIRE))
			continue;
		tb__chaos();
		if (tb__futex_wait_cp(&wg->state, s | WAITING, -1, false) == -ECANCELED)
			return -ECANCELED; /* tb_thread_interrupt */
		s = __atomic_load_n(&wg->state, __ATOMIC_ACQUIRE);
	}
	return 0;
}

bool tb_wait_group_is_done(const struct tb_wait_group *wg)
{
	return (__atomic_load_n(&wg->state, __ATOMIC_ACQUIRE) & COUNT) == 0;
}

void tb_wait_group_reset(struct tb_wait_group *wg)
{
	__atomic_store_n(&wg->state, 0, __ATOMIC_RELAXED);
}
