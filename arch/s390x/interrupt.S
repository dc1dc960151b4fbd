/*
 * long tb__syscall_cp_asm(const uint32_t *pending, const struct tb__cp_args *args)
 *                                         r2                                 r3
 * args is { n, a, b, c, d, e, f } (longs): the syscall n(a..f) (r1 with
 * svc 0, r2-r7), made unless *pending is set. core/base/interrupt.c's
 * handler moves a PC in [tb__cp_begin, tb__cp_end) to tb__cp_cancel when
 * *pending is set: the range holds the check and the svc and nothing after
 * it (a restarted svc comes back with the PC on the svc itself). r6-r8 are
 * callee-saved: kept in the caller's save area (48(%r15) on) all through.
 * A raw call: mmap here takes its arguments in memory, as the kernel's
 * old_mmap does. Returns the kernel's result, or -ECANCELED.
 */
#include <linux/errno.h>

	.text
	.globl	tb__syscall_cp_asm
	.hidden	tb__syscall_cp_asm
	.globl	tb__cp_begin, tb__cp_end, tb__cp_cancel
	.hidden	tb__cp_begin, tb__cp_end, tb__cp_cancel
	.type	tb__syscall_cp_asm, @function
tb__syscall_cp_asm:
	stmg	%r6, %r8, 48(%r15)
	lgr	%r8, %r2
	lg	%r1, 0(%r3)
	lg	%r2, 8(%r3)
	lg	%r4, 24(%r3)
	lg	%r5, 32(%r3)
	lg	%r6, 40(%r3)
	lg	%r7, 48(%r3)
	lg	%r3, 16(%r3)
tb__cp_begin:
	icm	%r0, 15, 0(%r8)
	jne	tb__cp_cancel
	svc	0
tb__cp_end:
	lmg	%r6, %r8, 48(%r15)
	br	%r14
tb__cp_cancel:
	lghi	%r2, -ECANCELED
	lmg	%r6, %r8, 48(%r15)
	br	%r14
	.size	tb__syscall_cp_asm, . - tb__syscall_cp_asm

	.section .note.GNU-stack, "", @progbits
