/*
 * tbinit (examples/init.c): exit codes, SIGTERM, -g, orphans.
 *
 * Self-contained, so the real-kernel init can run it with no other file:
 * the program is also the init under test ("t_tbinit tbinit ...": the
 * example's own main, compiled in below), the commands it runs ("cmd ...")
 * and the helper that makes it PID 1 of a new PID namespace ("ns ...").
 * With a path (holding a '/') as its first argument (meson's
 * tbinit_example test) the init is that program instead: the example
 * binary itself.
 *
 * Every case runs twice: with the init as PID 1 of a new PID namespace
 * (skipped, saying so, where unshare(CLONE_NEWPID) is refused), and with
 * it as a plain child with -s (a subreaper). Under qemu-user every program
 * is started through the emulator (see tests/process.c).
 */
#define main tbinit_main
#include "../examples/init.c"
#undef main

#include <linux/fcntl.h>
#include <linux/sched.h>
#include "harness.h"

static char self[4096], qemu[4096];
static const char *init_path; /* the example binary, or NULL: this program */
static bool no_ns;	     /* unshare refused: the namespace runs are skipped */
static bool no_subreaper;    /* PR_SET_CHILD_SUBREAPER refused (qemu-user 7.2): the -s runs too */

static size_t slen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

static bool has_slash(const char *s)
{
	while (*s && *s != '/')
		s++;
	return *s == '/';
}

static int num(const char *s)
{
	int v = 0;

	while (*s >= '0' && *s <= '9')
		v = v * 10 + (*s++ - '0');
	return v;
}

static void put_byte(int fd, char c)
{
	tb_syscall3(__NR_write, fd, &c, 1);
}

/* argv of this program (through the emulator under qemu-user), then args */
static int self_argv(char **argv, int n, const char *const *args)
{
	if (qemu[0])
		argv[n++] = qemu;
	argv[n++] = self;
	while (*args)
		argv[n++] = (char *)*args++;
	argv[n] = 0;
	return n;
}

static int status_of(const struct tb_process_status *st)
{
	return st->exited ? st->code : 128 + st->signal;
}

/* ---- the commands tbinit runs ---- */

static int spawn_self(struct tb_process *p, const char *const *args, const struct tb_sigset *mask)
{
	char *argv[16];
	struct tb_process_config cfg = { 0 };

	cfg.sigmask = mask;
	self_argv(argv, 0, args);
	return tb_process_spawn(p, argv[0], argv, &cfg);
}

static int cmd(int argc, char **argv)
{
	if (argc >= 2 && t_streq(argv[0], "exit"))
		return num(argv[1]);
	if (argc >= 2 && t_streq(argv[0], "term")) {
		/* ready; then SIGTERM (default action) ends it */
		put_byte(num(argv[1]), 'r');
		for (;;)
			tb_sleep_ns(1000 * 1000 * 1000);
	}
	if (argc >= 2 && t_streq(argv[0], "group")) {
		/* three children in its group; SIGTERM blocked here, not in them:
		 * 42 when all three died of SIGTERM */
		struct tb_sigset term, none;
		struct tb_process p[3];
		struct tb_process_status st;
		int dead = 0;

		tb_sigset_empty(&term);
		tb_sigset_empty(&none);
		tb_sigset_add(&term, SIGTERM);
		tb_signal_mask(TB_SIG_BLOCK, &term, 0);
		for (int i = 0; i < 3; i++)
			if (spawn_self(&p[i], (const char *const[]){ "cmd", "term", argv[1], 0 }, &none))
				return 1;
		put_byte(num(argv[1]), 'g');
		for (int i = 0; i < 3; i++)
			if (tb_process_wait(p[i].pid, 0, &st) == p[i].pid && st.killed &&
			    st.signal == SIGTERM)
				dead++;
		return dead == 3 ? 42 : dead;
	}
	if (argc >= 4 && t_streq(argv[0], "orphans")) {
		/* a child forks N children that end at once, and ends itself: N
		 * orphans for the init; then "o" on ready, and exit 0 on one byte of go */
		int n = num(argv[1]);
		long m = tb_fork();
		char c;

		if (m == 0) {
			for (int i = 0; i < n; i++)
				if (tb_fork() == 0)
					tb_syscall1(__NR_exit_group, 0);
			tb_syscall1(__NR_exit_group, 0);
		}
		if (m < 0 || tb_process_wait((int)m, 0, 0) != m)
			return 1;
		put_byte(num(argv[2]), 'o');
		tb_syscall3(__NR_read, num(argv[3]), &c, 1);
		return 0;
	}
	return 99;
}

