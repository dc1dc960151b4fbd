/*
 * __divq __remq __divqu __remqu __divl __reml __divlu __remlu
 * alpha's division helpers have their own calling convention (glibc's
 * sysdeps/alpha/divrem.h describes it): dividend in $24, divisor in $25,
 * result in $27, return address in $23, and every other register but $28
 * preserved. Each entry sets its operation in $28 and joins the common
 * code, which saves what a C call may clobber, calls tb__alpha_divrem
 * (divrem.c) and restores it.
 */
	.text
	.set	noat

	.macro	entry name, op
	.globl	\name
	.hidden	\name
	.type	\name, @function
	.ent	\name
\name:
	lda	$28, \op($31)
	br	$31, divrem_common
	.end	\name
	.size	\name, . - \name
	.endm

	entry	__divqu, 0
	entry	__remqu, 1
	entry	__divq, 2
	entry	__remq, 3
	entry	__divlu, 4
	entry	__remlu, 5
	entry	__divl, 6
	entry	__reml, 7

	.type	divrem_common, @function
	.ent	divrem_common
divrem_common:
	lda	$30, -176($30)
	stq	$0, 0($30)
	stq	$1, 8($30)
	stq	$2, 16($30)
	stq	$3, 24($30)
	stq	$4, 32($30)
	stq	$5, 40($30)
	stq	$6, 48($30)
	stq	$7, 56($30)
	stq	$8, 64($30)
	stq	$16, 72($30)
	stq	$17, 80($30)
	stq	$18, 88($30)
	stq	$19, 96($30)
	stq	$20, 104($30)
	stq	$21, 112($30)
	stq	$22, 120($30)
	stq	$23, 128($30)
	stq	$26, 136($30)
	stq	$29, 144($30)
	stq	$24, 152($30)
	stq	$25, 160($30)
	mov	$24, $16
	mov	$25, $17
	mov	$28, $18
	br	$29, 1f
1:	ldgp	$29, 0($29)
	lda	$27, tb__alpha_divrem
	jsr	$26, ($27)
	mov	$0, $27
	ldq	$0, 0($30)
	ldq	$1, 8($30)
	ldq	$2, 16($30)
	ldq	$3, 24($30)
	ldq	$4, 32($30)
	ldq	$5, 40($30)
	ldq	$6, 48($30)
	ldq	$7, 56($30)
	ldq	$8, 64($30)
	ldq	$16, 72($30)
	ldq	$17, 80($30)
	ldq	$18, 88($30)
	ldq	$19, 96($30)
	ldq	$20, 104($30)
	ldq	$21, 112($30)
	ldq	$22, 120($30)
	ldq	$23, 128($30)
	ldq	$26, 136($30)
	ldq	$29, 144($30)
	ldq	$24, 152($30)
	ldq	$25, 160($30)
	lda	$30, 176($30)
	ret	$31, ($23), 1
	.end	divrem_common
	.size	divrem_common, . - divrem_common

	.section .note.GNU-stack, "", @progbits
