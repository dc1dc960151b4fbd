/*
 * x86_64 thread pointer: the FS base. TLS variant II: the TLS block lies
 * below TP and the word at TP must point to itself (compilers load %fs:0).
 */
#ifndef TB_ARCH_TP_H
#define TB_ARCH_TP_H

#include <stdint.h>
#include <asm/prctl.h>
#include "syscall.h"

#define ARCH_TLS_ABOVE_TP 0
#define ARCH_TLS_GAP_ABOVE_TP 0
#define ARCH_TP_OFFSET 0
/* clone's CLONE_SETTLS argument is the thread pointer itself */
#define ARCH_CLONE_TLS_IS_TP 1

/*
 * Stack protector: gcc and clang read the canary at %fs:0x28 (x32: gcc
 * %fs:0x18; clang 14 reads %fs:0x28 there too, which this port does not
 * serve: x32 has no clang line in cross/configs).
 */
#ifdef __ILP32__
#define ARCH_SSP_TP_OFFSET 0x18
#else
#define ARCH_SSP_TP_OFFSET 0x28
#endif

static inline uintptr_t arch_tp_get(void)
{
	uintptr_t tp;

	__asm__("mov %%fs:0, %0" : "=r"(tp));
	return tp;
}

/* Main thread only; spawned threads get TP from clone's CLONE_SETTLS. */
static inline int arch_tp_set(uintptr_t tp)
{
	return (int)arch_syscall6(__NR_arch_prctl, ARCH_SET_FS, (long)tp, 0, 0, 0, 0);
}

#endif
