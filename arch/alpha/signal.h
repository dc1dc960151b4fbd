/*
 * alpha signal actions: the kernel's struct has no restorer field;
 * rt_sigaction takes the restorer as a fifth argument instead: 0 for the
 * overflow report (its handler never returns), tb__sigreturn for
 * arch_sigaction_full (without one the kernel returns through a trampoline
 * on the stack, which is not executable here).
 * The layout is shared: arch/common/sigaction.h.
 */
#ifndef TB_ARCH_SIGNAL_H
#define TB_ARCH_SIGNAL_H

#define ARCH_SIGACTION_RESTORER 0
#define ARCH_SIGACTION_FLAGS_FIRST 0
#define ARCH_FAULT_NEEDS_SP 0 /* a guard-page fault's si_addr is the address touched */
#define ARCH_SIGRETURN_ASM                                                                     \
	".pushsection .text\n.globl tb__sigreturn\n.hidden tb__sigreturn\n"                    \
	".type tb__sigreturn,@function\n.ent tb__sigreturn\ntb__sigreturn:\n"                  \
	"\tmov $30, $16\n\tlda $0, " ARCH_SIGRETURN_STR(__NR_rt_sigreturn) "($31)\n\tcallsys\n"  \
	".end tb__sigreturn\n.size tb__sigreturn, .-tb__sigreturn\n.popsection\n"
#define ARCH_SIGRETURN_STR(x) ARCH_SIGRETURN_STR_(x)
#define ARCH_SIGRETURN_STR_(x) #x
#include "../common/sigaction.h"

/* the interrupted PC (core/base/interrupt.c): the kernel's ucontext, which
 * the UAPI headers do not give, around the UAPI sigcontext */
#include <asm/sigcontext.h>
struct arch_ucontext {
	unsigned long uc_flags;
	void *uc_link;
	unsigned long uc_osf_sigmask;
	stack_t uc_stack;
	struct sigcontext uc_mcontext;
};
#define ARCH_UCONTEXT struct arch_ucontext
#define ARCH_CONTEXT_PC uc_mcontext.sc_pc
#include "../common/context.h"

#endif
