/*
 * long tb__syscall_cp_asm(const uint32_t *pending, const struct tb__cp_args *args)
 *                                         a0                                 a1
 * args is { n, a, b, c, d, e, f } (longs): the syscall n(a..f) (a7, a0-a5),
 * made unless *pending is set. core/base/interrupt.c's handler moves a PC
 * in [tb__cp_begin, tb__cp_end) to tb__cp_cancel when *pending is set: the
 * range holds the check and the ecall and nothing after it (a restarted
 * ecall comes back with the PC on the ecall itself). Returns the kernel's
 * result, or -ECANCELED. riscv64 and riscv32: longs are XLEN bits.
 */
#include <linux/errno.h>

#if __riscv_xlen == 64
#define LOADL ld
#define SZ 8
#else
#define LOADL lw
#define SZ 4
#endif

	.text
	.globl	tb__syscall_cp_asm
	.hidden	tb__syscall_cp_asm
	.globl	tb__cp_begin, tb__cp_end, tb__cp_cancel
	.hidden	tb__cp_begin, tb__cp_end, tb__cp_cancel
	.type	tb__syscall_cp_asm, %function
tb__syscall_cp_asm:
	mv	t0, a0
	mv	t1, a1
	LOADL	a7, 0(t1)
	LOADL	a0, SZ(t1)
	LOADL	a1, 2*SZ(t1)
	LOADL	a2, 3*SZ(t1)
	LOADL	a3, 4*SZ(t1)
	LOADL	a4, 5*SZ(t1)
	LOADL	a5, 6*SZ(t1)
tb__cp_begin:
	lw	t2, 0(t0)
	bnez	t2, tb__cp_cancel
	ecall
tb__cp_end:
	ret
tb__cp_cancel:
	li	a0, -ECANCELED
	ret
	.size	tb__syscall_cp_asm, . - tb__syscall_cp_asm

	.section .note.GNU-stack, "", %progbits
