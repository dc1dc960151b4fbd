/*
 * _Noreturn void tb__unmap_and_exit(void *base, size_t len)
 *                                        x0           x1
 * munmap(base, len) then exit(0), with no stack use after the munmap.
 */
#include <asm/unistd.h>
#include "asm.h"

	.text
	.globl	tb__unmap_and_exit
	.hidden	tb__unmap_and_exit
	.type	tb__unmap_and_exit, %function
tb__unmap_and_exit:
	BTI_C
	mov	x8, #__NR_munmap
	svc	#0
	mov	x0, #0
	mov	x8, #__NR_exit
	svc	#0
	brk	#1000
	.size	tb__unmap_and_exit, . - tb__unmap_and_exit

	GNU_PROPERTY_NOTE
	.section .note.GNU-stack, "", %progbits
