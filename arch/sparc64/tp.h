/*
 * sparc64 thread pointer: %g7, reserved for it by the ABI (compilers never
 * allocate it). TLS variant II, as x86_64: the TLS block lies below TP and
 * the word at TP points to itself. clone's tls argument is the TP value:
 * the kernel loads it into the child's %g7.
 */
#ifndef TB_ARCH_TP_H
#define TB_ARCH_TP_H

#include <stdint.h>

#define ARCH_TLS_ABOVE_TP 0
#define ARCH_TLS_GAP_ABOVE_TP 0
#define ARCH_TP_OFFSET 0
/* clone's CLONE_SETTLS argument is the thread pointer itself */
#define ARCH_CLONE_TLS_IS_TP 1

/* Stack protector: gcc and clang read the canary at %g7 + 40. */
#define ARCH_SSP_TP_OFFSET 40

static inline uintptr_t arch_tp_get(void)
{
	uintptr_t tp;

	__asm__("mov %%g7, %0" : "=r"(tp));
	return tp;
}

/* Main thread only; spawned threads get TP from clone's CLONE_SETTLS. */
static inline int arch_tp_set(uintptr_t tp)
{
	__asm__ volatile("mov %0, %%g7" : : "r"(tp) : "memory");
	return 0;
}

#endif
