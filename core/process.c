/*
 * Process-wide calls: exit, raw syscalls, the environment.
 *
 * tb_fork and tb_atfork are in core/fork.c, a file of their own so that a
 * program that never forks links no fork handling (the C11 layer registers
 * its handler only where that file is linked). Its header lists every lock
 * the runtime owns and what a fork does with each: held across it, in a
 * fixed order, or reinitialised in the child.
 */
#include <threadbare/io.h>
#include <threadbare/sys.h>
#include "internal.h"
#include "sys.h"

extern void (*const __fini_array_start[])(void) __attribute__((weak));
extern void (*const __fini_array_end[])(void) __attribute__((weak));

long *tb__initial_sp; /* here, not in start.c, which an embedder does not link */

_Noreturn void tb__exit_process(int status)
{
	size_t n = (size_t)(__fini_array_end - __fini_array_start);

	while (n-- > 0)
		__fini_array_start[n]();
	tb__sys_exit_group(status);
}

/* The caller's exit callbacks (not its key destructors, as C's exit), then the process. */
_Noreturn void tb_exit(int status)
{
	if (tb__rt.page_size)
		tb__thread_exit_work(tb__self(), false);
	tb__exit_process(status);
}

/* the caller's own call: never failed nor counted by a fault build (the parentheses) */
long tb_syscall(long n, long a, long b, long c, long d, long e, long f)
{
	return (arch_syscall6)(n, a, b, c, d, e, f);
}

size_t tb_page_size(void)
{
	return tb__rt.page_size;
}

const char *tb_getenv(const char *name)
{
	for (char **e = tb__rt.envp; name && e && *e; e++) {
		const char *a = name, *b = *e;

		while (*a && *a == *b)
			a++, b++;
		if (!*a && *b == '=')
			return b + 1;
	}
	return 0;
}
