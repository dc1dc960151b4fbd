/*
 * tb_process_spawn(p), tb_process_wait, tb_process_kill.
 *
 * The program is its own child: "t_process child <what> ..." (see
 * child_main) exits with a code, writes text, or reports what it sees (its
 * signal mask, ignored and handled signals, open fds, cwd). Under qemu-user
 * a guest program cannot exec another guest program (no binfmt_misc here),
 * so the child is started as the emulator itself with this program as its
 * argument: the emulator is /proc/thread-self/exe, which qemu 7.2 does not
 * redirect to the guest as it does /proc/self/exe.
 */
#include <linux/fcntl.h>
#include <linux/mman.h>
#include <linux/filter.h>
#include <linux/prctl.h>
#include <linux/seccomp.h>
#include <asm/ioctls.h>
#include "../core/arch.h" /* arch_sigaction: a handled signal, for the reset case */
#include "harness.h"

static char self[4096];  /* this program, as an absolute path */
static char qemu[4096];  /* the emulator under qemu-user, else empty */
static bool emulated;

#ifdef __NR_mmap2
#define TB_NR_MMAP __NR_mmap2
#else
#define TB_NR_MMAP __NR_mmap
#endif
#ifdef __NR_fcntl64
#define NR_FCNTL __NR_fcntl64
#else
#define NR_FCNTL __NR_fcntl
#endif

static long sys(long n, long a, long b, long c, long d)
{
	return tb_syscall(n, a, b, c, d, 0, 0);
}

