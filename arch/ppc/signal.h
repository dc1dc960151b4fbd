/*
 * powerpc signal actions (32 and 64-bit): handler, flags, restorer, mask.
 * The layout is shared: arch/common/sigaction.h.
 */
#ifndef TB_ARCH_SIGNAL_H
#define TB_ARCH_SIGNAL_H

#define ARCH_SIGACTION_RESTORER 1
#define ARCH_SIGACTION_FLAGS_FIRST 0
#include "../common/sigaction.h"

#endif
