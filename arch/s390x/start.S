/*
 * _start: argc at 0(%r15).
 * void tb__start_c(long *sp) is called with r2 = the initial r15, r15
 * 16-aligned less the 160-byte register save area every s390x frame gives
 * its callee, a zero back chain at 0(%r15), and r11 (the frame pointer)
 * and r14 cleared.
 */
	.text
	.globl	_start
	.type	_start, @function
_start:
	lgr	%r2, %r15
	lghi	%r1, -16
	ngr	%r15, %r1
	aghi	%r15, -160
	xc	0(8, %r15), 0(%r15)
	lghi	%r11, 0
	lghi	%r14, 0
	brasl	%r14, tb__start_c
	.word	0
	.size	_start, . - _start

/*
 * core/ reads the linker's __{preinit,init,fini}_array_{start,end}, which
 * ld.bfd places at the current address when a program has no such section,
 * and that can be odd (after .rodata strings). clang addresses them with
 * larl, which reaches only even addresses, and the link fails ("misaligned
 * symbol for relocation R_390_PC32DBL"). An empty 8-aligned input section
 * of each kind (this object is always linked: it is the entry) aligns them.
 */
	.section .preinit_array, "aw", @preinit_array
	.balign	8
	.section .init_array, "aw", @init_array
	.balign	8
	.section .fini_array, "aw", @fini_array
	.balign	8

	.section .note.GNU-stack, "", @progbits
