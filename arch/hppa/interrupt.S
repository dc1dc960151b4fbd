/*
 * long tb__syscall_cp_asm(const uint32_t *pending, const struct tb__cp_args *args)
 *                                         r26                                r25
 * args is { n, a, b, c, d, e, f } (longs): the syscall n(a..f) (r20,
 * r26-r21), made unless *pending is set. core/base/interrupt.c's handler
 * moves a PC in [tb__cp_begin, tb__cp_end) to tb__cp_cancel when *pending
 * is set: the range holds the check and the ble with its delay slot and
 * nothing after them (a restarted call comes back with the PC on the ble).
 * The kernel may clobber rp (arch/hppa/syscall.h), so it is kept in the
 * caller's frame marker (-20(%sp)) all through. Returns the kernel's
 * result, or -ECANCELED.
 */
#include <linux/errno.h>

	.text
	.globl	tb__syscall_cp_asm
	.hidden	tb__syscall_cp_asm
	.globl	tb__cp_begin, tb__cp_end, tb__cp_cancel
	.hidden	tb__cp_begin, tb__cp_end, tb__cp_cancel
	.type	tb__syscall_cp_asm, @function
tb__syscall_cp_asm:
	stw	%r2, -20(%sp)
	copy	%r26, %r19
	ldw	0(%r25), %r20
	ldw	4(%r25), %r26
	ldw	12(%r25), %r24
	ldw	16(%r25), %r23
	ldw	20(%r25), %r22
	ldw	24(%r25), %r21
	ldw	8(%r25), %r25
tb__cp_begin:
	ldw	0(%r19), %r1
	cmpib,<> 0, %r1, tb__cp_cancel
	nop
	ble	0x100(%sr2, %r0)
	nop
tb__cp_end:
	ldw	-20(%sp), %r2
	bv	%r0(%r2)
	nop
tb__cp_cancel:
	ldi	-ECANCELED, %r28
	ldw	-20(%sp), %r2
	bv	%r0(%r2)
	nop
	.size	tb__syscall_cp_asm, . - tb__syscall_cp_asm

	.section .note.GNU-stack, "", %progbits
