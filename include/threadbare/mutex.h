#ifndef THREADBARE_MUTEX_H
#define THREADBARE_MUTEX_H

#include "types.h"

/*
 * A non-recursive mutual-exclusion lock, 4 bytes, valid when zeroed.
 * Locking it again from its owner (deadlock), unlocking it from another
 * thread (it is released) and a NULL mutex are undefined; unlocking it when
 * it is not locked crashes with -Ddebug_checks=true and otherwise leaves it
 * unlocked and working. Uncontended lock and unlock make no system call.
 */
struct tb_mutex {
	__UINT32_TYPE__ state; /* private */
};

#define TB_MUTEX_INIT { 0 }

/* Blocks until the caller holds m. Cannot fail. */
void tb_mutex_lock(struct tb_mutex *m);

/* Takes m if it is free: true if the caller now holds it, false otherwise. Never blocks. */
bool tb_mutex_trylock(struct tb_mutex *m);

/*
 * As tb_mutex_lock, for at most timeout_ns nanoseconds (relative,
 * CLOCK_MONOTONIC; negative waits forever; 0 only tries). Returns 0 with m
 * held, or -ETIMEDOUT (never before timeout_ns) without it.
 */
int tb_mutex_timedlock(struct tb_mutex *m, __INT64_TYPE__ timeout_ns);

/* Releases m, which the caller holds, and wakes one waiter if there is one. */
void tb_mutex_unlock(struct tb_mutex *m);

#endif
