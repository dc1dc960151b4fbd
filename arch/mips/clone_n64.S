/*
 * int tb__clone(int (*fn)(void *), void *stack, unsigned long flags, void *arg,
 *               uint32_t *ptid, void *tls, uint32_t *ctid)
 *                    $4            $5            $6           $7
 *                    $8            $9            $10
 * kernel (n64): clone(flags=$4, stack=$5, ptid=$6, tls=$7, ctid=$8)
 *
 * fn and arg ride on the new stack (16-byte aligned). Parent: returns the
 * tid or -errno (a3 set => $2 is the positive errno). Child: $fp cleared,
 * $25 = fn, fn(arg), exit(result). n64 numbers and 64-bit loads and stores
 * throughout (Zig once reused the o32 code here).
 */
#include <asm/unistd.h>

	.text
	.set	push
	.set	noreorder
	.globl	tb__clone
	.hidden	tb__clone
	.type	tb__clone, @function
tb__clone:
	li	$12, -16
	and	$5, $5, $12
	daddiu	$5, $5, -16
	sd	$4, 0($5)		/* fn */
	sd	$7, 8($5)		/* arg */
	move	$4, $6			/* flags */
	move	$6, $8			/* ptid */
	move	$7, $9			/* tls */
	move	$8, $10			/* ctid */
	li	$2, __NR_clone
	syscall
	beqz	$7, 1f
	nop
	jr	$ra
	dsubu	$2, $0, $2		/* delay slot: -errno */
1:	beqz	$2, 2f
	nop
	jr	$ra			/* parent: the tid */
	nop
2:	move	$fp, $0
	ld	$25, 0($sp)
	ld	$4, 8($sp)
	jalr	$25
	nop
	move	$4, $2
	li	$2, __NR_exit
	syscall
	break
	.set	pop
	.size	tb__clone, . - tb__clone

	.section .note.GNU-stack, "", %progbits
