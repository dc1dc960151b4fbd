#ifndef TB_ARCH_CPU_H
#define TB_ARCH_CPU_H

/* The s390x ELF ABI needs 8 at calls (clone.S and start.S align to 16). */
#define ARCH_STACK_ALIGN 8
#define ARCH_STACK_GROWS_UP 0 /* the stack grows down, towards the guard below it */
#define ARCH_VA_LDOUBLE_ALIGN 0 /* va_arg(ap, long double) needs no help (core/base/format.c) */

/*
 * The ELF relocation type of a relative relocation, which a static PIE's
 * start code applies (core/start.c): R_390_RELATIVE.
 */
#define ARCH_RELOC_RELATIVE 12
#define ARCH_RELOC_JUMP_SLOT 0 /* its linker leaves none in a static PIE */

/* 32-bit and pointer atomics are inline instructions */
#define ARCH_ATOMICS_INLINE 1

/* z/Architecture has no spin-wait hint for user code; a compiler barrier. */
static inline void arch_spin_hint(void)
{
	__asm__ volatile("" ::: "memory");
}

/* gcc and clang both emit an invalid instruction (operation exception). */
static inline _Noreturn void arch_trap(void)
{
	for (;;)
		__builtin_trap();
}

/*
 * rseq (core/thread/rseq.c): the word the kernel expects just before an abort
 * handler, "trap4 4095(%r0)".
 */
#define ARCH_RSEQ 1
#define ARCH_RSEQ_SIG 0xB2FF0FFFu

#endif
