/*
 * sparc64 _start: the stack is biased, %sp + 2047 is the real address, and
 * argc sits above the 16-word register-window save area: %sp + 2047 + 128.
 * void tb__start_c(long *sp) is called with %o0 = &argc, %fp cleared and
 * %sp + 2047 16-aligned, 6 argument home slots (48 bytes) below argc so that
 * the callee spilling its arguments cannot overwrite argc.
 */
	.text
	.globl	_start
	.type	_start, #function
_start:
	mov	%g0, %fp
	add	%sp, 2047 + 128, %o0
	add	%sp, 2047 - 6 * 8, %g1
	and	%g1, -16, %g1
	sub	%g1, 2047, %sp
	call	tb__start_c
	 nop
	illtrap	0
	.size	_start, . - _start

	.section .note.GNU-stack, "", %progbits
