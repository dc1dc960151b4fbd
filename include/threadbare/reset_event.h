#ifndef THREADBARE_RESET_EVENT_H
#define THREADBARE_RESET_EVENT_H

#include "types.h"

/*
 * A manual-reset event, 4 bytes, valid (and not set) when zeroed. set wakes
 * every waiter and stays set until reset. set, reset and is_set may run
 * concurrently with each other; reset while a thread waits is undefined.
 * Waiting on a set event and setting an event nobody waits on make no
 * system call.
 */
struct tb_event {
	__UINT32_TYPE__ state; /* private: 0 unset, 1 unset with waiters, 2 set */
};

#define TB_EVENT_INIT { 0 }

/* Sets the event and wakes all its waiters. Cannot fail. */
void tb_event_set(struct tb_event *e);

/* Unsets the event. No thread may be waiting on it. Cannot fail. */
void tb_event_reset(struct tb_event *e);

/* True if the event is set (with acquire ordering: what preceded set is visible). */
bool tb_event_is_set(const struct tb_event *e);

/* Blocks until the event is set. Returns 0, or -ECANCELED: tb_thread_interrupt
 * (<threadbare/thread.h>) ended the wait. */
int tb_event_wait(struct tb_event *e);

/*
 * Blocks until the event is set, for at most timeout_ns nanoseconds
 * (relative, CLOCK_MONOTONIC; negative waits forever; 0 only checks).
 * Returns 0 once set, -ETIMEDOUT (never before timeout_ns) or -ECANCELED.
 */
int tb_event_timedwait(struct tb_event *e, __INT64_TYPE__ timeout_ns);

#endif
