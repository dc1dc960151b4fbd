/*
 * long tb__syscall_cp_asm(const uint32_t *pending, const struct tb__cp_args *args)
 *                                         4(%sp)                             8(%sp)
 * args is { n, a, b, c, d, e, f } (longs): the syscall n(a..f) (d0, d1-d5,
 * a0), made unless *pending is set. core/base/interrupt.c's handler moves a
 * PC in [tb__cp_begin, tb__cp_end) to tb__cp_cancel when *pending is set:
 * the range holds the check and the trap and nothing after it (a restarted
 * trap comes back with the PC on the trap itself), and the stack is the
 * same all through it (d2-d5, callee-saved, pushed before). Returns the
 * kernel's result, or -ECANCELED.
 */
#include <linux/errno.h>

	.text
	.globl	tb__syscall_cp_asm
	.hidden	tb__syscall_cp_asm
	.globl	tb__cp_begin, tb__cp_end, tb__cp_cancel
	.hidden	tb__cp_begin, tb__cp_end, tb__cp_cancel
	.type	tb__syscall_cp_asm, @function
tb__syscall_cp_asm:
	movem.l	%d2-%d5, -(%sp)
	move.l	20(%sp), %a1
	move.l	24(%sp), %a0
	move.l	(%a0), %d0
	move.l	4(%a0), %d1
	move.l	8(%a0), %d2
	move.l	12(%a0), %d3
	move.l	16(%a0), %d4
	move.l	20(%a0), %d5
	move.l	24(%a0), %a0
tb__cp_begin:
	tst.l	(%a1)
	jbne	tb__cp_cancel
	trap	#0
tb__cp_end:
	movem.l	(%sp)+, %d2-%d5
	rts
tb__cp_cancel:
	move.l	#-ECANCELED, %d0
	movem.l	(%sp)+, %d2-%d5
	rts
	.size	tb__syscall_cp_asm, . - tb__syscall_cp_asm

	.section .note.GNU-stack, "", @progbits
