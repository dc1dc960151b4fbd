/*
 * _Noreturn void tb__unmap_and_exit(void *base, size_t len)
 *                                        %o0          %o1
 * munmap(base, len) then exit(0). The caller's stack lies inside the
 * mapping, and register windows spill to it: first `restore` back to the
 * thread's outermost window (the clone trampoline's, whose %fp is 0), then
 * flushw, so that no window is left to spill to the unmapped stack.
 * base and len ride in %g2/%g3 across the restores.
 */
#include <asm/unistd.h>

	.register %g2, #scratch
	.register %g3, #scratch

	.text
	.globl	tb__unmap_and_exit
	.hidden	tb__unmap_and_exit
	.type	tb__unmap_and_exit, #function
tb__unmap_and_exit:
	mov	%o0, %g2
	mov	%o1, %g3
1:	brz,pn	%fp, 2f
	 nop
	ba,pt	%xcc, 1b
	 restore
2:	flushw
	mov	%g2, %o0
	mov	%g3, %o1
	mov	__NR_munmap, %g1
	ta	0x6d
	mov	%g0, %o0
	mov	__NR_exit, %g1
	ta	0x6d
	illtrap	0
	.size	tb__unmap_and_exit, . - tb__unmap_and_exit

	.section .note.GNU-stack, "", %progbits
