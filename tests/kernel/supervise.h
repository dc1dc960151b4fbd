/*
 * Running one test program under supervision, for the real-kernel init
 * (init.c) and its own test (supervise_test.c).
 *
 * sv_run() forks a child in a process group of its own with fd 1 and 2 on a
 * pipe and calls child(arg) there (the init's child execs a test program).
 * The parent relays every line the group writes to out_fd as
 * "TB|<tag>| <line>", counting the TAP lines, while a watchdog thread kills
 * the whole group once timeout_ns has passed. The relay ends when every
 * writer of the pipe is gone, so a grandchild that outlives the child is
 * waited for, or killed with the group.
 *
 * A run passes when it finished in time and exited with status 0; a TAP
 * run must also have printed a plan ("1..N", N > 0) matched by N "ok" lines
 * and no "not ok". A run that is not TAP and exits with 77 skipped.
 */
#ifndef TB_KERNEL_SUPERVISE_H
#define TB_KERNEL_SUPERVISE_H

#include <stdbool.h>
#include <stdint.h>
#include <threadbare.h>
#include <asm/signal.h>
#include <asm/siginfo.h>
#include <asm/unistd.h>
#include <linux/errno.h>
#include <linux/wait.h>

struct sv_result {
	long pid;		/* the child, also its process group */
	int status;		/* wait4 status; -1 when the child could not be waited for */
	bool timed_out;
	bool tap;		/* judged by its TAP output too */
	int plan, ok, not_ok, skip;
};

struct sv_watch {
	struct tb_event done;
	long pgid;
	int64_t timeout_ns;
	bool fired;
};

static inline long sv_sys(long n, long a, long b, long c, long d)
{
	return tb_syscall(n, a, b, c, d, 0, 0);
}

/*
 * wait4(pid, status, options, NULL). An ABI born with 64-bit time has no
 * wait4 (riscv32): waitid reports the child there (pid -1: any), and the
 * status is rebuilt in wait4's encoding.
 */
static inline long sv_wait4(long pid, int *status, int options)
{
#ifdef __NR_wait4
	return sv_sys(__NR_wait4, pid, (long)status, options, 0);
#else
	siginfo_t si;
	long r;

	si.si_pid = 0;
	r = tb_syscall(__NR_waitid, pid < 0 ? P_ALL : P_PID, pid < 0 ? 0 : pid, (long)&si,
		       WEXITED | options, 0, 0);
	if (r < 0 || !si.si_pid)
		return r;
	if (status)
		*status = si.si_code == CLD_EXITED ? (si.si_status & 0xff) << 8
						   : si.si_status | (si.si_code == CLD_DUMPED ? 0x80 : 0);
	return si.si_pid;
#endif
}

static int sv_watchdog(void *p)
{
	struct sv_watch *w = p;

	if (tb_event_timedwait(&w->done, w->timeout_ns) == -ETIMEDOUT) {
		__atomic_store_n(&w->fired, true, __ATOMIC_RELAXED);
		sv_sys(__NR_kill, -w->pgid, SIGKILL, 0, 0);
	}
	return 0;
}

static bool sv_starts(const char *s, const char *prefix)
{
	while (*prefix)
		if (*s++ != *prefix++)
			return false;
	return true;
}

static void sv_count(struct sv_result *r, const char *line)
{
	if (sv_starts(line, "ok ")) {
		r->ok++;
		for (; *line; line++)
			if (sv_starts(line, "# SKIP"))
				r->skip++;
	} else if (sv_starts(line, "not ok")) {
		r->not_ok++;
	} else if (sv_starts(line, "1..")) {
		int n = 0;

		for (line += 3; *line >= '0' && *line <= '9'; line++)
			n = n * 10 + (*line - '0');
		r->plan = n;
	}
}

/* One finished line: count it and relay it in a single write. */
static void sv_line(struct sv_result *r, int out_fd, const char *tag, char *line, int len)
{
	char buf[600];
	int n;

	line[len] = 0;
	sv_count(r, line);
	n = tb_snprintf(buf, sizeof(buf), "TB|%s| %s\n", tag, line);
	if (n >= (int)sizeof(buf))
		n = (int)sizeof(buf) - 1, buf[n - 1] = '\n';
	tb_write_all(out_fd, buf, (size_t)n);
}

