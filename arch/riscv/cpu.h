#ifndef TB_ARCH_CPU_H
#define TB_ARCH_CPU_H

#define ARCH_STACK_ALIGN 16
#define ARCH_STACK_GROWS_UP 0 /* the stack grows down, towards the guard below it */
#define ARCH_VA_LDOUBLE_ALIGN 0 /* va_arg(ap, long double) needs no help (core/base/format.c) */

/*
 * The ELF relocation type of a relative relocation, which a static PIE's
 * start code applies (core/start.c): R_RISCV_RELATIVE.
 */
#define ARCH_RELOC_RELATIVE 3
#define ARCH_RELOC_JUMP_SLOT 0 /* its linker leaves none in a static PIE */

/* 32-bit and pointer atomics are inline instructions */
#define ARCH_ATOMICS_INLINE 1

/* Zihintpause "pause" (fence w,0): a plain no-op fence on cores without it. */
static inline void arch_spin_hint(void)
{
	__asm__ volatile(".4byte 0x0100000f" ::: "memory");
}

static inline _Noreturn void arch_trap(void)
{
	for (;;)
		__asm__ volatile("ebreak");
}

/*
 * rseq (core/thread/rseq.c): the word the kernel expects just before an abort
 * handler, "csrr mhartid, x0" (little-endian: the only byte order).
 */
#define ARCH_RSEQ 1
#define ARCH_RSEQ_SIG 0xf1401073u

#endif
