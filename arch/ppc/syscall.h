/*
 * powerpc raw syscalls (ppc32, ppc64 ELFv1 and ELFv2: one convention).
 *
 *   insn     sc
 *   number   r0
 *   args     r3 r4 r5 r6 r7 r8
 *   result   r3; CR0.SO set means failure with r3 = positive errno, folded
 *            here into -errno (sc; bns+ 1f; neg 3,3; 1:)
 *   clobbers r0 r4-r12 cr0 ctr xer memory (the ELF ABI's volatile set)
 */
#ifndef TB_ARCH_SYSCALL_H
#define TB_ARCH_SYSCALL_H

#include <asm/unistd.h>
#include <asm/signal.h>

static inline long arch_syscall6(long n, long a, long b, long c, long d, long e, long f)
{
	register long r0 __asm__("r0") = n;
	register long r3 __asm__("r3") = a;
	register long r4 __asm__("r4") = b;
	register long r5 __asm__("r5") = c;
	register long r6 __asm__("r6") = d;
	register long r7 __asm__("r7") = e;
	register long r8 __asm__("r8") = f;

	__asm__ volatile("sc\n\t"
			 "bns+ 1f\n\t"
			 "neg 3, 3\n"
			 "1:"
			 : "+r"(r0), "+r"(r3), "+r"(r4), "+r"(r5), "+r"(r6), "+r"(r7), "+r"(r8)
			 :
			 : "r9", "r10", "r11", "r12", "cr0", "ctr", "xer", "memory");
	return r3;
}

/* rt_sigprocmask's sigsetsize: the kernel's _NSIG / 8. */
#define ARCH_SIGSET_BYTES 8

/* fork(): a clone with only SIGCHLD; 0 in the child, the pid in the parent. */
static inline long arch_fork(void)
{
	return arch_syscall6(__NR_clone, SIGCHLD, 0, 0, 0, 0, 0);
}

#endif
