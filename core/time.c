/*
 * Clocks and sleeping. 32-bit targets try the 64-bit-time syscall first and
 * fall back to the old one on -ENOSYS (kernels before 5.1); kernels built
 * without COMPAT_32BIT_TIME have only the new one.
 */
#include <linux/time.h>
#include <linux/time_types.h>
#include <threadbare/thread.h>
#include "internal.h"
#include "sys.h"

struct old_timespec {
	long tv_sec;
	long tv_nsec;
};

int64_t tb__now_ns(void)
{
	struct __kernel_timespec ts;
	long r;

#ifdef __NR_clock_gettime64
	r = tb__syscall2(__NR_clock_gettime64, CLOCK_MONOTONIC, &ts);
	if (r == -ENOSYS) {
		struct old_timespec o;

		r = tb__syscall2(__NR_clock_gettime, CLOCK_MONOTONIC, &o);
		ts.tv_sec = o.tv_sec;
		ts.tv_nsec = o.tv_nsec;
	}
#else
	r = tb__syscall2(__NR_clock_gettime, CLOCK_MONOTONIC, &ts);
#endif
	if (r)
		tb__crash("clock_gettime(CLOCK_MONOTONIC) failed");
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static long nanosleep_abs(int64_t deadline)
{
	struct __kernel_timespec ts = { deadline / 1000000000, deadline % 1000000000 };
	long r;

#ifdef __NR_clock_nanosleep_time64
	r = tb__syscall4(__NR_clock_nanosleep_time64, CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, 0);
	if (r == -ENOSYS) {
		struct old_timespec o = { (long)ts.tv_sec, (long)ts.tv_nsec };

		if (ts.tv_sec > 0x7fffffff)
			o.tv_sec = 0x7fffffff;
		r = tb__syscall4(__NR_clock_nanosleep, CLOCK_MONOTONIC, TIMER_ABSTIME, &o, 0);
	}
#else
	r = tb__syscall4(__NR_clock_nanosleep, CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, 0);
#endif
	return r;
}

int tb_sleep_ns(uint64_t ns)
{
	int64_t now = tb__now_ns();
	int64_t deadline = ns > (uint64_t)(INT64_MAX - now) ? INT64_MAX : now + (int64_t)ns;
	long r;

	/* an absolute deadline makes a signal-interrupted sleep resume exactly */
	while ((r = nanosleep_abs(deadline)) == -EINTR)
		;
	return (int)r;
}
