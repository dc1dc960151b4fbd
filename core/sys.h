/*
 * Three syscall levels, as in the kernel's nolibc:
 *   1. arch/<arch>/syscall.h: arch_syscall6(), one asm statement, -errno.
 *   2. this file: typed wrappers that pick the right syscall by what the
 *      target's UAPI headers offer (mmap2 or mmap, futex_time64 or futex).
 *   3. the public API in the core/ modules.
 * Every level returns 0 (or a value) on success and -errno on failure.
 */
#ifndef TB_CORE_SYS_H
#define TB_CORE_SYS_H

#include <stddef.h>
#include <stdint.h>
#include <asm/unistd.h>
#include <linux/errno.h>
#include <linux/mman.h>
#include <asm/signal.h>
#include "arch.h"

#define tb__syscall0(n) arch_syscall6(n, 0, 0, 0, 0, 0, 0)
#define tb__syscall1(n, a) arch_syscall6(n, (long)(a), 0, 0, 0, 0, 0)
#define tb__syscall2(n, a, b) arch_syscall6(n, (long)(a), (long)(b), 0, 0, 0, 0)
#define tb__syscall3(n, a, b, c) arch_syscall6(n, (long)(a), (long)(b), (long)(c), 0, 0, 0)
#define tb__syscall4(n, a, b, c, d) \
	arch_syscall6(n, (long)(a), (long)(b), (long)(c), (long)(d), 0, 0)
#define tb__syscall5(n, a, b, c, d, e) \
	arch_syscall6(n, (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), 0)
#define tb__syscall6(n, a, b, c, d, e, f) \
	arch_syscall6(n, (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), (long)(f))

/* A pointer-valued result (mmap) is an error when it lies in the top 4095 values. */
static inline int tb__is_err(long r)
{
	return (unsigned long)r > -4096UL;
}

static inline long tb__sys_mmap(void *addr, size_t len, int prot, int flags)
{
#ifdef __NR_mmap2
	return tb__syscall6(__NR_mmap2, addr, len, prot, flags, -1, 0);
#else
	return tb__syscall6(__NR_mmap, addr, len, prot, flags, -1, 0);
#endif
}

static inline int tb__sys_munmap(void *addr, size_t len)
{
	return (int)tb__syscall2(__NR_munmap, addr, len);
}

static inline int tb__sys_mprotect(void *addr, size_t len, int prot)
{
	return (int)tb__syscall3(__NR_mprotect, addr, len, prot);
}

static inline long tb__sys_write(int fd, const void *buf, size_t len)
{
	return tb__syscall3(__NR_write, fd, buf, len);
}

static inline _Noreturn void tb__sys_exit_group(int status)
{
	for (;;)
		tb__syscall1(__NR_exit_group, status);
}

/* A signal mask as rt_sigprocmask reads it (the kernel's _NSIG bits). */
struct tb__sigset {
	unsigned long w[ARCH_SIGSET_BYTES / sizeof(unsigned long)];
};

/* Blocks every signal; the mask before goes to *old (for tb__sys_sigmask). */
static inline void tb__sys_block_signals(struct tb__sigset *old)
{
	struct tb__sigset all;

	for (size_t i = 0; i < sizeof(all.w) / sizeof(all.w[0]); i++)
		all.w[i] = ~0UL;
	tb__syscall4(__NR_rt_sigprocmask, SIG_BLOCK, &all, old, ARCH_SIGSET_BYTES);
}

static inline void tb__sys_sigmask(const struct tb__sigset *set)
{
	tb__syscall4(__NR_rt_sigprocmask, SIG_SETMASK, set, 0, ARCH_SIGSET_BYTES);
}

/*
 * core/thread/visit.c's live-thread list, linked with tb_thread_visit (weak:
 * NULL otherwise). tb__list_enter blocks every signal (the mask before in
 * *saved) and takes the list's lock, waiting for it with *saved in place;
 * tb__list_leave adds add and unlinks del (either may be NULL) and unlocks,
 * the mask left blocked; tb__list_exit unlinks the calling thread t (its
 * mask as it was after); tb__list_fork resets the list in tb_fork's child.
 */
struct tb__thread;
hidden void tb__list_enter(struct tb__sigset *saved) __attribute__((weak));
hidden void tb__list_leave(struct tb__thread *add, struct tb__thread *del) __attribute__((weak));
hidden void tb__list_exit(struct tb__thread *t) __attribute__((weak));
hidden void tb__list_fork(void) __attribute__((weak));

