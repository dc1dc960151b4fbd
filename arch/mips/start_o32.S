/*
 * _start (o32): argc at 0($sp).
 * void tb__start_c(long *sp) is called with $4 = the initial $sp, $fp
 * cleared, $gp = _gp, $25 = the callee (the PIC call ABI: a PIC callee
 * derives $gp from it) and $sp 8-byte aligned with the 16-byte argument
 * home area reserved.
 *
 * Addresses are absolute (%hi/%lo): programs are linked -static -no-pie.
 * musl's PC-relative ".gpword tb__start_c" is not usable: clang 14's
 * integrated assembler emits that R_MIPS_GPREL32 with no symbol when the
 * symbol is undefined, and lld then computes -_gp.
 */
	.text
	.set	push
	.set	noreorder
	.globl	_start
	.type	_start, @function
_start:
	move	$fp, $0
	move	$ra, $0
	lui	$gp, %hi(_gp)
	addiu	$gp, $gp, %lo(_gp)
	move	$4, $sp
	li	$8, -8
	and	$sp, $sp, $8
	addiu	$sp, $sp, -16
	lui	$25, %hi(tb__start_c)
	addiu	$25, $25, %lo(tb__start_c)
	jalr	$25
	nop
	break
	.set	pop
	.size	_start, . - _start

	.section .note.GNU-stack, "", %progbits
