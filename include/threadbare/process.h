/*
 * Processes: starting a program from a threaded process, waiting for it,
 * signalling it. The signal sets and masks it uses are <threadbare/signal.h>.
 *
 * Signal numbers, open flags and modes are the kernel's: take them from the
 * UAPI headers (<asm/signal.h>, <linux/fcntl.h>), which differ between ABIs.
 */
#ifndef THREADBARE_PROCESS_H
#define THREADBARE_PROCESS_H

#include "types.h"
#include "signal.h" /* struct tb_sigset, tb_signal_mask: here before signal.h existed */

/*
 * A file action, applied in the child in array order before the exec:
 *   TB_PROCESS_DUP2    dup2(src, fd); with src == fd, clears fd's close-on-exec
 *   TB_PROCESS_CLOSE   close(fd); an fd that is not open is not an error
 *   TB_PROCESS_OPEN    open(path, oflags, mode) as fd
 *   TB_PROCESS_CHDIR   chdir(path)
 *   TB_PROCESS_FCHDIR  fchdir(fd)
 * The macros build one: (struct tb_process_action[]){ TB_PROCESS_ACTION_DUP2(p[1], 1) }.
 */
enum {
	TB_PROCESS_DUP2 = 1,
	TB_PROCESS_CLOSE,
	TB_PROCESS_OPEN,
	TB_PROCESS_CHDIR,
	TB_PROCESS_FCHDIR,
};

struct tb_process_action {
	int op;
	int fd;
	int src;
	int oflags;
	unsigned mode;
	const char *path;
};

#define TB_PROCESS_ACTION_DUP2(from, to) { TB_PROCESS_DUP2, (to), (from), 0, 0, 0 }
#define TB_PROCESS_ACTION_CLOSE(f) { TB_PROCESS_CLOSE, (f), 0, 0, 0, 0 }
#define TB_PROCESS_ACTION_OPEN(f, p, flags, m) { TB_PROCESS_OPEN, (f), 0, (flags), (m), (p) }
#define TB_PROCESS_ACTION_CHDIR(p) { TB_PROCESS_CHDIR, 0, 0, 0, 0, (p) }
#define TB_PROCESS_ACTION_FCHDIR(f) { TB_PROCESS_FCHDIR, (f), 0, 0, 0, 0 }

/* tb_process_config's flags */
#define TB_PROCESS_SETSID 0x1     /* a new session (setsid) */
#define TB_PROCESS_SETPGROUP 0x2  /* setpgid(0, pgroup): pgroup 0 is a new group */
#define TB_PROCESS_FOREGROUND 0x4 /* the child's group becomes tty_fd's foreground */
#define TB_PROCESS_PIDFD 0x8      /* a pidfd in tb_process's pidfd, where the kernel has them */

/*
 * Spawn options; NULL, or a zeroed field, means the default.
 *   envp        the child's environment (default: the caller's)
 *   actions     action_count file actions, applied in order
 *   sigmask     the child's signal mask (default: the calling thread's)
 *   sigdefault  signals whose action is reset to the default in the child
 *               even when the caller ignores them (default: none; handled
 *               signals are always reset, ignored ones stay ignored)
 *   pgroup      the group joined with TB_PROCESS_SETPGROUP (0: a new one)
 *   tty_fd      the terminal of TB_PROCESS_FOREGROUND
 *   flags       TB_PROCESS_* above
 * The order in the child: signal actions, setsid, setpgid, foreground,
 * file actions, signal mask, exec.
 */
struct tb_process_config {
	char *const *envp;
	const struct tb_process_action *actions;
	__SIZE_TYPE__ action_count;
	const struct tb_sigset *sigmask;
	const struct tb_sigset *sigdefault;
	int pgroup;
	int tty_fd;
	unsigned flags;
};

/* A started child: its pid, and its pidfd (-1: none asked for, or none to be had). */
struct tb_process {
	int pid;
	int pidfd;
};

/*
 * Starts the program at path with argv (NULL-terminated, argv[0] first)
 * as a child of the calling process, without copying the process: the
 * child runs on a small stack of its own and shares the caller's memory
 * until its exec (CLONE_VM | CLONE_VFORK), with every signal blocked, so
 * only the calling thread waits for the exec; the other threads run on.
 * Returns 0 once the program is running (*out filled), or -errno with
 * nothing left behind (the failed child is reaped):
 *   -EINVAL  out, path or argv is NULL, an unknown flag or action, an
 *            action's path is NULL
 *   -EPERM   the runtime is not initialised (tb_init has not run)
 *   -ENOMEM, -EAGAIN  no memory for the child's stack, or the kernel
 *            refused a process
 *   the execve's errno (-ENOENT, -EACCES, -ENOEXEC, ...), or that of the
 *   first file action, setsid, setpgid or foreground change that failed
 * With TB_PROCESS_PIDFD, out->pidfd is a close-on-exec pidfd where the
 * kernel gives one (CLONE_PIDFD, Linux 5.2), else -1. The child's status is
 * the caller's to collect (tb_process_wait); a pidfd, to close.
 */
int tb_process_spawn(struct tb_process *out, const char *path, char *const argv[],
		     const struct tb_process_config *cfg);

/*
 * tb_process_spawn with a PATH search: file with no '/' is tried in each
 * directory of the caller's PATH (default "/usr/local/bin:/bin:/usr/bin")
 * in turn, as execvp does, except that a file the kernel will not run
 * (-ENOEXEC) is not handed to a shell. The errors are tb_process_spawn's;
 * when no directory has it: -EACCES if one had it but refused, else
 * -ENOENT; -ENOENT for an empty file, -ENAMETOOLONG for a name over 255 bytes.
 */
int tb_process_spawnp(struct tb_process *out, const char *file, char *const argv[],
		      const struct tb_process_config *cfg);

/* What tb_process_wait saw: exited with code, or killed by signal (core: dumped core). */
struct tb_process_status {
	int pid;
	bool exited;
	bool killed;
	bool core_dumped;
	int code;
	int signal;
};

#define TB_PROCESS_ANY (-1) /* tb_process_wait's id: any child */

/* tb_process_wait's and tb_process_kill's flags */
#define TB_PROCESS_NOHANG 0x1   /* return 0 at once if no child has ended yet */
#define TB_PROCESS_BY_PIDFD 0x2 /* id is a pidfd (waitid P_PIDFD: Linux 5.4) */

/*
 * Waits for a child to end and reaps it (waitid with WEXITED): the child
 * with pid id, the one behind pidfd id (TB_PROCESS_BY_PIDFD), or any child
 * (TB_PROCESS_ANY). Stores what happened in *st (unless NULL) and returns
 * the child's pid; with TB_PROCESS_NOHANG returns 0 when none has ended yet.
 * Errors:
 *   -ECHILD  no such child (or it was reaped already)
 *   -EINVAL  an unknown flag, or id < -1 (or < 0 with a pidfd)
 *   -EINTR   a signal handler ran
 *   -EBADF   id is not a pidfd (TB_PROCESS_BY_PIDFD)
 */
int tb_process_wait(int id, int flags, struct tb_process_status *st);

/*
 * Sends sig to the process pid (a negative pid: to the process group -pid,
 * as kill does), or to the process behind pidfd id with TB_PROCESS_BY_PIDFD
 * (pidfd_send_signal, Linux 5.1, which cannot hit a recycled pid). Returns
 * 0, or -ESRCH (no such process), -EPERM, -EINVAL (a bad signal or flag),
 * -EBADF (not a pidfd).
 */
int tb_process_kill(int id, int sig, int flags);

#endif
