/*
 * Condition variable: a FIFO list of waiters, one node per waiting thread on
 * that thread's own stack, guarded by a small internal lock. A signal
 * removes the oldest node and wakes that thread by its node's own word; a
 * broadcast removes them all.
 *
 *   node.state  WAITING  in the list; only its own thread leaves it, by
 *                        timing out under the lock
 *               TAKEN    removed by a broadcaster, which still reads the node
 *                        (its next pointer); the thread must not return yet
 *               WOKEN    removed and released: the thread may return, and
 *                        nobody reads the node again
 *               SLEEPING a flag beside WAITING or TAKEN: the thread may be in
 *                        its futex wait, so releasing it needs a futex-wake
 *
 *   wait:       lock; append node; unlock; unlock(m)
 *               sleep on node.state while it is WAITING (until the deadline)
 *               or TAKEN (no deadline: the broadcaster is finishing)
 *               timeout: lock; if still WAITING, unlink, -ETIMEDOUT; unlock
 *               interrupt (tb_thread_interrupt ended the futex wait): the
 *               same, -ECANCELED; if chosen meanwhile, the wake-up is
 *               taken (return 0) and the interrupt is put back pending
 *               (tb__interrupt_keep) for the thread's next call
 *               lock(m)
 *   signal:     head empty (one load): return. lock; pop head; WOKEN; unlock;
 *               futex-wake the node's word
 *   broadcast:  lock; detach the list, every node TAKEN; unlock; then for each
 *               node: read next, WOKEN, futex-wake
 *
 * Why nothing is stolen or lost: a signal or broadcast chooses its threads
 * by name, from the list, under the lock. A thread is in the list exactly
 * while it is blocked in wait: it appends itself before it releases m, and
 * leaves only by being chosen or, under the lock, by timing out while still
 * WAITING. A thread that starts waiting after a signal is not in the list
 * that signal saw, so it cannot take that wake-up; a timed-out or spuriously
 * woken thread takes nothing from anyone, because waking is not a count. A
 * chosen thread cannot miss its wake-up: the state is set before the
 * futex-wake, and its futex wait compares that word. There is no waiter
 * count, so no limit but memory (one node of three words per waiting thread).
 *
 * The fast path: a signal or broadcast with an empty list makes no system
 * call. A waiter W blocked at the time of the call appended its node before
 * releasing m, and the signaller's view of m (or of whatever the caller used
 * to know W waits) is ordered after that release, so the signaller's load of
 * the head sees W's node or a later state of the list.
 *
 * A waiter sets SLEEPING (by CAS, so a release in between is seen) before
 * each futex wait, and a release exchanges the word for WOKEN and makes the
 * futex-wake only when the old value had SLEEPING: a waiter still spinning
 * costs its waker no system call.
 *
 * The futex-wake after WOKEN may reach a node whose thread has already seen
 * WOKEN (while spinning) and returned: it then lands on a stack word that may
 * be in other use. That is a spurious wake-up of a private futex at that
 * address, which every futex waiter in the runtime (and tb_futex_wait's
 * contract) already tolerates.
 *
 * A waiter spins briefly before sleeping (not when confined to one CPU): an
 * unpinned ping-pong on 2 vCPUs is ~0.75x glibc's round trip with it, ~1.0x
 * without, since a sleeper on the idle vCPU costs ~40 us to wake.
 */
#include <threadbare/condition.h>
#include <threadbare/mutex.h>
#include <linux/errno.h>
#include "../internal.h"
#include "../sys.h"

enum { WAITING = 0, TAKEN = 1, WOKEN = 2, SLEEPING = 4 };

struct waiter {
	struct waiter *next, *prev;
	uint32_t state;
};

static struct waiter *head_of(struct tb_cond *c)
{
	return (struct waiter *)__atomic_load_n(&c->head, __ATOMIC_RELAXED);
}

static void set_head(struct tb_cond *c, struct waiter *w)
{
	__atomic_store_n(&c->head, (void *)w, __ATOMIC_RELAXED);
}

/* Under c->lock. */
static void unlink_waiter(struct tb_cond *c, struct waiter *w)
{
	if (w->prev)
		w->prev->next = w->next;
	else
		set_head(c, w->next);
	if (w->next)
		w->next->prev = w->prev;
	else
		c->tail = w->prev;
}

