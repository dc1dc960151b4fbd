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
#define ARCH_VA_LDOUBLE_ALIGN 0 /* va_arg(ap, long double) needs no help (core/base/format.c) */

/*
 * The ELF relocation type of a relative relocation, which a static PIE's
 * start code applies (core/start.c). None here: a mips PIE relocates its
 * local GOT entries (DT_MIPS_LOCAL_GOTNO) rather than relative relocations,
 * which core/start.c does not do, so no static-PIE.
 */
#define ARCH_RELOC_RELATIVE 0
#define ARCH_RELOC_JUMP_SLOT 0 /* its linker leaves none in a static PIE */

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

/*
 * rseq (core/thread/rseq.c): the word the kernel expects just before an abort
 * handler, "break 0x350" (classic MIPS encoding, every ABI and byte order
 * here; microMIPS and nanoMIPS would differ).
 */
#define ARCH_RSEQ 1
#define ARCH_RSEQ_SIG 0x0350000du

#endif
