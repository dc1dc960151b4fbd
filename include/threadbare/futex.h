#ifndef THREADBARE_FUTEX_H
#define THREADBARE_FUTEX_H

#include "types.h"

/*
 * Blocks while *addr == expect, for at most timeout_ns nanoseconds
 * (relative; negative waits forever; huge values are clamped).
 * Returns 0 when woken (possibly spuriously, or by a signal: callers loop),
 * -ECANCELED when tb_thread_interrupt ended the wait (<threadbare/thread.h>),
 * -EAGAIN if *addr != expect on entry, -ETIMEDOUT when the time ran out,
 * -EFAULT if addr is not readable memory, -EINVAL if it is not 4-byte
 * aligned. Private to the process. A timeout of 0 asks the kernel once.
 */
int tb_futex_wait(const __UINT32_TYPE__ *addr, __UINT32_TYPE__ expect, __INT64_TYPE__ timeout_ns);

/* Wakes up to max_waiters threads blocked on addr (0 wakes none). */
void tb_futex_wake(const __UINT32_TYPE__ *addr, __UINT32_TYPE__ max_waiters);

#endif
