/*
 * _start: argc at [sp]. Assembled as ARM code; the linker makes the call to
 * the (usually Thumb) C entry a blx.
 * void tb__start_c(long *sp) is called with r0 = sp, sp 16-aligned, fp and
 * lr cleared.
 *
 * The archive member holding _start is the one every program links (the
 * linker pulls it for the entry symbol), so it also names libgcc's division
 * by zero hooks (aeabi.c): a hand link "prog.o libthreadbare.a -lgcc" then
 * takes ours, and never libgcc's, which needs libc's raise(). The references
 * are symbol-table entries only: no code uses them, and --gc-sections still
 * drops the hooks from a program that does not divide.
 */
	.syntax	unified
	.arm
	.globl	__aeabi_idiv0
	.globl	__aeabi_ldiv0
	.text
	.globl	_start
	.type	_start, %function
_start:
	mov	fp, #0
	mov	lr, #0
	mov	r0, sp
	bic	ip, r0, #15
	mov	sp, ip
	bl	tb__start_c
	udf	#0
	.size	_start, . - _start

	.section .note.GNU-stack, "", %progbits
