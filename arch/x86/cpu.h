#ifndef TB_ARCH_CPU_H
#define TB_ARCH_CPU_H

/* The i386 psABI as gcc has used it since 2004: 16 at every call. */
#define ARCH_STACK_ALIGN 16
#define ARCH_STACK_GROWS_UP 0 /* the stack grows down, towards the guard below it */
#define ARCH_VA_LDOUBLE_ALIGN 0 /* va_arg(ap, long double) needs no help (core/base/format.c) */

/*
 * The ELF relocation type of a relative relocation, which a static PIE's
 * start code applies (core/start.c): R_386_RELATIVE.
 */
#define ARCH_RELOC_RELATIVE 8
#define ARCH_RELOC_JUMP_SLOT 0 /* its linker leaves none in a static PIE */

/* 32-bit and pointer atomics are inline instructions */
#define ARCH_ATOMICS_INLINE 1

static inline void arch_spin_hint(void)
{
	__asm__ volatile("pause" ::: "memory");
}

static inline _Noreturn void arch_trap(void)
{
	for (;;)
		__asm__ volatile("ud2");
}

/*
 * rseq (core/thread/rseq.c): the word the kernel expects just before an abort
 * handler, the kernel's and glibc's x86 value.
 */
#define ARCH_RSEQ 1
#define ARCH_RSEQ_SIG 0x53053053u

#endif
