/*
 * Process spawn from a threaded program: tb_process_spawn(p), wait, kill.
 *
 * The child is clone(CLONE_VM | CLONE_VFORK | SIGCHLD) on a stack of its
 * own (a fresh mapping, never the caller's frame: a vfork child that
 * returned into the caller's frame would wreck it for the parent). The
 * kernel suspends only the calling thread until the child has exec'd or
 * exited; the other threads run on, on the same memory.
 *
 * Invariants:
 *   - Every signal is blocked in the caller from before the clone until
 *     after it, so the child starts with all blocked: no handler of the
 *     caller's can run in the child on the caller's memory. The child sets
 *     each handled signal back to SIG_DFL (its own copy of the table: no
 *     CLONE_SIGHAND) before it installs the mask it execs with.
 *   - The child runs with the caller's thread pointer and memory: it makes
 *     raw system calls only, takes no lock of the runtime (a thread of the
 *     caller may hold it, forever from the child's view), writes nothing
 *     but its own stack and the struct child it was given, and never
 *     returns (tb__clone exits with fn's result).
 *   - A failure is reported through struct child's err, which the caller
 *     reads once the clone has returned: with a real vfork the child has
 *     exec'd or exited by then, and its writes are ours. qemu-user emulates
 *     vfork with fork (the child gets a copy); the first spawn tells which
 *     (the child's "ran" reaches our memory or not) and, until the answer
 *     is "shared", the child also writes err to a close-on-exec pipe that
 *     the caller reads to its end (EOF: the exec closed it).
 */
#include <asm/ioctls.h>
#include <asm/siginfo.h>
#include <asm/signal.h>
#include <linux/fcntl.h>
#include <linux/sched.h>
#include <linux/time_types.h>
#include <linux/wait.h>
#include <threadbare/process.h>
#include <threadbare/sys.h>
#include "internal.h"
#include "sys.h"

#ifndef P_PIDFD
#define P_PIDFD 3
#endif
#ifndef CLONE_PIDFD
#define CLONE_PIDFD 0x1000
#endif
#ifdef __NR_fcntl64
#define NR_FCNTL __NR_fcntl64
#else
#define NR_FCNTL __NR_fcntl
#endif

#define STACK_SIZE ((size_t)64 << 10) /* the child's: mapped lazily, a few KiB touched */
#define PATH_BUF 4096		       /* PATH_MAX */
#define NAME_MAX_ 255
#define DEFAULT_PATH "/usr/local/bin:/bin:/usr/bin"
#define KNOWN_FLAGS (TB_PROCESS_SETSID | TB_PROCESS_SETPGROUP | TB_PROCESS_FOREGROUND | TB_PROCESS_PIDFD)

_Static_assert(sizeof(struct tb_sigset) >= ARCH_SIGSET_BYTES, "tb_sigset holds the kernel's set");

struct child {
	const char *path;		 /* the program, or the file to search for */
	const char *search;		 /* the PATH to search, or NULL */
	size_t file_len;
	char *const *argv;
	char *const *envp;
	const struct tb_process_config *cfg;
	struct tb_sigset mask;		 /* the mask it execs with */
	int report_fd;			 /* the pipe's write end, or -1 */
	int ran;			 /* set first thing: shows whether memory is shared */
	int err;			 /* the failure, as -errno */
};

/* 1: the vfork child shares our memory; -1: it has a copy (qemu-user); 0: not known yet */
static int vm_shared;
/* 1: CLONE_PIDFD was refused once (qemu-user, old kernels), so it is not asked again */
static int no_pidfd;

static long sys_close(int fd)
{
	return tb__syscall1(__NR_close, fd);
}

/* ---- the child: raw system calls only (see the header) ---- */

static void reset_handlers(const struct tb_process_config *cfg)
{
	for (int sig = 1; sig <= ARCH_SIGSET_BYTES * 8; sig++) {
		__sighandler_t h = SIG_DFL;

		if (sig == SIGKILL || sig == SIGSTOP)
			continue;
		if (!(cfg->sigdefault && tb_sigset_has(cfg->sigdefault, sig)) &&
		    (arch_sigaction(sig, 0, 0, &h, 0) || h == SIG_DFL || h == SIG_IGN))
			continue;
		arch_sigaction(sig, SIG_DFL, 0, 0, 1);
	}
}

/* Moves the report pipe off fd, which an action is about to use. */
static int keep_report_fd(struct child *c, int fd)
{
	long r;

	if (c->report_fd < 0 || c->report_fd != fd)
		return 0;
	r = tb__syscall3(NR_FCNTL, fd, F_DUPFD_CLOEXEC, 0);
	if (r < 0)
		return (int)r;
	c->report_fd = (int)r;
	sys_close(fd);
	return 0;
}

