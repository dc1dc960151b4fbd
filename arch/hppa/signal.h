/*
 * hppa signal actions (rt_sigaction): no SA_RESTORER (the kernel's vDSO or
 * the frame itself holds the return trampoline), so handler, flags, mask;
 * qemu-hppa 7.2 reads the same (probed: the mask comes back at offset 8).
 * The layout is shared: arch/common/sigaction.h.
 */
#ifndef TB_ARCH_SIGNAL_H
#define TB_ARCH_SIGNAL_H

#define ARCH_SIGACTION_RESTORER 0
#define ARCH_SIGACTION_FLAGS_FIRST 0
#define ARCH_FAULT_NEEDS_SP 0 /* a guard-page fault's si_addr is the address touched */
#include "../common/sigaction.h"

/*
 * The interrupted PC (core/base/interrupt.c): the front and back of the
 * instruction address queue in the kernel's ucontext (which the UAPI
 * headers do not give), with the privilege level (3) in their low bits.
 * In a system call the kernel stores where the call returns to (the ble,
 * when it restarts the call), and its rt_sigreturn resumes there. qemu-user
 * (7.2, probed) stores the gateway page's entry (0x100) for a call it
 * restarts, with the return address (past the ble's delay slot) in r31:
 * the PC that stands for it is then the ble, 8 bytes before.
 */
#include <asm/sigcontext.h>
#include <asm/siginfo.h>
#include <stdint.h>
struct arch_ucontext {
	unsigned long uc_flags;
	void *uc_link;
	stack_t uc_stack;
	struct sigcontext uc_mcontext;
};

static inline uintptr_t arch_context_pc(const siginfo_t *si, const void *ctx)
{
	const struct sigcontext *sc = &((const struct arch_ucontext *)ctx)->uc_mcontext;
	uintptr_t pc = sc->sc_iaoq[0] & ~3UL;

	(void)si;
	return pc < 0x1000 ? (sc->sc_gr[31] & ~3UL) - 8 : pc;
}

static inline void arch_context_set_pc(siginfo_t *si, void *ctx, uintptr_t pc)
{
	struct arch_ucontext *uc = ctx;

	(void)si;
	uc->uc_mcontext.sc_iaoq[0] = pc | 3;
	uc->uc_mcontext.sc_iaoq[1] = (pc + 4) | 3;
}

#endif
