/*
 * The C half of process start: arch/<arch>/start.S passes the initial stack
 *
 *   sp -> argc, argv[0..argc-1], NULL, envp..., NULL, auxv pairs..., AT_NULL
 *
 * A static PIE is relocated first (tb__relocate, core/relocate.c).
 */
#include <threadbare/sys.h>
#include "internal.h"
#include "sys.h"

int main(int argc, char **argv, char **envp);
hidden _Noreturn void tb__start_c(long *sp);
#if TB_FAULT
hidden void tb__fault_env(char **envp);
#endif

extern void (*const __preinit_array_start[])(int, char **, char **) __attribute__((weak));
extern void (*const __preinit_array_end[])(int, char **, char **) __attribute__((weak));
extern void (*const __init_array_start[])(int, char **, char **) __attribute__((weak));
extern void (*const __init_array_end[])(int, char **, char **) __attribute__((weak));

static __attribute__((noinline)) _Noreturn void start(long *sp)
{
	int argc = (int)sp[0];
	char **argv = (char **)(sp + 1);
	char **envp = argv + argc + 1;
	char **p = envp;
	int r;

	while (*p)
		p++;
	tb__initial_sp = sp;
	tb__rt.envp = envp;
#if TB_FAULT
	tb__fault_env(envp); /* testing only: a start-up system call may fail (core/base/fault.c) */
#endif
	r = tb_init((const unsigned long *)(p + 1));
	if (r)
		tb__crash("runtime initialisation failed");
	for (size_t i = 0; i < (size_t)(__preinit_array_end - __preinit_array_start); i++)
		__preinit_array_start[i](argc, argv, envp);
	for (size_t i = 0; i < (size_t)(__init_array_end - __init_array_start); i++)
		__init_array_start[i](argc, argv, envp);
	tb_exit(main(argc, argv, envp));
}

/*
 * Two calls, so that nothing start() reads from memory is read before
 * tb__relocate(). A library built without -fPIE cannot be part of a PIE
 * (its code holds absolute addresses), so it leaves the relocation out.
 */
_Noreturn void tb__start_c(long *sp)
{
#if defined(__PIE__) || defined(__PIC__)
	tb__relocate(sp);
#endif
	start(sp);
}