static int file_action(struct child *c, const struct tb_process_action *a)
{
	long r = keep_report_fd(c, a->fd);

	if (r)
		return (int)r;
	switch (a->op) {
	case TB_PROCESS_DUP2:
		if (a->src != a->fd) {
			r = tb__syscall3(__NR_dup3, a->src, a->fd, 0);
			return r < 0 ? (int)r : 0;
		}
		r = tb__syscall2(NR_FCNTL, a->fd, F_GETFD);
		if (r < 0)
			return (int)r;
		return (int)tb__syscall3(NR_FCNTL, a->fd, F_SETFD, r & ~FD_CLOEXEC);
	case TB_PROCESS_CLOSE:
		r = sys_close(a->fd);
		return r == -EBADF ? 0 : (int)r;
	case TB_PROCESS_OPEN:
		r = tb__syscall4(__NR_openat, AT_FDCWD, a->path, a->oflags | O_LARGEFILE, a->mode);
		if (r >= 0 && r != a->fd) {
			long d = tb__syscall3(__NR_dup3, r, a->fd, 0);

			sys_close((int)r);
			r = d;
		}
		return r < 0 ? (int)r : 0;
	case TB_PROCESS_CHDIR:
		return (int)tb__syscall1(__NR_chdir, a->path);
	default: /* TB_PROCESS_FCHDIR (checked by the caller) */
		return (int)tb__syscall1(__NR_fchdir, a->fd);
	}
}

static int prepare(struct child *c)
{
	const struct tb_process_config *cfg = c->cfg;
	long r;

	reset_handlers(cfg);
	if ((cfg->flags & TB_PROCESS_SETSID) && (r = tb__syscall0(__NR_setsid)) < 0)
		return (int)r;
	if ((cfg->flags & TB_PROCESS_SETPGROUP) && (r = tb__syscall2(__NR_setpgid, 0, cfg->pgroup)))
		return (int)r;
	if (cfg->flags & TB_PROCESS_FOREGROUND) {
		/* (SIGTTOU is blocked: a background group may take the terminal) */
		int pgid = (int)tb__syscall1(__NR_getpgid, 0);

		if ((r = tb__syscall3(__NR_ioctl, cfg->tty_fd, TIOCSPGRP, &pgid)))
			return (int)r;
	}
	for (size_t i = 0; i < cfg->action_count; i++)
		if ((r = file_action(c, &cfg->actions[i])))
			return (int)r;
	return (int)tb__syscall4(__NR_rt_sigprocmask, SIG_SETMASK, &c->mask, 0, ARCH_SIGSET_BYTES);
}

/* execvp's loop: the next directory on ENOENT-like errors, EACCES kept for the end. */
static int exec_search(struct child *c)
{
	char buf[PATH_BUF];
	const char *p = c->search;
	int err = -ENOENT;
	bool denied = false;

	for (;;) {
		const char *q = p;
		size_t n;
		long r;

		while (*q && *q != ':')
			q++;
		n = (size_t)(q - p);
		if (n + 1 + c->file_len + 1 > sizeof(buf)) {
			r = -ENAMETOOLONG;
		} else {
			for (size_t i = 0; i < n; i++)
				buf[i] = p[i];
			if (n) /* an empty entry is the current directory */
				buf[n++] = '/';
			for (size_t i = 0; i <= c->file_len; i++)
				buf[n + i] = c->path[i];
			r = tb__syscall3(__NR_execve, buf, c->argv, c->envp);
		}
		switch (r) {
		case -EACCES:
			denied = true;
			/* fall through */
		case -ENOENT:
		case -ENOTDIR:
		case -ENAMETOOLONG:
		case -ELOOP:
		case -ESTALE:
		case -ENODEV:
		case -ETIMEDOUT:
			err = (int)r;
			break;
		default:
			return (int)r;
		}
		if (!*q)
			return denied ? -EACCES : err;
		p = q + 1;
	}
}

static int child(void *arg)
{
	struct child *c = arg;
	int err;

	__atomic_store_n(&c->ran, 1, __ATOMIC_RELAXED);
	err = prepare(c);
	if (!err)
		err = c->search ? exec_search(c)
				: (int)tb__syscall3(__NR_execve, c->path, c->argv, c->envp);
	if (err >= 0)
		err = -ENOEXEC; /* an execve that returns has failed */
	__atomic_store_n(&c->err, err, __ATOMIC_RELAXED);
	if (c->report_fd >= 0)
		tb__syscall3(__NR_write, c->report_fd, &err, sizeof(err));
	return 127;
}

