#ifndef TB_ARCH_CPU_H
#define TB_ARCH_CPU_H

#include <asm/sgidefs.h>

/* o32 needs 8-byte alignment at calls, n64 16. */
#if _MIPS_SIM == _MIPS_SIM_ABI32
#define ARCH_STACK_ALIGN 8
#else
#define ARCH_STACK_ALIGN 16
#endif
#define ARCH_STACK_GROWS_UP 0 /* the stack grows down, towards the guard below it */

/* 32-bit and pointer atomics are inline instructions */
#define ARCH_ATOMICS_INLINE 1

/* r2's pause needs the MT ASE on some cores; a compiler barrier is enough. */
static inline void arch_spin_hint(void)
{
	__asm__ volatile("" ::: "memory");
}

static inline _Noreturn void arch_trap(void)
{
	for (;;)
		__asm__ volatile("break");
}

#endif
