/*
 * Condition variable (Zig's futex Condition): a state word counting waiters
 * and pending signals, and an epoch word that waiters sleep on.
 *
 *   state   bits 0-15: waiters (threads inside wait)
 *           bits 16-31: signals sent to them and not yet taken (<= waiters)
 *   epoch   bumped by every signal or broadcast that found someone to wake
 *
 *   wait:       e = epoch; waiters++; unlock(m)
 *               loop: futex-wait on epoch while it is e (until the deadline);
 *                     take a pending signal if there is one (waiters--,
 *                     signals--) and return 0; on timeout, with none
 *                     pending, waiters-- and return -ETIMEDOUT
 *               lock(m) on every return
 *   signal:     if waiters > signals: signals++, epoch++, wake 1
 *   broadcast:  if waiters > signals: signals = waiters, epoch++, wake them
 *
 * A waiter already signalled but not yet running is not signalled again: a
 * signal with nobody left to wake costs no system call (a pool's submitter
 * signals once per job). The waiter reads epoch before it counts itself, so
 * a signal that counts it also changes the epoch it is about to sleep on.
 * Orderings (Zig's): the waiter's epoch load is acquire and precedes its
 * state RMW; the signaller's state CAS is release and precedes the epoch
 * bump. At most 65535 threads may wait on one condition at once.
 *
 * A waiter spins briefly before sleeping (not when confined to one CPU): an
 * unpinned ping-pong on 2 vCPUs drops from ~1.0x to ~0.75x glibc's round
 * trip, since a sleeper on the idle vCPU costs ~40 us to wake.
 */
#include <threadbare/condition.h>
#include <threadbare/mutex.h>
#include <linux/errno.h>
#include "internal.h"

#define ONE_WAITER 1u
#define WAITER_MASK 0xffffu
#define ONE_SIGNAL (1u << 16)

/* Takes a pending signal if there is one; s is the current state. */
static bool take_signal(struct tb_cond *c, uint32_t s)
{
	while (s >> 16) {
		if (__atomic_compare_exchange_n(&c->state, &s, s - ONE_WAITER - ONE_SIGNAL, true,
						__ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
			return true;
	}
	return false;
}

static int wait_until(struct tb_cond *c, struct tb_mutex *m, int64_t deadline)
{
	uint32_t e = __atomic_load_n(&c->epoch, __ATOMIC_ACQUIRE);
	uint32_t s = __atomic_fetch_add(&c->state, ONE_WAITER, __ATOMIC_RELAXED);
	int r = 0;

	if (TB_DEBUG && (s & WAITER_MASK) == WAITER_MASK)
		tb__crash("tb_cond_wait: more than 65535 waiters");
	tb_mutex_unlock(m);
	for (;;) {
		int w;

		/* a brief spin catches a signal that comes at once (a ping-pong)
		 * without the futex round trip; none when confined to one CPU */
		for (int i = 0; i < tb__spin_limit() &&
				__atomic_load_n(&c->epoch, __ATOMIC_ACQUIRE) == e; i++)
			arch_spin_hint();
		w = tb__futex_wait_until(&c->epoch, e, deadline);

		/* epoch before state: a signal we do not see in state below bumps
		 * epoch after this load, so the next futex wait returns at once */
		e = __atomic_load_n(&c->epoch, __ATOMIC_ACQUIRE);
		s = __atomic_load_n(&c->state, __ATOMIC_RELAXED);
		if (take_signal(c, s))
			break;
		if (w == -ETIMEDOUT) {
			/* gave up; a signal that arrives meanwhile is still taken */
			s = __atomic_load_n(&c->state, __ATOMIC_RELAXED);
			for (;;) {
				if (take_signal(c, s))
					break;
				s = __atomic_load_n(&c->state, __ATOMIC_RELAXED);
				if (__atomic_compare_exchange_n(&c->state, &s, s - ONE_WAITER, true,
								__ATOMIC_RELAXED, __ATOMIC_RELAXED)) {
					r = -ETIMEDOUT;
					break;
				}
			}
			break;
		}
	}
	tb_mutex_lock(m);
	return r;
}

void tb_cond_wait(struct tb_cond *c, struct tb_mutex *m)
{
	wait_until(c, m, -1);
}

int tb_cond_timedwait(struct tb_cond *c, struct tb_mutex *m, int64_t timeout_ns)
{
	return wait_until(c, m, tb__deadline(timeout_ns));
}

static void wake(struct tb_cond *c, bool all)
{
	uint32_t s = __atomic_load_n(&c->state, __ATOMIC_RELAXED);

	for (;;) {
		uint32_t wakeable = (s & WAITER_MASK) - (s >> 16);
		uint32_t n = all ? wakeable : 1;

		if (wakeable == 0)
			return;
		if (__atomic_compare_exchange_n(&c->state, &s, s + n * ONE_SIGNAL, true,
						__ATOMIC_RELEASE, __ATOMIC_RELAXED))
			break;
	}
	__atomic_fetch_add(&c->epoch, 1, __ATOMIC_RELEASE);
	tb__futex_wake(&c->epoch, all ? UINT32_MAX : 1, false);
}

void tb_cond_signal(struct tb_cond *c)
{
	wake(c, false);
}

void tb_cond_broadcast(struct tb_cond *c)
{
	wake(c, true);
}
