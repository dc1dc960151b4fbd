/*
 * x86_64 signal actions: the generic layout; the kernel requires SA_RESTORER.
 */
#ifndef TB_ARCH_SIGNAL_H
#define TB_ARCH_SIGNAL_H

#include <asm/signal.h>
#include <asm/sigcontext.h>
#include <asm/ucontext.h>
#include "cpu.h"
#include "syscall.h"

#define ARCH_FAULT_NEEDS_SP 0 /* a guard-page fault's si_addr is the address touched */

/* rt_sigaction's struct sigaction, as this kernel reads it */
struct arch_sigaction {
	__sighandler_t handler;
	unsigned long flags;
	void (*restorer)(void);
	unsigned long mask[ARCH_SIGSET_BYTES / sizeof(unsigned long)];
};

/* The kernel insists on a restorer (it refuses to deliver without one); the
 * handlers installed through arch_sigaction never return, so it is never run. */
static inline void arch_sigaction_never_returns(void)
{
	arch_trap();
}

/*
 * With set, installs handler (an SA_SIGINFO one cast to __sighandler_t, or SIG_DFL)
 * for sig with flags and an empty sa_mask; without, changes nothing. Stores
 * the handler that was in place in *old (unless NULL). Returns 0 or -errno.
 * The handler must not return (no restorer is set up for it).
 */
static inline long arch_sigaction(int sig, __sighandler_t handler, unsigned long flags,
				  __sighandler_t *old, int set)
{
	struct arch_sigaction a = { 0 }, o = { 0 };
	long r;

	a.handler = handler;
	a.flags = flags | SA_RESTORER;
	a.restorer = arch_sigaction_never_returns;
	r = arch_syscall6(__NR_rt_sigaction, sig, set ? (long)&a : 0, (long)&o, ARCH_SIGSET_BYTES, 0, 0);
	if (!r && old)
		*old = o.handler;
	return r;
}

/* The restorer of handlers that return (tb_signal_action); x32's number has its bit. */
#define ARCH_SIGRETURN_ASM                                                                     \
	".pushsection .text\n.globl tb__sigreturn\n.hidden tb__sigreturn\n"                    \
	".type tb__sigreturn,@function\ntb__sigreturn:\n"                                      \
	"\tmovl $" ARCH_SIGRETURN_STR(__NR_rt_sigreturn) ", %eax\n\tsyscall\n\thlt\n"          \
	".size tb__sigreturn, .-tb__sigreturn\n.popsection\n"
#define ARCH_SIGRETURN_STR(x) ARCH_SIGRETURN_STR_(x)
#define ARCH_SIGRETURN_STR_(x) #x
extern void tb__sigreturn(void) __attribute__((visibility("hidden")));

/* arch/common/sigaction.h's: installs *a with tb__sigreturn as its restorer. */
static inline long arch_sigaction_full(int sig, struct arch_sigaction *a, struct arch_sigaction *o)
{
	if (a) {
		a->flags |= SA_RESTORER;
		a->restorer = tb__sigreturn;
	}
	return arch_syscall6(__NR_rt_sigaction, sig, (long)a, (long)o, ARCH_SIGSET_BYTES, 0, 0);
}

/* the interrupted PC (core/base/interrupt.c); x32's frame is the 64-bit one */
#define ARCH_UCONTEXT struct ucontext
#define ARCH_CONTEXT_PC uc_mcontext.rip
#include "../common/context.h"

#endif
