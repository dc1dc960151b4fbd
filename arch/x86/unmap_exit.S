/*
 * _Noreturn void tb__unmap_and_exit(void *base, size_t len)
 *                                     4(%esp)      8(%esp)
 * munmap(base, len) then exit(0): both arguments are read before the munmap
 * and nothing touches the stack after it. int $0x80, never the vsyscall,
 * which would push a return address onto the unmapped stack.
 */
#include <asm/unistd.h>
#include "asm.h"

	.text
	.globl	tb__unmap_and_exit
	.hidden	tb__unmap_and_exit
	.type	tb__unmap_and_exit, @function
tb__unmap_and_exit:
	ENDBR
	mov	4(%esp), %ebx
	mov	8(%esp), %ecx
	mov	$__NR_munmap, %eax
	int	$0x80
	xor	%ebx, %ebx
	mov	$__NR_exit, %eax
	int	$0x80
	hlt
	.size	tb__unmap_and_exit, . - tb__unmap_and_exit

	GNU_PROPERTY_NOTE
	.section .note.GNU-stack, "", %progbits
