/*
 * s390x raw syscalls.
 *
 *   insn     svc 0 (the number then comes from r1, so any number works)
 *   number   r1
 *   args     r2 r3 r4 r5 r6 r7
 *   result   r2; -4095..-1 is -errno, already the contract's convention
 *   clobbers memory cc (the kernel preserves every other register)
 *
 * Probed under qemu-s390x 7.2 (Debian gcc 12):
 *   - __NR_mmap (90) is the old one-argument mmap: it takes a pointer to
 *     the six arguments (s390_mmap_arg_struct) and s390x has no mmap2.
 *     Six registers give -EFAULT; the array gives the mapping. The fold
 *     is done here, so core/ calls mmap as on every other arch.
 *   - clone's first two arguments are swapped (CLONE_BACKWARDS2): a raw
 *     clone(0, SIGCHLD) forks and the child's exit status reaches wait4.
 */
#ifndef TB_ARCH_SYSCALL_H
#define TB_ARCH_SYSCALL_H

#include <asm/signal.h>
#include <asm/unistd.h>

static inline long arch_svc6(long n, long a, long b, long c, long d, long e, long f)
{
	register long r1 __asm__("r1") = n;
	register long r2 __asm__("r2") = a;
	register long r3 __asm__("r3") = b;
	register long r4 __asm__("r4") = c;
	register long r5 __asm__("r5") = d;
	register long r6 __asm__("r6") = e;
	register long r7 __asm__("r7") = f;

	__asm__ volatile("svc 0"
			 : "+r"(r2)
			 : "r"(r1), "r"(r3), "r"(r4), "r"(r5), "r"(r6), "r"(r7)
			 : "memory", "cc");
	return r2;
}

static inline long arch_syscall6(long n, long a, long b, long c, long d, long e, long f)
{
	long mmap_args[6] = { a, b, c, d, e, f };

	if (n == __NR_mmap)
		return arch_svc6(n, (long)mmap_args, 0, 0, 0, 0, 0);
	return arch_svc6(n, a, b, c, d, e, f);
}

/* rt_sigprocmask's sigsetsize: the kernel's _NSIG / 8. */
#define ARCH_SIGSET_BYTES 8

/* fork(): a clone with only SIGCHLD, stack first; 0 in the child, the pid in the parent. */
static inline long arch_fork(void)
{
	return arch_syscall6(__NR_clone, 0, SIGCHLD, 0, 0, 0, 0);
}

#endif
