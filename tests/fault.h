/*
 * The fault-injection API of a -Dfault=true build (core/base/fault.c), for
 * tests only: a release archive has none of these symbols.
 *
 * Every system call the runtime's C code makes is counted and, while a
 * trace is on, recorded; an armed fault makes the nth failable call of
 * number nr (nr -1: of any number; nth 0: every one) return -err without
 * reaching the kernel. Calls that cannot fail for the runtime's arguments
 * (a futex wake, munmap, close, exit...) are recorded but never failed, and
 * ETIMEDOUT is given only to a futex wait with a timeout.
 * TB_FAULT_ARM=nr,nth,err in the environment arms a fault before tb_init.
 * tb_syscall (the caller's own calls) is neither counted nor failed.
 */
#ifndef TB_TEST_FAULT_H
#define TB_TEST_FAULT_H

struct tb_fault_call {
	long nr, a, b, c, d;	/* the number and the first four arguments */
	int failable;
};

/* Starts counting from 0, recording the first cap calls into log (NULL: none). */
void tb_fault_trace(struct tb_fault_call *log, unsigned long cap);
/* The log in use: until the first tb_fault_trace, start-up's first 64 calls. */
const struct tb_fault_call *tb_fault_log(void);
unsigned long tb_fault_count(void);
void tb_fault_arm(long nr, unsigned long nth, int err);
int tb_fault_arm_more(long nr);	/* the armed fault also matches nr (3 at most) */
unsigned long tb_fault_disarm(void);	/* how many calls it failed */
unsigned long tb_fault_fired(void);
int tb_fault_failable(long nr, long b);	/* b: the second argument (a futex's op) */

#endif
