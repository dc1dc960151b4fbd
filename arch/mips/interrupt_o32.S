/*
 * long tb__syscall_cp_asm(const uint32_t *pending, const struct tb__cp_args *args)
 *                                         $4                                 $5
 * o32: args is { n, a, b, c, d, e, f } (longs): the syscall n(a..f) (v0,
 * a0-a3, e and f at 16 and 20 of the stack), made unless *pending is set.
 * core/base/interrupt.c's handler moves a PC in [tb__cp_begin, tb__cp_end)
 * to tb__cp_cancel when *pending is set: the range holds the check and the
 * syscall and nothing after it, and the stack is the same all through it.
 * n is kept in $16 (saved) and moved to v0 just before the syscall, as
 * arch/mips/syscall.h does, so a restart that rewinds onto that move
 * reloads it. Returns the kernel's result (a3 set: -v0), or -ECANCELED.
 */
#include <linux/errno.h>

	.text
	.set	push
	.set	noreorder
	.globl	tb__syscall_cp_asm
	.hidden	tb__syscall_cp_asm
	.globl	tb__cp_begin, tb__cp_end, tb__cp_cancel
	.hidden	tb__cp_begin, tb__cp_end, tb__cp_cancel
	.type	tb__syscall_cp_asm, @function
tb__syscall_cp_asm:
	addiu	$sp, $sp, -32
	sw	$16, 24($sp)
	lw	$8, 20($5)
	lw	$9, 24($5)
	sw	$8, 16($sp)
	sw	$9, 20($sp)
	move	$3, $4
	lw	$16, 0($5)
	lw	$4, 4($5)
	lw	$6, 12($5)
	lw	$7, 16($5)
	lw	$5, 8($5)
tb__cp_begin:
	lw	$8, 0($3)
	bnez	$8, tb__cp_cancel
	nop
	move	$2, $16
	syscall
tb__cp_end:
	beqz	$7, 1f
	lw	$16, 24($sp)
	subu	$2, $0, $2
1:	jr	$ra
	addiu	$sp, $sp, 32
tb__cp_cancel:
	li	$2, -ECANCELED
	lw	$16, 24($sp)
	jr	$ra
	addiu	$sp, $sp, 32
	.set	pop
	.size	tb__syscall_cp_asm, . - tb__syscall_cp_asm

	.section .note.GNU-stack, "", %progbits
