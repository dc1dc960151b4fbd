/*
 * sparc64 raw syscalls.
 *
 *   insn     ta 0x6d
 *   number   g1
 *   args     o0 o1 o2 o3 o4 o5
 *   result   o0 (o1: a second result, for clone/fork); the carry flag in
 *            %xcc set means failure with o0 = positive errno, folded here
 *            into -errno
 *   clobbers g1 o0-o5 (the kernel may rewrite them, e.g. on a restart),
 *            cc, memory
 * Errno values differ from the generic ones (ETIMEDOUT is 60): always use
 * the <linux/errno.h> names.
 */
#ifndef TB_ARCH_SYSCALL_H
#define TB_ARCH_SYSCALL_H

#include <asm/unistd.h>
#include <asm/signal.h>

/*
 * No register variables: clang 14 gives `register long x __asm__("o0")` a
 * 32-bit register class and truncates 64-bit values (a pointer above 4 GiB
 * reached munmap cut to its low half). The asm moves its operands into
 * place itself instead, and clobbers what it uses.
 */
#define ARCH_SYSCALL_CLOBBERS "g1", "o0", "o1", "o2", "o3", "o4", "o5", "cc", "memory"

static inline long arch_syscall6(long n, long a, long b, long c, long d, long e, long f)
{
	long ret;

	__asm__ volatile("mov %1, %%g1\n\t"
			 "mov %2, %%o0\n\t"
			 "mov %3, %%o1\n\t"
			 "mov %4, %%o2\n\t"
			 "mov %5, %%o3\n\t"
			 "mov %6, %%o4\n\t"
			 "mov %7, %%o5\n\t"
			 "ta 0x6d\n\t"
			 "bcc,pt %%xcc, 1f\n\t"
			 " nop\n\t"
			 "sub %%g0, %%o0, %%o0\n"
			 "1:\tmov %%o0, %0"
			 : "=r"(ret)
			 : "r"(n), "r"(a), "r"(b), "r"(c), "r"(d), "r"(e), "r"(f)
			 : ARCH_SYSCALL_CLOBBERS);
	return ret;
}

/* rt_sigprocmask's sigsetsize: the kernel's _NSIG / 8. */
#define ARCH_SIGSET_BYTES 8

/*
 * fork(): a clone with only SIGCHLD. sparc's clone returns twice the SunOS
 * way: o1 is 0 in the parent (o0 = the child's pid) and 1 in the child,
 * whose o0 is not 0 (the parent's pid on Linux, 0 under qemu). A failure
 * (carry set) reads as the parent's -errno.
 */
static inline long arch_fork(void)
{
	long ret, child;

	__asm__ volatile("mov %2, %%g1\n\t"
			 "mov %3, %%o0\n\t"
			 "mov %%g0, %%o1\n\t"
			 "mov %%g0, %%o2\n\t"
			 "mov %%g0, %%o3\n\t"
			 "mov %%g0, %%o4\n\t"
			 "mov %%g0, %%o5\n\t"
			 "ta 0x6d\n\t"
			 "bcc,pt %%xcc, 1f\n\t"
			 " mov %%o1, %1\n\t"
			 "sub %%g0, %%o0, %%o0\n\t"
			 "mov %%g0, %1\n"
			 "1:\tmov %%o0, %0"
			 : "=&r"(ret), "=&r"(child)
			 : "i"(__NR_clone), "i"(SIGCHLD)
			 : ARCH_SYSCALL_CLOBBERS);
	return child ? 0 : ret;
}

#endif