/*
 * The system calls that take a struct timespec, as each ABI has them:
 * 64-bit ABIs have only the plain call, whose timespec is 64-bit already;
 * 32-bit ABIs older than Linux 5.1 have both, and the _time64 one is tried
 * first, the old one on -ENOSYS (kernels before 5.1); an ABI born with
 * 64-bit time (riscv32) has only _time64. TB__NR_<CALL> is "nr64, nr32",
 * nr32 -1 where there is no old call to fall back on.
 */
#if !defined(__NR_futex_time64)
#define TB__NR_FUTEX __NR_futex, -1
#elif defined(__NR_futex)
#define TB__NR_FUTEX __NR_futex_time64, __NR_futex
#else
#define TB__NR_FUTEX __NR_futex_time64, -1
#endif
#if !defined(__NR_clock_gettime64)
#define TB__NR_CLOCK_GETTIME __NR_clock_gettime, -1
#elif defined(__NR_clock_gettime)
#define TB__NR_CLOCK_GETTIME __NR_clock_gettime64, __NR_clock_gettime
#else
#define TB__NR_CLOCK_GETTIME __NR_clock_gettime64, -1
#endif
#if !defined(__NR_clock_nanosleep_time64)
#define TB__NR_CLOCK_NANOSLEEP __NR_clock_nanosleep, -1
#elif defined(__NR_clock_nanosleep)
#define TB__NR_CLOCK_NANOSLEEP __NR_clock_nanosleep_time64, __NR_clock_nanosleep
#else
#define TB__NR_CLOCK_NANOSLEEP __NR_clock_nanosleep_time64, -1
#endif

/* rseq(area, 32, flags, the ABI's signature); -ENOSYS where the kernel has no rseq */
static inline long tb__sys_rseq(void *area, int flags)
{
#if ARCH_RSEQ
	return tb__syscall4(__NR_rseq, area, 32, flags, ARCH_RSEQ_SIG);
#else
	(void)area;
	(void)flags;
	return -ENOSYS;
#endif
}

/*
 * base/interrupt.c: the system call n(a..f) that tb_thread_interrupt can
 * end with -ECANCELED (tb_syscall_interruptible); the interrupt signal,
 * installed if none is yet (its number or -errno); the one installed (0: none).
 */
__attribute__((visibility("hidden"))) long tb__syscall_cp(long n, long a, long b, long c, long d,
							  long e, long f);
__attribute__((visibility("hidden"))) int tb__interrupt_install(void);
__attribute__((visibility("hidden"))) int tb__interrupt_signal_installed(void);
/* puts back the caller's interrupt that a call consumed but must not report (a cond wait that was also signalled) */
__attribute__((visibility("hidden"))) void tb__interrupt_keep(void);

/* base/time64.c: the fallback to the old call (see tb__syscall_ts) */
__attribute__((visibility("hidden"))) long tb__syscall_time32(long nr64, long nr32, long a, long b,
							       long c, long d, int in, int out,
							       int cp);

/*
 * tb__syscall_ts(TB__NR_<CALL>, a, b, c, d, in, out): the call with
 * arguments a..d, of which the one numbered in (0..3; -1: none) points to a
 * struct __kernel_timespec the kernel reads and the one numbered out to one
 * it writes. Where the ABI has no old call this is the bare syscall; else
 * the old call is made on -ENOSYS, through 32-bit timespecs (seconds read
 * are saturated to 2^31-1, 68 years), and remembered for the next calls.
 */
#define tb__syscall_ts(...) tb__syscall_ts_any(0, __VA_ARGS__)
/* tb__syscall_ts through tb__syscall_cp: tb_thread_interrupt can end it (-ECANCELED) */
#define tb__syscall_ts_cp(...) tb__syscall_ts_any(1, __VA_ARGS__)
static inline long tb__syscall_ts_any(int cp, long nr64, long nr32, long a, long b, long c, long d,
				      int in, int out)
{
	if (nr32 < 0)
		return cp ? tb__syscall_cp(nr64, a, b, c, d, 0, 0) : arch_syscall6(nr64, a, b, c, d, 0, 0);
	return tb__syscall_time32(nr64, nr32, a, b, c, d, in, out, cp);
}

#endif
