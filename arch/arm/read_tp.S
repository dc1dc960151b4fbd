/*
 * void *__aeabi_read_tp(void)
 *                     -> r0
 * The AEABI's TP read for code built with -mtp=soft (clang 14's default for
 * arm-linux-gnueabihf): it may clobber only r0, lr and flags.
 * Our own objects use -mtp=cp15 (meson.build) and read TPIDRURO inline.
 */
	.syntax	unified
	.arm
	.text
	.globl	__aeabi_read_tp
	.type	__aeabi_read_tp, %function
__aeabi_read_tp:
	mrc	p15, 0, r0, c13, c0, 3
	bx	lr
	.size	__aeabi_read_tp, . - __aeabi_read_tp

	.section .note.GNU-stack, "", %progbits
