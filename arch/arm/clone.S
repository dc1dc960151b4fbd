/*
 * int tb__clone(int (*fn)(void *), void *stack, unsigned long flags, void *arg,
 *               uint32_t *ptid, void *tls, uint32_t *ctid)
 *                    r0            r1            r2           r3
 *                    [sp]          [sp,#4]       [sp,#8]
 * kernel: clone(flags=r0, stack=r1, ptid=r2, tls=r3, ctid=r4), number in r7
 *
 * ARM code. The child inherits fn in r5 and arg in r6 (saved callee registers,
 * restored in the parent) and calls fn with blx, so a Thumb fn works.
 * Parent: returns the tid or -errno. Child: fp (r11) and Thumb's fp (r7)
 * cleared, fn(arg), then exit(result).
 */
#include <asm/unistd.h>

	.syntax	unified
	.arm
	.text
	.globl	tb__clone
	.hidden	tb__clone
	.type	tb__clone, %function
tb__clone:
	push	{r4, r5, r6, r7}
	mov	r5, r0
	mov	r6, r3
	mov	r0, r2
	bic	r1, r1, #15
	ldr	r2, [sp, #16]
	ldr	r3, [sp, #20]
	ldr	r4, [sp, #24]
	mov	r7, #__NR_clone
	svc	#0
	cmp	r0, #0
	beq	1f
	pop	{r4, r5, r6, r7}
	bx	lr
1:	mov	fp, #0
	mov	r7, #0
	mov	r0, r6
	blx	r5
	mov	r7, #__NR_exit
	svc	#0
	udf	#0
	.size	tb__clone, . - tb__clone

	.section .note.GNU-stack, "", %progbits
