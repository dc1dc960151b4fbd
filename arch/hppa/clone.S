/*
 * int tb__clone(int (*fn)(void *), void *stack, unsigned long flags, void *arg,
 *               uint32_t *ptid, void *tls, uint32_t *ctid)
 *                    r26           r25           r24              r23
 *                    -52(%sp)      -56(%sp)      -60(%sp)
 * kernel (CLONE_BACKWARDS): clone(flags=r26, newsp=r25, ptid=r24, tls=r23, ctid=r22)
 *
 * The stack grows up, so stack is the lowest address of the new stack.
 * fn and arg ride in its first two words (rounded up to 64); the child's
 * sp is 64 above them, so its first frame marker covers them after the
 * child has loaded them. Parent: returns the tid or -errno (rp is kept in
 * its caller's frame marker across the syscall). Child: r3 (the frame
 * pointer) cleared, fn(arg) through libgcc's $$dyncall (fn may be a
 * plabel), then exit(result).
 */
#include <asm/unistd.h>

	.text
	.globl	tb__clone
	.hidden	tb__clone
	.type	tb__clone, @function
tb__clone:
	stw	%rp, -20(%sp)
	ldo	63(%r25), %r25
	depi	0, 31, 6, %r25
	stw	%r26, 0(%r25)		/* fn */
	stw	%r23, 4(%r25)		/* arg */
	ldo	64(%r25), %r25		/* newsp */
	copy	%r24, %r26		/* flags */
	ldw	-52(%sp), %r24		/* ptid */
	ldw	-56(%sp), %r23		/* tls */
	ldw	-60(%sp), %r22		/* ctid */
	ble	0x100(%sr2, %r0)
	ldi	__NR_clone, %r20
	comib,=	0, %r28, 1f
	nop
	ldw	-20(%sp), %rp
	bv	%r0(%rp)
	nop
1:	copy	%r0, %r3
	ldw	-64(%sp), %r22		/* fn */
	ldw	-60(%sp), %r26		/* arg */
	bl	$$dyncall, %r31
	copy	%r31, %rp
	copy	%r28, %r26
	ble	0x100(%sr2, %r0)
	ldi	__NR_exit, %r20
	iitlbp	%r0, (%sr0, %r0)
	.size	tb__clone, . - tb__clone

	.section .note.GNU-stack, "", %progbits
