/*
 * A nolibc program with threadbare's threads (TAP): built against each
 * nolibc that scripts/test-external.sh unpacks (6.1, 6.12), on every
 * configuration that nolibc supports, under qemu-user and on real kernels.
 *
 * Start: nolibc's _start runs; main calls tb_init with the auxiliary vector
 * (found after the environment) and ends with tb_exit (README, "With the
 * kernel's nolibc").
 *
 * errno: nolibc has one errno for the process (6.12: a weak global; 6.1: a
 * static int in the one translation unit). Its sys_* functions return
 * -errno and leave it alone, so threads use those. Both facts are tested
 * with the interleaving forced by a barrier between each thread's failing
 * call and its check: case 1 passes only if each thread sees its own error,
 * case 2 shows that the errno of the libc-style wrappers is shared.
 */
#include "nolibc.h"
#include <threadbare.h>

char **environ;

#define ROUNDS 200

static struct tb_barrier step;
static int failures_a, failures_b, wrong_errno;

/* Thread A fails with ENOENT, thread B with EBADF, at the same moment in
 * every round; each checks its own result only after the other's call. */
static int sys_a(void *arg)
{
	(void)arg;
	for (int i = 0; i < ROUNDS; i++) {
		int r;

		tb_barrier_wait(&step);
		r = sys_chdir("/nonexistent-threadbare/a");
		tb_barrier_wait(&step);
		if (r != -ENOENT)
			failures_a++;
		if (errno != 0)
			__atomic_fetch_add(&wrong_errno, 1, __ATOMIC_RELAXED);
	}
	return 0;
}

static int sys_b(void *arg)
{
	(void)arg;
	for (int i = 0; i < ROUNDS; i++) {
		int r;

		tb_barrier_wait(&step);
		r = sys_close(-1 - i);
		tb_barrier_wait(&step);
		if (r != -EBADF)
			failures_b++;
		if (errno != 0)
			__atomic_fetch_add(&wrong_errno, 1, __ATOMIC_RELAXED);
	}
	return 0;
}

/* The wrappers' errno: A fails, then B fails, then A reads errno. */
static int errno_seen_by_a;

static int wrap_a(void *arg)
{
	(void)arg;
	if (chdir("/nonexistent-threadbare/a") != -1)
		errno_seen_by_a = -1;
	tb_barrier_wait(&step); /* A has failed */
	tb_barrier_wait(&step); /* B has failed */
	if (!errno_seen_by_a)
		errno_seen_by_a = errno;
	return 0;
}

static int wrap_b(void *arg)
{
	(void)arg;
	tb_barrier_wait(&step);
	close(-1);
	tb_barrier_wait(&step);
	return 0;
}

/* nolibc's allocation and strings from several threads at once. */
static int alloc_worker(void *arg)
{
	int id = (int)(long)arg, bad = 0;

	for (int i = 0; i < 200; i++) {
		int n = 1 + (i * 37 + id * 11) % 3000;
		char *p = malloc(n + 1);

		if (!p)
			return -ENOMEM;
		memset(p, 'a' + id, n);
		p[n] = 0;
		if ((int)strlen(p) != n || p[n - 1] != 'a' + id)
			bad++;
		free(p);
	}
	return bad;
}

static int pair(int (*a)(void *), int (*b)(void *))
{
	struct tb_thread *ta, *tb;
	int r;

	tb_barrier_init(&step, 2);
	r = tb_thread_spawn(&ta, 0, a, 0);
	if (r)
		return r;
	r = tb_thread_spawn(&tb, 0, b, 0);
	if (r) {
		tb_exit(99); /* ta waits at the barrier for ever */
	}
	tb_thread_join(ta);
	tb_thread_join(tb);
	return 0;
}

static const unsigned long *auxv_after(char **envp)
{
	while (*envp)
		envp++;
	return (const unsigned long *)(envp + 1);
}

int main(int argc, char **argv, char **envp)
{
	struct tb_thread *t[4];
	int failed = 0, r, bad = 0;

	(void)argc;
	(void)argv;
	environ = envp;
	r = tb_init(auxv_after(envp));
	if (r) {
		printf("Bail out! tb_init: %d\n", r);
		return 1; /* nolibc's exit: no other thread exists yet */
	}
	printf("1..4\n");

	errno = 0;
	r = pair(sys_a, sys_b);
	if (r || failures_a || failures_b || wrong_errno) {
		failed++;
		printf("not ok 1 - sys_* errors at once: spawn %d, A wrong %d, B wrong %d, errno set %d\n",
		       r, failures_a, failures_b, wrong_errno);
	} else {
		printf("ok 1 - two threads failing sys_* calls at once, %d rounds: each saw its own error, errno untouched\n",
		       ROUNDS);
	}

	errno = 0;
	r = pair(wrap_a, wrap_b);
	if (r || errno_seen_by_a != EBADF) {
		failed++;
		printf("not ok 2 - nolibc's errno: spawn %d, A read %d after B's EBADF\n", r,
		       errno_seen_by_a);
	} else {
		printf("ok 2 - nolibc's errno is one per process: A's ENOENT was overwritten by B's EBADF\n");
	}

	for (long i = 0; i < 4; i++)
		if ((r = tb_thread_spawn(&t[i], 0, alloc_worker, (void *)i)) != 0)
			tb_exit(99);
	for (int i = 0; i < 4; i++)
		if ((r = tb_thread_join(t[i])) != 0)
			bad++;
	if (bad) {
		failed++;
		printf("not ok 3 - malloc, memset, strlen in 4 threads: %d threads saw errors\n", bad);
	} else {
		printf("ok 3 - malloc, memset, strlen, free in 4 threads at once\n");
	}

	if (getenv("PATH")) {
		printf("ok 4 - getenv through environ, set from main's envp\n");
	} else {
		failed++;
		printf("not ok 4 - getenv(\"PATH\") is NULL\n");
	}
	tb_exit(failed ? 1 : 0);
}
