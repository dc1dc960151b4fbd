/*
 * _start: argc at (%sp).
 * void tb__start_c(long *sp) is called with the initial sp as its stack
 * argument, sp 16-aligned before the push, a6 (the frame pointer) cleared.
 * bsr.l (68020+), PC-relative: gas refuses an absolute jsr in a PIC (-fPIE,
 * the hardened build) object, and a static PIE must not need one.
 */
	.text
	.globl	_start
	.type	_start, @function
_start:
	suba.l	%a6, %a6
	move.l	%sp, %a0
	move.l	%sp, %d0
	and.l	#-16, %d0
	move.l	%d0, %sp
	move.l	%a0, -(%sp)
	bsr.l	tb__start_c
	illegal
	.size	_start, . - _start

	.section .note.GNU-stack, "", @progbits
