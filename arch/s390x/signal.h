/*
 * s390x signal actions (rt_sigaction): handler, flags, restorer, mask.
 * The layout is shared: arch/common/sigaction.h.
 */
#ifndef TB_ARCH_SIGNAL_H
#define TB_ARCH_SIGNAL_H

#define ARCH_SIGACTION_RESTORER 1
#define ARCH_SIGACTION_FLAGS_FIRST 0
#define ARCH_FAULT_NEEDS_SP 0 /* a guard-page fault's si_addr is the address touched */
#include "../common/sigaction.h"

/* the interrupted PC (core/base/interrupt.c) */
#include <asm/sigcontext.h>
#include <asm/ucontext.h>
#define ARCH_UCONTEXT struct ucontext
#define ARCH_CONTEXT_PC uc_mcontext.regs.psw.addr
#include "../common/context.h"

#endif
