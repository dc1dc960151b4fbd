/*
 * _start: argc at 0(sp). gp must hold __global_pointer$ before any C runs:
 * the linker relaxes accesses near it into gp-relative ones. The la must not
 * itself be relaxed into "addi gp, gp, 0".
 * void tb__start_c(long *sp) is called with a0 = sp, sp 16-aligned.
 */
	.text
	.globl	_start
	.type	_start, %function
_start:
	.option	push
	.option	norelax
	lla	gp, __global_pointer$
	.option	pop
	li	s0, 0
	li	ra, 0
	mv	a0, sp
	andi	sp, sp, -16
	call	tb__start_c
	ebreak
	.size	_start, . - _start

	.section .note.GNU-stack, "", %progbits
