/*
 * _Noreturn void tb__unmap_and_exit(void *base, size_t len)
 *                                        4(%sp)       8(%sp)
 * munmap(base, len) then exit(0), with no stack use after the munmap.
 */
#include <asm/unistd.h>

	.text
	.globl	tb__unmap_and_exit
	.hidden	tb__unmap_and_exit
	.type	tb__unmap_and_exit, @function
tb__unmap_and_exit:
	move.l	4(%sp), %d1
	move.l	8(%sp), %d2
	move.l	#__NR_munmap, %d0
	trap	#0
	moveq	#0, %d1
	move.l	#__NR_exit, %d0
	trap	#0
	illegal
	.size	tb__unmap_and_exit, . - tb__unmap_and_exit

	.section .note.GNU-stack, "", @progbits
