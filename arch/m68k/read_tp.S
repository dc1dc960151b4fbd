/*
 * void *__m68k_read_tp(void)
 *                  -> a0 (and d0)
 * gcc's TLS code calls this for TP; it is get_thread_area, a syscall.
 */
#include <asm/unistd.h>

	.text
	.globl	__m68k_read_tp
	.type	__m68k_read_tp, @function
__m68k_read_tp:
	move.l	#__NR_get_thread_area, %d0
	trap	#0
	move.l	%d0, %a0
	rts
	.size	__m68k_read_tp, . - __m68k_read_tp

	.section .note.GNU-stack, "", @progbits
