/*
 * sparc64 signal actions: struct __new_sigaction; rt_sigaction takes the restorer as its 4th argument (0: the handler never returns) and the sigset size 5th.
 */
#ifndef TB_ARCH_SIGNAL_H
#define TB_ARCH_SIGNAL_H

#include <asm/siginfo.h>
#include <asm/signal.h>
#include <stdint.h>
#include "cpu.h"
#include "syscall.h"

/*
 * A guard-page fault's si_addr can be wrong here: when the faulting access's
 * base register lives in a register window the kernel could not save (its
 * save area is the guarded stack), the kernel computes the address from a
 * zero register (probed on the 6.1 kernel under qemu sun4u: a store to
 * [%fp - 2049] in the guard reported si_addr 0xfffffffffffff7ff). So the
 * overflow report also checks the faulting %sp: the rt signal frame holds
 * the siginfo and right after it the saved registers, whose u_regs[14] is
 * %o6, the stack pointer minus the 2047 stack bias (probed there and under
 * qemu-user: the handler's siginfo pointer is the frame's own).
 */
#define ARCH_FAULT_NEEDS_SP 1

static inline uintptr_t arch_fault_sp(const siginfo_t *si, const void *ctx)
{
	const unsigned long *regs = (const unsigned long *)(const void *)(si + 1);

	(void)ctx;
	return regs[14] + 2047;
}

/* rt_sigaction's struct sigaction, as this kernel reads it */
struct arch_sigaction {
	__sighandler_t handler;
	unsigned long flags;
	void (*restorer)(void);
	unsigned long mask[ARCH_SIGSET_BYTES / sizeof(unsigned long)];
};

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
	a.flags = flags;
	r = arch_syscall6(__NR_rt_sigaction, sig, set ? (long)&a : 0, (long)&o, 0, ARCH_SIGSET_BYTES, 0);
	if (!r && old)
		*old = o.handler;
	return r;
}

/*
 * The restorer of handlers that return (tb_signal_action). The kernel
 * makes the handler return to the 4th argument + 8 (a call's return
 * address is the call's own), so arch_sigaction_full passes it less 8.
 */
#define ARCH_SIGRETURN_ASM                                                                     \
	".pushsection .text\n.globl tb__sigreturn\n.hidden tb__sigreturn\n"                    \
	".type tb__sigreturn,#function\ntb__sigreturn:\n"                                      \
	"\tmov " ARCH_SIGRETURN_STR(__NR_rt_sigreturn) ", %g1\n\tta 0x6d\n"                     \
	".size tb__sigreturn, .-tb__sigreturn\n.popsection\n"
#define ARCH_SIGRETURN_STR(x) ARCH_SIGRETURN_STR_(x)
#define ARCH_SIGRETURN_STR_(x) #x
extern void tb__sigreturn(void) __attribute__((visibility("hidden")));

static inline long arch_sigaction_full(int sig, struct arch_sigaction *a, struct arch_sigaction *o)
{
	return arch_syscall6(__NR_rt_sigaction, sig, (long)a, (long)o,
			     (long)tb__sigreturn - 8, ARCH_SIGSET_BYTES, 0);
}

/*
 * The interrupted PC (core/base/interrupt.c): the handler's context
 * argument is the siginfo again, and the saved registers follow it (as for
 * arch_fault_sp): u_regs[16], tstate, tpc, tnpc. Moving the PC moves the
 * next PC with it.
 */
static inline uintptr_t arch_context_pc(const siginfo_t *si, const void *ctx)
{
	(void)ctx;
	return ((const unsigned long *)(const void *)(si + 1))[17];
}

static inline void arch_context_set_pc(siginfo_t *si, void *ctx, uintptr_t pc)
{
	unsigned long *regs = (unsigned long *)(void *)(si + 1);

	(void)ctx;
	regs[17] = pc;
	regs[18] = pc + 4;
}

#endif
