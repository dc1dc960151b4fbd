/*
 * powerpc signal actions (32 and 64-bit): handler, flags, restorer, mask.
 * The layout is shared: arch/common/sigaction_restorer.h.
 */
#ifndef TB_ARCH_SIGNAL_H
#define TB_ARCH_SIGNAL_H

#include "../common/sigaction_restorer.h"

#endif
