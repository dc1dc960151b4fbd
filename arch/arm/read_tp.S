/*
 * void *__aeabi_read_tp(void)
 *                     -> r0
 * The AEABI's TP read for code built with -mtp=soft (clang 14's default for
 * arm-linux-gnueabihf, and every compiler's for ARMv5): it may clobber only
 * r0, lr and flags. On ARMv6K and later our own objects use -mtp=cp15
 * (meson.build) and read TPIDRURO inline; before that it has to be the
 * kuser helper (see tp.h), reached by a tail jump so that it returns straight
 * to our caller.
 */
#include "features.h"

	.syntax	unified
	.arm
	.text
	.globl	__aeabi_read_tp
	.type	__aeabi_read_tp, %function
__aeabi_read_tp:
#if ARCH_ARM_TPIDRURO
	mrc	p15, 0, r0, c13, c0, 3
	bx	lr
#else
	mvn	r0, #0xf000
	sub	pc, r0, #31		/* __kuser_get_tls, 0xffff0fe0 */
#endif
	.size	__aeabi_read_tp, . - __aeabi_read_tp

	.section .note.GNU-stack, "", %progbits
