/*
 * riscv thread pointer (riscv64 and riscv32): the tp register (x4). TLS variant I with no TCB
 * gap: the TLS block starts at TP itself (compilers use tprel offsets from
 * 0), so our control block sits just below TP.
 */
#ifndef TB_ARCH_TP_H
#define TB_ARCH_TP_H

#include <stdint.h>

#define ARCH_TLS_ABOVE_TP 1
#define ARCH_TLS_GAP_ABOVE_TP 0
#define ARCH_TP_OFFSET 0
/* clone's CLONE_SETTLS argument is the thread pointer itself */
#define ARCH_CLONE_TLS_IS_TP 1

/*
 * Stack protector: gcc and clang load the global __stack_chk_guard (the default -mstack-protector-guard=global).
 */
#define ARCH_SSP_GLOBAL 1

static inline uintptr_t arch_tp_get(void)
{
	uintptr_t tp;

	__asm__("mv %0, tp" : "=r"(tp));
	return tp;
}

static inline int arch_tp_set(uintptr_t tp)
{
	__asm__ volatile("mv tp, %0" : : "r"(tp) : "memory");
	return 0;
}

#endif
