#ifndef TB_ARCH_CPU_H
#define TB_ARCH_CPU_H

/* Both ABIs keep r1 16-byte aligned. */
#define ARCH_STACK_ALIGN 16
#define ARCH_STACK_GROWS_UP 0 /* the stack grows down, towards the guard below it */
#define ARCH_VA_LDOUBLE_ALIGN 0 /* va_arg(ap, long double) needs no help (core/base/format.c) */

/*
 * The ELF relocation type of a relative relocation, which a static PIE's
 * start code applies (core/start.c): R_PPC_RELATIVE, R_PPC64_RELATIVE.
 */
#define ARCH_RELOC_RELATIVE 22
#define ARCH_RELOC_JUMP_SLOT 0 /* its linker leaves none in a static PIE */

/* 32-bit and pointer atomics are inline instructions */
#define ARCH_ATOMICS_INLINE 1

/* Low then medium SMT priority, as the kernel's cpu_relax(); plain no-ops
 * on cores without SMT priorities. */
static inline void arch_spin_hint(void)
{
	__asm__ volatile("or 1, 1, 1\n\tor 2, 2, 2" ::: "memory");
}

static inline _Noreturn void arch_trap(void)
{
	for (;;)
		__asm__ volatile("trap");
}

/*
 * rseq (core/thread/rseq.c): the word the kernel expects just before an abort
 * handler, "twui r5,11", the same word on every ppc ABI and byte order.
 */
#define ARCH_RSEQ 1
#define ARCH_RSEQ_SIG 0x0fe5000bu

#endif
