/*
 * _start: the kernel leaves argc at (%rsp), 16-byte aligned.
 * void tb__start_c(long *sp) is called with rsp 16-aligned at the call.
 */
#include <asm/unistd.h>

	.text
	.globl	_start
	.type	_start, @function
_start:
	xor	%ebp, %ebp
	mov	%rsp, %rdi
	and	$-16, %rsp
	call	tb__start_c
	hlt
	.size	_start, . - _start

	.section .note.GNU-stack, "", %progbits
