/*
 * long tb__syscall_cp_asm(const uint32_t *pending, const struct tb__cp_args *args)
 *                                         $16                                $17
 * args is { n, a, b, c, d, e, f } (longs): the syscall n(a..f) ($0,
 * $16-$21), made unless *pending is set. core/base/interrupt.c's handler
 * moves a PC in [tb__cp_begin, tb__cp_end) to tb__cp_cancel when *pending
 * is set: the range holds the check and the callsys and nothing after it
 * (a restarted callsys comes back with the PC on the callsys itself and
 * $0, $19 restored). Returns the kernel's result (a3 set: -v0), or
 * -ECANCELED.
 */
#include <linux/errno.h>

	.text
	.set	noat
	.globl	tb__syscall_cp_asm
	.hidden	tb__syscall_cp_asm
	.globl	tb__cp_begin, tb__cp_end, tb__cp_cancel
	.hidden	tb__cp_begin, tb__cp_end, tb__cp_cancel
	.type	tb__syscall_cp_asm, @function
	.ent	tb__syscall_cp_asm
tb__syscall_cp_asm:
	.frame	$30, 0, $26, 0
	.prologue 0
	mov	$16, $22
	ldq	$0, 0($17)
	ldq	$16, 8($17)
	ldq	$18, 24($17)
	ldq	$19, 32($17)
	ldq	$20, 40($17)
	ldq	$21, 48($17)
	ldq	$17, 16($17)
tb__cp_begin:
	ldl	$23, 0($22)
	bne	$23, tb__cp_cancel
	callsys
tb__cp_end:
	beq	$19, 1f
	subq	$31, $0, $0
1:	ret	$31, ($26), 1
tb__cp_cancel:
	lda	$0, -ECANCELED($31)
	ret	$31, ($26), 1
	.end	tb__syscall_cp_asm
	.size	tb__syscall_cp_asm, . - tb__syscall_cp_asm

	.section .note.GNU-stack, "", @progbits
