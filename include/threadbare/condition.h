#ifndef THREADBARE_CONDITION_H
#define THREADBARE_CONDITION_H

#include "types.h"
#include "mutex.h"

/*
 * A condition variable, valid when zeroed. Use it with one mutex at a time.
 * signal and broadcast may be called with or without the mutex held; they
 * wake threads that were blocked in a wait at the time of the call (ordered
 * before it through the mutex), and never a thread that starts waiting
 * later. Waiters are woken in the order they started waiting. Signalling
 * with nobody waiting makes no system call. Any number of threads may wait.
 * Not async-signal-safe: do not signal from a signal handler.
 */
struct tb_cond {
	struct tb_mutex lock; /* private: guards the waiter list */
	void *head;	      /* private: the oldest waiter (a node on its stack) */
	void *tail;	      /* private: the newest waiter */
};

#define TB_COND_INIT { TB_MUTEX_INIT, 0, 0 }

/*
 * Atomically unlocks m and waits for a signal or broadcast; re-locks m before
 * returning. Does not return spuriously, but callers still re-check their
 * predicate in a loop: another thread may run first. Returns 0, or
 * -ECANCELED when tb_thread_interrupt (<threadbare/thread.h>) ended the
 * wait (m re-locked all the same). A signal chosen for this thread is never
 * lost to an interrupt: if both come, it returns 0 and the interrupt stays
 * pending for the next interruptible call.
 */
int tb_cond_wait(struct tb_cond *c, struct tb_mutex *m);

/*
 * As tb_cond_wait, for at most timeout_ns nanoseconds (relative,
 * CLOCK_MONOTONIC; negative waits forever; 0 only checks). m is re-locked on
 * every return. Returns 0 when woken by a signal or a broadcast (a signal
 * that races with the timeout may still be taken, and then 0 is returned),
 * -ETIMEDOUT when the time ran out, never before timeout_ns, or -ECANCELED
 * as tb_cond_wait.
 */
int tb_cond_timedwait(struct tb_cond *c, struct tb_mutex *m, __INT64_TYPE__ timeout_ns);

/* Wakes at least one waiter if there is any. Cannot fail. */
void tb_cond_signal(struct tb_cond *c);

/* Wakes every waiter. Cannot fail. */
void tb_cond_broadcast(struct tb_cond *c);

#endif
