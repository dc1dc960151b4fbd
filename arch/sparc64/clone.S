/*
 * int tb__clone(int (*fn)(void *), void *stack, unsigned long flags, void *arg,
 *               uint32_t *ptid, void *tls, uint32_t *ctid)
 *                    %o0           %o1           %o2          %o3
 *                    %o4           %o5           [%sp+2047+176]
 *        (after the save: %i0..%i5 and [%fp+2047+176])
 * kernel: clone(flags=%o0, stack=%o1, ptid=%o2, tls=%o3, ctid=%o4)
 *
 * The kernel wants a biased stack pointer with a whole frame above it: we
 * pass stack - 192 - 2047 (stack is 16-aligned already). Linux copies our
 * frame below it and qemu does not, so the child keeps fn and arg in the
 * globals %g2/%g3 (registers are inherited) and never reads its frame.
 * clone returns twice SunOS-style: %o1 = 1 in the child, 0 in the parent;
 * the child's %o0 is not 0. Parent: the tid or -errno. Child: %fp cleared
 * (the end of the window chain, see unmap_exit.S), fn(arg), exit(result).
 */
#include <asm/unistd.h>

	.register %g2, #scratch
	.register %g3, #scratch

	.text
	.globl	tb__clone
	.hidden	tb__clone
	.type	tb__clone, #function
tb__clone:
	save	%sp, -192, %sp
	mov	%i0, %g2
	mov	%i3, %g3
	mov	%i2, %o0
	sub	%i1, 192 + 2047, %o1
	mov	%i4, %o2
	mov	%i5, %o3
	ldx	[%fp + 2047 + 176], %o4
	mov	__NR_clone, %g1
	ta	0x6d
	bcc,pt	%xcc, 1f
	 nop
	ba,pt	%xcc, 2f
	 sub	%g0, %o0, %o0
1:	brnz,pn	%o1, 3f
	 nop
2:	ret
	 restore %o0, %g0, %o0
3:	mov	%g0, %fp
	call	%g2
	 mov	%g3, %o0
	mov	__NR_exit, %g1
	ta	0x6d
	illtrap	0
	.size	tb__clone, . - tb__clone

	.section .note.GNU-stack, "", %progbits
