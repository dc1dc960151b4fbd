/*
 * x86_64 raw syscalls.
 *
 *   insn     syscall
 *   number   rax
 *   args     rdi rsi rdx r10 r8 r9   (the 4th is r10, not rcx)
 *   result   rax; -4095..-1 is -errno, already the contract's convention
 *   clobbers rcx r11 memory
 *
 * x32 (__ILP32__, the same folder): the same instruction and registers, the
 * numbers carry __X32_SYSCALL_BIT (<asm/unistd.h> adds it), and long and
 * pointers are 32 bits while the kernel reads the full 64-bit registers, so
 * every argument is zero-extended (musl does the same; an int such as fd -1
 * is read back by the kernel as an int). The result's low 32 bits are the
 * long: -4095..-1 stay -errno, and x32 addresses are below 4 GiB.
 * Not run here: qemu-user has no x32, and neither has this host's kernel.
 */
#ifndef TB_ARCH_SYSCALL_H
#define TB_ARCH_SYSCALL_H

#include <asm/signal.h>
#include <asm/unistd.h>

#ifdef __ILP32__
typedef unsigned long long arch_reg_t;
#define ARCH_REG(x) ((arch_reg_t)(unsigned long)(x))
#else
typedef long arch_reg_t;
#define ARCH_REG(x) (x)
#endif

static inline long arch_syscall6(long n, long a, long b, long c, long d, long e, long f)
{
	register arch_reg_t r10 __asm__("r10") = ARCH_REG(d);
	register arch_reg_t r8 __asm__("r8") = ARCH_REG(e);
	register arch_reg_t r9 __asm__("r9") = ARCH_REG(f);
	arch_reg_t ret;

	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"(ARCH_REG(n)), "D"(ARCH_REG(a)), "S"(ARCH_REG(b)), "d"(ARCH_REG(c)),
			   "r"(r10), "r"(r8), "r"(r9)
			 : "rcx", "r11", "memory");
	return (long)ret;
}

/* rt_sigprocmask's sigsetsize: the kernel's _NSIG / 8. */
#define ARCH_SIGSET_BYTES 8

/* fork(): a clone with only SIGCHLD; 0 in the child, the pid in the parent. */
static inline long arch_fork(void)
{
	return arch_syscall6(__NR_clone, SIGCHLD, 0, 0, 0, 0, 0);
}

#endif
