/*
 * _Noreturn void tb__unmap_and_exit(void *base, size_t len)
 *                                        rdi          rsi
 * munmap(base, len) then exit(0), touching no stack: the caller's stack lies
 * inside [base, base+len). Signals must already be blocked and the
 * clear-child-tid address reset by the caller.
 */
#include <asm/unistd.h>
#include "asm.h"

	.text
	.globl	tb__unmap_and_exit
	.hidden	tb__unmap_and_exit
	.type	tb__unmap_and_exit, @function
tb__unmap_and_exit:
	ENDBR
#ifdef __ILP32__
	mov	%edi, %edi		/* x32: zero-extend base and len */
	mov	%esi, %esi
#endif
	mov	$__NR_munmap, %eax
	syscall
	xor	%edi, %edi
	mov	$__NR_exit, %eax
	syscall
	hlt
	.size	tb__unmap_and_exit, . - tb__unmap_and_exit

	GNU_PROPERTY_NOTE
	.section .note.GNU-stack, "", %progbits
