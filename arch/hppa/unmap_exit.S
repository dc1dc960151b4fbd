/*
 * _Noreturn void tb__unmap_and_exit(void *base, size_t len)
 *                                        r26          r25
 * munmap(base, len) then exit(0), with no stack use after the munmap: the
 * syscalls take everything in registers and return to r31.
 */
#include <asm/unistd.h>

	.text
	.globl	tb__unmap_and_exit
	.hidden	tb__unmap_and_exit
	.type	tb__unmap_and_exit, @function
tb__unmap_and_exit:
	ble	0x100(%sr2, %r0)
	ldi	__NR_munmap, %r20
	copy	%r0, %r26
	ble	0x100(%sr2, %r0)
	ldi	__NR_exit, %r20
	iitlbp	%r0, (%sr0, %r0)
	.size	tb__unmap_and_exit, . - tb__unmap_and_exit

	.section .note.GNU-stack, "", %progbits
