/*
 * _Noreturn void tb__unmap_and_exit(void *base, size_t len)
 *                                        $4           $5
 * munmap(base, len) then exit(0), touching no stack: the caller's stack lies
 * inside [base, base+len). Signals must already be blocked and the
 * clear-child-tid address reset by the caller.
 *
 * The o32 syscall entry reads the stack-passed arguments at 16..31($sp) for
 * every syscall and fails with EFAULT when they are unreadable, so exit
 * would fail once the stack is gone. $sp is first pointed at this code
 * (bal gives its address, with no $25 or gp needed): read-only, but mapped,
 * and nothing here stores through $sp. The 32 bytes from label 1 are all
 * inside this function.
 */
#include <asm/unistd.h>

	.text
	.set	push
	.set	noreorder
	.globl	tb__unmap_and_exit
	.hidden	tb__unmap_and_exit
	.type	tb__unmap_and_exit, @function
tb__unmap_and_exit:
	bal	1f
	nop
1:	move	$sp, $ra
	li	$2, __NR_munmap
	syscall
	move	$4, $0
	li	$2, __NR_exit
	syscall
	break
	break
	.set	pop
	.size	tb__unmap_and_exit, . - tb__unmap_and_exit

	.section .note.GNU-stack, "", %progbits
