/*
 * arm EABI raw syscalls.
 *
 *   insn     svc #0
 *   number   r7
 *   args     r0 r1 r2 r3 r4 r5
 *   result   r0; -4095..-1 is -errno, already the contract's convention
 *   clobbers memory (the kernel preserves every other register)
 *
 * r7 is Thumb's frame pointer (Debian builds Thumb-2 by default) and cannot
 * be named when a frame is live, so the number arrives in any register and
 * the asm swaps it into r7 around the svc, keeping r7's own value in ip.
 */
#ifndef TB_ARCH_SYSCALL_H
#define TB_ARCH_SYSCALL_H

#include <asm/signal.h>
#include <asm/unistd.h>

static inline long arch_syscall6(long n, long a, long b, long c, long d, long e, long f)
{
	register long r0 __asm__("r0") = a;
	register long r1 __asm__("r1") = b;
	register long r2 __asm__("r2") = c;
	register long r3 __asm__("r3") = d;
	register long r4 __asm__("r4") = e;
	register long r5 __asm__("r5") = f;

	__asm__ volatile("mov ip, r7\n\t"
			 "mov r7, %1\n\t"
			 "svc #0\n\t"
			 "mov r7, ip"
			 : "+r"(r0)
			 : "r"(n), "r"(r1), "r"(r2), "r"(r3), "r"(r4), "r"(r5)
			 : "ip", "memory");
	return r0;
}

/* rt_sigprocmask's sigsetsize: the kernel's _NSIG / 8. */
#define ARCH_SIGSET_BYTES 8

/* fork(): a clone with only SIGCHLD; 0 in the child, the pid in the parent. */
static inline long arch_fork(void)
{
	return arch_syscall6(__NR_clone, SIGCHLD, 0, 0, 0, 0, 0);
}

#endif
