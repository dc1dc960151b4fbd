/*
 * _Noreturn void tb__unmap_and_exit(void *base, size_t len)
 *                                        a0           a1
 * munmap(base, len) then exit(0), with no stack use after the munmap.
 */
#include <asm/unistd.h>

	.text
	.globl	tb__unmap_and_exit
	.hidden	tb__unmap_and_exit
	.type	tb__unmap_and_exit, %function
tb__unmap_and_exit:
	li	a7, __NR_munmap
	ecall
	li	a0, 0
	li	a7, __NR_exit
	ecall
	ebreak
	.size	tb__unmap_and_exit, . - tb__unmap_and_exit

	.section .note.GNU-stack, "", %progbits
