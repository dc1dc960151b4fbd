/*
 * int tb__clone(int (*fn)(void *), void *stack, unsigned long flags, void *arg,
 *               uint32_t *ptid, void *tls, uint32_t *ctid)
 *                    $4            $5            $6           $7
 *                    16($sp)       20($sp)       24($sp)
 * kernel (o32): clone(flags=$4, stack=$5, ptid=$6, tls=$7, ctid=16($sp))
 *
 * fn and arg ride on the new stack, where they also form the child's
 * 16-byte home area. Parent: returns the tid or -errno (a3 set => $2 is the
 * positive errno). Child: $fp cleared, $25 = fn, fn(arg), exit(result).
 */
#include <asm/unistd.h>

	.text
	.set	push
	.set	noreorder
	.globl	tb__clone
	.hidden	tb__clone
	.type	tb__clone, @function
tb__clone:
	li	$12, -8
	and	$5, $5, $12
	addiu	$5, $5, -16
	sw	$4, 0($5)		/* fn */
	sw	$7, 4($5)		/* arg */
	move	$4, $6			/* flags */
	lw	$6, 16($sp)		/* ptid */
	lw	$7, 20($sp)		/* tls */
	lw	$9, 24($sp)		/* ctid */
	addiu	$sp, $sp, -32		/* home area + syscall arg 5 */
	sw	$9, 16($sp)
	li	$2, __NR_clone
	syscall
	beqz	$7, 1f
	nop
	addiu	$sp, $sp, 32
	jr	$ra
	subu	$2, $0, $2		/* delay slot: -errno */
1:	beqz	$2, 2f
	nop
	addiu	$sp, $sp, 32		/* parent: the tid */
	jr	$ra
	nop
2:	move	$fp, $0
	lw	$25, 0($sp)
	lw	$4, 4($sp)
	jalr	$25
	nop
	move	$4, $2
	li	$2, __NR_exit
	syscall
	break
	.set	pop
	.size	tb__clone, . - tb__clone

	.section .note.GNU-stack, "", %progbits
