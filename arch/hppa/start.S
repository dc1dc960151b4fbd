/*
 * _start. The kernel enters with argc in r25 and argv in r24; argc is also
 * the word just below argv[0], the block tb__start_c reads. The stack grows
 * up: sp lies above the argument block, and a callee writes its caller's
 * rp and argument words in the 64 bytes below sp.
 * void tb__start_c(long *sp) is called with &argc in r26, dp (r27) set to
 * $global$ as non-PIC code expects, r3 (the frame pointer) cleared, and sp
 * rounded up to 64 plus 64 fresh bytes for the frame marker.
 */
	.text
	.globl	_start
	.type	_start, @function
_start:
	ldil	L%$global$, %dp
	ldo	R%$global$(%dp), %dp
	ldo	-4(%r24), %r26
	ldo	63(%sp), %sp
	depi	0, 31, 6, %sp
	ldo	64(%sp), %sp
	copy	%r0, %r3
	bl	tb__start_c, %rp
	nop
	iitlbp	%r0, (%sr0, %r0)
	.size	_start, . - _start

	.section .note.GNU-stack, "", %progbits
