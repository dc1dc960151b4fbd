/*
 * tb_init: the /init of the real-kernel test matrix (scripts/test-kernel.sh),
 * a threadbare program itself.
 *
 * It reads a list (argv[1], default /tests), one command a line:
 *
 *   proc                         mount /proc (the lines before it run without one)
 *   tap <seconds> <path> [arg]   run path [arg] under supervise.h with that
 *                                limit, judged by exit status and TAP output
 *   exit <seconds> <path> [arg]  the same, judged by exit status (77: skipped)
 *   # ...                        a comment
 *
 * Every line it prints starts with "TB|", so the runner can tell it from
 * kernel messages on the same console: "TB|<program>| <output>" relays a
 * program, "TB|| PASS <program> ..." or "TB|| FAIL <program> (<why>) ..."
 * judges it ("SKIP" counts as neither), and "TB|| N passed, N failed" closes
 * the run. As PID 1 it then
 * powers the machine off; otherwise it exits 0 if everything passed, else 1.
 * Children get its environment (the kernel's, plus what the command line
 * adds).
 */
#include <linux/fcntl.h>
#include <linux/reboot.h>
#include <linux/time.h>
#include <linux/time_types.h>
#include <asm/ioctls.h>
#include "supervise.h"

static char **init_envp;

struct cmd {
	char *argv[3];
};

static long sys(long n, long a, long b, long c, long d, long e)
{
	return tb_syscall(n, a, b, c, d, e, 0);
}

/* Where there is no clock_gettime64, clock_gettime takes the 64-bit timespec
 * (64-bit ABIs, x32); where there is, the old call is for kernels before 5.1,
 * unless the ABI was born with 64-bit time and has no old call (riscv32). */
static int64_t now_ms(void)
{
	struct __kernel_timespec ts = { 0, 0 };

#if defined(__NR_clock_gettime64) && !defined(__NR_clock_gettime)
	sys(__NR_clock_gettime64, CLOCK_MONOTONIC, (long)&ts, 0, 0, 0);
#elif defined(__NR_clock_gettime64)
	if (sys(__NR_clock_gettime64, CLOCK_MONOTONIC, (long)&ts, 0, 0, 0) != 0) {
		long o[2] = { 0, 0 };

		sys(__NR_clock_gettime, CLOCK_MONOTONIC, (long)o, 0, 0, 0);
		ts.tv_sec = o[0], ts.tv_nsec = o[1];
	}
#else
	sys(__NR_clock_gettime, CLOCK_MONOTONIC, (long)&ts, 0, 0, 0);
#endif
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int exec_child(void *p)
{
	struct cmd *c = p;
	long e = sys(__NR_execve, (long)c->argv[0], (long)c->argv, (long)init_envp, 0, 0);

	tb_dprintf(1, "exec %s: %ld\n", c->argv[0], e);
	return 127;
}

static const char *base(const char *path)
{
	const char *b = path;

	for (; *path; path++)
		if (*path == '/')
			b = path + 1;
	return b;
}

static void mount_proc(void)
{
	long e;

	sys(__NR_mkdirat, AT_FDCWD, (long)"/proc", 0555, 0, 0);
	e = sys(__NR_mount, (long)"proc", (long)"/proc", (long)"proc", 0, 0);
	tb_dprintf(1, "TB|| mount /proc: %ld\n", e);
}

/* Splits line into at most n words at spaces and tabs; returns the count. */
static int split(char *line, char **w, int n)
{
	int k = 0;

	while (*line && k < n) {
		while (*line == ' ' || *line == '\t')
			*line++ = 0;
		if (!*line)
			break;
		w[k++] = line;
		while (*line && *line != ' ' && *line != '\t')
			line++;
	}
	*line = 0;
	return k;
}

static char list[8192];

int main(int argc, char **argv, char **envp)
{
	const char *path = argc > 1 ? argv[1] : "/tests";
	bool pid1 = sys(__NR_getpid, 0, 0, 0, 0, 0) == 1;
	int passed = 0, failed = 0;
	long fd, n = 0, r;
	char *line, *next;

	init_envp = envp;
	fd = sys(__NR_openat, AT_FDCWD, (long)path, O_RDONLY, 0, 0);
	while (fd >= 0 && (r = sys(__NR_read, fd, (long)list + n, sizeof(list) - 1 - n, 0, 0)) > 0)
		n += r;
	if (fd < 0) {
		tb_dprintf(1, "TB|| cannot open %s: %ld\n", path, fd);
		failed++;
	}
	list[n] = 0;
	for (line = list; *line; line = next) {
		struct sv_result res;
		struct cmd c = { { 0, 0, 0 } };
		char *w[5], tag[64], why[32];
		int64_t t0;
		int k, secs = 0;
		bool tap;

		for (next = line; *next && *next != '\n'; next++)
			;
		if (*next)
			*next++ = 0;
		k = split(line, w, 5);
		if (k == 0 || w[0][0] == '#')
			continue;
		if (k == 1 && sv_starts(w[0], "proc")) {
			mount_proc();
			continue;
		}
		tap = k > 1 && sv_starts(w[0], "tap") && !w[0][3];
		for (const char *s = k > 1 ? w[1] : ""; *s >= '0' && *s <= '9'; s++)
			secs = secs * 10 + (*s - '0');
		if (k < 3 || k > 4 || secs <= 0 || (!tap && !(sv_starts(w[0], "exit") && !w[0][4]))) {
			tb_dprintf(1, "TB|| FAIL bad line in %s: %s\n", path, w[0]);
			failed++;
			continue;
		}
		c.argv[0] = w[2];
		c.argv[1] = k == 4 ? w[3] : 0;
		tb_snprintf(tag, sizeof(tag), "%s%s%s", base(w[2]), k == 4 ? " " : "",
			    k == 4 ? w[3] : "");
		t0 = now_ms();
		r = sv_run(&res, exec_child, &c, (int64_t)secs * 1000000000, 1, tag, tap);
		t0 = now_ms() - t0;
		if (r) {
			tb_dprintf(1, "TB|| FAIL %s (cannot run: %ld)\n", tag, r);
			failed++;
			continue;
		}
		sv_verdict(&res, why, sizeof(why));
		if (sv_passed(&res))
			passed++;
		else if (!sv_skipped(&res))
			failed++;
		tb_dprintf(1, "TB|| %s %s (%s) %d ok, %d not ok, %d skipped, %d.%03d s\n",
			   sv_passed(&res) ? "PASS" : sv_skipped(&res) ? "SKIP" : "FAIL", tag, why,
			   res.ok, res.not_ok, res.skip, (int)(t0 / 1000), (int)(t0 % 1000));
	}
	tb_dprintf(1, "TB|| %d passed, %d failed\n", passed, failed);
	if (!pid1)
		return failed ? 1 : 0;
	/* let the console drain before the machine goes */
	sys(__NR_ioctl, 1, TCSBRK, 1, 0, 0);
	tb_sleep_ns(200 * 1000 * 1000);
	sys(__NR_sync, 0, 0, 0, 0, 0);
	r = sys(__NR_reboot, LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2,
		LINUX_REBOOT_CMD_POWER_OFF, 0, 0);
	tb_dprintf(1, "TB|| power off failed: %ld\n", r);
	return 1; /* the kernel panics; qemu runs with -no-reboot and panic=-1 */
}
