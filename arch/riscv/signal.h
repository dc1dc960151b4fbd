/*
 * riscv signal actions (riscv64 and riscv32): no SA_RESTORER, so no restorer
 * field; the layout is shared (arch/common/sigaction.h) with one word more:
 * qemu-user 7.2 reads and writes the struct as if it had a restorer before
 * the mask (probed on riscv64: 32 bytes, mask at 24). Zero, that word keeps
 * the mask qemu reads empty, and its write of the old action in bounds; the
 * kernel ignores it.
 */
#ifndef TB_ARCH_SIGNAL_H
#define TB_ARCH_SIGNAL_H

#define ARCH_SIGACTION_RESTORER 0
#define ARCH_SIGACTION_QEMU_TAIL 1
#define ARCH_SIGACTION_FLAGS_FIRST 0
#define ARCH_FAULT_NEEDS_SP 0 /* a guard-page fault's si_addr is the address touched */
#include "../common/sigaction.h"

/* the interrupted PC (core/base/interrupt.c) */
#include <asm/sigcontext.h>
#include <asm/ucontext.h>
#define ARCH_UCONTEXT struct ucontext
#define ARCH_CONTEXT_PC uc_mcontext.sc_regs.pc
#include "../common/context.h"

#endif
