/*
 * _start: the kernel leaves argc at (%rsp), 16-byte aligned.
 * void tb__start_c(long *sp) is called with rsp 16-aligned at the call.
 */
#include <asm/unistd.h>
#include "asm.h"

	.text
	.globl	_start
	.type	_start, @function
_start:
	ENDBR
	xor	%ebp, %ebp
	mov	%rsp, %rdi
	and	$-16, %rsp
	call	tb__start_c
	hlt
	.size	_start, . - _start

	GNU_PROPERTY_NOTE
	.section .note.GNU-stack, "", %progbits
