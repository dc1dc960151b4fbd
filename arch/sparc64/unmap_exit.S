/*
 * _Noreturn void tb__unmap_and_exit(void *base, size_t len)
 *                                        %o0          %o1
 * munmap(base, len) then exit(0). The caller's stack lies inside the
 * mapping, and register windows spill to it: first `restore` back to the
 * thread's outermost window (the clone trampoline's, whose %fp is 0), then
 * flushw, so that no window is left to spill to the unmapped stack.
 * base and len ride in %g2/%g3 across the restores.
 *
 * The window we are left in still has to live somewhere across munmap: a
 * real kernel spills the user's current window to %sp + 2047 while it runs
 * the syscall (munmap nests deeper than the free windows) and fills it back
 * from there before returning, and with %sp still on the unmapped stack that
 * fill faulted (SIGSEGV at the instruction after munmap's `ta`, %g1 = 73,
 * %o0 = 0, in t_spawn's t_detached_loop; qemu-user spills nothing and never
 * showed it). So %sp moves to exit_window first, a static save area outside
 * every thread's mapping. Threads exiting at once may spill into it
 * together; what comes back is never read (only %o0 and %g1 are used after
 * munmap, and signals are blocked by then).
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
	/* %o2 = exit_window, PC-relative: each reloc is taken at its own
	 * instruction, hence the +4/+8 */
	rd	%pc, %o2
	sethi	%pc22(exit_window + 4), %o3
	or	%o3, %pc10(exit_window + 8), %o3
	add	%o2, %o3, %o2
	sub	%o2, 2047, %sp
	mov	%g2, %o0
	mov	%g3, %o1
	mov	__NR_munmap, %g1
	ta	0x6d
	mov	%g0, %o0
	mov	__NR_exit, %g1
	ta	0x6d
	illtrap	0
	.size	tb__unmap_and_exit, . - tb__unmap_and_exit

	/* one register-window save area (16 doublewords), 16-aligned */
	.section .bss
	.align	16
	.type	exit_window, #object
exit_window:
	.skip	128
	.size	exit_window, 128

	.section .note.GNU-stack, "", %progbits
