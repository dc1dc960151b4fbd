/*
 * int tb__clone(int (*fn)(void *), void *stack, unsigned long flags, void *arg,
 *               uint32_t *ptid, void *tls, uint32_t *ctid)
 *                    x0            x1            x2           x3
 *                    x4            x5            x6
 * kernel: clone(flags=x0, stack=x1, ptid=x2, tls=x3, ctid=x4)
 *
 * fn and arg ride on the new stack. Parent: returns the tid or -errno.
 * Child: fp cleared, fn(arg), then exit(result).
 */
#include <asm/unistd.h>
#include "asm.h"

	.text
	.globl	tb__clone
	.hidden	tb__clone
	.type	tb__clone, %function
tb__clone:
	BTI_C
	and	x1, x1, #-16
	stp	x0, x3, [x1, #-16]!
	mov	x0, x2
	mov	x2, x4
	mov	x3, x5
	mov	x4, x6
	mov	x8, #__NR_clone
	svc	#0
	cbz	x0, 1f
	ret
1:	mov	x29, #0
	ldp	x1, x0, [sp], #16
	blr	x1
	mov	x8, #__NR_exit
	svc	#0
	brk	#1000
	.size	tb__clone, . - tb__clone

	GNU_PROPERTY_NOTE
	.section .note.GNU-stack, "", %progbits