/* ---- the caller ---- */

static int check(const struct tb_process_config *cfg)
{
	if (cfg->flags & ~(unsigned)KNOWN_FLAGS)
		return -EINVAL;
	if (cfg->action_count && !cfg->actions)
		return -EINVAL;
	for (size_t i = 0; i < cfg->action_count; i++) {
		const struct tb_process_action *a = &cfg->actions[i];

		if (a->op < TB_PROCESS_DUP2 || a->op > TB_PROCESS_FCHDIR)
			return -EINVAL;
		if ((a->op == TB_PROCESS_OPEN || a->op == TB_PROCESS_CHDIR) && !a->path)
			return -EINVAL;
	}
	return 0;
}

/* The failed child's status, which nobody else wants. */
static void reap(int pid)
{
	siginfo_t si;

	while (tb__syscall5(__NR_waitid, P_PID, pid, &si, WEXITED, 0) == -EINTR)
		;
}

static int spawn(struct tb_process *out, struct child *c, const struct tb_process_config *cfg)
{
	static char *const no_env[] = { 0 };
	static const struct tb_process_config defaults;
	struct tb_sigset all, old;
	unsigned long flags = CLONE_VM | CLONE_VFORK | SIGCHLD;
	int fds[2] = { -1, -1 }, pidfd = -1, shared, err = 0;
	long stack, pid, r;

	if (!out || !c->path || !c->argv)
		return -EINVAL;
	if (!cfg)
		cfg = &defaults;
	if ((r = check(cfg)))
		return (int)r;
	if (!tb__rt.page_size)
		return -EPERM;
	c->cfg = cfg;
	c->envp = cfg->envp ? cfg->envp : tb__rt.envp ? tb__rt.envp : no_env;
	c->report_fd = -1;

	stack = tb__sys_mmap(0, STACK_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS);
	if (tb__is_err(stack))
		return -ENOMEM;
	shared = __atomic_load_n(&vm_shared, __ATOMIC_RELAXED);
	if (shared != 1) {
		r = tb__syscall2(__NR_pipe2, fds, O_CLOEXEC);
		if (r) {
			tb__sys_munmap((void *)stack, STACK_SIZE);
			return (int)r;
		}
		c->report_fd = fds[1];
	}
	tb_sigset_fill(&all);
	tb__syscall4(__NR_rt_sigprocmask, SIG_BLOCK, &all, &old, ARCH_SIGSET_BYTES);
	c->mask = cfg->sigmask ? *cfg->sigmask : old;
	if ((cfg->flags & TB_PROCESS_PIDFD) && !__atomic_load_n(&no_pidfd, __ATOMIC_RELAXED))
		flags |= CLONE_PIDFD;
	for (;;) {
		pid = tb__clone(child,
				(char *)stack + (ARCH_STACK_GROWS_UP ? 0 : STACK_SIZE), flags, c,
				(flags & CLONE_PIDFD) ? (uint32_t *)&pidfd : 0, 0, 0);
		if (pid != -EINVAL || !(flags & CLONE_PIDFD))
			break;
		__atomic_store_n(&no_pidfd, 1, __ATOMIC_RELAXED);
		flags &= ~(unsigned long)CLONE_PIDFD;
	}
	tb__syscall4(__NR_rt_sigprocmask, SIG_SETMASK, &old, 0, ARCH_SIGSET_BYTES);

	if (fds[1] >= 0)
		sys_close(fds[1]);
	if (pid > 0 && __atomic_load_n(&c->ran, __ATOMIC_RELAXED)) {
		err = __atomic_load_n(&c->err, __ATOMIC_RELAXED);
		if (shared != 1)
			__atomic_store_n(&vm_shared, 1, __ATOMIC_RELAXED);
	} else if (pid > 0) {
		/* a copy of our memory: the pipe tells (nothing: the exec closed it) */
		size_t got = 0;

		__atomic_store_n(&vm_shared, -1, __ATOMIC_RELAXED);
		while (got < sizeof(err)) {
			r = tb__syscall3(__NR_read, fds[0], (char *)&err + got, sizeof(err) - got);
			if (r == -EINTR)
				continue;
			if (r <= 0)
				break;
			got += (size_t)r;
		}
		if (got != sizeof(err))
			err = 0;
	}
	if (fds[0] >= 0)
		sys_close(fds[0]);
	tb__sys_munmap((void *)stack, STACK_SIZE);
	if (pid < 0)
		return (int)pid;
	if (err) {
		reap((int)pid);
		if (pidfd >= 0)
			sys_close(pidfd);
		return err;
	}
	out->pid = (int)pid;
	out->pidfd = pidfd;
	return 0;
}

