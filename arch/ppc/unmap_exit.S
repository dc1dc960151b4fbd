/*
 * _Noreturn void tb__unmap_and_exit(void *base, size_t len)
 *                                        r3           r4
 * munmap(base, len) then exit(0): the arguments are already munmap's, and
 * nothing after the first sc touches the stack or r3..r4 of the caller.
 * (Zig's ppc version had the `mr` operands reversed, PR #21048.)
 */
#include <asm/unistd.h>
#include "asm.h"

	.text
	.hidden	tb__unmap_and_exit
ENTRY(tb__unmap_and_exit)
	li	0, __NR_munmap
	sc
	li	3, 0
	li	0, __NR_exit
	sc
	trap
END(tb__unmap_and_exit)

	.section .note.GNU-stack, "", %progbits
