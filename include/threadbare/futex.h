#ifndef THREADBARE_FUTEX_H
#define THREADBARE_FUTEX_H

#include <stdint.h>

/*
 * Blocks while *addr == expect, for at most timeout_ns nanoseconds
 * (relative; negative waits forever; huge values are clamped).
 * Returns 0 when woken (possibly spuriously, or by a signal: callers loop),
 * -EAGAIN if *addr != expect on entry, -ETIMEDOUT when the time ran out,
 * -EFAULT if addr is not readable memory, -EINVAL if it is not 4-byte
 * aligned. Private to the process. A timeout of 0 asks the kernel once.
 */
int tb_futex_wait(const uint32_t *addr, uint32_t expect, int64_t timeout_ns);

/* Wakes up to max_waiters threads blocked on addr (0 wakes none). */
void tb_futex_wake(const uint32_t *addr, uint32_t max_waiters);

#endif
