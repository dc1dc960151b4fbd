/*
 * m68k raw syscalls.
 *
 *   insn     trap #0
 *   number   d0
 *   args     d1 d2 d3 d4 d5 a0
 *   result   d0; -4095..-1 is -errno, already the contract's convention
 *   clobbers memory (the kernel restores every other register)
 */
#ifndef TB_ARCH_SYSCALL_H
#define TB_ARCH_SYSCALL_H

#include <asm/signal.h>
#include <asm/unistd.h>

static inline long arch_syscall6(long n, long a, long b, long c, long d, long e, long f)
{
	register long d0 __asm__("d0") = n;
	register long d1 __asm__("d1") = a;
	register long d2 __asm__("d2") = b;
	register long d3 __asm__("d3") = c;
	register long d4 __asm__("d4") = d;
	register long d5 __asm__("d5") = e;
	register long a0 __asm__("a0") = f;

	__asm__ volatile("trap #0"
			 : "+r"(d0)
			 : "r"(d1), "r"(d2), "r"(d3), "r"(d4), "r"(d5), "r"(a0)
			 : "memory");
	return d0;
}

/* rt_sigprocmask's sigsetsize: the kernel's _NSIG / 8. */
#define ARCH_SIGSET_BYTES 8

/* fork(): a clone with only SIGCHLD; 0 in the child, the pid in the parent. */
static inline long arch_fork(void)
{
	return arch_syscall6(__NR_clone, SIGCHLD, 0, 0, 0, 0, 0);
}

#endif
