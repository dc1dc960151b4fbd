/*
 * Condition variable: a sequence word that waiters sleep on, and a count of
 * waiters so that signalling nobody costs no system call.
 *
 *   seq      bumped (wrapping) by every signal or broadcast that finds waiters
 *   waiters  threads between the start of tb_cond_wait and its return
 *
 *   wait:       waiters++; s = seq; unlock(m);
 *               futex-wait on seq while seq == s (until the deadline);
 *               waiters--; lock(m)
 *   signal:     if waiters: seq++; wake 1
 *   broadcast:  if waiters: seq++; wake all
 *
 * No lost wake-up: the waiter bumps waiters and reads seq while it still
 * holds m. A signaller that changed the predicate under m after that (the
 * contract: waiters sequenced before the signal through the mutex) sees
 * waiters != 0 and bumps seq after the read, so the waiter's futex wait
 * either sees the new value (EAGAIN) or is woken by the wake that follows.
 * A wait ends only when seq moved or time ran out: a futex return for
 * another reason (a signal handler) does not end it.
 *
 * Differences from Zig's Condition (state = 16-bit waiters | 16-bit signals,
 * plus an epoch word): no 65535-waiter limit, and a signal may let more than
 * one waiter return (one woken, others that had read seq but not yet slept),
 * which condition-variable users must tolerate anyway. Like Zig, a waiter
 * preempted across exactly 2^32 signals could miss one.
 */
#include <threadbare/condition.h>
#include <threadbare/mutex.h>
#include <linux/errno.h>
#include "internal.h"

static int wait_until(struct tb_cond *c, struct tb_mutex *m, int64_t deadline)
{
	uint32_t s;
	int r = 0;

	__atomic_fetch_add(&c->waiters, 1, __ATOMIC_RELAXED);
	s = __atomic_load_n(&c->seq, __ATOMIC_ACQUIRE);
	tb_mutex_unlock(m);
	while (__atomic_load_n(&c->seq, __ATOMIC_ACQUIRE) == s) {
		if (tb__futex_wait_until(&c->seq, s, deadline) == -ETIMEDOUT) {
			/* a signal that raced with the timeout still counts as a wake */
			if (__atomic_load_n(&c->seq, __ATOMIC_ACQUIRE) == s)
				r = -ETIMEDOUT;
			break;
		}
	}
	__atomic_fetch_sub(&c->waiters, 1, __ATOMIC_RELAXED);
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

static void wake(struct tb_cond *c, uint32_t n)
{
	if (__atomic_load_n(&c->waiters, __ATOMIC_RELAXED) == 0)
		return;
	__atomic_fetch_add(&c->seq, 1, __ATOMIC_RELEASE);
	tb__futex_wake(&c->seq, n, false);
}

void tb_cond_signal(struct tb_cond *c)
{
	wake(c, 1);
}

void tb_cond_broadcast(struct tb_cond *c)
{
	wake(c, UINT32_MAX);
}
