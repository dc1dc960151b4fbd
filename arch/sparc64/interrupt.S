/*
 * long tb__syscall_cp_asm(const uint32_t *pending, const struct tb__cp_args *args)
 *                                         %o0                                %o1
 * args is { n, a, b, c, d, e, f } (longs): the syscall n(a..f) (%g1,
 * %o0-%o5), made unless *pending is set. A leaf: no register window.
 * core/base/interrupt.c's handler moves a PC in [tb__cp_begin, tb__cp_end)
 * to tb__cp_cancel (with the next PC after it) when *pending is set: the
 * range holds the check and the trap and nothing after it (a restarted
 * trap comes back with the PC on the ta itself). Returns the kernel's
 * result (carry set: -%o0), or -ECANCELED.
 */
#include <linux/errno.h>

	.register %g2, #scratch
	.register %g3, #scratch

	.text
	.globl	tb__syscall_cp_asm
	.hidden	tb__syscall_cp_asm
	.globl	tb__cp_begin, tb__cp_end, tb__cp_cancel
	.hidden	tb__cp_begin, tb__cp_end, tb__cp_cancel
	.type	tb__syscall_cp_asm, #function
tb__syscall_cp_asm:
	mov	%o0, %g2
	ldx	[%o1 + 0], %g1
	ldx	[%o1 + 8], %o0
	ldx	[%o1 + 24], %o2
	ldx	[%o1 + 32], %o3
	ldx	[%o1 + 40], %o4
	ldx	[%o1 + 48], %o5
	ldx	[%o1 + 16], %o1
tb__cp_begin:
	lduw	[%g2], %g3
	brnz,pn	%g3, .Lcancel	/* a local label: lld has no R_SPARC_WDISP16 */
	 nop
	ta	0x6d
tb__cp_end:
	bcc,pt	%xcc, 1f
	 nop
	sub	%g0, %o0, %o0
1:	retl
	 nop
tb__cp_cancel:
.Lcancel:
	mov	-ECANCELED, %o0
	retl
	 nop
	.size	tb__syscall_cp_asm, . - tb__syscall_cp_asm

	.section .note.GNU-stack, "", %progbits
