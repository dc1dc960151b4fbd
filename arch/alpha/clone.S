/*
 * int tb__clone(int (*fn)(void *), void *stack, unsigned long flags, void *arg,
 *               uint32_t *ptid, void *tls, uint32_t *ctid)
 *                    $16           $17           $18          $19
 *                    $20           $21           0($30)
 * kernel (no CLONE_BACKWARDS): clone(flags=$16, stack=$17, ptid=$18, ctid=$19, tls=$20)
 *
 * fn and arg ride on the new stack (16-aligned). Parent: returns the tid,
 * or -errno (a3 set: v0 is the positive errno). Child (v0 0): $15
 * cleared, $27 = fn so that fn finds its gp, fn(arg), then exit(result).
 */
#include <asm/unistd.h>

	.text
	.globl	tb__clone
	.hidden	tb__clone
	.type	tb__clone, @function
	.ent	tb__clone
tb__clone:
	bic	$17, 15, $17
	subq	$17, 16, $17
	stq	$16, 0($17)		/* fn */
	stq	$19, 8($17)		/* arg */
	mov	$18, $16		/* flags */
	mov	$20, $18		/* ptid */
	ldq	$19, 0($30)		/* ctid */
	mov	$21, $20		/* tls */
	lda	$0, __NR_clone($31)
	callsys
	bne	$19, 2f
	beq	$0, 1f
	ret	$31, ($26), 1
2:	subq	$31, $0, $0
	ret	$31, ($26), 1
1:	mov	$31, $15
	ldq	$27, 0($30)
	ldq	$16, 8($30)
	jsr	$26, ($27)
	mov	$0, $16
	lda	$0, __NR_exit($31)
	callsys
	call_pal 0x81
	.end	tb__clone
	.size	tb__clone, . - tb__clone

	.section .note.GNU-stack, "", @progbits
