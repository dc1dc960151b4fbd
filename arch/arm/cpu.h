#ifndef TB_ARCH_CPU_H
#define TB_ARCH_CPU_H

#include "features.h"

/* AAPCS: 8 at public interfaces (clone.S aligns new stacks to 16 anyway). */
#define ARCH_STACK_ALIGN 8
#define ARCH_STACK_GROWS_UP 0 /* the stack grows down, towards the guard below it */
#define ARCH_VA_LDOUBLE_ALIGN 0 /* va_arg(ap, long double) needs no help (core/base/format.c) */

/*
 * The ELF relocation type of a relative relocation, which a static PIE's
 * start code applies (core/start.c): R_ARM_RELATIVE.
 */
#define ARCH_RELOC_RELATIVE 23
#define ARCH_RELOC_JUMP_SLOT 0 /* its linker leaves none in a static PIE */

/*
 * ARMv6K and later: ldrex/strex, inline. ARMv5 has neither: gcc calls
 * libgcc's __sync_*_4, which run the kernel's kuser cmpxchg helper
 * (0xffff0fc0), lock-free (probed under qemu-arm -cpu arm926).
 */
#define ARCH_ATOMICS_INLINE ARCH_ARM_TPIDRURO

static inline void arch_spin_hint(void)
{
#if ARCH_ARM_TPIDRURO
	__asm__ volatile("yield" ::: "memory");
#else
	__asm__ volatile("" ::: "memory");	/* no hint instructions before ARMv6K */
#endif
}

/* The compiler picks the undefined-instruction encoding for ARM or Thumb. */
static inline _Noreturn void arch_trap(void)
{
	for (;;)
		__builtin_trap();
}

/*
 * rseq (core/thread/rseq.c): the word the kernel expects just before an abort
 * handler, "udf #24035"; byte-swapped as data on big-endian (BE8) ARM.
 */
#define ARCH_RSEQ 1
#ifdef __ARMEB__
#define ARCH_RSEQ_SIG 0xf3def5e7u
#else
#define ARCH_RSEQ_SIG 0xe7f5def3u
#endif

#endif
