/*
 * _start: argc at 0($30).
 * void tb__start_c(long *sp) is called with $16 = the initial $30, $30
 * 16-aligned, $15 (the frame pointer) cleared, $29 = gp and $27 = the
 * callee (alpha code derives gp from $27 at a function's entry). $27 is
 * gp-relative, not a GOT literal (what "lda $27, sym" assembles to): in a
 * static PIE the GOT is not relocated until tb__start_c has run.
 */
	.text
	.globl	_start
	.type	_start, @function
	.ent	_start
_start:
	br	$29, 1f
1:	ldgp	$29, 0($29)
	mov	$31, $15
	mov	$30, $16
	bic	$30, 15, $30
	ldah	$27, tb__start_c($29)	!gprelhigh
	lda	$27, tb__start_c($27)	!gprellow
	jsr	$26, ($27)
	call_pal 0x81
	.end	_start
	.size	_start, . - _start

/*
 * A program with no init or fini array gets the linker's
 * __{preinit,init,fini}_array_{start,end} (core/ reads them) placed in the
 * next section, .got, and ld then fails the GOT literal load of them
 * ("relocation truncated to fit: GPREL16 ... defined in .got section").
 * An empty input section of each kind keeps them in their own (this object
 * is always linked: it is the entry).
 */
	.section .preinit_array, "aw", @preinit_array
	.balign	8
	.section .init_array, "aw", @init_array
	.balign	8
	.section .fini_array, "aw", @fini_array
	.balign	8

	.section .note.GNU-stack, "", @progbits
