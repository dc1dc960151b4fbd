/*
 * int tb__clone(int (*fn)(void *), void *stack, unsigned long flags, void *arg,
 *               uint32_t *ptid, void *tls, uint32_t *ctid)
 *                    a0            a1            a2           a3
 *                    a4            a5            a6
 * kernel: clone(flags=a0, stack=a1, ptid=a2, tls=a3, ctid=a4)
 *
 * fn and arg ride on the new stack, which is aligned to 16 here whatever the
 * caller passed (the psABI needs it). Parent: returns the tid or -errno.
 * Child: fp cleared, fn(arg), then exit(result).
 */
#include <asm/unistd.h>

	.text
	.globl	tb__clone
	.hidden	tb__clone
	.type	tb__clone, %function
tb__clone:
	andi	a1, a1, -16
	addi	a1, a1, -16
	sd	a0, 0(a1)
	sd	a3, 8(a1)
	mv	a0, a2
	mv	a2, a4
	mv	a3, a5
	mv	a4, a6
	li	a7, __NR_clone
	ecall
	beqz	a0, 1f
	ret
1:	li	s0, 0
	ld	a1, 0(sp)
	ld	a0, 8(sp)
	jalr	a1
	li	a7, __NR_exit
	ecall
	ebreak
	.size	tb__clone, . - tb__clone

	.section .note.GNU-stack, "", %progbits
