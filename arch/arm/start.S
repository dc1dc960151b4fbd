/*
 * _start: argc at [sp]. Assembled as ARM code; the linker makes the call to
 * the (usually Thumb) C entry a blx.
 * void tb__start_c(long *sp) is called with r0 = sp, sp 16-aligned, fp and
 * lr cleared.
 */
	.syntax	unified
	.arm
	.text
	.globl	_start
	.type	_start, %function
_start:
	mov	fp, #0
	mov	lr, #0
	mov	r0, sp
	bic	ip, r0, #15
	mov	sp, ip
	bl	tb__start_c
	udf	#0
	.size	_start, . - _start

	.section .note.GNU-stack, "", %progbits
