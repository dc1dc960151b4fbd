/*
 * The stack protector (core/base/ssp.c); this file is built with
 * -fstack-protector-all, so every function here checks its canary.
 *
 *   t_canary        the canary, read where arch/<arch>/tp.h says compilers
 *                   read it (TP + ARCH_SSP_TP_OFFSET, or __stack_chk_guard):
 *                   non-zero, its first byte in memory zero, the same in
 *                   two spawned threads and in a forked child. It prints
 *                   "# canary <hex>": tests/ssp.sh runs this program twice
 *                   and wants two different values (AT_RANDOM per exec).
 *   t_smash_main    a function that overruns its own buffer, in a forked
 *   t_smash_thread  child's main thread / a spawned thread: the child dies
 *                   of SIGABRT, with the one line on fd 2 naming the thread.
 *
 * The smash cases SKIP where the compiler has no stack protector for the
 * target (Debian's alpha and hppa gcc: no __SSP_ALL__).
 */
#include <asm/signal.h>
#include "harness.h"
#include "tp.h" /* arch/<arch>/: ARCH_SSP_TP_OFFSET or ARCH_SSP_GLOBAL */

#ifdef ARCH_SSP_GLOBAL
extern uintptr_t __stack_chk_guard;
#endif

static uintptr_t canary(void)
{
#ifdef ARCH_SSP_GLOBAL
	return *(volatile uintptr_t *)&__stack_chk_guard;
#else
	return *(volatile uintptr_t *)(arch_tp_get() + (ARCH_SSP_TP_OFFSET));
#endif
}

static uintptr_t seen[2];

static int read_in_thread(void *slot)
{
	*(uintptr_t *)slot = canary();
	return 7;
}

static void t_canary(void)
{
	uintptr_t c = canary(), in_child = 0;
	struct tb_thread *t[2];
	int fds[2], status;
	char out[64];
	long pid;

	tb_dprintf(1, "# canary %lx\n", (unsigned long)c);
	T_EXPECT(c != 0);
	T_EXPECT_EQ(((unsigned char *)&c)[0], 0);
	for (int i = 0; i < 2; i++)
		T_ASSERT(tb_thread_spawn(&t[i], 0, read_in_thread, &seen[i]) == 0);
	for (int i = 0; i < 2; i++) {
		T_EXPECT_EQ(tb_thread_join(t[i]), 7);
		T_EXPECT(seen[i] == c);
	}
	T_ASSERT(tb_syscall(__NR_pipe2, (long)fds, 0, 0, 0, 0, 0) == 0);
	pid = t_fork();
	if (pid == 0) {
		uintptr_t v = canary();

		tb_write_all(fds[1], &v, sizeof(v));
		tb_exit(0);
	}
	tb_syscall(__NR_close, fds[1], 0, 0, 0, 0, 0);
	status = t_collect(fds[0], pid, out, sizeof(out));
	T_EXPECT_EQ(status, 0);
	for (size_t i = 0; i < sizeof(in_child); i++)
		((char *)&in_child)[i] = out[i];
	T_EXPECT(in_child == c);
}

#ifdef __SSP_ALL__
/* Writes n bytes from the start of a 16-byte buffer: past it, onto the canary. */
static __attribute__((noinline)) void smash(size_t n)
{
	char buf[16];
	char *p = buf;

	__asm__ volatile("" : "+r"(p)); /* the compiler no longer knows p's bound */
	for (size_t i = 0; i < n; i++)
		p[i] = 'A';
	__asm__ volatile("" : : "r"(p) : "memory");
}

static int smash_thread(void *arg)
{
	(void)arg;
	smash(64);
	return 0;
}

static bool contains(const char *s, const char *what)
{
	for (; *s; s++) {
		size_t i = 0;

		while (what[i] && s[i] == what[i])
			i++;
		if (!what[i])
			return true;
	}
	return false;
}

/* A child that smashes its stack in its main thread or in a spawned thread:
 * dies of SIGABRT, having written the line to its fd 2. */
static void smash_child(bool in_thread, const char *name)
{
	int fds[2], status;
	char out[256];
	long pid;

	T_ASSERT(tb_syscall(__NR_pipe2, (long)fds, 0, 0, 0, 0, 0) == 0);
	pid = t_fork();
	if (pid == 0) {
		tb_syscall(__NR_dup3, fds[1], 2, 0, 0, 0, 0);
		if (in_thread) {
			struct tb_thread_config cfg = { .name = name };
			struct tb_thread *t;

			if (tb_thread_spawn(&t, &cfg, smash_thread, 0) == 0)
				tb_thread_join(t);
		} else {
			tb_thread_set_name(0, name);
			smash(64);
		}
		tb_exit(11); /* not reached */
	}
	tb_syscall(__NR_close, fds[1], 0, 0, 0, 0, 0);
	status = t_collect(fds[0], pid, out, sizeof(out));
	tb_dprintf(1, "# child's fd 2: %s", out);
	T_EXPECT_EQ(status & 0x7f, SIGABRT); /* WTERMSIG, and not WIFEXITED */
	T_EXPECT(contains(out, "threadbare: stack smashing detected in thread '"));
	T_EXPECT(contains(out, name));
}

static void t_smash_main(void)
{
	smash_child(false, "smasher-main");
}

static void t_smash_thread(void)
{
	smash_child(true, "smasher-thread");
}
#else
static void t_smash_main(void)
{
	T_SKIP("the compiler has no stack protector for this target");
}

static void t_smash_thread(void)
{
	T_SKIP("the compiler has no stack protector for this target");
}
#endif

int main(int argc, char **argv)
{
	return t_run(argc, argv, (const struct t_case[]){
		T_CASE(t_canary),
		T_CASE(t_smash_main),
		T_CASE(t_smash_thread),
		{ 0 },
	});
}
