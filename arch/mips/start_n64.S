/*
 * _start (n64): argc at 0($sp).
 * void tb__start_c(long *sp) is called with $4 = the initial $sp, $fp
 * cleared, $gp set, $25 = the callee (the PIC call ABI: gcc's n64 code
 * derives $gp from it) and $sp 16-byte aligned (n64 has no home area).
 *
 * Addresses are absolute 64-bit (%highest/%higher/%hi/%lo, each adjusted
 * for the signed daddiu after it): programs link -static -no-pie. _gp is
 * weak, and musl's PC-relative .gpdword is not used, for the reasons in
 * start_o32.S.
 */
	.text
	.set	push
	.set	noreorder
	.weak	_gp			/* the linker defines it */
	.hidden	_gp
	.globl	_start
	.type	_start, @function
	.globl	__start			/* ld's default entry on mips: a link */
	.set	__start, _start		/* without -e _start finds it too */
_start:
	move	$fp, $0
	lui	$gp, %highest(_gp)
	daddiu	$gp, $gp, %higher(_gp)
	dsll	$gp, $gp, 16
	daddiu	$gp, $gp, %hi(_gp)
	dsll	$gp, $gp, 16
	daddiu	$gp, $gp, %lo(_gp)
	move	$4, $sp
	li	$8, -16
	and	$sp, $sp, $8
	lui	$25, %highest(tb__start_c)
	daddiu	$25, $25, %higher(tb__start_c)
	dsll	$25, $25, 16
	daddiu	$25, $25, %hi(tb__start_c)
	dsll	$25, $25, 16
	daddiu	$25, $25, %lo(tb__start_c)
	jalr	$25
	nop
	break
	.set	pop
	.size	_start, . - _start

	.section .note.GNU-stack, "", %progbits
