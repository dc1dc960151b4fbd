/*
 * powerpc thread pointer: r2 on ppc32, r13 on ppc64 (both ABIs reserve it,
 * so compilers never allocate it). TLS variant I, modified: no TCB gap, the
 * TLS block starts at TP - 0x7000 so that signed 16-bit offsets from TP
 * reach 64 KiB of it; our control block sits just below the block.
 * clone's tls argument is the TP value: the kernel loads it into the
 * child's r2 / r13.
 */
#ifndef TB_ARCH_TP_H
#define TB_ARCH_TP_H

#include <stdint.h>

#define ARCH_TLS_ABOVE_TP 1
#define ARCH_TLS_GAP_ABOVE_TP 0
#define ARCH_TP_OFFSET 0x7000
/* clone's CLONE_SETTLS argument is the thread pointer itself */
#define ARCH_CLONE_TLS_IS_TP 1

/* Stack protector: gcc and clang read the canary at r13 - 0x7010 (ppc64) or r2 - 0x7008 (ppc32). */
#ifdef __powerpc64__
#define ARCH_SSP_TP_OFFSET (-0x7010)
#else
#define ARCH_SSP_TP_OFFSET (-0x7008)
#endif

#ifdef __powerpc64__
#define ARCH_TP_REG "13"
#else
#define ARCH_TP_REG "2"
#endif

static inline uintptr_t arch_tp_get(void)
{
	uintptr_t tp;

	__asm__("mr %0, " ARCH_TP_REG : "=r"(tp));
	return tp;
}

/* Main thread only; spawned threads get TP from clone's CLONE_SETTLS. */
static inline int arch_tp_set(uintptr_t tp)
{
	__asm__ volatile("mr " ARCH_TP_REG ", %0" : : "r"(tp) : "memory");
	return 0;
}

#endif
