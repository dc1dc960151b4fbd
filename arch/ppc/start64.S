/*
 * ppc64 _start: argc at 0(r1). void tb__start_c(long *sp) is called with
 * r3 = the initial sp, r1 16-aligned, a NULL back-chain frame of the ABI's
 * minimum size (ELFv1 112, ELFv2 32) and LR 0.
 *
 * r2 (TOC): ELFv1: e_entry is the _start descriptor and the kernel loads
 * r2 from it. ELFv2: the kernel sets r12 = _start (global entry) and r2 is
 * computed from it. The kernel sets no TP (r13): tb_init does.
 */
#include "asm.h"

#if PPC_ELFV2
#define FRAME 32
#else
#define FRAME 112
#endif

	.text
ENTRY(_start)
#if PPC_ELFV2
	addis	2, 12, .TOC.-_start@ha
	addi	2, 2, .TOC.-_start@l
#endif
	mr	3, 1
	clrrdi	1, 1, 4
	li	0, 0
	stdu	0, -FRAME(1)
	mtlr	0
	bl	tb__start_c
	nop
	trap
END(_start)

	.section .note.GNU-stack, "", %progbits
