/*
 * tbinit: a minimal init for containers, on threadbare.
 *
 *   tbinit [-g] [-s] [--] command [args...]
 *
 * Starts command (searched in PATH) in a process group of its own (the
 * terminal's foreground group when stdin is a terminal), forwards SIGTERM,
 * SIGINT, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2 and SIGWINCH to it (to its
 * whole group with -g), reaps every child that ends up its own (as PID 1,
 * or as a subreaper with -s), and exits with the command's status once the
 * command has ended: its exit code, or 128 + the signal that killed it.
 * A command that cannot be started gives 127 (not found) or 126.
 *
 * One thread is enough: the signals it handles stay blocked and are taken
 * one at a time with sigtimedwait (no handler, so nothing runs between a
 * fork and an exec, and no restorer is needed), SIGCHLD among them.
 */
#include <asm/ioctls.h>
#include <asm/signal.h>
#include <asm/unistd.h>
#include <linux/errno.h>
#include <linux/prctl.h>
#include <threadbare.h>

static const int forwarded[] = { SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGWINCH };

static int usage(int status)
{
	tb_dprintf(status ? 2 : 1, "usage: tbinit [-g] [-s] [--] command [args...]\n"
				   "  -g  forward signals to the command's process group\n"
				   "  -s  reap orphans as a subreaper (when not PID 1)\n");
	return status;
}

int main(int argc, char **argv)
{
	struct tb_process_config cfg = { 0 };
	struct tb_process child;
	struct tb_process_status st;
	struct tb_sigset set, old;
	bool group = false, subreaper = false;
	int i, pgrp, r;

	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (argv[i][1] == '-' && !argv[i][2]) {
			i++;
			break;
		}
		for (const char *o = argv[i] + 1; *o; o++) {
			if (*o == 'g')
				group = true;
			else if (*o == 's')
				subreaper = true;
			else
				return usage(*o == 'h' ? 0 : 2);
		}
	}
	if (i >= argc)
		return usage(2);

	tb_sigset_empty(&set);
	for (size_t k = 0; k < sizeof(forwarded) / sizeof(forwarded[0]); k++)
		tb_sigset_add(&set, forwarded[k]);
	tb_sigset_add(&set, SIGCHLD);
	tb_signal_mask(TB_SIG_BLOCK, &set, &old);
	if (subreaper && (r = (int)tb_syscall2(__NR_prctl, PR_SET_CHILD_SUBREAPER, 1)) < 0) {
		tb_dprintf(2, "tbinit: cannot become a subreaper (%d)\n", r);
		return 1;
	}
	if (!subreaper && tb_syscall0(__NR_getpid) != 1)
		tb_dprintf(2, "tbinit: not PID 1 and no -s: orphans are not reaped here\n");

	/* the command gets the mask tbinit had, its own group, and the terminal */
	cfg.sigmask = &old;
	cfg.flags = TB_PROCESS_SETPGROUP;
	if (tb_syscall3(__NR_ioctl, 0, TIOCGPGRP, &pgrp) == 0)
		cfg.flags |= TB_PROCESS_FOREGROUND; /* tty_fd 0 */
	r = tb_process_spawnp(&child, argv[i], argv + i, &cfg);
	if (r < 0) {
		tb_dprintf(2, "tbinit: %s: cannot run it (%d)\n", argv[i], r);
		return r == -ENOENT ? 127 : 126;
	}

	for (;;) {
		int sig = tb_signal_wait(&set, -1), pid, status = -1;

		if (sig != SIGCHLD) {
			if (sig > 0)
				tb_process_kill(group ? -child.pid : child.pid, sig, 0);
			continue;
		}
		/* every child that has ended: the command, and orphans handed to us */
		while ((pid = tb_process_wait(TB_PROCESS_ANY, TB_PROCESS_NOHANG, &st)) > 0)
			if (pid == child.pid)
				status = st.exited ? st.code : 128 + st.signal;
		if (status >= 0)
			return status;
	}
}
