/*
 * arm signal actions (rt_sigaction): handler, flags, restorer, mask.
 * The layout is shared: arch/common/sigaction.h.
 */
#ifndef TB_ARCH_SIGNAL_H
#define TB_ARCH_SIGNAL_H

#define ARCH_SIGACTION_RESTORER 1
#define ARCH_SIGACTION_FLAGS_FIRST 0
#define ARCH_FAULT_NEEDS_SP 0 /* a guard-page fault's si_addr is the address touched */
#include "../common/sigaction.h"

/* the interrupted PC (core/base/interrupt.c): the kernel's ucontext, which
 * the UAPI headers do not give, around the UAPI sigcontext */
#include <asm/sigcontext.h>
struct arch_ucontext {
	unsigned long uc_flags;
	void *uc_link;
	stack_t uc_stack;
	struct sigcontext uc_mcontext;
};
#define ARCH_UCONTEXT struct arch_ucontext
#define ARCH_CONTEXT_PC uc_mcontext.arm_pc
#include "../common/context.h"

#endif
