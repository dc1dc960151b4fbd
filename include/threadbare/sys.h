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

/* fork(2): 0 in the child, the child's pid in the parent, or -errno. */
long tb_fork(void);

/* Runs .fini_array and ends the process with status. */
TB_NORETURN void tb_exit(int status);

/* The kernel's page size (AT_PAGESZ), 0 before tb_init. */
__SIZE_TYPE__ tb_page_size(void);

/* The value of environment variable name, or NULL. */
const char *tb_getenv(const char *name);

#endif
