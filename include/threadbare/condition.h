#ifndef THREADBARE_CONDITION_H
#define THREADBARE_CONDITION_H

#include <stdint.h>

struct tb_mutex;

/*
 * A condition variable, 8 bytes, valid when zeroed. Use it with one mutex at
 * a time. signal and broadcast may be called with or without the mutex
 * held; they wake the waiters that were sequenced before them through the
 * mutex. Always re-check the predicate in a loop. Signalling when every
 * waiter has already been signalled makes no system call. At most 65535
 * threads may wait on one condition at the same time.
 */
struct tb_cond {
	uint32_t state; /* private: waiters (low 16 bits), pending signals (high 16) */
	uint32_t epoch; /* private: bumped by every signal that wakes someone */
};

#define TB_COND_INIT { 0, 0 }

/* Atomically unlocks m and waits for a signal; re-locks m before returning. Cannot fail. */
void tb_cond_wait(struct tb_cond *c, struct tb_mutex *m);

/*
 * As tb_cond_wait, for at most timeout_ns nanoseconds (relative,
 * CLOCK_MONOTONIC; negative waits forever; 0 only checks). m is re-locked on
 * every return. Returns 0 when woken (a signal, a broadcast or, rarely,
 * spuriously) or -ETIMEDOUT when the time ran out, never before timeout_ns.
 */
int tb_cond_timedwait(struct tb_cond *c, struct tb_mutex *m, int64_t timeout_ns);

/* Wakes at least one waiter if there is any. Cannot fail. */
void tb_cond_signal(struct tb_cond *c);

/* Wakes every waiter. Cannot fail. */
void tb_cond_broadcast(struct tb_cond *c);

#endif
