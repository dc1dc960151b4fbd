/*
 * long tb__syscall_cp_asm(const uint32_t *pending, const struct tb__cp_args *args)
 *                                         x0                                 x1
 * args is { n, a, b, c, d, e, f } (longs): the syscall n(a..f) (x8, x0-x5),
 * made unless *pending is set. core/base/interrupt.c's handler moves a PC
 * in [tb__cp_begin, tb__cp_end) to tb__cp_cancel when *pending is set: the
 * range holds the check and the svc and nothing after it (a restarted svc
 * comes back with the PC on the svc itself). Returns the kernel's result,
 * or -ECANCELED from tb__cp_cancel.
 */
#include <linux/errno.h>
#include "asm.h"

	.text
	.globl	tb__syscall_cp_asm
	.hidden	tb__syscall_cp_asm
	.globl	tb__cp_begin, tb__cp_end, tb__cp_cancel
	.hidden	tb__cp_begin, tb__cp_end, tb__cp_cancel
	.type	tb__syscall_cp_asm, %function
tb__syscall_cp_asm:
	BTI_C
	mov	x9, x0
	mov	x10, x1
	ldr	x8, [x10]
	ldp	x0, x1, [x10, #8]
	ldp	x2, x3, [x10, #24]
	ldp	x4, x5, [x10, #40]
tb__cp_begin:
	ldr	w11, [x9]
	cbnz	w11, tb__cp_cancel
	svc	#0
tb__cp_end:
	ret
tb__cp_cancel:
	mov	x0, #-ECANCELED
	ret
	.size	tb__syscall_cp_asm, . - tb__syscall_cp_asm

	GNU_PROPERTY_NOTE
	.section .note.GNU-stack, "", %progbits
