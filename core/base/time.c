/*
 * Clocks and sleeping. A clock is read through the vDSO's clock_gettime
 * when the port names one (arch/<arch>/vdso.h) and the kernel maps it, else
 * through the syscall. 32-bit targets try the 64-bit-time syscall first and
 * fall back to the old one on -ENOSYS (kernels before 5.1; core/sys.h's
 * tb__syscall_ts); kernels built without COMPAT_32BIT_TIME have only the
 * new one.
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
#include "../internal.h"
#include "../sys.h"

_Static_assert(TB_CLOCK_REALTIME == CLOCK_REALTIME && TB_CLOCK_MONOTONIC == CLOCK_MONOTONIC &&
		       TB_CLOCK_BOOTTIME == CLOCK_BOOTTIME,
	       "TB_CLOCK_* are the kernel's clock ids");

static long clock_syscall(int clock, struct __kernel_timespec *ts)
{
	return tb__syscall_ts(TB__NR_CLOCK_GETTIME, clock, (long)ts, 0, 0, -1, 1);
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
static TB__NO_SSP int64_t read_clock(int clock)
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

	return tb__syscall_ts_cp(TB__NR_CLOCK_NANOSLEEP, CLOCK_MONOTONIC, TIMER_ABSTIME, (long)&ts, 0, 2, -1);
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

int tb_clock_sleep_ns(int clock, uint64_t ns, uint64_t *left)
{
	struct __kernel_timespec ts = { (int64_t)(ns / 1000000000), (long)(ns % 1000000000) }, rem = ts;
	long r;

	if (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC && clock != CLOCK_BOOTTIME)
		return -EINVAL;
	r = tb__syscall_ts_cp(TB__NR_CLOCK_NANOSLEEP, clock, 0, (long)&ts, (long)&rem, 2, 3);
	if ((r == -EINTR || r == -ECANCELED) && left)
		*left = (uint64_t)rem.tv_sec * 1000000000 + (uint64_t)rem.tv_nsec;
	return (int)r;
}