/* "ns FD prog args...": prog as PID 1 of a new PID namespace; its pid
 * (ours) on FD, then its status as ours. 77: unshare refused. */
static int ns(int argc, char **argv)
{
	struct tb_process p;
	struct tb_process_status st;
	char line[16];
	long r;
	int fd = num(argv[0]), n;

	if (argc < 2)
		return 99;
	r = tb_syscall1(__NR_unshare, CLONE_NEWPID);
	if (r < 0) {
		n = tb_snprintf(line, sizeof(line), "E%ld\n", -r);
		tb_syscall3(__NR_write, fd, line, n);
		return 77;
	}
	r = tb_process_spawn(&p, argv[1], argv + 1, 0);
	n = tb_snprintf(line, sizeof(line), "%d\n", r < 0 ? 0 : p.pid);
	tb_syscall3(__NR_write, fd, line, n);
	tb_syscall1(__NR_close, fd);
	if (r < 0 || tb_process_wait(p.pid, 0, &st) != p.pid)
		return 98;
	return status_of(&st);
}

/* ---- the test side ---- */

struct init_run {
	struct tb_process p; /* the init, or the ns helper */
	int init_pid;	     /* the init's pid, as this process sees it */
};

static int start_init_(struct init_run *ir, bool pid1, const char *opts, const char *const *args);

/* Starts the init with opts ("-g"...) over command args, as PID 1 of a new
 * namespace (pid1) or as a subreaper. Returns 0, 77 (no namespace), or -errno. */
static int start_init(struct init_run *ir, bool pid1, const char *opts, const char *const *args)
{
	if (!pid1 && no_subreaper)
		return 77;
	return start_init_(ir, pid1, opts, args);
}

static int start_init_(struct init_run *ir, bool pid1, const char *opts, const char *const *args)
{
	char *argv[40], report[12], line[32];
	int n = 0, fds[2] = { -1, -1 }, r;
	size_t got = 0;
	struct tb_process_action act[] = { TB_PROCESS_ACTION_DUP2(0, 0) };
	struct tb_process_config cfg = { 0 };

	if (pid1) {
		if (tb_syscall2(__NR_pipe2, fds, O_CLOEXEC))
			return -EMFILE;
		tb_snprintf(report, sizeof(report), "%d", fds[1]);
		act[0] = (struct tb_process_action)TB_PROCESS_ACTION_DUP2(fds[1], fds[1]);
		cfg.actions = act;
		cfg.action_count = 1;
		n = self_argv(argv, 0, (const char *const[]){ "ns", report, 0 });
	}
	if (qemu[0])
		argv[n++] = qemu;
	if (init_path) {
		argv[n++] = (char *)init_path;
	} else {
		argv[n++] = self;
		argv[n++] = (char *)"tbinit";
	}
	if (!pid1)
		argv[n++] = (char *)"-s";
	if (opts)
		argv[n++] = (char *)opts;
	argv[n++] = (char *)"--";
	n = self_argv(argv, n, args);
	r = tb_process_spawn(&ir->p, argv[0], argv, &cfg);
	ir->init_pid = ir->p.pid;
	if (!pid1 || r < 0) {
		if (fds[0] >= 0) {
			tb_syscall1(__NR_close, fds[0]);
			tb_syscall1(__NR_close, fds[1]);
		}
		return r;
	}
	tb_syscall1(__NR_close, fds[1]);
	while (got + 1 < sizeof(line) && tb_syscall3(__NR_read, fds[0], line + got, 1) == 1 &&
	       line[got] != '\n')
		got++;
	line[got] = 0;
	tb_syscall1(__NR_close, fds[0]);
	if (line[0] == 'E' || got == 0) {
		tb_process_wait(ir->p.pid, 0, 0);
		if (!no_ns)
			tb_dprintf(1, "# unshare(CLONE_NEWPID) refused (%s): no PID 1 runs\n",
				   got ? line + 1 : "no answer");
		no_ns = true;
		return 77;
	}
	ir->init_pid = num(line);
	return 0;
}

static int finish(struct init_run *ir)
{
	struct tb_process_status st;

	if (tb_process_wait(ir->p.pid, 0, &st) != ir->p.pid)
		return -1;
	return status_of(&st);
}

/* reads n bytes from fd (the commands' ready marks) */
static bool await(int fd, int n)
{
	char c;

	while (n > 0 && tb_syscall3(__NR_read, fd, &c, 1) == 1)
		n--;
	return n == 0;
}

