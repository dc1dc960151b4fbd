/*
 * powerpc signal actions (32 and 64-bit): handler, flags, restorer, mask.
 * The layout is shared: arch/common/sigaction.h.
 */
#ifndef TB_ARCH_SIGNAL_H
#define TB_ARCH_SIGNAL_H

#define ARCH_SIGACTION_RESTORER 1
#define ARCH_SIGACTION_FLAGS_FIRST 0
#define ARCH_FAULT_NEEDS_SP 0 /* a guard-page fault's si_addr is the address touched */
#include "../common/sigaction.h"

/* the interrupted PC (core/base/interrupt.c): the saved NIP; ppc32's
 * registers are behind uc_regs, ppc64's in the sigcontext */
#include <asm/ptrace.h>
#include <asm/sigcontext.h>
#include <asm/ucontext.h>
#include <asm/siginfo.h>
#include <stdint.h>
#ifdef __powerpc64__
#define ARCH_CONTEXT_NIP(uc) ((uc)->uc_mcontext.gp_regs[PT_NIP])
#else
#define ARCH_CONTEXT_NIP(uc) ((uc)->uc_regs->mc_gregs[PT_NIP])
#endif
static inline uintptr_t arch_context_pc(const siginfo_t *si, const void *ctx)
{
	(void)si;
	return (uintptr_t)ARCH_CONTEXT_NIP((const struct ucontext *)ctx);
}

static inline void arch_context_set_pc(siginfo_t *si, void *ctx, uintptr_t pc)
{
	(void)si;
	ARCH_CONTEXT_NIP((struct ucontext *)ctx) = pc;
}

#endif
