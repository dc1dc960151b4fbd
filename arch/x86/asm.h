/* Control-flow protection for this folder's .S files: arch/common/x86_cet.h. */
#ifndef TB_ARCH_ASM_H
#define TB_ARCH_ASM_H

#define TB_ENDBR_INSN endbr32
#include "../common/x86_cet.h"

#endif
