/*
 * mips thread pointer: the UserLocal register, read with rdhwr $3,$29 and
 * set with set_thread_area(tp). TLS variant I, modified: no TCB between TP
 * and the block, but TP is biased, the block starts at TP - 0x7000 (so that
 * 16-bit signed offsets reach 0x8000 more bytes of TLS).
 */
#ifndef TB_ARCH_TP_H
#define TB_ARCH_TP_H

#include <stdint.h>
#include "syscall.h"

#define ARCH_TLS_ABOVE_TP 1
#define ARCH_TLS_GAP_ABOVE_TP 0
#define ARCH_TP_OFFSET 0x7000
/* clone's CLONE_SETTLS argument is the thread pointer itself */
#define ARCH_CLONE_TLS_IS_TP 1

/*
 * Stack protector: gcc and clang load the global __stack_chk_guard.
 */
#define ARCH_SSP_GLOBAL 1

/*
 * The destination must be $3: cores before r2 trap rdhwr and the kernel's
 * fast emulation path only handles v1. Before r2 the assembler would refuse
 * the mnemonic, so it is spelled as a word there (musl does the same).
 */
static inline uintptr_t arch_tp_get(void)
{
	register uintptr_t tp __asm__("$3");

#if defined(__mips_isa_rev) && __mips_isa_rev >= 2
	__asm__("rdhwr $3, $29" : "=r"(tp));
#else
	__asm__(".word 0x7c03e83b" : "=r"(tp));
#endif
	return tp;
}

/* Main thread only; spawned threads get TP from clone's CLONE_SETTLS. */
static inline int arch_tp_set(uintptr_t tp)
{
	return (int)arch_syscall6(__NR_set_thread_area, (long)tp, 0, 0, 0, 0, 0);
}

#endif
