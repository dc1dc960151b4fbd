#ifndef THREADBARE_BARRIER_H
#define THREADBARE_BARRIER_H

#include "types.h"

/*
 * A reusable barrier for a fixed number of threads, 12 bytes. Each round
 * releases its waiters once the count-th has arrived; the barrier is ready
 * for the next round at once, while the last round's waiters are still
 * waking. Zeroed storage is an uninitialised barrier: use tb_barrier_init
 * or TB_BARRIER_INIT(count) first.
 */
struct tb_barrier {
	__UINT32_TYPE__ count;   /* private: threads per round */
	__UINT32_TYPE__ arrived; /* private: arrivals in the current round */
	__UINT32_TYPE__ round;   /* private: futex word, bumped when a round completes */
};

#define TB_BARRIER_INIT(count) { (count), 0, 0 }

/* What tb_barrier_wait returns to exactly one waiter of each round. */
#define TB_BARRIER_SERIAL 1

/*
 * Makes b a barrier for count threads. Returns 0, or -EINVAL when b is NULL
 * or count is 0 (b unchanged). Must not be called while threads wait on b.
 */
int tb_barrier_init(struct tb_barrier *b, __UINT32_TYPE__ count);

/*
 * Waits until count threads (the caller included) have called it in this
 * round. Returns TB_BARRIER_SERIAL in exactly one of them (the last to
 * arrive) and 0 in the others, or -EINVAL (at once) when b was never
 * initialised (count 0). More than count threads in one round is undefined.
 */
int tb_barrier_wait(struct tb_barrier *b);

#endif
