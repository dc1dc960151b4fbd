/*
 * _start: argc at 0(sp). gp must hold __global_pointer$ before any C runs:
 * the linker relaxes accesses near it into gp-relative ones. The la must not
 * itself be relaxed into "addi gp, gp, 0". The linker defines
 * __global_pointer$; weak and hidden (as in musl) it is no undefined
 * reference of the library's own.
 * void tb__start_c(long *sp) is called with a0 = sp, sp 16-aligned.
 */
	.weak	__global_pointer$
	.hidden	__global_pointer$

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
