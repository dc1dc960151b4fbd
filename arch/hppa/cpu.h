#ifndef TB_ARCH_CPU_H
#define TB_ARCH_CPU_H

/* The PA-RISC ABI keeps sp 64-byte aligned; a callee stores its caller's
 * rp and argument words in the 64 bytes below sp. */
#define ARCH_STACK_ALIGN 64
/* The stack grows up: spawned threads get their guard above it (core/thread/thread.c). */
#define ARCH_STACK_GROWS_UP 1
#define ARCH_VA_LDOUBLE_ALIGN 0 /* va_arg(ap, long double) needs no help (core/base/format.c) */

/*
 * The ELF relocation type of a relative relocation, which a static PIE's
 * start code applies (core/start.c). None here: hppa's function pointers
 * are plabels the start code would have to build, so no static-PIE.
 */
#define ARCH_RELOC_RELATIVE 0
#define ARCH_RELOC_JUMP_SLOT 0 /* its linker leaves none in a static PIE */

/*
 * PA-RISC's only atomic is ldcw (load and clear). gcc calls libgcc's
 * __sync_*_4 for every atomic write, plain stores included, and those run
 * the kernel's light-weight compare-and-swap (the gateway page's 0xb0
 * entry), which the kernel makes atomic against every other LWS call;
 * atomic loads are plain loads with an ldcw as the barrier (checked in
 * gcc 12's output). No library lock: libgcc retries the LWS.
 */
#define ARCH_ATOMICS_INLINE 0

static inline void arch_spin_hint(void)
{
	__asm__ volatile("" ::: "memory");	/* PA-RISC has no pause hint */
}

static inline _Noreturn void arch_trap(void)
{
	for (;;)
		__builtin_trap();
}

/* rseq (core/thread/rseq.c): none, the kernel has no rseq on parisc (no HAVE_RSEQ): __NR_rseq is ENOSYS; threads do not register. */
#define ARCH_RSEQ 0

#endif
