/*
 * A tiny TAP harness for freestanding tests.
 *
 *   static void t_spawn(void) { T_EXPECT_EQ(f(), 0); }
 *   int main(int argc, char **argv) { return t_run(argc, argv, (struct t_case[]){
 *           T_CASE(t_spawn), ..., { 0 } }); }
 *
 * A check that fails in any thread bumps one atomic counter and prints file,
 * line, expression and values; the case that is running when the counter
 * moved is reported "not ok" and the program exits 1. argv[1] runs one case.
 */
#ifndef TB_TEST_HARNESS_H
#define TB_TEST_HARNESS_H

#include <stdbool.h>
#include <stdint.h>
#include <threadbare.h>
#include <asm/unistd.h>
#include <asm/siginfo.h>
#include <linux/errno.h>
#include <linux/wait.h>

#ifndef TB_TEST_SCALE
#define TB_TEST_SCALE 1
#endif

struct t_case {
	const char *name;
	void (*fn)(void);
};

#define T_CASE(f) { #f, f }

static uint32_t t_failures;
static const char *t_skip_reason;
static int t_threads_at_start; /* Threads: before any case (qemu-user adds its own) */
static inline int t_threads_now(void);

static inline void t_fail(const char *file, int line, const char *expr, long long a, long long b)
{
	__atomic_add_fetch(&t_failures, 1, __ATOMIC_SEQ_CST);
	tb_dprintf(1, "# FAIL %s:%d: %s (got %lld, expected %lld)\n", file, line, expr, a, b);
}

