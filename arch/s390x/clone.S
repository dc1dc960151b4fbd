/*
 * int tb__clone(int (*fn)(void *), void *stack, unsigned long flags, void *arg,
 *               uint32_t *ptid, void *tls, uint32_t *ctid)
 *                    r2            r3            r4           r5
 *                    r6            160(%r15)     168(%r15)
 * kernel (CLONE_BACKWARDS2): clone(stack=r2, flags=r3, ptid=r4, ctid=r5, tls=r6)
 *
 * The child's frame is made on the new stack before the call: the 160-byte
 * register save area with a zero back chain, and fn and arg above it at
 * 160 and 168. The kernel starts the child with r15 = stack and r2 = 0.
 * r6 is callee-saved: kept in the caller's save area (48(%r15)).
 * Parent: returns the tid or -errno. Child: r11 cleared, fn(arg), then
 * exit(result).
 */
#include <asm/unistd.h>

	.text
	.globl	tb__clone
	.hidden	tb__clone
	.type	tb__clone, @function
tb__clone:
	stg	%r6, 48(%r15)
	lghi	%r1, -16
	ngr	%r3, %r1
	aghi	%r3, -176
	xc	0(8, %r3), 0(%r3)
	stg	%r2, 160(%r3)		/* fn */
	stg	%r5, 168(%r3)		/* arg */
	lgr	%r2, %r3		/* stack */
	lgr	%r3, %r4		/* flags */
	lgr	%r4, %r6		/* ptid */
	lg	%r5, 168(%r15)		/* ctid */
	lg	%r6, 160(%r15)		/* tls */
	lghi	%r1, __NR_clone
	svc	0
	ltgr	%r2, %r2
	jz	1f
	lg	%r6, 48(%r15)
	br	%r14
1:	lghi	%r11, 0
	lg	%r1, 160(%r15)
	lg	%r2, 168(%r15)
	basr	%r14, %r1
	lghi	%r1, __NR_exit
	svc	0
	.word	0
	.size	tb__clone, . - tb__clone

	.section .note.GNU-stack, "", @progbits
