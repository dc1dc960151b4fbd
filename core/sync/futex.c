/*
 * The futex syscall, in one place. Private operations for the runtime's own
 * words; shared only for the CLONE_CHILD_CLEARTID word, which the kernel wakes
 * without the private flag. 32-bit targets call futex_time64 first and fall
 * back to the old futex call on -ENOSYS (core/sys.h's tb__syscall_ts).
 *
 * Timeouts are relative nanoseconds (CLOCK_MONOTONIC, as the kernel measures a
 * relative FUTEX_WAIT). They never overflow: 64-bit seconds go to the kernel
 * as they are (it saturates them), and the old 32-bit call gets its seconds
 * clamped to 2^31-1 (68 years). Callers that loop use a deadline from
 * tb__deadline() and tb__futex_wait_until(), so spurious wake-ups never
 * stretch or shorten the total wait.
 *
 * Errors are the kernel's: -ETIMEDOUT, -EAGAIN (the word differed), -EFAULT,
 * -EINVAL, ... A signal-interrupted wait (-EINTR) reports 0, a wake-up, since
 * every caller re-checks its word. The _cp waits are interruptible
 * (base/interrupt.c): they also return -ECANCELED, which ends the caller's
 * wait. The runtime's own loops end only on their
 * word or on -ETIMEDOUT, and wait only on words they have just accessed.
 */
#include <linux/futex.h>
#include <linux/time_types.h>
#include <threadbare/futex.h>
#include "../internal.h"
#include "../sys.h"

#define NSEC 1000000000

static long futex4(const uint32_t *addr, int op, uint32_t val, const struct __kernel_timespec *ts)
{
	return tb__syscall_ts(TB__NR_FUTEX, (long)addr, op, (long)val, (long)ts, 3, -1);
}

static int wait(const uint32_t *addr, uint32_t expect, int64_t timeout_ns, bool shared, bool cp)
{
	int op = shared ? FUTEX_WAIT : FUTEX_WAIT_PRIVATE;
	struct __kernel_timespec ts, *t = 0;
	long r;

	if (timeout_ns >= 0) {
		if (timeout_ns == 0)
			return __atomic_load_n(addr, __ATOMIC_SEQ_CST) == expect ? -ETIMEDOUT : -EAGAIN;
		ts.tv_sec = timeout_ns / NSEC;
		ts.tv_nsec = timeout_ns % NSEC;
		t = &ts;
	}
	if (cp)
		r = tb__syscall_ts_cp(TB__NR_FUTEX, (long)addr, op, (long)expect, (long)t, 3, -1);
	else
		r = futex4(addr, op, expect, t);
	/* a signal handler ran: to the caller that is a wake-up, it re-checks its word */
	return r == -EINTR ? 0 : (int)r;
}

int tb__futex_wait(const uint32_t *addr, uint32_t expect, int64_t timeout_ns, bool shared)
{
	return wait(addr, expect, timeout_ns, shared, false);
}

int tb__futex_wait_cp(const uint32_t *addr, uint32_t expect, int64_t timeout_ns, bool shared)
{
	return wait(addr, expect, timeout_ns, shared, true);
}

int tb__futex_wake(const uint32_t *addr, uint32_t n, bool shared)
{
	long r;

	if (n == 0)
		return 0;
	r = futex4(addr, shared ? FUTEX_WAKE : FUTEX_WAKE_PRIVATE, n > 0x7fffffff ? 0x7fffffff : n, 0);
	return r > 0 ? (int)r : 0;
}

int64_t tb__deadline(int64_t timeout_ns)
{
	int64_t now;

	if (timeout_ns < 0)
		return -1;
	now = tb__now_ns();
	return timeout_ns > INT64_MAX - now ? INT64_MAX : now + timeout_ns;
}

static int wait_until(const uint32_t *addr, uint32_t expect, int64_t deadline, bool cp)
{
	int64_t left;

	if (deadline < 0)
		return wait(addr, expect, -1, false, cp);
	left = deadline - tb__now_ns();
	/* at or past the deadline: no syscall, -ETIMEDOUT only if the word is unchanged */
	return wait(addr, expect, left > 0 ? left : 0, false, cp);
}

int tb__futex_wait_until(const uint32_t *addr, uint32_t expect, int64_t deadline)
{
	return wait_until(addr, expect, deadline, false);
}

int tb__futex_wait_until_cp(const uint32_t *addr, uint32_t expect, int64_t deadline)
{
	return wait_until(addr, expect, deadline, true);
}

int tb_futex_wait(const uint32_t *addr, uint32_t expect, int64_t timeout_ns)
{
	static const struct __kernel_timespec zero;

	/* the internal zero-timeout path reads *addr itself; here the kernel
	 * does, so a bad address is -EFAULT and not a crash */
	if (timeout_ns == 0)
		return (int)tb__syscall_ts_cp(TB__NR_FUTEX, (long)addr, FUTEX_WAIT_PRIVATE, (long)expect,
					      (long)&zero, 3, -1);
	return tb__futex_wait_cp(addr, expect, timeout_ns, false);
}

void tb_futex_wake(const uint32_t *addr, uint32_t max_waiters)
{
	tb__futex_wake(addr, max_waiters, false);
}
