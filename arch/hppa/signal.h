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

#endif
