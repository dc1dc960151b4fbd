/*
 * int tb__clone(int (*fn)(void *), void *stack, unsigned long flags, void *arg,
 *               uint32_t *ptid, void *tls, uint32_t *ctid)
 *                    r3            r4            r5           r6
 *                    r7            r8            r9
 * kernel: clone(flags=r3, stack=r4, ptid=r5, tls=r6, ctid=r7)
 *
 * ppc64, both ABIs. The child's stack gets a frame of the ABI's minimum
 * size (ELFv1 112, ELFv2 32) with a NULL back-chain; fn and arg ride in its
 * CR and LR save slots and are loaded before the call. Parent: the tid or
 * -errno. Child: fn(arg), then exit(result).
 * ELFv1: fn points to a descriptor {entry, TOC, env}: load all three.
 * ELFv2: fn's global entry point wants its own address in r12.
 */
#include <asm/unistd.h>
#include "asm.h"

#if PPC_ELFV2
#define FRAME 32
#else
#define FRAME 112
#endif

	.text
	.hidden	tb__clone
ENTRY(tb__clone)
	clrrdi	4, 4, 4
	li	0, 0
	stdu	0, -FRAME(4)
	std	3, 8(4)
	std	6, 16(4)
	mr	3, 5
	mr	5, 7
	mr	6, 8
	mr	7, 9
	li	0, __NR_clone
	sc
	bns+	1f
	neg	3, 3
1:	cmpdi	3, 0
	bnelr
	ld	3, 16(1)
	ld	12, 8(1)
#if PPC_ELFV2
	mtctr	12
#else
	ld	0, 0(12)
	ld	2, 8(12)
	ld	11, 16(12)
	mtctr	0
#endif
	bctrl
	li	0, __NR_exit
	sc
	trap
END(tb__clone)

	.section .note.GNU-stack, "", %progbits
