/*
 * _Noreturn void tb__unmap_and_exit(void *base, size_t len)
 *                                        $4           $5
 * munmap(base, len) then exit(0), touching no stack: the caller's stack lies
 * inside [base, base+len). Signals must already be blocked and the
 * clear-child-tid address reset by the caller. n64 passes every argument in
 * registers, so the kernel never reads the dead stack; n64 numbers (Zig once
 * used the o32 ones here).
 */
#include <asm/unistd.h>

	.text
	.set	push
	.set	noreorder
	.globl	tb__unmap_and_exit
	.hidden	tb__unmap_and_exit
	.type	tb__unmap_and_exit, @function
tb__unmap_and_exit:
	li	$2, __NR_munmap
	syscall
	move	$4, $0
	li	$2, __NR_exit
	syscall
	break
	.set	pop
	.size	tb__unmap_and_exit, . - tb__unmap_and_exit

	.section .note.GNU-stack, "", %progbits
