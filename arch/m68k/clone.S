/*
 * int tb__clone(int (*fn)(void *), void *stack, unsigned long flags, void *arg,
 *               uint32_t *ptid, void *tls, uint32_t *ctid)
 *                    4(%sp)        8(%sp)        12(%sp)      16(%sp)
 *                    20(%sp)       24(%sp)       28(%sp)
 * kernel (no CLONE_BACKWARDS): clone(flags=d1, stack=d2, ptid=d3, ctid=d4, tls=d5)
 *
 * d2-d5 are callee-saved: pushed first, so the arguments sit 16 bytes
 * further. fn and arg ride on the new stack: the child pops fn, and arg is
 * then its call's argument slot. Parent: returns the tid or -errno. Child:
 * a6 cleared, fn(arg), then exit(result).
 */
#include <asm/unistd.h>

	.text
	.globl	tb__clone
	.hidden	tb__clone
	.type	tb__clone, @function
tb__clone:
	movem.l	%d2-%d5, -(%sp)
	move.l	24(%sp), %d2
	and.l	#-16, %d2
	move.l	%d2, %a1
	move.l	32(%sp), -(%a1)		/* arg */
	move.l	20(%sp), -(%a1)		/* fn */
	move.l	%a1, %d2		/* stack */
	move.l	28(%sp), %d1		/* flags */
	move.l	36(%sp), %d3		/* ptid */
	move.l	44(%sp), %d4		/* ctid */
	move.l	40(%sp), %d5		/* tls */
	move.l	#__NR_clone, %d0
	trap	#0
	tst.l	%d0
	beq.s	1f
	movem.l	(%sp)+, %d2-%d5
	rts
1:	suba.l	%a6, %a6
	move.l	(%sp)+, %a0
	jsr	(%a0)
	move.l	%d0, %d1
	move.l	#__NR_exit, %d0
	trap	#0
	illegal
	.size	tb__clone, . - tb__clone

	.section .note.GNU-stack, "", @progbits
