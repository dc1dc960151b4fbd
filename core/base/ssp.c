/*
 * The stack protector's runtime, what a libc gives a program built with
 * -fstack-protector*: the per-process canary and __stack_chk_fail.
 *
 * The canary is the first word of the kernel's AT_RANDOM bytes with its first
 * byte in memory zero (the low byte on a little-endian ABI), as glibc does:
 * a string copy that runs over a buffer stops at that zero instead of
 * rewriting the canary with what it read. It lives where the arch's
 * compilers read it (arch/<arch>/tp.h): in the control block at TP +
 * ARCH_SSP_TP_OFFSET, which tb_init fills for the main thread before it sets
 * TP and tb_thread_spawn copies into each new thread's block before the
 * clone; or in the global __stack_chk_guard. A forked child keeps it, as
 * under glibc.
 *
 * This file, core/start.c, core/init.c and tls/ are built without the stack
 * protector (core/meson.build): they run before the canary exists, or after
 * it was found overwritten.
 */
#include <linux/prctl.h>
#include <threadbare/thread.h>
#include "../internal.h"
#include "../sys.h"

_Noreturn void __stack_chk_fail(void);
hidden _Noreturn void __stack_chk_fail_local(void);

#ifdef ARCH_SSP_GLOBAL
/* Written once, by tb_init, before any instrumented code runs. */
extern /* weak: a libc pulled into a mistaken link (core/libc_trap.c) defines it too;
	* hidden: not a dynamic symbol of a static PIE, whose GOT entry m68k's ld
	* points at .dynamic (core/thread/thread.c, tb__tss_bytes) */
__attribute__((weak)) hidden uintptr_t __stack_chk_guard;
uintptr_t __stack_chk_guard;
#endif

static uintptr_t canary_value(void)
{
	unsigned char *b;
	uintptr_t v = 0;
	size_t i;

	b = (unsigned char *)&v;
	if (tb__rt.random) {
		const unsigned char *r = tb__rt.random;

		for (i = 0; i < sizeof(v); i++)
			b[i] = r[i];
	} else if (tb__syscall3(__NR_getrandom, &v, sizeof(v), 1 /* GRND_NONBLOCK */) != sizeof(v)) {
		/* an auxv without AT_RANDOM and no getrandom (before Linux 3.17): ASLR's bits */
		v = (uintptr_t)&v * 0x9e3779b9u ^ (uintptr_t)&tb__rt;
	}
	b[0] = 0;
	if (!v)
		b[1] = 0x5a; /* never all zero: that is what an unset canary reads */
	return v;
}

void tb__ssp_setup(struct tb__thread *main_thread)
{
	uintptr_t v = canary_value();

#ifdef ARCH_SSP_GLOBAL
	(void)main_thread;
	__stack_chk_guard = v;
#else
	main_thread->canary = v;
#endif
}

static size_t put_str(char *out, size_t at, const char *s)
{
	while (*s)
		out[at++] = *s++;
	return at;
}

/*
 * One line to fd 2, then SIGABRT at the calling thread with its default
 * action (the handler put back, the signal unblocked), so the process ends
 * by SIGABRT. Nothing here touches the control block or the stack above
 * this frame: both may be what was overwritten.
 */
_Noreturn void __stack_chk_fail(void)
{
	unsigned long unblock[ARCH_SIGSET_BYTES / sizeof(unsigned long)] = { 0 };
	char line[96], name[TB_THREAD_NAME_MAX + 1] = { 0 }, digits[12];
	long tid = tb__syscall0(__NR_gettid);
	unsigned long u = (unsigned long)tid;
	size_t n = 0, d = 0;

	if (tb__syscall2(__NR_prctl, PR_GET_NAME, name) < 0)
		name[0] = 0;
	name[TB_THREAD_NAME_MAX] = 0;
	do
		digits[d++] = (char)('0' + u % 10);
	while ((u /= 10) && d < sizeof(digits));
	n = put_str(line, n, "threadbare: stack smashing detected in thread '");
	n = put_str(line, n, name);
	n = put_str(line, n, "' (tid ");
	while (d)
		line[n++] = digits[--d];
	n = put_str(line, n, ")\n");
	tb__sys_write(2, line, n);

	arch_sigaction(SIGABRT, SIG_DFL, 0, 0, 1);
	unblock[(SIGABRT - 1) / (8 * sizeof(unsigned long))] =
		1UL << ((SIGABRT - 1) % (8 * sizeof(unsigned long)));
	tb__syscall4(__NR_rt_sigprocmask, SIG_UNBLOCK, unblock, 0, ARCH_SIGSET_BYTES);
	tb__syscall3(__NR_tgkill, tb__syscall0(__NR_getpid), tid, SIGABRT);
	for (;;) {
		arch_trap();
		tb__sys_exit_group(127);
	}
}

/* What i386 and ppc32 code built -fPIC/-fPIE calls (a local call, no PLT). */
_Noreturn void __stack_chk_fail_local(void)
{
	__stack_chk_fail();
}
