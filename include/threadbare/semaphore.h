#ifndef THREADBARE_SEMAPHORE_H
#define THREADBARE_SEMAPHORE_H

#include "types.h"

/*
 * A counting semaphore, 8 bytes. Zeroed it holds no permits; TB_SEM_INIT(n)
 * starts it with n (at most 2^32-1 in all). Taking an available permit and
 * posting with no sleeping waiter make no system call.
 */
struct tb_sem {
	__UINT32_TYPE__ permits; /* private */
	__UINT32_TYPE__ waiters; /* private: threads that may be sleeping */
};

#define TB_SEM_INIT(n) { (n), 0 }

/* Takes one permit, blocking until one is available. Returns 0, or
 * -ECANCELED without it: tb_thread_interrupt (<threadbare/thread.h>) ended the wait. */
int tb_sem_wait(struct tb_sem *s);

/*
 * Takes one permit, waiting at most timeout_ns nanoseconds (relative,
 * CLOCK_MONOTONIC; negative waits forever; 0 only tries). Returns 0 with the
 * permit taken, or -ETIMEDOUT (never before timeout_ns) or -ECANCELED without it.
 */
int tb_sem_timedwait(struct tb_sem *s, __INT64_TYPE__ timeout_ns);

/* Adds one permit and wakes one waiter if there is any. Cannot fail. */
void tb_sem_post(struct tb_sem *s);

#endif