static void exit_code(bool pid1)
{
	struct init_run ir;
	int r = start_init(&ir, pid1, 0, (const char *const[]){ "cmd", "exit", "3", 0 });

	if (r == 77)
		return;
	T_ASSERT(r == 0);
	T_EXPECT_EQ(finish(&ir), 3);
	r = start_init(&ir, pid1, 0, (const char *const[]){ "cmd", "exit", "0", 0 });
	T_ASSERT(r == 0);
	T_EXPECT_EQ(finish(&ir), 0);
}

static void skip_if_half(void)
{
	if (no_ns && no_subreaper)
		T_SKIP("neither a PID namespace nor a subreaper here");
	if (no_ns)
		T_SKIP("no PID namespace here: run as a subreaper only");
	/* no subreaper alone (qemu-user): the PID 1 runs did it all; main said so */
}

/* a command that exits 3 gives 3 (and 0 gives 0) */
static void t_exit3(void)
{
	exit_code(true);
	exit_code(false);
	skip_if_half();
}

static void sigterm(bool pid1, bool group)
{
	struct init_run ir;
	char fdtext[12];
	int fds[2], r;

	T_ASSERT(tb_syscall2(__NR_pipe2, fds, 0) == 0);
	tb_snprintf(fdtext, sizeof(fdtext), "%d", fds[1]);
	r = start_init(&ir, pid1, group ? "-g" : 0,
		       (const char *const[]){ "cmd", group ? "group" : "term", fdtext, 0 });
	tb_syscall1(__NR_close, fds[1]); /* theirs now: EOF, not a hang, if they die */
	if (r == 0) {
		T_EXPECT(await(fds[0], group ? 4 : 1));
		T_EXPECT_EQ(tb_process_kill(ir.init_pid, SIGTERM, 0), 0);
		T_EXPECT_EQ(finish(&ir), group ? 42 : 128 + SIGTERM);
	}
	T_EXPECT(r == 0 || r == 77);
	tb_syscall1(__NR_close, fds[0]);
}

/* SIGTERM to the init ends a command that dies of it: 143 */
static void t_sigterm(void)
{
	sigterm(true, false);
	sigterm(false, false);
	skip_if_half();
}

/* with -g, SIGTERM reaches the command's whole group */
static void t_group(void)
{
	sigterm(true, true);
	sigterm(false, true);
	skip_if_half();
}

/* processes whose parent is ppid (zombies among them in *zombies), from /proc */
static int children_of(int ppid, int *zombies)
{
	/* getdents64 records are 8-byte aligned from the buffer's start: so must it be (clang
	 * gave it an odd address on mips, and the d_reclen load was a bus error) */
	static char buf[8192] __attribute__((aligned(8))), stat[512];
	char path[64];
	int dir = (int)tb_syscall4(__NR_openat, AT_FDCWD, "/proc", O_RDONLY | O_DIRECTORY, 0);
	int count = 0;
	long n;

	*zombies = 0;
	if (dir < 0)
		return dir;
	while ((n = tb_syscall3(__NR_getdents64, dir, buf, sizeof(buf))) > 0) {
		for (long off = 0; off < n;) {
			unsigned short reclen = *(unsigned short *)(buf + off + 16);
			const char *name = buf + off + 19;
			char *p;
			int fd, len;

			off += reclen;
			if (name[0] < '0' || name[0] > '9')
				continue;
			tb_snprintf(path, sizeof(path), "/proc/%s/stat", name);
			fd = (int)tb_syscall4(__NR_openat, AT_FDCWD, path, O_RDONLY, 0);
			if (fd < 0)
				continue;
			len = (int)tb_syscall3(__NR_read, fd, stat, sizeof(stat) - 1);
			tb_syscall1(__NR_close, fd);
			if (len <= 0)
				continue;
			stat[len] = 0;
			/* "pid (comm) S ppid ...": the comm may hold anything but ends at the last ')' */
			p = 0;
			for (char *q = stat; *q; q++)
				if (*q == ')')
					p = q;
			if (!p || p[1] != ' ' || !p[2] || p[3] != ' ')
				continue;
			if (num(p + 4) == ppid) {
				count++;
				*zombies += p[2] == 'Z';
			}
		}
	}
	tb_syscall1(__NR_close, dir);
	return count;
}