#define T_EXPECT_EQ(a, b)                                                                  \
	do {                                                                               \
		long long t_a_ = (long long)(a), t_b_ = (long long)(b);                     \
		if (t_a_ != t_b_)                                                          \
			t_fail(__FILE__, __LINE__, #a " == " #b, t_a_, t_b_);              \
	} while (0)
#define T_EXPECT(c)                                                                        \
	do {                                                                               \
		if (!(c))                                                                  \
			t_fail(__FILE__, __LINE__, #c, 0, 1);                              \
	} while (0)
/* Like T_EXPECT, but stops the case (only from the case's own thread). */
#define T_ASSERT(c)                                                                        \
	do {                                                                               \
		if (!(c)) {                                                                \
			t_fail(__FILE__, __LINE__, #c, 0, 1);                              \
			return;                                                            \
		}                                                                          \
	} while (0)
#define T_SKIP(why)                                                                        \
	do {                                                                               \
		t_skip_reason = (why);                                                     \
		return;                                                                    \
	} while (0)

static inline bool t_streq(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

static inline int t_run(int argc, char **argv, const struct t_case *cases)
{
	int n = 0, failed = 0;

	t_threads_at_start = t_threads_now();
	for (const struct t_case *c = cases; c->name; c++) {
		uint32_t before = __atomic_load_n(&t_failures, __ATOMIC_SEQ_CST);

		if (argc > 1 && !t_streq(argv[1], c->name))
			continue;
		t_skip_reason = 0;
		c->fn();
		n++;
		if (__atomic_load_n(&t_failures, __ATOMIC_SEQ_CST) != before) {
			failed++;
			tb_dprintf(1, "not ok %d - %s\n", n, c->name);
		} else if (t_skip_reason) {
			tb_dprintf(1, "ok %d - %s # SKIP %s\n", n, c->name, t_skip_reason);
		} else {
			tb_dprintf(1, "ok %d - %s\n", n, c->name);
		}
	}
	tb_dprintf(1, "1..%d\n", n);
	if (n == 0)
		return 99;
	return failed ? 1 : 0;
}

/* Lines in /proc/self/maps (a leak check), after emptying the stack cache. */
static inline int t_map_count(void)
{
	static char buf[4096];
	int fd, lines = 0;
	long r;

	tb_thread_cache_trim();
	/* qemu-user renders the whole file at open time: open after the trim */
	fd = (int)tb_syscall(__NR_openat, -100, (long)"/proc/self/maps", 0, 0, 0, 0);
	if (fd < 0)
		return fd;
	while ((r = tb_syscall(__NR_read, fd, (long)buf, sizeof(buf), 0, 0, 0)) > 0)
		for (long i = 0; i < r; i++)
			lines += buf[i] == '\n';
	tb_syscall(__NR_close, fd, 0, 0, 0, 0, 0);
	return lines;
}

/* The Threads: line of /proc/self/status, or -1. */
static inline int t_threads_now(void)
{
	static char buf[4096];
	int fd = (int)tb_syscall(__NR_openat, -100, (long)"/proc/self/status", 0, 0, 0, 0);
	long n;

	if (fd < 0)
		return fd;
	n = tb_syscall(__NR_read, fd, (long)buf, sizeof(buf) - 1, 0, 0, 0);
	tb_syscall(__NR_close, fd, 0, 0, 0, 0, 0);
	if (n <= 0)
		return -1;
	buf[n] = 0;
	for (char *p = buf; *p; p++) {
		if (p[0] == '\n' && p[1] == 'T' && p[2] == 'h' && p[3] == 'r' && p[8] == ':') {
			int v = 0;

			for (p += 9; *p == ' ' || *p == '\t'; p++)
				;
			while (*p >= '0' && *p <= '9')
				v = v * 10 + (*p++ - '0');
			return v;
		}
	}
	return -1;
}

/* Threads: once it reads want, or after 2 s. Exited threads leave the count
 * a little after their join returns (the kernel's CLEARTID wake comes before
 * the thread is gone, and qemu-user's host thread ends later still). */
static inline int t_threads_settle(int want)
{
	int now = t_threads_now();

	for (int i = 0; i < 200 && now != want; i++) {
		tb_sleep_ns(10 * 1000 * 1000);
		now = t_threads_now();
	}
	return now;
}

/*
 * tb_fork once the process is down to the threads it started with (or after 2 s):
 * under qemu-user a fork while another thread is still exiting can leave the
 * child deadlocked inside qemu's own clone lock.
 */
static inline long t_fork(void)
{
	t_threads_settle(t_threads_at_start > 0 ? t_threads_at_start : 1);
	return tb_fork();
}

/*
 * wait4(pid, status, 0, NULL): pid, or -errno. An ABI born with 64-bit time
 * has no wait4 (its rusage holds time32 fields): there waitid reports the
 * child and the status is rebuilt in wait4's encoding.
 */
static inline long t_wait4(long pid, int *status)
{
#ifdef __NR_wait4
	return tb_syscall(__NR_wait4, pid, (long)status, 0, 0, 0, 0);
#else
	siginfo_t si;
	long r = tb_syscall(__NR_waitid, P_PID, pid, (long)&si, WEXITED, 0, 0);

	if (r < 0)
		return r;
	*status = si.si_code == CLD_EXITED ? (si.si_status & 0xff) << 8
					   : si.si_status | (si.si_code == CLD_DUMPED ? 0x80 : 0);
	return si.si_pid;
#endif
}

/*
 * The parent's side of a child whose output goes to a pipe: reads fd to its
 * end into out (at most size - 1 bytes, then a NUL), closes fd and reaps pid.
 * Returns the child's wait status, or -1 when pid < 0 or the wait fails.
 */
static inline int t_collect(int fd, long pid, char *out, size_t size)
{
	size_t len = 0;
	int status = -1;
	long r;

	while (len + 1 < size &&
	       (r = tb_syscall(__NR_read, fd, (long)(out + len), (long)(size - 1 - len), 0, 0, 0)) > 0)
		len += (size_t)r;
	out[len] = 0;
	tb_syscall(__NR_close, fd, 0, 0, 0, 0, 0);
	if (pid < 0 || t_wait4(pid, &status) != pid)
		return -1;
	return status;
}

#endif