int tb_process_spawn(struct tb_process *out, const char *path, char *const argv[],
		     const struct tb_process_config *cfg)
{
	struct child c = { 0 };

	c.path = path;
	c.argv = argv;
	return spawn(out, &c, cfg);
}

int tb_process_spawnp(struct tb_process *out, const char *file, char *const argv[],
		      const struct tb_process_config *cfg)
{
	struct child c = { 0 };
	const char *s;

	c.path = file;
	c.argv = argv;
	if (file) {
		for (s = file; *s && *s != '/'; s++)
			;
		if (!*s) {
			if (s == file)
				return -ENOENT;
			if (s - file > NAME_MAX_)
				return -ENAMETOOLONG;
			c.file_len = (size_t)(s - file);
			c.search = tb_getenv("PATH");
			if (!c.search)
				c.search = DEFAULT_PATH;
		}
	}
	return spawn(out, &c, cfg);
}

int tb_process_wait(int id, int flags, struct tb_process_status *st)
{
	siginfo_t si;
	int type = P_PID;
	long r;

	if (flags & ~(TB_PROCESS_NOHANG | TB_PROCESS_BY_PIDFD))
		return -EINVAL;
	if (flags & TB_PROCESS_BY_PIDFD) {
		if (id < 0)
			return -EINVAL;
		type = P_PIDFD;
	} else if (id == TB_PROCESS_ANY) {
		type = P_ALL;
		id = 0;
	} else if (id <= 0) {
		return -EINVAL;
	}
	si.si_pid = 0; /* WNOHANG with nothing to report leaves it zero */
	r = tb__syscall5(__NR_waitid, type, id, &si,
			 WEXITED | ((flags & TB_PROCESS_NOHANG) ? WNOHANG : 0), 0);
	if (r < 0)
		return (int)r;
	if (!si.si_pid)
		return 0;
	if (st) {
		st->pid = si.si_pid;
		st->exited = si.si_code == CLD_EXITED;
		st->killed = !st->exited;
		st->core_dumped = si.si_code == CLD_DUMPED;
		st->code = st->exited ? si.si_status : 0;
		st->signal = st->exited ? 0 : si.si_status;
	}
	return si.si_pid;
}

int tb_process_kill(int id, int sig, int flags)
{
	if (flags & ~TB_PROCESS_BY_PIDFD)
		return -EINVAL;
	if (flags & TB_PROCESS_BY_PIDFD) {
#ifdef __NR_pidfd_send_signal
		return (int)tb__syscall4(__NR_pidfd_send_signal, id, sig, 0, 0);
#else
		return -ENOSYS;
#endif
	}
	return (int)tb__syscall2(__NR_kill, id, sig);
}

/* ---- signal masks ---- */

int tb_signal_mask(int how, const struct tb_sigset *set, struct tb_sigset *old)
{
	static const int hows[] = { SIG_BLOCK, SIG_UNBLOCK, SIG_SETMASK };
	struct tb_sigset o;
	long r;

	if (how < 0 || how > 2)
		return -EINVAL;
	tb_sigset_empty(&o);
	r = tb__syscall4(__NR_rt_sigprocmask, hows[how], set, &o, ARCH_SIGSET_BYTES);
	if (!r && old)
		*old = o;
	return (int)r;
}

#if !defined(__NR_rt_sigtimedwait_time64)
#define NR_SIGTIMEDWAIT __NR_rt_sigtimedwait, -1
#elif defined(__NR_rt_sigtimedwait)
#define NR_SIGTIMEDWAIT __NR_rt_sigtimedwait_time64, __NR_rt_sigtimedwait
#else
#define NR_SIGTIMEDWAIT __NR_rt_sigtimedwait_time64, -1
#endif

int tb_signal_wait(const struct tb_sigset *set, int64_t timeout_ns)
{
	struct __kernel_timespec ts, *t = 0;

	if (timeout_ns >= 0) {
		ts.tv_sec = timeout_ns / 1000000000;
		ts.tv_nsec = timeout_ns % 1000000000;
		t = &ts;
	}
	return (int)tb__syscall_ts(NR_SIGTIMEDWAIT, (long)set, 0, (long)t, ARCH_SIGSET_BYTES, 2, -1);
}
