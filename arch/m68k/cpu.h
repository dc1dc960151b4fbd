#ifndef TB_ARCH_CPU_H
#define TB_ARCH_CPU_H

/* The m68k ABI needs 2 at calls; clone.S and start.S align to 16. */
#define ARCH_STACK_ALIGN 4
#define ARCH_STACK_GROWS_UP 0 /* the stack grows down, towards the guard below it */
#define ARCH_VA_LDOUBLE_ALIGN 0 /* va_arg(ap, long double) needs no help (core/base/format.c) */

/*
 * The ELF relocation type of a relative relocation, which a static PIE's
 * start code applies (core/start.c): R_68K_RELATIVE.
 */
#define ARCH_RELOC_RELATIVE 22
/*
 * R_68K_JMP_SLOT: m68k's ld makes a function whose address the program
 * reads from the GOT (tests/pie.c's main) a dynamic symbol, and calls to it
 * go through a PLT slot that a static PIE still has to fill.
 */
#define ARCH_RELOC_JUMP_SLOT 21

/* 68020 and later: cas, inline */
#define ARCH_ATOMICS_INLINE 1

static inline void arch_spin_hint(void)
{
	__asm__ volatile("" ::: "memory");
}

static inline _Noreturn void arch_trap(void)
{
	for (;;)
		__asm__ volatile("illegal");
}

/* rseq (core/thread/rseq.c): none, the kernel has no rseq on m68k (no HAVE_RSEQ): __NR_rseq is ENOSYS; threads do not register. */
#define ARCH_RSEQ 0

#endif
