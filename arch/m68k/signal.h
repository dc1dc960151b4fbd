/*
 * m68k signal actions (rt_sigaction): handler, flags, restorer, mask.
 * The layout is shared: arch/common/sigaction_restorer.h.
 */
#ifndef TB_ARCH_SIGNAL_H
#define TB_ARCH_SIGNAL_H

#include "../common/sigaction_restorer.h"

#endif
