/*
 * Process start-up and raw kernel access for programs with no libc.
 */
#ifndef THREADBARE_SYS_H
#define THREADBARE_SYS_H

#include "types.h"

#ifndef TB_NORETURN
#ifdef __cplusplus
#define TB_NORETURN [[noreturn]] /* the headers also serve C++ (inside extern "C") */
#else
#define TB_NORETURN _Noreturn
#endif
#endif

/*
 * Initialises the runtime: page size, static TLS and the main thread's
 * control block, from the ELF auxiliary vector. threadbare's own _start calls
 * it; a program with its own start code calls it once, before any other
 * threadbare call and before touching a __thread variable.
 * Returns 0 (also when already initialised) or -errno (-ENOMEM: no memory
 * for the TLS area; -EINVAL: NULL auxv or no AT_PAGESZ).
 */
int tb_init(const unsigned long *auxv);

/* A raw system call; returns the kernel's result, -errno on failure. */
long tb_syscall(long n, long a, long b, long c, long d, long e, long f);

/*
 * tb_syscall that tb_thread_interrupt can end (<threadbare/thread.h>): with
 * an interrupt pending on entry it returns -ECANCELED without the system
 * call; one that arrives while the call blocks makes it return -ECANCELED
 * (read, write, wait and sleep calls end; a call the kernel had completed
 * returns its result, and the request waits for the next interruptible
 * call). Either way the request is consumed. Any other result is the
 * kernel's, -EINTR from the program's own signals included.
 */
long tb_syscall_interruptible(long n, long a, long b, long c, long d, long e, long f);

/*
 * fork(2): 0 in the child, the child's pid in the parent, or -errno
 * (-EDEADLK: called from a tb_atfork handler). The child has one thread, the
 * caller; threadbare's own state there is whole (no lock of the runtime is
 * left held by a thread that is not in the child), and the caller, when it
 * ends in the child, can be joined like any thread. Objects of the program's
 * own (a tb_mutex another thread held) are the program's to mend, with
 * tb_atfork. Not async-signal-safe (it takes the runtime's locks).
 */
long tb_fork(void);

#define TB_ATFORK_MAX 32

/*
 * Registers fork handlers, as pthread_atfork: tb_fork calls every prepare
 * before the fork, newest registration first, then, after it, every parent
 * (in the parent) or child (in the child), oldest first. Any of the three
 * may be NULL. The handlers run in the forking thread with signals open and
 * may use every threadbare call but tb_fork and tb_atfork. A registration
 * made while another thread is in tb_fork takes effect at the next fork.
 * There is no way to remove one. The C11 layer takes one entry, at the
 * first thrd_create of a program that links tb_fork.
 * Returns 0, or:
 *   -ENOMEM   TB_ATFORK_MAX registrations exist already
 *   -EDEADLK  called from a fork handler
 *   -EPERM    the runtime is not initialised
 */
int tb_atfork(void (*prepare)(void), void (*parent)(void), void (*child)(void));

/* Runs .fini_array and ends the process with status. */
TB_NORETURN void tb_exit(int status);

/* The kernel's page size (AT_PAGESZ), 0 before tb_init. */
__SIZE_TYPE__ tb_page_size(void);

/* The value of environment variable name, or NULL (also for a NULL name). */
const char *tb_getenv(const char *name);

#endif
