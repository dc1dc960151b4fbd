/*
 * Counting semaphore: the permit count is the futex word itself, and a count
 * of possible sleepers lets post skip the wake when nobody sleeps.
 *
 *   permits  available permits; waiters sleep on it while it is 0
 *   waiters  threads in the slow path of a wait
 *
 *   wait:  take: permits p -> p-1 by CAS while p > 0 (no system call).
 *          Else spin at most TB__SPIN times for a permit, then
 *          waiters++; loop { take, or futex-wait while permits == 0
 *          (until the deadline) }; waiters--
 *   post:  permits++; if waiters: wake 1
 *
 * No lost wake-up: waiters++ and the load of permits in wait, and permits++
 * and the load of waiters in post, are all seq_cst. So either post sees the
 * sleeper and wakes it, or the sleeper sees the permit; and a futex wait on
 * permits == 0 cannot sleep through a post that made it non-zero. A timed
 * wait always tries to take a permit after being woken, so a wake aimed at it
 * is never wasted while a permit is left.
 *
 * Zig's Semaphore is a mutex, a condition and a count; this one takes a free
 * permit with one CAS and posts with one RMW, and has a timed wait (added to
 * Zig in 2024, #18805).
 */
#include <threadbare/semaphore.h>
#include <linux/errno.h>
#include "../internal.h"

static bool take(struct tb_sem *s)
{
	uint32_t p = __atomic_load_n(&s->permits, __ATOMIC_SEQ_CST);

	while (p != 0)
		if (__atomic_compare_exchange_n(&s->permits, &p, p - 1, true, __ATOMIC_SEQ_CST,
						__ATOMIC_SEQ_CST))
			return true;
	return false;
}

static int wait_until(struct tb_sem *s, int64_t deadline)
{
	int r = 0;

	for (int i = 0; i < tb__spin_limit() && !__atomic_load_n(&s->permits, __ATOMIC_RELAXED); i++)
		arch_spin_hint();
	if (take(s))
		return 0;
	__atomic_fetch_add(&s->waiters, 1, __ATOMIC_SEQ_CST);
	tb__chaos();
	while (!take(s)) {
		tb__chaos();
		r = tb__futex_wait_until_cp(&s->permits, 0, deadline);
		if (r == -ETIMEDOUT) {
			r = take(s) ? 0 : -ETIMEDOUT;
			break;
		}
		if (r == -ECANCELED) /* tb_thread_interrupt: no permit taken */
			break;
		r = 0;
	}
	__atomic_fetch_sub(&s->waiters, 1, __ATOMIC_RELAXED);
	return r;
}

int tb_sem_wait(struct tb_sem *s)
{
	return take(s) ? 0 : wait_until(s, -1);
}

int tb_sem_timedwait(struct tb_sem *s, int64_t timeout_ns)
{
	if (take(s))
		return 0;
	if (timeout_ns == 0)
		return -ETIMEDOUT;
	return wait_until(s, tb__deadline(timeout_ns));
}

void tb_sem_post(struct tb_sem *s)
{
	uint32_t old = __atomic_fetch_add(&s->permits, 1, __ATOMIC_SEQ_CST);

#if TB_DEBUG
	if (old == UINT32_MAX)
		tb__crash("tb_sem_post: too many permits");
#else
	(void)old;
#endif
	tb__chaos();
	if (__atomic_load_n(&s->waiters, __ATOMIC_SEQ_CST))
		tb__futex_wake(&s->permits, 1, false);
}