static void sv_relay(struct sv_result *r, int in_fd, int out_fd, const char *tag)
{
	char chunk[256], line[500];
	int len = 0;
	long n;

	while ((n = sv_sys(__NR_read, in_fd, (long)chunk, sizeof(chunk), 0)) != 0) {
		if (n == -EINTR)
			continue;
		if (n < 0)
			break;
		for (long i = 0; i < n; i++) {
			if (chunk[i] == '\n' || len == (int)sizeof(line) - 1) {
				sv_line(r, out_fd, tag, line, len);
				len = 0;
			}
			if (chunk[i] != '\n')
				line[len++] = chunk[i];
		}
	}
	if (len)
		sv_line(r, out_fd, tag, line, len);
}

/*
 * Runs child(arg) as described above. Returns 0 with *r filled in, or -errno
 * when the pipe, the fork or the watchdog thread could not be made (then no
 * child is left running).
 */
static int sv_run(struct sv_result *r, int (*child)(void *), void *arg, int64_t timeout_ns,
		  int out_fd, const char *tag, bool tap)
{
	struct sv_watch w = { .timeout_ns = timeout_ns };
	struct tb_thread *dog;
	int fds[2];
	long pid, e;

	*r = (struct sv_result){ .status = -1, .tap = tap };
	e = sv_sys(__NR_pipe2, (long)fds, 0, 0, 0);
	if (e)
		return (int)e;
	pid = tb_fork();
	if (pid == 0) {
		sv_sys(__NR_setpgid, 0, 0, 0, 0);
		sv_sys(__NR_close, fds[0], 0, 0, 0);
		sv_sys(__NR_dup3, fds[1], 1, 0, 0);
		sv_sys(__NR_dup3, fds[1], 2, 0, 0);
		if (fds[1] > 2)
			sv_sys(__NR_close, fds[1], 0, 0, 0);
		tb_exit(child(arg));
	}
	sv_sys(__NR_close, fds[1], 0, 0, 0);
	if (pid < 0) {
		sv_sys(__NR_close, fds[0], 0, 0, 0);
		return (int)pid;
	}
	/* both sides set the group, so the kill below cannot miss it */
	sv_sys(__NR_setpgid, pid, pid, 0, 0);
	w.pgid = r->pid = pid;
	e = tb_thread_spawn(&dog, &(struct tb_thread_config){ .stack_size = 64 << 10 },
			    sv_watchdog, &w);
	if (e) {
		sv_sys(__NR_kill, -pid, SIGKILL, 0, 0);
		sv_wait4(pid, 0, 0);
		sv_sys(__NR_close, fds[0], 0, 0, 0);
		return (int)e;
	}
	sv_relay(r, fds[0], out_fd, tag);
	sv_sys(__NR_close, fds[0], 0, 0, 0);
	while ((e = sv_wait4(pid, &r->status, 0)) == -EINTR)
		;
	if (e != pid)
		r->status = -1;
	tb_event_set(&w.done);
	tb_thread_join(dog);
	/* what is left of the group goes too, and orphans reparented to us are reaped */
	sv_sys(__NR_kill, -pid, SIGKILL, 0, 0);
	while (sv_wait4(-1, 0, WNOHANG) > 0)
		;
	r->timed_out = __atomic_load_n(&w.fired, __ATOMIC_RELAXED);
	return 0;
}

static inline bool sv_exited(const struct sv_result *r)
{
	return r->status >= 0 && (r->status & 0x7f) == 0;
}

static inline bool sv_passed(const struct sv_result *r)
{
	return !r->timed_out && sv_exited(r) && ((r->status >> 8) & 0xff) == 0 &&
	       (!r->tap || (r->plan > 0 && r->ok == r->plan && r->not_ok == 0));
}

static inline bool sv_skipped(const struct sv_result *r)
{
	return !r->tap && !r->timed_out && sv_exited(r) && ((r->status >> 8) & 0xff) == 77;
}

/* The verdict: "pass", "skip", "timeout", "signal 11", "exit 1", "tap 1/2 ok". */
static inline void sv_verdict(const struct sv_result *r, char *buf, size_t size)
{
	if (sv_passed(r))
		tb_snprintf(buf, size, "pass");
	else if (sv_skipped(r))
		tb_snprintf(buf, size, "skip");
	else if (r->timed_out)
		tb_snprintf(buf, size, "timeout");
	else if (r->status < 0)
		tb_snprintf(buf, size, "lost");
	else if (!sv_exited(r))
		tb_snprintf(buf, size, "signal %d", r->status & 0x7f);
	else if ((r->status >> 8) & 0xff)
		tb_snprintf(buf, size, "exit %d", (r->status >> 8) & 0xff);
	else
		tb_snprintf(buf, size, "tap %d/%d ok", r->ok, r->plan);
}

#endif
