/*
 * The one fallback from a _time64 system call to the old 32-bit-time one
 * (core/sys.h's tb__syscall_ts), for 32-bit ABIs on kernels before 5.1.
 * The _time64 calls the runtime makes (futex, clock_gettime,
 * clock_nanosleep, and rt_sigtimedwait for tb_signal_wait) all came in 5.1, so
 * one -ENOSYS says the kernel has none of them: old_only remembers it (a
 * relaxed flag; racing first calls each find -ENOSYS and agree). With cp
 * the calls go through tb__syscall_cp (interruptible; base/interrupt.c).
 */
#include <linux/time_types.h>
#include "../internal.h"
#include "../sys.h"

struct old_timespec {
	long tv_sec;
	long tv_nsec;
};

static int old_only;

long tb__syscall_time32(long nr64, long nr32, long a, long b, long c, long d, int in, int out, int cp)
{
	long arg[4] = { a, b, c, d };
	struct old_timespec oin, oout = { 0, 0 };
	struct __kernel_timespec *result = 0;
	long r;

	if (!__atomic_load_n(&old_only, __ATOMIC_RELAXED)) {
		r = cp ? tb__syscall_cp(nr64, a, b, c, d, 0, 0) : arch_syscall6(nr64, a, b, c, d, 0, 0);
		if (r != -ENOSYS)
			return r;
		__atomic_store_n(&old_only, 1, __ATOMIC_RELAXED);
	}
	if (in >= 0 && arg[in]) {
		const struct __kernel_timespec *t = (const struct __kernel_timespec *)arg[in];

		oin.tv_sec = t->tv_sec > 0x7fffffff ? 0x7fffffff : (long)t->tv_sec;
		oin.tv_nsec = (long)t->tv_nsec;
		arg[in] = (long)&oin;
	}
	if (out >= 0 && arg[out]) {
		result = (struct __kernel_timespec *)arg[out];
		arg[out] = (long)&oout;
	}
	r = cp ? tb__syscall_cp(nr32, arg[0], arg[1], arg[2], arg[3], 0, 0)
	       : arch_syscall6(nr32, arg[0], arg[1], arg[2], arg[3], 0, 0);
	if (result) {
		result->tv_sec = oout.tv_sec;
		result->tv_nsec = oout.tv_nsec;
	}
	return r;
}
