/*
 * int tb__clone(int (*fn)(void *), void *stack, unsigned long flags, void *arg,
 *               uint32_t *ptid, void *tls, uint32_t *ctid)
 *                    r3            r4            r5           r6
 *                    r7            r8            r9
 * kernel: clone(flags=r3, stack=r4, ptid=r5, tls=r6, ctid=r7)
 *
 * ppc32. fn and arg travel in r30/r31, which the child inherits; the parent
 * saves them in a real 16-byte frame (no red zone on ppc32: nothing may be
 * stored below r1). The child's stack gets a 16-byte frame with a NULL
 * back-chain, whose LR slot fn may use. Parent: the tid or -errno.
 * Child: fn(arg), then exit(result).
 */
#include <asm/unistd.h>
#include "asm.h"

	.text
	.hidden	tb__clone
ENTRY(tb__clone)
	stwu	1, -16(1)
	stw	30, 8(1)
	stw	31, 12(1)
	mr	30, 3
	mr	31, 6
	clrrwi	4, 4, 4
	li	0, 0
	stwu	0, -16(4)
	mr	3, 5
	mr	5, 7
	mr	6, 8
	mr	7, 9
	li	0, __NR_clone
	sc
	bns+	1f
	neg	3, 3
1:	cmpwi	3, 0
	beq	2f
	lwz	30, 8(1)
	lwz	31, 12(1)
	addi	1, 1, 16
	blr
2:	mr	3, 31
	mtctr	30
	bctrl
	li	0, __NR_exit
	sc
	trap
END(tb__clone)

	.section .note.GNU-stack, "", %progbits
