#ifndef TB_ARCH_CPU_H
#define TB_ARCH_CPU_H

/* %sp + 2047 (the stack bias) is 16-byte aligned at every call. */
#define ARCH_STACK_ALIGN 16
#define ARCH_STACK_GROWS_UP 0 /* the stack grows down, towards the guard below it */

/*
 * va_list is a pointer into the argument area, where a long double starts at
 * a 16-byte boundary. clang 14's va_arg(ap, long double) reads it from the
 * next 8-byte slot instead (probed: gcc's and clang's callers both align it),
 * so core/base/format.c aligns the pointer first; for gcc that is a no-op.
 */
#define ARCH_VA_LDOUBLE_ALIGN 16

/*
 * The ELF relocation type of a relative relocation, which a static PIE's
 * start code applies (core/start.c): R_SPARC_RELATIVE.
 */
#define ARCH_RELOC_RELATIVE 22
#define ARCH_RELOC_JUMP_SLOT 0 /* its linker leaves none in a static PIE */

/* 32-bit and pointer atomics are inline instructions */
#define ARCH_ATOMICS_INLINE 1

/* The kernel's cpu_relax(): a few cycles of nothing, no store traffic. */
static inline void arch_spin_hint(void)
{
	__asm__ volatile("rd %%ccr, %%g0\n\trd %%ccr, %%g0\n\trd %%ccr, %%g0" ::: "memory");
}

static inline _Noreturn void arch_trap(void)
{
	for (;;)
		__asm__ volatile("illtrap 0");
}

/* rseq (core/thread/rseq.c): none, the kernel has no rseq on sparc (no HAVE_RSEQ): __NR_rseq is ENOSYS; threads do not register. */
#define ARCH_RSEQ 0

#endif
