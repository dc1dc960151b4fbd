/*
 * Process-wide calls: exit, fork, raw syscalls, the environment, crashes.
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

long tb_syscall(long n, long a, long b, long c, long d, long e, long f)
{
	return arch_syscall6(n, a, b, c, d, e, f);
}

/* The runtime's own locks are held across the fork, so the child inherits
 * consistent state and no lock owned by a thread that the child lacks. */
long tb_fork(void)
{
	long r;

	if (!tb__rt.page_size)
		return arch_fork();
	tb__alloc_fork(TB__FORK_PREPARE);
	tb__thread_fork(TB__FORK_PREPARE);
	r = arch_fork();
	if (r == 0)
		tb__self()->tid = (uint32_t)tb__syscall0(__NR_gettid);
	tb__thread_fork(r == 0 ? TB__FORK_CHILD : TB__FORK_PARENT);
	tb__alloc_fork(r == 0 ? TB__FORK_CHILD : TB__FORK_PARENT);
	return r;
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
