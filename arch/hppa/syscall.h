/*
 * hppa (PA-RISC, 32-bit userland) raw syscalls.
 *
 *   insn     ble 0x100(%sr2, %r0): a branch into the kernel's gateway page,
 *            which returns to %r31
 *   number   r20
 *   args     r26 r25 r24 r23 r22 r21
 *   result   r28; -4095..-1 is -errno, already the contract's convention
 *   clobbers r1 (the kernel's scratch), r2, r19, r29, r31 (the link), the
 *            argument registers (treated as outputs); memory. The kernel
 *            saves and restores r2, r19 and r27 (dp) itself, and glibc
 *            lists r1 r2 r20 r29 r31 and its r19 save; this list is the
 *            union, so no kernel version can surprise it. (The code is
 *            never PIC: r19 is an ordinary register here.)
 */
#ifndef TB_ARCH_SYSCALL_H
#define TB_ARCH_SYSCALL_H

#include <asm/signal.h>
#include <asm/unistd.h>

static inline long arch_syscall6(long n, long a, long b, long c, long d, long e, long f)
{
	register long r20 __asm__("r20") = n;
	register long r26 __asm__("r26") = a;
	register long r25 __asm__("r25") = b;
	register long r24 __asm__("r24") = c;
	register long r23 __asm__("r23") = d;
	register long r22 __asm__("r22") = e;
	register long r21 __asm__("r21") = f;
	register long r28 __asm__("r28");

	__asm__ volatile("ble 0x100(%%sr2, %%r0)\n\tnop"
			 : "=r"(r28), "+r"(r20), "+r"(r26), "+r"(r25), "+r"(r24), "+r"(r23),
			   "+r"(r22), "+r"(r21)
			 :
			 : "r1", "r2", "r19", "r29", "r31", "memory");
	return r28;
}

/* rt_sigprocmask's sigsetsize: the kernel's _NSIG / 8. */
#define ARCH_SIGSET_BYTES 8

/* fork(): a clone with only SIGCHLD; 0 in the child, the pid in the parent. */
static inline long arch_fork(void)
{
	return arch_syscall6(__NR_clone, SIGCHLD, 0, 0, 0, 0, 0);
}

#endif
