/*
 * alpha signal actions: the kernel's struct has no restorer field;
 * rt_sigaction takes the restorer as a fifth argument instead (0 here).
 * The layout is shared: arch/common/sigaction.h.
 */
#ifndef TB_ARCH_SIGNAL_H
#define TB_ARCH_SIGNAL_H

#define ARCH_SIGACTION_RESTORER 0
#define ARCH_SIGACTION_FLAGS_FIRST 0
#define ARCH_FAULT_NEEDS_SP 0 /* a guard-page fault's si_addr is the address touched */
#include "../common/sigaction.h"

#endif
