/*
 * alpha raw syscalls.
 *
 *   insn     callsys (call_pal 0x83)
 *   number   v0 ($0)
 *   args     a0..a5 ($16..$21)
 *   result   v0; a3 ($19) != 0 flags an error and v0 is then the positive
 *            errno, folded here into -errno
 *   clobbers the temporaries $1-$8 $22-$25, $27 $28, and the argument
 *            registers (treated as outputs); memory
 * Registers are named by number, as the compiler's own alpha output does.
 */
#ifndef TB_ARCH_SYSCALL_H
#define TB_ARCH_SYSCALL_H

#include <asm/signal.h>
#include <asm/unistd.h>

static inline long arch_syscall6(long n, long a, long b, long c, long d, long e, long f)
{
	register long v0 __asm__("$0") = n;
	register long a0 __asm__("$16") = a;
	register long a1 __asm__("$17") = b;
	register long a2 __asm__("$18") = c;
	register long a3 __asm__("$19") = d;
	register long a4 __asm__("$20") = e;
	register long a5 __asm__("$21") = f;

	__asm__ volatile("callsys"
			 : "+r"(v0), "+r"(a0), "+r"(a1), "+r"(a2), "+r"(a3), "+r"(a4), "+r"(a5)
			 :
			 : "$1", "$2", "$3", "$4", "$5", "$6", "$7", "$8", "$22", "$23", "$24",
			   "$25", "$27", "$28", "memory");
	return a3 ? -v0 : v0;
}

/* rt_sigprocmask's sigsetsize: the kernel's _NSIG / 8. */
#define ARCH_SIGSET_BYTES 8

/* fork(): a clone with only SIGCHLD; 0 in the child, the pid in the parent. */
static inline long arch_fork(void)
{
	return arch_syscall6(__NR_clone, SIGCHLD, 0, 0, 0, 0, 0);
}

#endif
