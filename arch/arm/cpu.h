#ifndef TB_ARCH_CPU_H
#define TB_ARCH_CPU_H

/* AAPCS: 8 at public interfaces (clone.S aligns new stacks to 16 anyway). */
#define ARCH_STACK_ALIGN 8

static inline void arch_spin_hint(void)
{
	__asm__ volatile("yield" ::: "memory");
}

/* The compiler picks the undefined-instruction encoding for ARM or Thumb. */
static inline _Noreturn void arch_trap(void)
{
	for (;;)
		__builtin_trap();
}

#endif
