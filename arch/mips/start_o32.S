/*
 * _start (o32): argc at 0($sp).
 * void tb__start_c(long *sp) is called with $4 = the initial $sp, $fp
 * cleared, $gp set, $25 = the callee (the PIC call ABI: a PIC callee
 * derives $gp from it) and $sp 8-byte aligned with the 16-byte argument
 * home area reserved.
 *
 * Addresses are absolute (%hi/%lo): programs link -static -no-pie. _gp is
 * the linker's (ld and lld both define it); the reference is weak so that
 * the archive names no symbol it does not define (tests/freestanding.sh).
 * musl finds gp and the callee PC-relatively with .gpword, which fails
 * two ways here: gas assembles .gpword as a plain .word in non-PIC mode
 * (-fno-pie), and clang 14's integrated assembler emits the R_MIPS_GPREL32
 * of ".gpword tb__start_c" without its symbol, which lld resolves to -_gp.
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