static int wait_until(struct tb_cond *c, struct tb_mutex *m, int64_t deadline, bool cp)
{
	struct waiter w = { 0, 0, WAITING };
	bool left; /* cp: interruptible (until chosen) */
	int r = 0;

	tb_mutex_lock(&c->lock);
	w.prev = c->tail;
	if (w.prev)
		w.prev->next = &w;
	else
		set_head(c, &w);
	c->tail = &w;
	tb_mutex_unlock(&c->lock);
	tb__chaos();
	tb_mutex_unlock(m);
	tb__chaos();

	for (;;) {
		uint32_t st;

		/* a brief spin catches a signal that comes at once (a ping-pong)
		 * without the futex round trip; none when confined to one CPU */
		for (int i = 0; i < tb__spin_limit() &&
				__atomic_load_n(&w.state, __ATOMIC_RELAXED) == WAITING; i++)
			arch_spin_hint();
		st = __atomic_load_n(&w.state, __ATOMIC_ACQUIRE);
		if (st == WOKEN)
			break;
		if (!(st & SLEEPING) &&
		    !__atomic_compare_exchange_n(&w.state, &st, st | SLEEPING, false,
						 __ATOMIC_ACQUIRE, __ATOMIC_ACQUIRE))
			continue; /* released or taken meanwhile: look again */
		tb__chaos();
		st |= SLEEPING;
		r = (cp ? tb__futex_wait_until_cp : tb__futex_wait_until)(
			&w.state, st, (st & ~SLEEPING) == WAITING ? deadline : -1);
		if (r != -ETIMEDOUT && r != -ECANCELED) {
			r = 0;
			continue;
		}
		/* the deadline passed or an interrupt came while WAITING: leave,
		 * unless chosen meanwhile */
		tb__chaos();
		tb_mutex_lock(&c->lock);
		left = (__atomic_load_n(&w.state, __ATOMIC_RELAXED) & ~SLEEPING) == WAITING;
		if (left)
			unlink_waiter(c, &w);
		tb_mutex_unlock(&c->lock);
		if (left)
			break; /* r: -ETIMEDOUT or -ECANCELED */
		/* chosen: the wake-up is ours (a signal is never lost), and an
		 * interrupt waits for the next interruptible call; wait for the
		 * chooser to let go, uninterruptibly */
		if (r == -ECANCELED)
			tb__interrupt_keep();
		r = 0;
		deadline = -1;
		cp = false;
	}
	tb__chaos();
	/* the thread that woke us often still holds m for a few instructions
	 * (a signal under m): a brief spin avoids sleeping in the mutex for a
	 * lock that is about to be free; none when confined to one CPU */
	for (int i = 0; i < tb__spin_limit(); i++) {
		if (tb_mutex_trylock(m))
			return r;
		arch_spin_hint();
	}
	tb_mutex_lock(m);
	return r;
}

int tb_cond_wait(struct tb_cond *c, struct tb_mutex *m)
{
	return wait_until(c, m, -1, true);
}

void tb__cond_wait_uninterruptible(struct tb_cond *c, struct tb_mutex *m)
{
	wait_until(c, m, -1, false);
}

int tb_cond_timedwait(struct tb_cond *c, struct tb_mutex *m, int64_t timeout_ns)
{
	return wait_until(c, m, tb__deadline(timeout_ns), true);
}

static void release(struct waiter *w)
{
	if (__atomic_exchange_n(&w->state, WOKEN, __ATOMIC_ACQ_REL) & SLEEPING)
		tb__futex_wake(&w->state, 1, false);
}

void tb_cond_signal(struct tb_cond *c)
{
	struct waiter *w;
	uint32_t old = 0;

	if (!head_of(c))
		return;
	tb_mutex_lock(&c->lock);
	w = head_of(c);
	if (w) {
		unlink_waiter(c, w);
		/* WOKEN under the lock: a timing-out w then sees it is chosen */
		old = __atomic_exchange_n(&w->state, WOKEN, __ATOMIC_ACQ_REL);
	}
	tb_mutex_unlock(&c->lock);
	tb__chaos();
	if (old & SLEEPING)
		tb__futex_wake(&w->state, 1, false);
}

void tb_cond_broadcast(struct tb_cond *c)
{
	struct waiter *w;

	if (!head_of(c))
		return;
	tb_mutex_lock(&c->lock);
	w = head_of(c);
	set_head(c, 0);
	c->tail = 0;
	for (struct waiter *n = w; n; n = n->next)
		__atomic_fetch_or(&n->state, TAKEN, __ATOMIC_RELAXED); /* keeps SLEEPING */
	tb_mutex_unlock(&c->lock);
	while (w) {
		struct waiter *next = w->next; /* before the release: then w may be gone */

		tb__chaos();
		release(w);
		w = next;
	}
}
