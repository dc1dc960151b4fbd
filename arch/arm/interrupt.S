/*
 * long tb__syscall_cp_asm(const uint32_t *pending, const struct tb__cp_args *args)
 *                                         r0                                 r1
 * args is { n, a, b, c, d, e, f } (longs): the syscall n(a..f) (r7, r0-r5),
 * made unless *pending is set. core/base/interrupt.c's handler moves a PC
 * in [tb__cp_begin, tb__cp_end) to tb__cp_cancel when *pending is set: the
 * range holds the check and the svc and nothing after it (a restarted svc
 * comes back with the PC on the svc itself), and the stack is the same all
 * through it. ARM code (armel's ARMv5 has no Thumb-2), so the labels are
 * plain addresses. Returns the kernel's result, or -ECANCELED.
 */
#include <linux/errno.h>

	.syntax	unified
	.arm
	.text
	.globl	tb__syscall_cp_asm
	.hidden	tb__syscall_cp_asm
	.globl	tb__cp_begin, tb__cp_end, tb__cp_cancel
	.hidden	tb__cp_begin, tb__cp_end, tb__cp_cancel
	.type	tb__syscall_cp_asm, %function
	.p2align 2
tb__syscall_cp_asm:
	push	{r4, r5, r7}
	mov	ip, r0
	ldr	r7, [r1]
	ldr	r0, [r1, #4]
	ldr	r2, [r1, #12]
	ldr	r3, [r1, #16]
	ldr	r4, [r1, #20]
	ldr	r5, [r1, #24]
	ldr	r1, [r1, #8]
tb__cp_begin:
	ldr	ip, [ip]
	cmp	ip, #0
	bne	tb__cp_cancel
	svc	#0
tb__cp_end:
	pop	{r4, r5, r7}
	bx	lr
tb__cp_cancel:
	mvn	r0, #(ECANCELED - 1)
	pop	{r4, r5, r7}
	bx	lr
	.size	tb__syscall_cp_asm, . - tb__syscall_cp_asm

	.section .note.GNU-stack, "", %progbits
