/*
 * int tb__clone(int (*fn)(void *), void *stack, unsigned long flags, void *arg,
 *               uint32_t *ptid, void *tls, uint32_t *ctid)
 * all on the stack: after the four pushes below, fn is at 20(%esp), stack 24,
 * flags 28, arg 32, ptid 36, tls 40 (a struct user_desc *), ctid 44.
 * kernel: clone(flags=ebx, stack=ecx, ptid=edx, tls=esi, ctid=edi), int $0x80
 *
 * The child inherits fn in ebp and finds arg at the top of its new stack,
 * which is 16-aligned at its call. Parent: returns the tid or -errno.
 * Child: ebp cleared, fn(arg), then exit(result).
 */
#include <asm/unistd.h>
#include "asm.h"

	.text
	.globl	tb__clone
	.hidden	tb__clone
	.type	tb__clone, @function
tb__clone:
	ENDBR
	push	%ebp
	push	%ebx
	push	%esi
	push	%edi
	mov	24(%esp), %ecx
	and	$-16, %ecx
	sub	$16, %ecx
	mov	32(%esp), %eax
	mov	%eax, (%ecx)		/* arg, the child's one stack argument */
	mov	28(%esp), %ebx
	mov	36(%esp), %edx
	mov	40(%esp), %esi
	mov	44(%esp), %edi
	mov	20(%esp), %ebp		/* fn */
	mov	$__NR_clone, %eax
	int	$0x80
	test	%eax, %eax
	jnz	1f
	mov	%ebp, %eax
	xor	%ebp, %ebp
	call	*%eax
	mov	%eax, %ebx
	mov	$__NR_exit, %eax
	int	$0x80
	hlt
1:	pop	%edi
	pop	%esi
	pop	%ebx
	pop	%ebp
	ret
	.size	tb__clone, . - tb__clone

	GNU_PROPERTY_NOTE
	.section .note.GNU-stack, "", %progbits
