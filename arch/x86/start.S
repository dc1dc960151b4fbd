/*
 * _start: the kernel leaves argc at (%esp).
 * void tb__start_c(long *sp) gets sp as its one stack argument, with esp
 * 16-aligned at the call and ebp cleared.
 */
#include "asm.h"
	.text
	.globl	_start
	.type	_start, @function
_start:
	ENDBR
	xor	%ebp, %ebp
	mov	%esp, %eax
	and	$-16, %esp
	sub	$12, %esp
	push	%eax
	call	tb__start_c
	hlt
	.size	_start, . - _start

	GNU_PROPERTY_NOTE
	.section .note.GNU-stack, "", %progbits
