/*
 * The interrupted program counter in a signal handler's context, for ABIs
 * that keep one PC in their ucontext (core/base/interrupt.c reads it and
 * moves it). An arch/<a>/signal.h defines ARCH_UCONTEXT (the type of the
 * handler's third argument: the UAPI struct ucontext, or the arch's own
 * where its UAPI has none) and ARCH_CONTEXT_PC (the member path of the
 * PC in it), then includes this file. sparc64, hppa (two PCs) and ppc32
 * (the registers behind a pointer) write the two functions themselves.
 */
#ifndef TB_ARCH_CONTEXT_H
#define TB_ARCH_CONTEXT_H

#include <asm/siginfo.h>
#include <stdint.h>

static inline uintptr_t arch_context_pc(const siginfo_t *si, const void *ctx)
{
	(void)si;
	return (uintptr_t)((const ARCH_UCONTEXT *)ctx)->ARCH_CONTEXT_PC;
}

static inline void arch_context_set_pc(siginfo_t *si, void *ctx, uintptr_t pc)
{
	(void)si;
	((ARCH_UCONTEXT *)ctx)->ARCH_CONTEXT_PC = pc;
}

#endif
