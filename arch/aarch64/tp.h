/*
 * aarch64 thread pointer: tpidr_el0. TLS variant I: a 16-byte TCB at TP,
 * the TLS block at TP + round_up(16, p_align).
 */
#ifndef TB_ARCH_TP_H
#define TB_ARCH_TP_H

#include <stdint.h>

#define ARCH_TLS_ABOVE_TP 1
#define ARCH_TLS_GAP_ABOVE_TP 16
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

	__asm__("mrs %0, tpidr_el0" : "=r"(tp));
	return tp;
}

static inline int arch_tp_set(uintptr_t tp)
{
	__asm__ volatile("msr tpidr_el0, %0" : : "r"(tp) : "memory");
	return 0;
}

#endif
