/*
 * long tb__syscall_cp_asm(const uint32_t *pending, const struct tb__cp_args *args)
 *                                         $4                                 $5
 * n64: args is { n, a, b, c, d, e, f } (longs): the syscall n(a..f) (v0,
 * a0-a5), made unless *pending is set. core/base/interrupt.c's handler
 * moves a PC in [tb__cp_begin, tb__cp_end) to tb__cp_cancel when *pending
 * is set: the range holds the check and the syscall and nothing after it,
 * and the stack is the same all through it. n is kept in $16 (saved) and
 * moved to v0 just before the syscall, as arch/mips/syscall.h does, so a
 * restart that rewinds onto that move reloads it. Returns the kernel's
 * result (a3 set: -v0), or -ECANCELED.
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
	daddiu	$sp, $sp, -16
	sd	$16, 0($sp)
	move	$3, $4
	ld	$16, 0($5)
	ld	$4, 8($5)
	ld	$6, 24($5)
	ld	$7, 32($5)
	ld	$8, 40($5)
	ld	$9, 48($5)
	ld	$5, 16($5)
tb__cp_begin:
	lw	$10, 0($3)
	bnez	$10, tb__cp_cancel
	nop
	move	$2, $16
	syscall
tb__cp_end:
	beqz	$7, 1f
	ld	$16, 0($sp)
	dsubu	$2, $0, $2
1:	jr	$ra
	daddiu	$sp, $sp, 16
tb__cp_cancel:
	li	$2, -ECANCELED
	ld	$16, 0($sp)
	jr	$ra
	daddiu	$sp, $sp, 16
	.set	pop
	.size	tb__syscall_cp_asm, . - tb__syscall_cp_asm

	.section .note.GNU-stack, "", %progbits
