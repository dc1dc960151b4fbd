/*
 * arm thread pointer, set by the kernel through __ARM_NR_set_tls. TLS
 * variant I: an 8-byte TCB at TP, the TLS block at TP + round_up(8, p_align).
 *
 * Read from TPIDRURO (CP15 c13/c0/3, read-only from user mode) on ARMv6K
 * and later (armhf: one mrc). ARMv5 (armel) has no such register: the
 * kernel's kuser helper __kuser_get_tls at 0xffff0fe0 returns TP in r0 and
 * clobbers only r0, lr and the flags (Documentation/arch/arm/kernel_user_helpers.rst;
 * kernels built without CONFIG_KUSER_HELPERS cannot run ARMv5 TLS code).
 * Probed under qemu-arm -cpu arm926 (the armel cross file's CPU): the mrc
 * is an illegal instruction there (SIGILL), the helper page reports
 * version 5 at 0xffff0ffc, and the helper returns what set_tls stored.
 */
#ifndef TB_ARCH_TP_H
#define TB_ARCH_TP_H

#include <stdint.h>
#include "features.h"
#include "syscall.h"

#define ARCH_TLS_ABOVE_TP 1
#define ARCH_TLS_GAP_ABOVE_TP 8
#define ARCH_TP_OFFSET 0
/* clone's CLONE_SETTLS argument is the thread pointer itself */
#define ARCH_CLONE_TLS_IS_TP 1

/*
 * Stack protector: gcc and clang load the global __stack_chk_guard.
 */
#define ARCH_SSP_GLOBAL 1

static inline uintptr_t arch_tp_get(void)
{
#if ARCH_ARM_TPIDRURO
	uintptr_t tp;

	__asm__("mrc p15, 0, %0, c13, c0, 3" : "=r"(tp));
	return tp;
#elif defined(__thumb__)
#error "arm: before ARMv6K, threadbare needs ARM (not Thumb-1) code for the kuser TP helper"
#else
	register uintptr_t r0 __asm__("r0");

	/* 0xffff0fff - 31 = 0xffff0fe0; ARMv5 has blx but this also runs on v4T */
	__asm__("mvn r0, #0xf000\n\t"
		"sub r0, r0, #31\n\t"
		"mov lr, pc\n\t"
		"bx r0"
		: "=r"(r0)
		:
		: "lr", "cc");
	return r0;
#endif
}

/* Main thread only; spawned threads get TP from clone's CLONE_SETTLS. */
static inline int arch_tp_set(uintptr_t tp)
{
	return (int)arch_syscall6(__ARM_NR_set_tls, (long)tp, 0, 0, 0, 0, 0);
}

#endif
