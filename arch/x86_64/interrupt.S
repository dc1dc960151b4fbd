/*
 * long tb__syscall_cp_asm(const uint32_t *pending, const struct tb__cp_args *args)
 *                                         rdi                                rsi
 * args is { n, a, b, c, d, e, f } (longs): the syscall n(a..f), made unless
 * *pending is set. core/base/interrupt.c's handler moves a PC that lies in
 * [tb__cp_begin, tb__cp_end) to tb__cp_cancel when *pending is set; so the
 * range holds the check and the syscall instruction and nothing after it,
 * and the stack is the same all through it (the cancel path just returns).
 * Returns the kernel's result, or -ECANCELED from tb__cp_cancel.
 * x32 (__ILP32__): pointers and longs are 4 bytes, zero-extended as
 * arch/x86_64/syscall.h does.
 */
#include <asm/unistd.h>
#include <linux/errno.h>
#include "asm.h"

	.text
	.globl	tb__syscall_cp_asm
	.hidden	tb__syscall_cp_asm
	.globl	tb__cp_begin, tb__cp_end, tb__cp_cancel
	.hidden	tb__cp_begin, tb__cp_end, tb__cp_cancel
	.type	tb__syscall_cp_asm, @function
tb__syscall_cp_asm:
	ENDBR
#ifdef __ILP32__
	mov	%edi, %r11d
	mov	%esi, %eax
	mov	4(%rax), %edi
	mov	8(%rax), %esi
	mov	12(%rax), %edx
	mov	16(%rax), %r10d
	mov	20(%rax), %r8d
	mov	24(%rax), %r9d
	mov	(%rax), %eax
#else
	mov	%rdi, %r11
	mov	%rsi, %rax
	mov	8(%rax), %rdi
	mov	16(%rax), %rsi
	mov	24(%rax), %rdx
	mov	32(%rax), %r10
	mov	40(%rax), %r8
	mov	48(%rax), %r9
	mov	(%rax), %rax
#endif
tb__cp_begin:
	cmpl	$0, (%r11)
	jne	tb__cp_cancel
	syscall
tb__cp_end:
	ret
tb__cp_cancel:
	mov	$-ECANCELED, %rax
	ret
	.size	tb__syscall_cp_asm, . - tb__syscall_cp_asm

	GNU_PROPERTY_NOTE
	.section .note.GNU-stack, "", %progbits
