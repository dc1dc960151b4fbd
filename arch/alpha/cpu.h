#ifndef TB_ARCH_CPU_H
#define TB_ARCH_CPU_H

#define ARCH_STACK_ALIGN 16
#define ARCH_STACK_GROWS_UP 0 /* the stack grows down, towards the guard below it */
#define ARCH_VA_LDOUBLE_ALIGN 0 /* va_arg(ap, long double) needs no help (core/base/format.c) */

/*
 * The ELF relocation type of a relative relocation, which a static PIE's
 * start code applies (core/start.c): R_ALPHA_RELATIVE.
 */
#define ARCH_RELOC_RELATIVE 27
#define ARCH_RELOC_JUMP_SLOT 0 /* its linker leaves none in a static PIE */

/* ldl_l/stl_c, inline */
#define ARCH_ATOMICS_INLINE 1

static inline void arch_spin_hint(void)
{
	__asm__ volatile("" ::: "memory");
}

/* call_pal 0x81 (bugchk) on gcc's alpha */
static inline _Noreturn void arch_trap(void)
{
	for (;;)
		__builtin_trap();
}

/* rseq (core/thread/rseq.c): none, the kernel has no rseq on alpha (no HAVE_RSEQ): __NR_rseq is ENOSYS; threads do not register. */
#define ARCH_RSEQ 0

#endif
