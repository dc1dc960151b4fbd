/*
 * Clocks and sleeping. A clock is read through the vDSO's clock_gettime
 * when the port names one (arch/<arch>/vdso.h) and the kernel maps it, else
 * through the syscall. 32-bit targets try the 64-bit-time syscall first and
 * fall back to the old one on -ENOSYS (kernels before 5.1); kernels built
 * without COMPAT_32BIT_TIME have only the new one.
 *
 * The vDSO function is looked up once, on first use after tb_init, and
 * cached in vdso_cgt (0: not looked up, NONE: there is none). Lookups that
 * race find the same address, so a relaxed store is enough; the address is
 * only called, never dereferenced as data.
 */
#include <linux/time.h>
#include <linux/time_types.h>
#include <threadbare/clock.h>
#include <threadbare/thread.h>
#include "internal.h"
#include "sys.h"

_Static_assert(TB_CLOCK_REALTIME == CLOCK_REALTIME && TB_CLOCK_MONOTONIC == CLOCK_MONOTONIC &&
		       TB_CLOCK_BOOTTIME == CLOCK_BOOTTIME,
	       "TB_CLOCK_* are the kernel's clock ids");

struct old_timespec {
	long tv_sec;
	long tv_nsec;
};

static long clock_syscall(int clock, struct __kernel_timespec *ts)
{
#if defined(__NR_clock_gettime64) && !defined(__NR_clock_gettime)
	/* an ABI born with 64-bit time has only the _time64 call */
	return tb__syscall2(__NR_clock_gettime64, clock, ts);
#elif defined(__NR_clock_gettime64)
	long r = tb__syscall2(__NR_clock_gettime64, clock, ts);

	if (r == -ENOSYS) {
		struct old_timespec o;

		r = tb__syscall2(__NR_clock_gettime, clock, &o);
		ts->tv_sec = o.tv_sec;
		ts->tv_nsec = o.tv_nsec;
	}
	return r;
#else
	return tb__syscall2(__NR_clock_gettime, clock, ts);
#endif
}

#if ARCH_VDSO_CLOCK_GETTIME
#define NONE ((uintptr_t)1)
typedef int (*cgt_fn)(int clock, struct __kernel_timespec *ts);
static uintptr_t vdso_cgt;

static uintptr_t vdso_lookup(void)
{
	uintptr_t a;

	if (!__atomic_load_n(&tb__rt.page_size, __ATOMIC_ACQUIRE))
		return NONE; /* before tb_init: no auxv yet, look again later */
	a = tb__vdso_sym(ARCH_VDSO_CLOCK_GETTIME_SYM, ARCH_VDSO_VERSION);
	if (!a)
		a = NONE;
	__atomic_store_n(&vdso_cgt, a, __ATOMIC_RELAXED);
	return a;
}
#endif

/* ns, or -errno */
static int64_t read_clock(int clock)
{
	struct __kernel_timespec ts;
	long r;

#if ARCH_VDSO_CLOCK_GETTIME
	uintptr_t f = __atomic_load_n(&vdso_cgt, __ATOMIC_RELAXED);

	if (unlikely(!f))
		f = vdso_lookup();
	/* any failure of the vDSO (some return a positive errno) is retried as a syscall */
	if (f == NONE || ((cgt_fn)f)(clock, &ts) != 0)
		r = clock_syscall(clock, &ts);
	else
		r = 0;
#else
	r = clock_syscall(clock, &ts);
#endif
	if (r)
		return r;
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

int64_t tb_clock_ns(int clock)
{
	if (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC && clock != CLOCK_BOOTTIME)
		return -EINVAL;
	return read_clock(clock);
}

int64_t tb__now_ns(void)
{
	int64_t t = read_clock(CLOCK_MONOTONIC);

	if (t < 0)
		tb__crash("clock_gettime(CLOCK_MONOTONIC) failed");
	return t;
}

static long nanosleep_abs(int64_t deadline)
{
	struct __kernel_timespec ts = { deadline / 1000000000, deadline % 1000000000 };
	long r;

#if defined(__NR_clock_nanosleep_time64) && !defined(__NR_clock_nanosleep)
	/* an ABI born with 64-bit time has only the _time64 call */
	r = tb__syscall4(__NR_clock_nanosleep_time64, CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, 0);
#elif defined(__NR_clock_nanosleep_time64)
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
