/*
 * mips signal actions: flags (an unsigned int) come first, no restorer
 * field; o32 and n64 alike. qemu-user 7.2 reads and writes 4 bytes more on
 * o32 (28, probed): a zero tail word keeps its write in bounds. The layout
 * is shared: arch/common/sigaction.h.
 */
#ifndef TB_ARCH_SIGNAL_H
#define TB_ARCH_SIGNAL_H

#define ARCH_SIGACTION_RESTORER 0
#define ARCH_SIGACTION_FLAGS_FIRST 1
#define ARCH_FAULT_NEEDS_SP 0 /* a guard-page fault's si_addr is the address touched */
#define ARCH_SIGACTION_QEMU_TAIL 1
#include "../common/sigaction.h"

/* the interrupted PC (core/base/interrupt.c) */
#include <asm/sigcontext.h>
#include <asm/ucontext.h>
#define ARCH_UCONTEXT struct ucontext
#define ARCH_CONTEXT_PC uc_mcontext.sc_pc
#include "../common/context.h"

#endif
