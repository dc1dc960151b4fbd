#ifndef THREADBARE_WAIT_GROUP_H
#define THREADBARE_WAIT_GROUP_H

#include "types.h"

/*
 * A wait group: a count of pending work that threads can wait to reach
 * zero; 4 bytes, valid (and done) when zeroed. Any number of threads may
 * wait at once. It can be reused without a reset once every wait of the
 * previous round has returned; an add that races with a wait that is about
 * to see zero may keep that waiter waiting for the new work too.
 */
struct tb_wait_group {
	__UINT32_TYPE__ state; /* private: pending count (bits 0-30), waiters bit 31 */
};

#define TB_WAIT_GROUP_INIT { 0 }

/* Adds n pending units (the count must stay below 2^31). Cannot fail. */
void tb_wait_group_add(struct tb_wait_group *wg, __UINT32_TYPE__ n);

/*
 * Finishes one unit; the last one wakes every waiter. Cannot fail. A done
 * with the count at 0 crashes in a -Ddebug_checks build and otherwise does
 * nothing (the group works on). Undefined: a count past 2^31-1 (add) and a
 * NULL group.
 */
void tb_wait_group_done(struct tb_wait_group *wg);

/* Blocks until the count is zero; what the done calls followed is then visible.
 * Returns 0, or -ECANCELED: tb_thread_interrupt (<threadbare/thread.h>) ended the wait. */
int tb_wait_group_wait(struct tb_wait_group *wg);

/* True if the count is zero now (acquire ordering, as wait). */
bool tb_wait_group_is_done(const struct tb_wait_group *wg);

/* Sets the count to zero. No thread may be waiting or calling done. */
void tb_wait_group_reset(struct tb_wait_group *wg);

#endif
