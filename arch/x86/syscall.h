/*
 * i386 raw syscalls.
 *
 *   insn     int $0x80 (never the AT_SYSINFO vsyscall: it pushes on the
 *            stack, and clone children and self-unmapping threads have none)
 *   number   eax
 *   args     ebx ecx edx esi edi ebp
 *   result   eax; -4095..-1 is -errno, already the contract's convention
 *   clobbers memory (the kernel preserves every other register)
 *
 * ebx is the PIC register and ebp the frame pointer, so neither can always be
 * named in a constraint. The number, arg 1 and arg 6 travel in a small block
 * whose address is in eax; the asm saves ebx and ebp around the call.
 */
#ifndef TB_ARCH_SYSCALL_H
#define TB_ARCH_SYSCALL_H

#include <asm/signal.h>
#include <asm/unistd.h>

static inline long arch_syscall6(long n, long a, long b, long c, long d, long e, long f)
{
	long blk[3] = { n, a, f };
	long ret;

	__asm__ volatile("push %%ebx\n\t"
			 "push %%ebp\n\t"
			 "mov 4(%%eax), %%ebx\n\t"
			 "mov 8(%%eax), %%ebp\n\t"
			 "mov (%%eax), %%eax\n\t"
			 "int $0x80\n\t"
			 "pop %%ebp\n\t"
			 "pop %%ebx"
			 : "=a"(ret)
			 : "a"(blk), "c"(b), "d"(c), "S"(d), "D"(e)
			 : "memory");
	return ret;
}

/* rt_sigprocmask's sigsetsize: the kernel's _NSIG / 8. */
#define ARCH_SIGSET_BYTES 8

/* fork(): a clone with only SIGCHLD; 0 in the child, the pid in the parent. */
static inline long arch_fork(void)
{
	return arch_syscall6(__NR_clone, SIGCHLD, 0, 0, 0, 0, 0);
}

#endif
