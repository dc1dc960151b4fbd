#ifndef TB_ARCH_CPU_H
#define TB_ARCH_CPU_H

#define ARCH_STACK_ALIGN 16
#define ARCH_STACK_GROWS_UP 0 /* the stack grows down, towards the guard below it */
#define ARCH_VA_LDOUBLE_ALIGN 0 /* va_arg(ap, long double) needs no help (core/base/format.c) */

/*
 * The ELF relocation type of a relative relocation, which a static PIE's
 * start code applies (core/start.c): R_AARCH64_RELATIVE.
 */
#define ARCH_RELOC_RELATIVE 1027
#define ARCH_RELOC_JUMP_SLOT 0 /* its linker leaves none in a static PIE */

/* 32-bit and pointer atomics are inline instructions */
#define ARCH_ATOMICS_INLINE 1

static inline void arch_spin_hint(void)
{
	__asm__ volatile("isb" ::: "memory");
}

static inline _Noreturn void arch_trap(void)
{
	for (;;)
		__asm__ volatile("brk #1000");
}

/*
 * rseq (core/thread/rseq.c): the word the kernel expects just before an abort
 * handler, "brk #0x45e0"; instructions are little-endian even on
 * aarch64_be, where the word read as data is byte-swapped.
 */
#define ARCH_RSEQ 1
#ifdef __AARCH64EB__
#define ARCH_RSEQ_SIG 0x00bc28d4u
#else
#define ARCH_RSEQ_SIG 0xd428bc00u
#endif

#endif