static size_t len(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

/* ---- the child side ---- */

static void put(const char *s)
{
	tb_write_all(1, s, len(s));
}

static int num(const char *s)
{
	int v = 0, neg = *s == '-';

	for (s += neg; *s >= '0' && *s <= '9'; s++)
		v = v * 10 + (*s - '0');
	return neg ? -v : v;
}

/* One '0' or '1' per spec: bN blocked, iN ignored, hN handled (neither
 * default nor ignored), fN fd open, cN fd close-on-exec; "cwd" the cwd. */
static void report(int n, char **spec)
{
	struct tb_sigset mask;

	tb_signal_mask(TB_SIG_BLOCK, 0, &mask);
	for (int i = 0; i < n; i++) {
		const char *s = spec[i];
		int v = num(s + 1);
		__sighandler_t h = SIG_DFL;
		long r;
		bool b = false;

		if (t_streq(s, "cwd")) {
			char buf[512];

			r = sys(__NR_getcwd, (long)buf, sizeof(buf), 0, 0);
			put(" ");
			put(r > 0 ? buf : "?");
			continue;
		}
		switch (s[0]) {
		case 'b':
			b = tb_sigset_has(&mask, v);
			break;
		case 'i':
		case 'h':
			arch_sigaction(v, 0, 0, &h, 0);
			b = s[0] == 'i' ? h == SIG_IGN : h != SIG_IGN && h != SIG_DFL;
			break;
		case 'f':
			b = sys(NR_FCNTL, v, F_GETFD, 0, 0) >= 0;
			break;
		case 'c':
			r = sys(NR_FCNTL, v, F_GETFD, 0, 0);
			b = r >= 0 && (r & FD_CLOEXEC);
			break;
		}
		put(b ? "1" : "0");
	}
}

static int child_main(int argc, char **argv)
{
	if (argc >= 2 && t_streq(argv[0], "exit"))
		return num(argv[1]);
	if (argc >= 3 && t_streq(argv[0], "write")) {
		tb_write_all(num(argv[1]), argv[2], len(argv[2]));
		return 0;
	}
	if (argc >= 1 && t_streq(argv[0], "report")) {
		report(argc - 1, argv + 1);
		return 0;
	}
	if (argc >= 2 && t_streq(argv[0], "spawnp")) {
		/* spawnp argv[1] with the rest as its argv: its exit code, or 100 + errno */
		struct tb_process p;
		struct tb_process_status st;
		int r = tb_process_spawnp(&p, argv[1], argv + 1, 0);

		if (r < 0)
			return 100 - r;
		if (tb_process_wait(p.pid, 0, &st) != p.pid || !st.exited)
			return 99;
		return st.code;
	}
	return 98;
}

/* ---- the parent side ---- */

/* Starts this program as "child args..." (args NULL-terminated). */
static int start(struct tb_process *p, const char *const *args, const struct tb_process_config *cfg)
{
	char *argv[32];
	int n = 0;

	if (qemu[0])
		argv[n++] = qemu;
	argv[n++] = self;
	argv[n++] = (char *)"child";
	while (*args && n < 31)
		argv[n++] = (char *)*args++;
	argv[n] = 0;
	return tb_process_spawn(p, argv[0], argv, cfg);
}

/* start, then wait: the exit code, or -1000 - signal, or the spawn's error. */
static int run(const char *const *args, const struct tb_process_config *cfg)
{
	struct tb_process p;
	struct tb_process_status st;
	int r = start(&p, args, cfg);

	if (r < 0)
		return r;
	if (p.pidfd >= 0)
		sys(__NR_close, p.pidfd, 0, 0, 0);
	if (tb_process_wait(p.pid, 0, &st) != p.pid)
		return -2000;
	return st.exited ? st.code : -1000 - st.signal;
}

/* run with stdout to a pipe: what it wrote, in out. */
static int run_output(const char *const *args, struct tb_process_config *cfg, char *out, size_t size)
{
	struct tb_process_action acts[16];
	struct tb_process p;
	int fds[2], r;
	size_t n = 0;

	T_EXPECT_EQ(sys(__NR_pipe2, (long)fds, O_CLOEXEC, 0, 0), 0);
	acts[0] = (struct tb_process_action)TB_PROCESS_ACTION_DUP2(fds[1], 1);
	for (size_t i = 0; i < cfg->action_count && i < 15; i++)
		acts[i + 1] = cfg->actions[i];
	cfg->actions = acts;
	cfg->action_count++;
	r = start(&p, args, cfg);
	sys(__NR_close, fds[1], 0, 0, 0);
	if (r < 0) {
		sys(__NR_close, fds[0], 0, 0, 0);
		out[0] = 0;
		return r;
	}
	while (n + 1 < size && (r = (int)sys(__NR_read, fds[0], (long)out + (long)n, (long)(size - 1 - n), 0)) > 0)
		n += (size_t)r;
	out[n] = 0;
	sys(__NR_close, fds[0], 0, 0, 0);
	return (int)tb_process_wait(p.pid, 0, 0) == p.pid ? 0 : -1;
}

/* No child is left to reap (every one was waited for, none is a zombie). */
static void expect_no_children(void)
{
	T_EXPECT_EQ(tb_process_wait(TB_PROCESS_ANY, TB_PROCESS_NOHANG, 0), -ECHILD);
}

/* A child's exit status comes back, by pid and by pidfd. */
static void t_exit_status(void)
{
	struct tb_process p;
	struct tb_process_status st = { 0 };
	struct tb_process_config cfg = { 0 };

	T_EXPECT_EQ(run((const char *[]){ "exit", "0", 0 }, 0), 0);
	T_EXPECT_EQ(run((const char *[]){ "exit", "7", 0 }, 0), 7);
	T_EXPECT_EQ(run((const char *[]){ "exit", "255", 0 }, 0), 255);
	T_ASSERT(start(&p, (const char *[]){ "exit", "42", 0 }, 0) == 0);
	T_EXPECT_EQ(p.pidfd, -1);
	T_EXPECT_EQ(tb_process_wait(p.pid, 0, &st), p.pid);
	T_EXPECT(st.exited && !st.killed && !st.core_dumped);
	T_EXPECT_EQ(st.code, 42);
	T_EXPECT_EQ(st.pid, p.pid);

	cfg.flags = TB_PROCESS_PIDFD;
	T_ASSERT(start(&p, (const char *[]){ "exit", "3", 0 }, &cfg) == 0);
	if (p.pidfd >= 0) {
		int k = tb_process_kill(p.pidfd, 0, TB_PROCESS_BY_PIDFD);

		T_EXPECT(k == 0 || k == -ENOSYS);
		T_EXPECT_EQ(tb_process_wait(p.pidfd, TB_PROCESS_BY_PIDFD, &st), p.pid);
		T_EXPECT_EQ(st.code, 3);
		sys(__NR_close, p.pidfd, 0, 0, 0);
	} else {
		tb_dprintf(1, "# no pidfd from this kernel\n");
		T_EXPECT_EQ(tb_process_wait(p.pid, 0, &st), p.pid);
	}
	expect_no_children();
}

/* A child killed by a signal is reported as killed; NOHANG returns 0 while it lives. */
static void t_killed(void)
{
	struct tb_process p;
	struct tb_process_status st = { 0 };
	int fds[2];
	struct tb_process_action acts[] = { TB_PROCESS_ACTION_DUP2(0, 0) };
	struct tb_process_config cfg = { 0 };

	/* the child waits in a read of its stdin, a pipe nobody writes */
	T_ASSERT(sys(__NR_pipe2, (long)fds, O_CLOEXEC, 0, 0) == 0);
	acts[0].src = fds[0];
	cfg.actions = acts;
	cfg.action_count = 1;
	T_ASSERT(start(&p, (const char *[]){ "read", 0 }, &cfg) == 0);
	T_EXPECT_EQ(tb_process_wait(p.pid, TB_PROCESS_NOHANG, &st), 0);
	T_EXPECT_EQ(tb_process_kill(p.pid, SIGKILL, 0), 0);
	T_EXPECT_EQ(tb_process_wait(p.pid, 0, &st), p.pid);
	T_EXPECT(st.killed && !st.exited);
	T_EXPECT_EQ(st.signal, SIGKILL);
	T_EXPECT_EQ(st.code, 0);
	sys(__NR_close, fds[0], 0, 0, 0);
	sys(__NR_close, fds[1], 0, 0, 0);
	T_EXPECT_EQ(tb_process_kill(p.pid, 0, 0), -ESRCH);
	T_EXPECT_EQ(tb_process_wait(p.pid, 0, &st), -ECHILD);
	T_EXPECT_EQ(tb_process_wait(-5, 0, &st), -EINVAL);
	T_EXPECT_EQ(tb_process_wait(p.pid, 0x100, &st), -EINVAL);
	T_EXPECT_EQ(tb_process_kill(p.pid, 0, 0x100), -EINVAL);
	expect_no_children();
}

/* Failures come back as the errno of the step that failed, with no child left. */
static void t_errors(void)
{
	struct tb_process p = { -7, -7 };
	char *argv[] = { (char *)"x", 0 };
	struct tb_process_config cfg = { 0 };
	struct tb_process_action bad_fd[] = { TB_PROCESS_ACTION_DUP2(900, 5) };
	struct tb_process_action bad_dir[] = { TB_PROCESS_ACTION_CHDIR("/nonexistent-tb-dir") };
	struct tb_process_action bad_op[] = { { 99, 0, 0, 0, 0, 0 } };
	struct tb_process_action no_path[] = { TB_PROCESS_ACTION_OPEN(3, 0, O_RDONLY, 0) };

	T_EXPECT_EQ(tb_process_spawn(&p, "/nonexistent-tb-program", argv, 0), -ENOENT);
	T_EXPECT_EQ(tb_process_spawn(&p, "/", argv, 0), -EACCES);
	T_EXPECT_EQ(tb_process_spawnp(&p, "nonexistent-tb-program", argv, 0), -ENOENT);
	T_EXPECT_EQ(tb_process_spawnp(&p, "", argv, 0), -ENOENT);
	T_EXPECT_EQ(tb_process_spawn(0, "/", argv, 0), -EINVAL);
	T_EXPECT_EQ(tb_process_spawn(&p, 0, argv, 0), -EINVAL);
	T_EXPECT_EQ(tb_process_spawn(&p, "/", 0, 0), -EINVAL);
	cfg.flags = 0x1000;
	T_EXPECT_EQ(start(&p, (const char *[]){ "exit", "0", 0 }, &cfg), -EINVAL);
	cfg.flags = 0;
	cfg.actions = bad_op;
	cfg.action_count = 1;
	T_EXPECT_EQ(start(&p, (const char *[]){ "exit", "0", 0 }, &cfg), -EINVAL);
	cfg.actions = no_path;
	T_EXPECT_EQ(start(&p, (const char *[]){ "exit", "0", 0 }, &cfg), -EINVAL);
	cfg.actions = bad_fd;
	T_EXPECT_EQ(start(&p, (const char *[]){ "exit", "0", 0 }, &cfg), -EBADF);
	cfg.actions = bad_dir;
	T_EXPECT_EQ(start(&p, (const char *[]){ "exit", "0", 0 }, &cfg), -ENOENT);
	T_EXPECT_EQ(p.pid, -7);
	T_EXPECT_EQ(p.pidfd, -7);
	/* and the next spawn is unharmed */
	T_EXPECT_EQ(run((const char *[]){ "exit", "5", 0 }, 0), 5);
	expect_no_children();
}

/* dup2, close, open, chdir and dup2(fd, fd) reach the child, in order. */
static void t_file_actions(void)
{
	char out[256], want[256], fa[8], fb[8], fc[8], fd5[8];
	struct tb_process_config cfg = { 0 };
	int keep = (int)sys(__NR_openat, AT_FDCWD, (long)"/", O_RDONLY | O_CLOEXEC, 0);
	int drop = (int)sys(__NR_openat, AT_FDCWD, (long)"/", O_RDONLY, 0);
	int shut = (int)sys(__NR_openat, AT_FDCWD, (long)"/", O_RDONLY | O_CLOEXEC, 0);
	struct tb_process_action acts[] = {
		TB_PROCESS_ACTION_DUP2(keep, keep), /* clears close-on-exec */
		TB_PROCESS_ACTION_CLOSE(drop),	    /* inherited otherwise */
		TB_PROCESS_ACTION_CLOSE(77),	    /* not open: no error */
		TB_PROCESS_ACTION_OPEN(20, "t_process.tmp", O_RDWR | O_CREAT | O_TRUNC, 0600),
		TB_PROCESS_ACTION_CHDIR("/"),
	};
	int tmp;

	T_ASSERT(keep >= 0 && drop >= 0 && shut >= 0);
	tb_snprintf(fa, sizeof(fa), "f%d", keep);
	tb_snprintf(fb, sizeof(fb), "f%d", drop);
	tb_snprintf(fc, sizeof(fc), "f%d", shut);
	tb_snprintf(fd5, sizeof(fd5), "c20");
	cfg.actions = acts;
	cfg.action_count = sizeof(acts) / sizeof(acts[0]);
	T_EXPECT_EQ(run_output((const char *[]){ "report", fa, fb, fc, "f20", fd5, "f1", "cwd", 0 },
			       &cfg, out, sizeof(out)), 0);
	tb_snprintf(want, sizeof(want), "100101 /");
	T_EXPECT(t_streq(out, want));
	if (!t_streq(out, want))
		tb_dprintf(1, "# got '%s', want '%s'\n", out, want);
	/* the open made the file in the first cwd, before the chdir */
	tmp = (int)sys(__NR_openat, AT_FDCWD, (long)"t_process.tmp", O_RDONLY, 0);
	T_EXPECT(tmp >= 0);
	sys(__NR_close, tmp, 0, 0, 0);
	sys(__NR_unlinkat, AT_FDCWD, (long)"t_process.tmp", 0, 0);
	sys(__NR_close, keep, 0, 0, 0);
	sys(__NR_close, drop, 0, 0, 0);
	sys(__NR_close, shut, 0, 0, 0);

	/* "write 1 text" through the dup2: output reaches the pipe */
	cfg.action_count = 0;
	T_EXPECT_EQ(run_output((const char *[]){ "write", "1", "hello", 0 }, &cfg, out, sizeof(out)), 0);
	T_EXPECT(t_streq(out, "hello"));
	expect_no_children();
}

static void sig_spec(char *buf, size_t size, char kind, int sig)
{
	tb_snprintf(buf, size, "%c%d", kind, sig);
}

/* The requested mask reaches the child; by default the caller's own. */
static void t_signal_mask(void)
{
	char out[64], b1[8], b2[8];
	struct tb_process_config cfg = { 0 };
	struct tb_sigset mask, old;

	sig_spec(b1, sizeof(b1), 'b', SIGUSR1);
	sig_spec(b2, sizeof(b2), 'b', SIGUSR2);
	tb_sigset_empty(&mask);
	tb_sigset_add(&mask, SIGUSR2);
	cfg.sigmask = &mask;
	T_EXPECT_EQ(run_output((const char *[]){ "report", b1, b2, 0 }, &cfg, out, sizeof(out)), 0);
	T_EXPECT(t_streq(out, "01"));

	/* the caller's mask (SIGUSR1 blocked here) is the default */
	tb_sigset_empty(&mask);
	tb_sigset_add(&mask, SIGUSR1);
	T_ASSERT(tb_signal_mask(TB_SIG_BLOCK, &mask, &old) == 0);
	cfg = (struct tb_process_config){ 0 };
	T_EXPECT_EQ(run_output((const char *[]){ "report", b1, b2, 0 }, &cfg, out, sizeof(out)), 0);
	T_EXPECT(t_streq(out, "10"));
	T_EXPECT_EQ(tb_signal_mask(TB_SIG_SETMASK, &old, 0), 0);
	T_EXPECT_EQ(tb_signal_mask(7, &old, 0), -EINVAL);
	/* and the caller's mask is as it was after the spawn */
	T_EXPECT_EQ(tb_signal_mask(TB_SIG_BLOCK, 0, &mask), 0);
	T_EXPECT(!tb_sigset_has(&mask, SIGUSR1));
	expect_no_children();
}

/* tb_signal_wait takes a blocked pending signal, and times out without one. */
static void t_signal_wait(void)
{
	struct tb_sigset set, old;

	tb_sigset_empty(&set);
	tb_sigset_add(&set, SIGUSR1);
	T_ASSERT(tb_signal_mask(TB_SIG_BLOCK, &set, &old) == 0);
	T_EXPECT_EQ(tb_signal_wait(&set, 1000 * 1000), -EAGAIN);
	T_EXPECT_EQ(tb_thread_kill(tb_thread_self(), SIGUSR1), 0);
	T_EXPECT_EQ(tb_signal_wait(&set, -1), SIGUSR1);
	T_EXPECT_EQ(tb_signal_wait(&set, 0), -EAGAIN);
	T_EXPECT_EQ(tb_signal_mask(TB_SIG_SETMASK, &old, 0), 0);
}

static void never_runs(int sig)
{
	(void)sig;
	arch_trap();
}

/* An ignored signal stays ignored in the child, a handled one is default;
 * sigdefault makes an ignored one default. */
static void t_signal_reset(void)
{
	char out[64], i1[8], h1[8], i2[8], h2[8], iw[8];
	struct tb_process_config cfg = { 0 };
	struct tb_sigset def;
	__sighandler_t old1, old2, oldw;

	sig_spec(i1, sizeof(i1), 'i', SIGUSR1);
	sig_spec(h1, sizeof(h1), 'h', SIGUSR1);
	sig_spec(i2, sizeof(i2), 'i', SIGUSR2);
	sig_spec(h2, sizeof(h2), 'h', SIGUSR2);
	sig_spec(iw, sizeof(iw), 'i', SIGWINCH);
	T_ASSERT(arch_sigaction(SIGUSR1, SIG_IGN, 0, &old1, 1) == 0);
	T_ASSERT(arch_sigaction(SIGUSR2, never_runs, 0, &old2, 1) == 0);
	T_ASSERT(arch_sigaction(SIGWINCH, SIG_IGN, 0, &oldw, 1) == 0);
	T_EXPECT_EQ(run_output((const char *[]){ "report", i1, h1, i2, h2, iw, 0 }, &cfg, out,
			       sizeof(out)), 0);
	T_EXPECT(t_streq(out, "10001"));
	if (!t_streq(out, "10001"))
		tb_dprintf(1, "# got '%s'\n", out);
	tb_sigset_empty(&def);
	tb_sigset_add(&def, SIGWINCH);
	cfg = (struct tb_process_config){ 0 };
	cfg.sigdefault = &def;
	T_EXPECT_EQ(run_output((const char *[]){ "report", i1, iw, 0 }, &cfg, out, sizeof(out)), 0);
	T_EXPECT(t_streq(out, "10"));
	if (!t_streq(out, "10"))
		tb_dprintf(1, "# got '%s'\n", out);
	arch_sigaction(SIGUSR1, old1, 0, 0, 1);
	arch_sigaction(SIGUSR2, old2, 0, 0, 1);
	arch_sigaction(SIGWINCH, oldw, 0, 0, 1);
	expect_no_children();
}

/* A new session; a new process group. */
static void t_session(void)
{
	struct tb_process p;
	struct tb_process_config cfg = { 0 };
	int fds[2];
	struct tb_process_action acts[] = { TB_PROCESS_ACTION_DUP2(0, 0) };
	long sid, pg;

	T_ASSERT(sys(__NR_pipe2, (long)fds, O_CLOEXEC, 0, 0) == 0);
	acts[0].src = fds[0];
	cfg.actions = acts;
	cfg.action_count = 1;
	cfg.flags = TB_PROCESS_SETSID;
	T_ASSERT(start(&p, (const char *[]){ "read", 0 }, &cfg) == 0);
	sid = sys(__NR_getsid, p.pid, 0, 0, 0);
	T_EXPECT_EQ(sid, p.pid);
	tb_process_kill(p.pid, SIGKILL, 0);
	T_EXPECT_EQ(tb_process_wait(p.pid, 0, 0), p.pid);

	cfg.flags = TB_PROCESS_SETPGROUP;
	T_ASSERT(start(&p, (const char *[]){ "read", 0 }, &cfg) == 0);
	pg = sys(__NR_getpgid, p.pid, 0, 0, 0);
	T_EXPECT_EQ(pg, p.pid);
	T_EXPECT_EQ(tb_process_kill(-p.pid, SIGKILL, 0), 0); /* the group */
	T_EXPECT_EQ(tb_process_wait(p.pid, 0, 0), p.pid);
	/* the foreground of a non-terminal fails as the ioctl does */
	cfg.flags = TB_PROCESS_SETPGROUP | TB_PROCESS_FOREGROUND;
	cfg.tty_fd = fds[0];
	T_EXPECT_EQ(start(&p, (const char *[]){ "exit", "0", 0 }, &cfg), -ENOTTY);
	sys(__NR_close, fds[0], 0, 0, 0);
	sys(__NR_close, fds[1], 0, 0, 0);
	expect_no_children();
}

/* The PATH search: the directory that has it, after one that does not;
 * one that has it but may not run it gives EACCES when none other has it. */
static void t_spawnp(void)
{
	char path[4200], env0[4300], base[256], *envp[2] = { env0, 0 };
	struct tb_process_config cfg = { 0 };
	const char *b = self;
	size_t dl;

	for (const char *s = self; *s; s++)
		if (*s == '/')
			b = s + 1;
	dl = (size_t)(b - self) - 1;
	tb_snprintf(base, sizeof(base), "%s", b);
	cfg.envp = envp;
	tb_snprintf(env0, sizeof(env0), "PATH=/nonexistent-tb-dir:/proc/self");
	T_EXPECT_EQ(run((const char *[]){ "spawnp", "environ", 0 }, &cfg), 100 + EACCES);
	tb_snprintf(env0, sizeof(env0), "PATH=/nonexistent-tb-dir");
	T_EXPECT_EQ(run((const char *[]){ "spawnp", base, 0 }, &cfg), 100 + ENOENT);
	if (qemu[0])
		T_SKIP("under qemu-user a guest program cannot exec another by name");
	for (size_t i = 0; i < dl; i++)
		path[i] = self[i];
	path[dl] = 0;
	tb_snprintf(env0, sizeof(env0), "PATH=/nonexistent-tb-dir:/proc/self:%s", path);
	T_EXPECT_EQ(run((const char *[]){ "spawnp", base, "child", "exit", "9", 0 }, &cfg), 9);
	expect_no_children();
}

/* ---- many at once ---- */

struct stress {
	int n;
	uint32_t stop;
	struct tb_mutex lock;
	uint64_t counter;
};

static int spawner(void *arg)
{
	struct stress *s = arg;
	char code[8];

	for (int i = 0; i < s->n; i++) {
		int want = (i * 7 + (int)tb_thread_id()) & 0xff;

		tb_snprintf(code, sizeof(code), "%d", want);
		if (i % 16 == 5) {
			/* a failing one now and then: its child must be reaped too */
			struct tb_process p;
			char *argv[] = { (char *)"x", 0 };

			T_EXPECT_EQ(tb_process_spawn(&p, "/nonexistent-tb-program", argv, 0), -ENOENT);
		}
		T_EXPECT_EQ(run((const char *[]){ "exit", code, 0 }, 0), want);
	}
	return 0;
}

static int nothing(void *arg)
{
	return (int)(long)arg;
}

/* Locks, maps memory, and (but under qemu-user, whose fork can deadlock in
 * the child while another thread exits: harness.h's t_fork) spawns and
 * joins threads, which allocate and take the runtime's locks. */
static int churn(void *arg)
{
	struct stress *s = arg;
	bool threads = !qemu[0];

	while (!__atomic_load_n(&s->stop, __ATOMIC_ACQUIRE)) {
		struct tb_thread *t;
		long m;

		tb_mutex_lock(&s->lock);
		s->counter++;
		tb_mutex_unlock(&s->lock);
		m = tb_syscall(TB_NR_MMAP, 0, 1 << 16, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (m > 0) {
			*(volatile char *)m = 1;
			tb_syscall2(__NR_munmap, m, 1 << 16);
		}
		if (threads && tb_thread_spawn(&t, 0, nothing, (void *)3) == 0)
			T_EXPECT_EQ(tb_thread_join(t), 3);
		else if (!threads)
			tb_thread_yield();
	}
	return 0;
}

/* 8 threads spawn and wait for processes at once while others lock, spawn
 * and join threads (the runtime's locks taken and released around the
 * vfork children): every status right, no zombie, no deadlock. */
static void t_stress(void)
{
	struct stress s = { 0 };
	struct tb_thread *sp[8], *ch[3];
	/* qemu-user turns each vfork into a fork of the whole emulator, and a
	 * child forked while other guest threads run can deadlock inside qemu
	 * (seen once in ppc64's t_stress): there one spawner and no churn; the
	 * concurrency is this test's natively and on the real kernels */
	int spawners = tb_getenv("TB_QEMU_USER") ? 1 : 8, churners = spawners > 1 ? 3 : 0;

	s.n = emulated ? 12 : 1000 * TB_TEST_SCALE;
	for (int i = 0; i < churners; i++)
		T_ASSERT(tb_thread_spawn(&ch[i], 0, churn, &s) == 0);
	for (int i = 0; i < spawners; i++)
		T_ASSERT(tb_thread_spawn(&sp[i], 0, spawner, &s) == 0);
	for (int i = 0; i < spawners; i++)
		tb_thread_join(sp[i]);
	__atomic_store_n(&s.stop, 1, __ATOMIC_RELEASE);
	for (int i = 0; i < churners; i++)
		tb_thread_join(ch[i]);
	tb_dprintf(1, "# %d processes from %d threads, %llu locks alongside\n", spawners * s.n, spawners,
		   (unsigned long long)s.counter);
	expect_no_children();
}

/* ---- a child stuck in execve ---- */

struct slow {
	int listener;
	uint32_t ready, done;
	int spawn_result, pid;
	const struct tb_sigset *mask; /* the child's */
};

static int slow_spawner(void *arg)
{
	struct slow *s = arg;
	struct sock_filter f[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, 0), /* seccomp_data.nr */
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_execve, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_USER_NOTIF),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog fp = { sizeof(f) / sizeof(f[0]), f };
	struct tb_process_config cfg = { 0 };
	struct tb_process p;

	/* this thread only (no TSYNC): its execve calls, and its children's, wait for us */
	if (sys(__NR_prctl, PR_SET_NO_NEW_PRIVS, 1, 0, 0) == 0)
		s->listener = (int)sys(__NR_seccomp, SECCOMP_SET_MODE_FILTER,
				       SECCOMP_FILTER_FLAG_NEW_LISTENER, (long)&fp, 0);
	else
		s->listener = -1;
	__atomic_store_n(&s->ready, 1, __ATOMIC_RELEASE);
	tb_futex_wake(&s->ready, 1);
	if (s->listener < 0)
		return 0;
	cfg.sigmask = s->mask;
	s->spawn_result = start(&p, (const char *[]){ "exit", "5", 0 }, &cfg);
	s->pid = p.pid;
	__atomic_store_n(&s->done, 1, __ATOMIC_RELEASE);
	return 0;
}

/* A child held inside execve (a seccomp listener holds its execve: the
 * stand-in for a slow filesystem) holds only the thread that spawned it:
 * meanwhile another thread spawns and waits for a process, and spawns and
 * joins a thread. */
static void t_slow_exec(void)
{
	struct slow s = { 0 };
	struct tb_thread *t, *u;
	struct seccomp_notif req;
	struct seccomp_notif_resp resp;
	struct tb_process_status st;
	long r;

	if (emulated && tb_getenv("TB_QEMU_USER"))
		T_SKIP("seccomp filters apply to qemu itself");
	T_ASSERT(tb_thread_spawn(&t, 0, slow_spawner, &s) == 0);
	while (!__atomic_load_n(&s.ready, __ATOMIC_ACQUIRE))
		tb_futex_wait(&s.ready, 0, -1);
	if (s.listener < 0) {
		tb_thread_join(t);
		tb_dprintf(1, "# seccomp listener: %d\n", s.listener);
		T_SKIP("no seccomp user notification on this kernel");
	}
	for (size_t i = 0; i < sizeof(req); i++)
		((char *)&req)[i] = 0;
	r = sys(__NR_ioctl, s.listener, (long)SECCOMP_IOCTL_NOTIF_RECV, (long)&req, 0);
	T_ASSERT(r == 0);
	/* the child is inside execve now, and its parent thread inside the spawn */
	tb_sleep_ns(50 * 1000 * 1000);
	T_EXPECT_EQ(__atomic_load_n(&s.done, __ATOMIC_ACQUIRE), 0);
	T_EXPECT_EQ(run((const char *[]){ "exit", "6", 0 }, 0), 6);
	T_ASSERT(tb_thread_spawn(&u, 0, nothing, (void *)4) == 0);
	T_EXPECT_EQ(tb_thread_join(u), 4);
	T_EXPECT_EQ(__atomic_load_n(&s.done, __ATOMIC_ACQUIRE), 0);
	for (size_t i = 0; i < sizeof(resp); i++)
		((char *)&resp)[i] = 0;
	resp.id = req.id;
	resp.flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
	T_EXPECT_EQ(sys(__NR_ioctl, s.listener, (long)SECCOMP_IOCTL_NOTIF_SEND, (long)&resp, 0), 0);
	tb_thread_join(t);
	sys(__NR_close, s.listener, 0, 0, 0);
	T_EXPECT_EQ(s.spawn_result, 0);
	T_EXPECT_EQ(tb_process_wait(s.pid, 0, &st), s.pid);
	T_EXPECT_EQ(st.code, 5);
	expect_no_children();
}

static uint32_t usr2_runs;

static void count_usr2(int sig)
{
	(void)sig;
	__atomic_add_fetch(&usr2_runs, 1, __ATOMIC_SEQ_CST);
	arch_trap(); /* (no restorer to return through: the process it runs in dies) */
}

/* A signal that reaches the child between its mask and its exec finds the
 * default action, not the caller's handler running on the caller's memory:
 * the child is held in execve (mask applied, SIGUSR2 unblocked) and sent
 * SIGUSR2, for which the caller has a handler. */
static void t_signal_in_exec(void)
{
	struct slow s = { 0 };
	struct tb_thread *t;
	struct seccomp_notif req;
	struct tb_process_status st;
	struct tb_sigset none;
	__sighandler_t old;

	if (emulated && tb_getenv("TB_QEMU_USER"))
		T_SKIP("seccomp filters apply to qemu itself");
	tb_sigset_empty(&none);
	s.mask = &none;
	T_ASSERT(arch_sigaction(SIGUSR2, count_usr2, 0, &old, 1) == 0);
	T_ASSERT(tb_thread_spawn(&t, 0, slow_spawner, &s) == 0);
	while (!__atomic_load_n(&s.ready, __ATOMIC_ACQUIRE))
		tb_futex_wait(&s.ready, 0, -1);
	if (s.listener < 0) {
		tb_thread_join(t);
		arch_sigaction(SIGUSR2, old, 0, 0, 1);
		T_SKIP("no seccomp user notification on this kernel");
	}
	for (size_t i = 0; i < sizeof(req); i++)
		((char *)&req)[i] = 0;
	T_ASSERT(sys(__NR_ioctl, s.listener, (long)SECCOMP_IOCTL_NOTIF_RECV, (long)&req, 0) == 0);
	T_EXPECT_EQ(tb_process_kill((int)req.pid, SIGUSR2, 0), 0);
	tb_thread_join(t);
	sys(__NR_close, s.listener, 0, 0, 0);
	T_EXPECT_EQ(s.spawn_result, 0);
	T_EXPECT_EQ(tb_process_wait(s.pid, 0, &st), s.pid);
	T_EXPECT(st.killed);
	T_EXPECT_EQ(st.signal, SIGUSR2);
	T_EXPECT_EQ(__atomic_load_n(&usr2_runs, __ATOMIC_SEQ_CST), 0);
	arch_sigaction(SIGUSR2, old, 0, 0, 1);
	expect_no_children();
}

/* The typed syscalls take ints and pointers with no cast. */
static void t_typed_syscalls(void)
{
	int fds[2];
	char buf[4] = { 0 };

	T_ASSERT(tb_syscall2(__NR_pipe2, fds, O_CLOEXEC) == 0);
	T_EXPECT_EQ(tb_syscall3(__NR_write, fds[1], "ab", 2), 2);
	T_EXPECT_EQ(tb_syscall3(__NR_read, fds[0], buf, sizeof(buf)), 2);
	T_EXPECT(buf[0] == 'a' && buf[1] == 'b');
	T_EXPECT_EQ(tb_syscall1(__NR_close, fds[0]), 0);
	T_EXPECT_EQ(tb_syscall1(__NR_close, fds[1]), 0);
	T_EXPECT_EQ(tb_syscall1(__NR_close, fds[1]), -EBADF);
	T_EXPECT(tb_syscall0(__NR_getpid) > 0);
}

/* The absolute path of this program, and the emulator's under qemu-user. */
static void find_self(const char *argv0)
{
	size_t n = 0;

	if (argv0[0] != '/') {
		long r = sys(__NR_getcwd, (long)self, sizeof(self) - 1, 0, 0);

		n = r > 0 ? len(self) : 0;
		if (n && self[n - 1] != '/')
			self[n++] = '/';
	}
	tb_snprintf(self + n, sizeof(self) - n, "%s", argv0);
	if (tb_getenv("TB_QEMU_USER")) {
		long r = sys(__NR_readlinkat, AT_FDCWD, (long)"/proc/thread-self/exe", (long)qemu,
			     sizeof(qemu) - 1);

		qemu[r > 0 ? r : 0] = 0;
	}
}

int main(int argc, char **argv)
{
	if (argc >= 2 && t_streq(argv[1], "child")) {
		if (argc >= 3 && t_streq(argv[2], "read")) {
			char c;

			return (int)sys(__NR_read, 0, (long)&c, 1, 0);
		}
		return child_main(argc - 2, argv + 2);
	}
	find_self(argv[0]);
	emulated = tb_getenv("TB_EMULATED") != 0;
	return t_run(argc, argv, (struct t_case[]){
		T_CASE(t_typed_syscalls),
		T_CASE(t_exit_status),
		T_CASE(t_killed),
		T_CASE(t_errors),
		T_CASE(t_file_actions),
		T_CASE(t_signal_mask),
		T_CASE(t_signal_wait),
		T_CASE(t_signal_reset),
		T_CASE(t_session),
		T_CASE(t_spawnp),
		T_CASE(t_slow_exec),
		T_CASE(t_signal_in_exec),
		T_CASE(t_stress),
		{ 0, 0 } });
}
