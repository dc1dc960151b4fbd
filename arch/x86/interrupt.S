/*
 * long tb__syscall_cp_asm(const uint32_t *pending, const struct tb__cp_args *args)
 *                                         4(%esp)                            8(%esp)
 * args is { n, a, b, c, d, e, f } (longs): the syscall n(a..f) (eax, ebx,
 * ecx, edx, esi, edi, ebp), made unless *pending is set. Every register is
 * taken by the call, so the check borrows eax before n goes there.
 * core/base/interrupt.c's handler moves a PC in [tb__cp_begin, tb__cp_end)
 * to tb__cp_cancel when *pending is set: the range holds the check and the
 * int $0x80 and nothing after it (a restarted call comes back with the PC
 * on the int $0x80 and eax = n), and the stack is the same all through it
 * (the four callee-saved registers pushed before). Returns the kernel's
 * result, or -ECANCELED.
 */
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
	push	%ebx
	push	%esi
	push	%edi
	push	%ebp
	mov	24(%esp), %eax
	mov	4(%eax), %ebx
	mov	8(%eax), %ecx
	mov	12(%eax), %edx
	mov	16(%eax), %esi
	mov	20(%eax), %edi
	mov	24(%eax), %ebp
tb__cp_begin:
	mov	20(%esp), %eax
	cmpl	$0, (%eax)
	jne	tb__cp_cancel
	mov	24(%esp), %eax
	mov	(%eax), %eax
	int	$0x80
tb__cp_end:
	pop	%ebp
	pop	%edi
	pop	%esi
	pop	%ebx
	ret
tb__cp_cancel:
	mov	$-ECANCELED, %eax
	pop	%ebp
	pop	%edi
	pop	%esi
	pop	%ebx
	ret
	.size	tb__syscall_cp_asm, . - tb__syscall_cp_asm

	GNU_PROPERTY_NOTE
	.section .note.GNU-stack, "", @progbits
