/*
 * _Noreturn void tb__unmap_and_exit(void *base, size_t len)
 *                                        r2           r3
 * munmap(base, len) then exit(0), with no stack use after the munmap.
 */
#include <asm/unistd.h>

	.text
	.globl	tb__unmap_and_exit
	.hidden	tb__unmap_and_exit
	.type	tb__unmap_and_exit, @function
tb__unmap_and_exit:
	lghi	%r1, __NR_munmap
	svc	0
	lghi	%r2, 0
	lghi	%r1, __NR_exit
	svc	0
	.word	0
	.size	tb__unmap_and_exit, . - tb__unmap_and_exit

	.section .note.GNU-stack, "", @progbits
