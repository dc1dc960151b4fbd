/*
 * _Noreturn void tb__unmap_and_exit(void *base, size_t len)
 *                                        r0           r1
 * munmap(base, len) then exit(0), with no stack use after the munmap.
 * ARM code; r7 need not survive, nothing returns here.
 */
#include <asm/unistd.h>

	.syntax	unified
	.arm
	.text
	.globl	tb__unmap_and_exit
	.hidden	tb__unmap_and_exit
	.type	tb__unmap_and_exit, %function
tb__unmap_and_exit:
	mov	r7, #__NR_munmap
	svc	#0
	mov	r0, #0
	mov	r7, #__NR_exit
	svc	#0
	udf	#0
	.size	tb__unmap_and_exit, . - tb__unmap_and_exit

	.section .note.GNU-stack, "", %progbits
