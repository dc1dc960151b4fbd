/*
 * riscv raw syscalls, riscv64 and riscv32 alike (registers are XLEN wide).
 * riscv32 was born with 64-bit time: its UAPI (the riscv64 package's
 * headers, which pick the 32-bit names from __BITS_PER_LONG) has only the
 * _time64 futex and clock calls, mmap2 instead of mmap, and no wait4.
 *
 *   insn     ecall
 *   number   a7
 *   args     a0 a1 a2 a3 a4 a5
 *   result   a0; -4095..-1 is -errno, already the contract's convention
 *   clobbers memory
 */
#ifndef TB_ARCH_SYSCALL_H
#define TB_ARCH_SYSCALL_H

#include <asm/signal.h>
#include <asm/unistd.h>

static inline long arch_syscall6(long n, long a, long b, long c, long d, long e, long f)
{
	register long a7 __asm__("a7") = n;
	register long a0 __asm__("a0") = a;
	register long a1 __asm__("a1") = b;
	register long a2 __asm__("a2") = c;
	register long a3 __asm__("a3") = d;
	register long a4 __asm__("a4") = e;
	register long a5 __asm__("a5") = f;

	__asm__ volatile("ecall"
			 : "+r"(a0)
			 : "r"(a7), "r"(a1), "r"(a2), "r"(a3), "r"(a4), "r"(a5)
			 : "memory");
	return a0;
}

/* rt_sigprocmask's sigsetsize: the kernel's _NSIG / 8. */
#define ARCH_SIGSET_BYTES 8

/* fork(): a clone with only SIGCHLD; 0 in the child, the pid in the parent. */
static inline long arch_fork(void)
{
	return arch_syscall6(__NR_clone, SIGCHLD, 0, 0, 0, 0, 0);
}

#endif
