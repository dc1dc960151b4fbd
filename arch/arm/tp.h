/*
 * arm thread pointer: TPIDRURO (CP15 c13/c0/3), read-only from user mode and
 * set by the kernel through __ARM_NR_set_tls. TLS variant I: an 8-byte TCB
 * at TP, the TLS block at TP + round_up(8, p_align).
 */
#ifndef TB_ARCH_TP_H
#define TB_ARCH_TP_H

#include <stdint.h>
#include "syscall.h"

#define ARCH_TLS_ABOVE_TP 1
#define ARCH_TLS_GAP_ABOVE_TP 8
#define ARCH_TP_OFFSET 0
/* clone's CLONE_SETTLS argument is the thread pointer itself */
#define ARCH_CLONE_TLS_IS_TP 1

/* armv6k and later; older cores would need the kuser helper at 0xffff0fe0. */
static inline uintptr_t arch_tp_get(void)
{
	uintptr_t tp;

	__asm__("mrc p15, 0, %0, c13, c0, 3" : "=r"(tp));
	return tp;
}

/* Main thread only; spawned threads get TP from clone's CLONE_SETTLS. */
static inline int arch_tp_set(uintptr_t tp)
{
	return (int)arch_syscall6(__ARM_NR_set_tls, (long)tp, 0, 0, 0, 0, 0);
}

#endif
