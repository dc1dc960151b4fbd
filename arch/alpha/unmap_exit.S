/*
 * _Noreturn void tb__unmap_and_exit(void *base, size_t len)
 *                                        $16          $17
 * munmap(base, len) then exit(0), with no stack use after the munmap.
 */
#include <asm/unistd.h>

	.text
	.globl	tb__unmap_and_exit
	.hidden	tb__unmap_and_exit
	.type	tb__unmap_and_exit, @function
	.ent	tb__unmap_and_exit
tb__unmap_and_exit:
	lda	$0, __NR_munmap($31)
	callsys
	mov	$31, $16
	lda	$0, __NR_exit($31)
	callsys
	call_pal 0x81
	.end	tb__unmap_and_exit
	.size	tb__unmap_and_exit, . - tb__unmap_and_exit

	.section .note.GNU-stack, "", @progbits
