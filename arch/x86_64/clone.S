/*
 * int tb__clone(int (*fn)(void *), void *stack, unsigned long flags, void *arg,
 *               uint32_t *ptid, void *tls, uint32_t *ctid)
 *                    rdi           rsi           rdx            rcx
 *                    r8            r9            8(%rsp)
 * kernel: clone(flags=rdi, stack=rsi, ptid=rdx, ctid=r10, tls=r8)
 *
 * Parent: returns the tid or -errno. Child: calls fn(arg) on the new stack
 * with rbp cleared, then exit(fn's result); it never returns.
 *
 * x32: the pointers and flags are 32 bits, and the upper halves of their
 * registers are not promised, so they are zero-extended first; ctid's
 * stack slot is 8 bytes, of which it fills the low 4.
 */
#include <asm/unistd.h>
#include "asm.h"

	.text
	.globl	tb__clone
	.hidden	tb__clone
	.type	tb__clone, @function
tb__clone:
	ENDBR
#ifdef __ILP32__
	mov	%edi, %edi
	mov	%esi, %esi
	mov	%edx, %edx
	mov	%ecx, %ecx
	mov	%r8d, %r8d
	mov	%r9d, %r9d
#endif
	and	$-16, %rsi
	sub	$8, %rsi
	mov	%rcx, (%rsi)		/* arg, popped by the child */
	mov	%rdi, %r11		/* fn survives in r9 below */
	mov	%rdx, %rdi		/* flags */
	mov	%r8, %rdx		/* ptid */
	mov	%r9, %r8		/* tls */
#ifdef __ILP32__
	movl	8(%rsp), %r10d		/* ctid, zero-extended */
#else
	mov	8(%rsp), %r10		/* ctid */
#endif
	mov	%r11, %r9		/* fn */
	mov	$__NR_clone, %eax
	syscall
	test	%eax, %eax
	jnz	1f
	xor	%ebp, %ebp
	pop	%rdi
	call	*%r9
	mov	%eax, %edi
	mov	$__NR_exit, %eax
	syscall
	hlt
1:	ret
	.size	tb__clone, . - tb__clone

	GNU_PROPERTY_NOTE
	.section .note.GNU-stack, "", %progbits
