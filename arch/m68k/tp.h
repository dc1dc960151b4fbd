/*
 * m68k thread pointer: kept by the kernel, set with set_thread_area(tp) and
 * read with get_thread_area() (user code has no register for it). gcc's
 * TLS code calls __m68k_read_tp (read_tp.S), which returns TP in a0.
 * TLS variant I as on mips and ppc: TP is biased, the block starts at
 * TP - 0x7000 with no TCB gap (gcc's @TLSLE offsets count from there).
 * clone's CLONE_SETTLS argument becomes the child's TP.
 */
#ifndef TB_ARCH_TP_H
#define TB_ARCH_TP_H

#include <stdint.h>
#include "syscall.h"

#define ARCH_TLS_ABOVE_TP 1
#define ARCH_TLS_GAP_ABOVE_TP 0
#define ARCH_TP_OFFSET 0x7000
/* clone's CLONE_SETTLS argument is the thread pointer itself */
#define ARCH_CLONE_TLS_IS_TP 1

/*
 * Stack protector: gcc and clang load the global __stack_chk_guard.
 */
#define ARCH_SSP_GLOBAL 1

/* a syscall: every read costs one */
static inline uintptr_t arch_tp_get(void)
{
	return (uintptr_t)arch_syscall6(__NR_get_thread_area, 0, 0, 0, 0, 0, 0);
}

/* Main thread only; spawned threads get TP from clone's CLONE_SETTLS. */
static inline int arch_tp_set(uintptr_t tp)
{
	return (int)arch_syscall6(__NR_set_thread_area, (long)tp, 0, 0, 0, 0, 0);
}

#endif