static void orphans(bool pid1)
{
	struct init_run ir;
	char ready_fd[12], go_fd[12], count[12];
	int ready[2], go[2], r, left = -1, zombies = -1;
	int n = tb_getenv("TB_EMULATED") ? 100 : 500;

	T_ASSERT(tb_syscall2(__NR_pipe2, ready, 0) == 0);
	T_ASSERT(tb_syscall2(__NR_pipe2, go, 0) == 0);
	tb_snprintf(ready_fd, sizeof(ready_fd), "%d", ready[1]);
	tb_snprintf(go_fd, sizeof(go_fd), "%d", go[0]);
	tb_snprintf(count, sizeof(count), "%d", n);
	r = start_init(&ir, pid1, 0,
		       (const char *const[]){ "cmd", "orphans", count, ready_fd, go_fd, 0 });
	tb_syscall1(__NR_close, ready[1]);
	tb_syscall1(__NR_close, go[0]);
	if (r == 0) {
		T_EXPECT(await(ready[0], 1));
		/* the orphans are the init's now: it reaps them, the command stays */
		for (int i = 0; i < 3000; i++) {
			left = children_of(ir.init_pid, &zombies);
			if (left == 1 && zombies == 0)
				break;
			tb_sleep_ns(10 * 1000 * 1000);
		}
		if (left != 1 || zombies != 0)
			tb_dprintf(1, "# the init %d still has %d children, %d of them zombies\n",
				   ir.init_pid, left, zombies);
		T_EXPECT_EQ(left, 1);
		T_EXPECT_EQ(zombies, 0);
		put_byte(go[1], 'g');
		T_EXPECT_EQ(finish(&ir), 0);
	}
	T_EXPECT(r == 0 || r == 77);
	tb_syscall1(__NR_close, ready[0]);
	tb_syscall1(__NR_close, go[1]);
}

/* 500 orphans handed to the init are reaped, no zombie left */
static void t_orphans(void)
{
	orphans(true);
	orphans(false);
	skip_if_half();
}

/* usage errors, and a command that is not there */
static void t_usage(void)
{
	struct init_run ir;

	int r = start_init(&ir, no_subreaper, 0, (const char *const[]){ "cmd", "exit", "0", 0 });

	T_EXPECT(r == 0 || r == 77);
	if (r == 0)
		T_EXPECT_EQ(finish(&ir), 0);
	if (!init_path) {
		/* in this process: its mask put back after */
		struct tb_sigset mask;

		tb_signal_mask(TB_SIG_BLOCK, 0, &mask);
		T_EXPECT_EQ(tbinit_main(1, (char *[]){ (char *)"tbinit", 0 }), 2);
		T_EXPECT_EQ(tbinit_main(2, (char *[]){ (char *)"tbinit", (char *)"-x", 0 }), 2);
		T_EXPECT_EQ(tbinit_main(2, (char *[]){ (char *)"tbinit",
						       (char *)"/nonexistent-tb-program", 0 }), 127);
		tb_signal_mask(TB_SIG_SETMASK, &mask, 0);
	}
	T_EXPECT_EQ(tb_process_wait(TB_PROCESS_ANY, TB_PROCESS_NOHANG, 0), -ECHILD);
}

int main(int argc, char **argv)
{
	size_t n = 0;

	if (argc >= 2 && t_streq(argv[1], "tbinit"))
		return tbinit_main(argc - 1, argv + 1);
	if (argv[0][0] != '/') {
		long r = tb_syscall2(__NR_getcwd, self, sizeof(self) - 1);

		n = r > 0 ? slen(self) : 0;
		if (n && self[n - 1] != '/')
			self[n++] = '/';
	}
	tb_snprintf(self + n, sizeof(self) - n, "%s", argv[0]);
	if (tb_getenv("TB_QEMU_USER")) {
		long r = tb_syscall4(__NR_readlinkat, AT_FDCWD, "/proc/thread-self/exe", qemu,
				     sizeof(qemu) - 1);

		qemu[r > 0 ? r : 0] = 0;
	}
	if (argc >= 3 && t_streq(argv[1], "cmd"))
		return cmd(argc - 2, argv + 2);
	if (argc >= 3 && t_streq(argv[1], "ns"))
		return ns(argc - 2, argv + 2);
	if (argc >= 2 && has_slash(argv[1])) {
		init_path = argv[1];
		argv[1] = argv[0];
		argc--, argv++;
	}
	if (tb_syscall2(__NR_prctl, PR_SET_CHILD_SUBREAPER, 1) < 0) {
		tb_dprintf(1, "# PR_SET_CHILD_SUBREAPER refused: no subreaper runs\n");
		no_subreaper = true;
	} else {
		tb_syscall2(__NR_prctl, PR_SET_CHILD_SUBREAPER, 0);
	}
	return t_run(argc, argv, (struct t_case[]){
		T_CASE(t_usage),
		T_CASE(t_exit3),
		T_CASE(t_sigterm),
		T_CASE(t_group),
		T_CASE(t_orphans),
		{ 0, 0 } });
}
