/*
 * mips raw syscalls, o32 and n64 (split on _MIPS_SIM).
 *
 *   insn     syscall
 *   number   $2 (v0): 4000+ on o32, 5000+ on n64 (from <asm/unistd.h>)
 *   args     o32: $4 $5 $6 $7, the 5th and 6th at 16($sp) and 20($sp) of a
 *            frame the caller makes, with the 16-byte home area below them;
 *            the kernel reads 16..31($sp) on every o32 syscall
 *            n64: $4 $5 $6 $7 $8 $9
 *   result   $2; $7 != 0 flags an error and $2 is then the positive errno,
 *            folded here into -errno (musl: r7 && r2 > 0 ? -r2 : r2)
 *   clobbers o32: $1 $3 $8-$15 $24 $25 hi lo memory
 *            n64: $1 $3 $10-$15 $24 $25 hi lo memory
 * Registers are named by number: binutils, gcc and clang disagree on the
 * o32/n64 aliases (nolibc does the same). hi/lo do not exist on r6.
 */
#ifndef TB_ARCH_SYSCALL_H
#define TB_ARCH_SYSCALL_H

#include <asm/sgidefs.h>
#include <asm/signal.h>
#include <asm/unistd.h>

#if defined(__mips_isa_rev) && __mips_isa_rev >= 6
#define ARCH_HILO_CLOBBER
#else
#define ARCH_HILO_CLOBBER , "hi", "lo"
#endif

#if _MIPS_SIM == _MIPS_SIM_ABI32

static inline long arch_syscall6(long n, long a, long b, long c, long d, long e, long f)
{
	register long r2 __asm__("$2");
	register long r4 __asm__("$4") = a;
	register long r5 __asm__("$5") = b;
	register long r6 __asm__("$6") = c;
	register long r7 __asm__("$7") = d;
	register long r8 __asm__("$8") = e;
	register long r9 __asm__("$9") = f;

	/* v0 is loaded right before the syscall so a restart re-reads it */
	__asm__ volatile("addiu $sp, $sp, -32\n\t"
			 "sw $8, 16($sp)\n\t"
			 "sw $9, 20($sp)\n\t"
			 "addu $2, $0, %[n]\n\t"
			 "syscall\n\t"
			 "addiu $sp, $sp, 32"
			 : "=&r"(r2), "+r"(r7), "+r"(r8), "+r"(r9)
			 : [n] "r"(n), "r"(r4), "r"(r5), "r"(r6)
			 : "$1", "$3", "$10", "$11", "$12", "$13", "$14", "$15", "$24", "$25",
			   "memory" ARCH_HILO_CLOBBER);
	return r7 && r2 > 0 ? -r2 : r2;
}

#elif _MIPS_SIM == _MIPS_SIM_ABI64

static inline long arch_syscall6(long n, long a, long b, long c, long d, long e, long f)
{
	register long r2 __asm__("$2");
	register long r4 __asm__("$4") = a;
	register long r5 __asm__("$5") = b;
	register long r6 __asm__("$6") = c;
	register long r7 __asm__("$7") = d;
	register long r8 __asm__("$8") = e;
	register long r9 __asm__("$9") = f;

	__asm__ volatile("daddu $2, $0, %[n]\n\t"
			 "syscall"
			 : "=&r"(r2), "+r"(r7)
			 : [n] "r"(n), "r"(r4), "r"(r5), "r"(r6), "r"(r8), "r"(r9)
			 : "$1", "$3", "$10", "$11", "$12", "$13", "$14", "$15", "$24", "$25",
			   "memory" ARCH_HILO_CLOBBER);
	return r7 && r2 > 0 ? -r2 : r2;
}

#else
#error "mips: only the o32 and n64 ABIs are supported (not n32)"
#endif

/* rt_sigprocmask's sigsetsize: the kernel's _NSIG / 8 (mips has 128 signals). */
#define ARCH_SIGSET_BYTES 16

/* fork(): a clone with only SIGCHLD; 0 in the child, the pid in the parent. */
static inline long arch_fork(void)
{
	return arch_syscall6(__NR_clone, SIGCHLD /* 18 on mips */, 0, 0, 0, 0, 0);
}

#endif
