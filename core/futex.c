/*
 * The futex syscall, in one place. Private operations for the runtime's own
 * words; shared only for the CLONE_CHILD_CLEARTID word, which the kernel wakes
 * without the private flag. 32-bit targets call futex_time64 first and fall
 * back to the old futex call on -ENOSYS.
 */
#include <linux/futex.h>
#include <linux/time_types.h>
#include <threadbare/futex.h>
#include "internal.h"
#include "sys.h"

#define NSEC 1000000000

static long futex4(const uint32_t *addr, int op, uint32_t val, const struct __kernel_timespec *ts)
{
#ifdef __NR_futex_time64
	static int old_only;
	long r;

	if (!__atomic_load_n(&old_only, __ATOMIC_RELAXED)) {
		r = tb__syscall4(__NR_futex_time64, addr, op, val, ts);
		if (r != -ENOSYS)
			return r;
		__atomic_store_n(&old_only, 1, __ATOMIC_RELAXED);
	}
	if (ts) {
		struct {
			long tv_sec, tv_nsec;
		} o = { ts->tv_sec > 0x7fffffff ? 0x7fffffff : (long)ts->tv_sec, (long)ts->tv_nsec };

		return tb__syscall4(__NR_futex, addr, op, val, &o);
	}
	return tb__syscall4(__NR_futex, addr, op, val, 0);
#else
	return tb__syscall4(__NR_futex, addr, op, val, ts);
#endif
}

int tb__futex_wait(const uint32_t *addr, uint32_t expect, int64_t timeout_ns, bool shared)
{
	int op = shared ? FUTEX_WAIT : FUTEX_WAIT_PRIVATE;
	struct __kernel_timespec ts;
	long r;

	if (timeout_ns < 0) {
		r = futex4(addr, op, expect, 0);
	} else {
		if (timeout_ns == 0)
			return __atomic_load_n(addr, __ATOMIC_SEQ_CST) == expect ? -ETIMEDOUT : -EAGAIN;
		ts.tv_sec = timeout_ns / NSEC;
		ts.tv_nsec = timeout_ns % NSEC;
		r = futex4(addr, op, expect, &ts);
	}
	if (r == -ETIMEDOUT || r == -EAGAIN)
		return (int)r;
	return 0; /* woken, EINTR, or anything else: the caller re-checks its word */
}

void tb__futex_wake(const uint32_t *addr, uint32_t n, bool shared)
{
	if (n == 0)
		return;
	futex4(addr, shared ? FUTEX_WAKE : FUTEX_WAKE_PRIVATE, n > 0x7fffffff ? 0x7fffffff : n, 0);
}

int tb_futex_wait(const uint32_t *addr, uint32_t expect, int64_t timeout_ns)
{
	return tb__futex_wait(addr, expect, timeout_ns, false);
}

void tb_futex_wake(const uint32_t *addr, uint32_t max_waiters)
{
	tb__futex_wake(addr, max_waiters, false);
}
