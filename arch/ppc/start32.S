/*
 * ppc32 _start: argc at 0(r1). void tb__start_c(long *sp) is called with
 * r3 = the initial sp, r1 16-aligned with a NULL back-chain frame and LR 0.
 * The kernel sets no TP (r2) for the main thread: tb_init does.
 */
#include "asm.h"

	.text
ENTRY(_start)
	mr	3, 1
	clrrwi	1, 1, 4
	li	0, 0
	stwu	1, -16(1)
	mtlr	0
	stw	0, 0(1)
	bl	tb__start_c
	trap
END(_start)

	.section .note.GNU-stack, "", %progbits
