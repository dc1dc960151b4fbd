#ifndef THREADBARE_ONCE_H
#define THREADBARE_ONCE_H

#include "types.h"

/*
 * One-time initialisation, 4 bytes, valid when zeroed (TB_ONCE_INIT).
 * Once the function has run, tb_once_call is one acquire load: no system
 * call, no read-modify-write.
 */
struct tb_once {
	__UINT32_TYPE__ state; /* private: 0 new, 1 running, 2 running with sleepers, 3 done */
};

#define TB_ONCE_INIT { 0 }

/*
 * Runs fn(arg) if no call on once has run it yet; exactly one caller runs
 * it. Every caller returns only after that run has completed, and sees
 * everything fn wrote. Cannot fail. fn must not call tb_once_call on the
 * same once (that deadlocks), and must return: a thread that ends inside fn
 * leaves the other callers waiting forever. A NULL once or fn is undefined.
 */
void tb_once_call(struct tb_once *once, void (*fn)(void *arg), void *arg);

#endif
