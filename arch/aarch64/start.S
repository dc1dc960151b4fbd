/*
 * _start: argc at [sp]; the kernel gives a 16-byte aligned sp.
 * void tb__start_c(long *sp) is called with x0 = sp, fp and lr cleared.
 */
#include "asm.h"
	.text
	.globl	_start
	.type	_start, %function
_start:
	BTI_C
	mov	x29, #0
	mov	x30, #0
	mov	x0, sp
	and	sp, x0, #-16
	bl	tb__start_c
	brk	#1000
	.size	_start, . - _start

	GNU_PROPERTY_NOTE
	.section .note.GNU-stack, "", %progbits
