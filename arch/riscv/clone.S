/*
 * int tb__clone(int (*fn)(void *), void *stack, unsigned long flags, void *arg,
 *               uint32_t *ptid, void *tls, uint32_t *ctid)
 *                    a0            a1            a2           a3
 *                    a4            a5            a6
 * kernel: clone(flags=a0, stack=a1, ptid=a2, tls=a3, ctid=a4)
 *
 * fn and arg ride on the new stack, which is aligned to 16 here whatever the
 * caller passed (the psABI needs it, on riscv32 too). Parent: returns the
 * tid or -errno. Child: fp cleared, fn(arg), then exit(result). The two
 * words are XLEN wide: sd/ld on riscv64, sw/lw on riscv32.
 */
#include <asm/unistd.h>

#if __riscv_xlen == 64
#define REG_S sd
#define REG_L ld
#define SZREG 8
#else
#define REG_S sw
#define REG_L lw
#define SZREG 4
#endif

	.text
	.globl	tb__clone
	.hidden	tb__clone
	.type	tb__clone, %function
tb__clone:
	andi	a1, a1, -16
	addi	a1, a1, -16
	REG_S	a0, 0(a1)
	REG_S	a3, SZREG(a1)
	mv	a0, a2
	mv	a2, a4
	mv	a3, a5
	mv	a4, a6
	li	a7, __NR_clone
	ecall
	beqz	a0, 1f
	ret
1:	li	s0, 0
	REG_L	a1, 0(sp)
	REG_L	a0, SZREG(sp)
	jalr	a1
	li	a7, __NR_exit
	ecall
	ebreak
	.size	tb__clone, . - tb__clone

	.section .note.GNU-stack, "", %progbits
