/*
 * long tb__syscall_cp_asm(const uint32_t *pending, const struct tb__cp_args *args)
 *                                         r3                                 r4
 * args is { n, a, b, c, d, e, f } (longs): the syscall n(a..f) (r0,
 * r3-r8), made unless *pending is set. core/base/interrupt.c's handler
 * moves a PC in [tb__cp_begin, tb__cp_end) to tb__cp_cancel when *pending
 * is set: the range holds the check and the sc and nothing after it (a
 * restarted sc comes back with the PC on the sc itself). Returns the
 * kernel's result (CR0.SO set: -r3), or -ECANCELED. ppc32, ppc64 (ELFv1:
 * the labels are code addresses, the function a descriptor) and ppc64le.
 */
#include <linux/errno.h>
#include "asm.h"

#ifdef __powerpc64__
#define LOADL ld
#define SZ 8
#else
#define LOADL lwz
#define SZ 4
#endif

	.text
	.hidden	tb__syscall_cp_asm
	.globl	tb__cp_begin, tb__cp_end, tb__cp_cancel
	.hidden	tb__cp_begin, tb__cp_end, tb__cp_cancel
ENTRY(tb__syscall_cp_asm)
	mr	9, 3
	LOADL	0, 0(4)
	LOADL	3, SZ(4)
	LOADL	5, 3*SZ(4)
	LOADL	6, 4*SZ(4)
	LOADL	7, 5*SZ(4)
	LOADL	8, 6*SZ(4)
	LOADL	4, 2*SZ(4)
tb__cp_begin:
	lwz	10, 0(9)
	cmpwi	10, 0
	bne-	tb__cp_cancel
	sc
tb__cp_end:
	bnslr+
	neg	3, 3
	blr
tb__cp_cancel:
	li	3, -ECANCELED
	blr
END(tb__syscall_cp_asm)

	.section .note.GNU-stack, "", %progbits
