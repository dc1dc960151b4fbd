#ifndef THREADBARE_THREAD_H
#define THREADBARE_THREAD_H

#include "types.h"
#include "signal.h"

#ifndef TB_NORETURN
#ifdef __cplusplus
#define TB_NORETURN [[noreturn]] /* the headers also serve C++ (inside extern "C") */
#else
#define TB_NORETURN _Noreturn
#endif
#endif

#define TB_THREAD_NAME_MAX 15
#define TB_THREAD_STACK_DEFAULT ((__SIZE_TYPE__)16 << 20)

/*
 * struct tb_thread * is an opaque handle, not an address: compare handles
 * with ==, never dereference one. A handle is valid from tb_thread_spawn
 * until tb_thread_join (or a tb_thread_timedjoin that returned 0) or
 * tb_thread_detach; after that it is stale, and every call that takes it
 * (join, timedjoin, detach, kill, names, affinity, stack) returns -ESRCH
 * and touches no thread, whatever threads were spawned since. A NULL handle
 * gives -EINVAL where NULL does not mean the caller. A thread may go on
 * using its own handle (tb_thread_self) after it detached itself.
 * Limit: handles are a slot and a generation, and the slot of a thread's
 * mapping is reused by later spawns on it (stack cache); a stale handle
 * names a new thread again only after 2^32 later spawns on the same slot
 * (2^16 on 32-bit targets). At most 2^22 (32-bit: 65535) threads and
 * cached mappings exist at once; a spawn beyond returns -EAGAIN.
 * Undefined: a call on a handle that overlaps its own join or detach (as
 * any use of an object during its destruction).
 */
struct tb_thread;

/*
 * Spawn options; NULL or a zeroed field means the default.
 *   stack_size  bytes of stack, rounded up to pages (default 16 MiB, reserved
 *               and committed lazily)
 *   guard_size  bytes of PROT_NONE guard below the stack, rounded up to pages
 *               (default one page)
 *   name        the thread's name (at most TB_THREAD_NAME_MAX bytes): what
 *               tb_thread_get_name returns as soon as tb_thread_spawn has
 *               returned; the kernel's copy (ps, /proc) is set by the thread
 *               before fn runs
 *   sigmask     the thread's signal mask from its first instruction on
 *               (default: the spawning thread's mask). Spawn blocks every
 *               signal around the clone and the thread sets this mask once
 *               its TLS, control block and alternate stack are ready, so
 *               no handler ever runs on a half-made thread, and a signal
 *               this mask blocks never runs a handler on it. Signals beyond
 *               the kernel's count are left out; SIGKILL, SIGSTOP cannot be
 *               blocked.
 *   alt_stack_size  bytes of alternate signal stack (sigaltstack) for the
 *               thread, carved from its mapping, for handlers installed
 *               with TB_SIGNAL_ONSTACK (<threadbare/signal.h>); rounded up
 *               to pages and to at least TB_THREAD_ALT_STACK_MIN (default:
 *               none, or the overflow report's when it is on: the larger
 *               of the two serves both)
 */
struct tb_thread_config {
	__SIZE_TYPE__ stack_size;
	__SIZE_TYPE__ guard_size;
	const char *name;
	const struct tb_sigset *sigmask;
	__SIZE_TYPE__ alt_stack_size;
};

#define TB_THREAD_CONFIG_INIT { 0, 0, 0, 0, 0 }
/* A signal frame with a CPU's whole vector state can take tens of KiB. */
#define TB_THREAD_ALT_STACK_MIN ((__SIZE_TYPE__)64 << 10)

/*
 * Starts fn(arg) on a new kernel thread and stores its handle in *out.
 * Exactly one of tb_thread_join or tb_thread_detach must follow.
 * Returns 0, or:
 *   -EINVAL  out or fn is NULL
 *   -ERANGE  cfg->name is longer than TB_THREAD_NAME_MAX
 *   -ENOMEM  the mapping cannot be made (size overflow, mmap or mprotect failed)
 *            (also: stack, guard or alternate stack size above SIZE_MAX / 4)
 *   -EAGAIN  the kernel refused another thread (clone failed)
 *   -EPERM   the runtime is not initialised (tb_init has not run)
 * On failure *out is untouched and nothing is left mapped.
 */
int tb_thread_spawn(struct tb_thread **out, const struct tb_thread_config *cfg,
		    int (*fn)(void *arg), void *arg);

/*
 * Waits for t to finish, frees it and returns fn's return value (or
 * tb_thread_exit's). Returns, with nothing changed:
 *   -EINVAL   t is NULL or the main thread
 *   -EDEADLK  t is the caller
 *   -ESRCH    t is stale: joined or detached already
 *   -ECANCELED tb_thread_interrupt ended the wait (t is still to be joined)
 * A thread whose fn may return a negative value is joined with
 * tb_thread_join_result, which keeps the two apart.
 */
int tb_thread_join(struct tb_thread *t);

/*
 * tb_thread_join that stores fn's result in *result (unless result is
 * NULL) and returns 0, or returns tb_thread_join's errno with nothing
 * changed.
 */
int tb_thread_join_result(struct tb_thread *t, int *result);

/*
 * tb_thread_join with a time limit: waits at most timeout_ns nanoseconds
 * (negative: no limit) for t to finish. On success frees t, stores fn's
 * result (or tb_thread_exit's) in *result unless result is NULL, and
 * returns 0. Returns, with t untouched and still to be joined or detached:
 *   -ETIMEDOUT  t has not finished in time
 *   -ECANCELED  tb_thread_interrupt ended the wait
 *   -EINVAL     t is NULL or the main thread
 *   -EDEADLK    t is the caller
 *   -ESRCH      t is stale: joined or detached already
 */
int tb_thread_timedjoin(struct tb_thread *t, __INT64_TYPE__ timeout_ns, int *result);

/*
 * Ends the calling thread as if its fn had returned result: its exit
 * callbacks and key destructors run, then a joiner sees result.
 * From the main thread: the main thread ends (its callbacks and key
 * destructors run) and the other threads run on; when the last of them
 * ends, .fini_array runs and the process exits with status 0.
 */
TB_NORETURN void tb_thread_exit(int result);

/*
 * Registers fn(arg) to run in the calling thread when it ends (fn returns or
 * tb_thread_exit), before a joiner sees its result. Callbacks run newest
 * first, any number of them; one may register another, which then runs next.
 * The calling thread's callbacks also run at tb_exit and at the return from
 * main, before .fini_array.
 * Returns 0, or -EINVAL (fn is NULL), -ENOMEM (no memory for the record),
 * -EPERM (the runtime is not initialised).
 */
int tb_thread_at_exit(void (*fn)(void *arg), void *arg);

/*
 * Lets t free itself when it ends; the handle is stale from now on, for
 * every thread but t itself. Returns 0, or:
 *   -EINVAL  t is NULL
 *   -ESRCH   t is stale: joined or detached already
 */
int tb_thread_detach(struct tb_thread *t);

/* The calling thread (the main thread included). */
struct tb_thread *tb_thread_self(void);

/* Kernel tid of the caller, cached in its control block (tb_fork refreshes it). */
__UINT32_TYPE__ tb_thread_id(void);

/*
 * Names thread t (NULL: the caller), or another thread of this process that
 * has not finished. threadbare records the name (tb_thread_get_name returns
 * it) and sets the kernel's copy: prctl for the caller, for another thread
 * /proc/self/task/<tid>/comm. Without /proc mounted (a minimal init), the
 * name is still recorded and 0 returned, but the kernel's copy of another
 * thread's name keeps its old value.
 * Returns 0, or:
 *   -ERANGE  name is longer than TB_THREAD_NAME_MAX
 *   -EINVAL  name is NULL
 *   -ESRCH   t has finished (its fn returned or it called tb_thread_exit),
 *            or t is stale
 *   the errno of prctl or of the /proc write; nothing is changed then
 * A thread that finishes during the call may still be named; the tid is held
 * while /proc is opened, so the kernel name of another thread that reused
 * t's tid is never changed.
 */
int tb_thread_set_name(struct tb_thread *t, const char *name);

/*
 * Copies t's name (NULL: the caller), NUL-terminated, into buf and returns
 * its length. The name given at spawn or by tb_thread_set_name; a thread never
 * named through threadbare (the main thread, a thread spawned without a
 * name) gets its kernel name, through /proc for another thread.
 * Returns the length, or:
 *   -EINVAL  buf is NULL
 *   -ESRCH   t is another thread that has finished, or t is stale
 *   the errno of prctl or of /proc (-ENOENT: another, never-named thread and
 *   no /proc mounted)
 * A thread that finishes during the call may still have its name returned.
 */
int tb_thread_get_name(struct tb_thread *t, char buf[TB_THREAD_NAME_MAX + 1]);

/*
 * Sends signal sig to thread t (tgkill). Never signals another thread that
 * reused t's tid: once t has finished it returns -ESRCH. sig 0 checks only.
 * A signal handler may call it (threadbare.h), unless it interrupted a call
 * of its own thread on the same t (kill, naming, affinity): that call holds
 * t's lock, and the handler would wait for itself. The same holds for
 * tb_thread_get_name, tb_thread_set_name and the affinity calls.
 * Returns 0, or:
 *   -EINVAL  t is NULL or sig is not a valid signal
 *   -ESRCH   t has finished (its fn returned or it called tb_thread_exit),
 *            or t is stale
 *   -EPERM   the kernel refused
 */
int tb_thread_kill(struct tb_thread *t, int sig);

/*
 * Interruption (not POSIX cancellation: nothing unwinds, and only calls that
 * say they are interruptible ever end early). tb_thread_interrupt(t) makes
 * t's current interruptible call, or its next one, return -ECANCELED; that
 * return consumes the request (several requests before it are one). The
 * interruptible calls are tb_syscall_interruptible (<threadbare/sys.h>),
 * tb_sleep_ns, tb_clock_sleep_ns, tb_futex_wait, tb_cond_wait,
 * tb_cond_timedwait, tb_sem_wait, tb_sem_timedwait, tb_wait_group_wait,
 * tb_event_wait, tb_event_timedwait and the joins; no other call
 * of threadbare's is (a mutex, rwlock, once or barrier wait is not: its
 * caller could not tell a cancelled wait from a held lock, and a barrier's
 * other parties would wait for it for good; C11's calls are not, as C11
 * callers expect no such error). The window between a call's check of the
 * request and its system call is closed per ABI (core/base/interrupt.c):
 * a request is never lost and never ends a call made after it was consumed.
 *
 * It works by a signal, tb_interrupt_signal(0) (32, SIGRTMIN, the one glibc
 * and musl keep for their own cancellation), whose handler the first
 * tb_thread_interrupt installs with SA_RESTART: any other call the signal
 * hits goes on as if it had not come. A thread that blocks the signal is
 * interrupted only at its next interruptible call. tb_signal_action refuses
 * the signal once it is the runtime's.
 * tb_thread_interrupt returns 0, or:
 *   -EINVAL  t is NULL
 *   -ESRCH   t has finished, or t is stale
 *   -EBUSY   the program has its own handler on the interrupt signal
 * A signal handler may call it, as tb_thread_kill.
 */
int tb_thread_interrupt(struct tb_thread *t);

/*
 * Chooses the interrupt signal (sig > 0) and installs its handler now, or
 * (sig 0) returns the signal in use or to be used. Returns 0, or:
 *   -EINVAL  sig is not a signal of this kernel, or SIGKILL or SIGSTOP
 *   -EBUSY   another signal is already the interrupt signal, or sig has a
 *            handler (or is ignored) already: the program's own is never replaced
 */
int tb_interrupt_signal(int sig);

/*
 * Takes the caller's pending interrupt request, if it has one: returns true
 * and consumes it (a computing loop's check), else false.
 */
bool tb_interrupt_take(void);

/*
 * Joined and detached threads' mappings are kept (at most 8, 256 MiB of
 * address space) for reuse by later spawns of the same size. This unmaps
 * them all, waiting for detached threads that are still exiting.
 */
void tb_thread_cache_trim(void);

void tb_thread_yield(void);

/* Sleeps at least ns nanoseconds (resumes after signals). Returns 0, or
 * -ECANCELED: tb_thread_interrupt ended it early. */
int tb_sleep_ns(__UINT64_TYPE__ ns);

/* CPUs in the caller's affinity mask (at least 1), or -errno. */
long tb_cpu_count(void);

/*
 * The CPU the caller runs on (>= 0; it may have moved by the time the caller
 * looks), read from the caller's rseq area when it is registered
 * (<threadbare/rseq.h>), else from getcpu. Async-signal-safe; works before
 * tb_init too (getcpu). Returns the CPU, or -ENOSYS (a kernel without
 * getcpu) or another errno getcpu gives.
 */
int tb_cpu_current(void);

/*
 * CPU affinity of thread t (NULL: the caller), a bit per CPU in mask, an
 * array of unsigned long as the kernel's and cpu_set_t are (CPU n is bit
 * n % W of word n / W, W the bits of an unsigned long), for any number of
 * CPUs: the kernel's mask size in bytes is tb_thread_get_affinity(t, NULL, 0).
 * tb_thread_get_affinity stores t's mask in mask and zeroes the rest of
 * bytes; returns the kernel's mask size, or:
 *   -EINVAL  bytes is below the kernel's mask size (or mask NULL, bytes not 0)
 *   -ESRCH   t has finished, or t is stale
 * tb_thread_set_affinity sets t's mask from bytes bytes of mask (CPUs the
 * kernel has not got are ignored; missing bytes count as 0); returns 0, or:
 *   -EINVAL  mask is NULL, bytes 0, or no CPU of mask is usable
 *   -ESRCH   t has finished, or t is stale
 *   -EPERM   the caller may not change t (another process's rules)
 */
int tb_thread_get_affinity(struct tb_thread *t, void *mask, __SIZE_TYPE__ bytes);
int tb_thread_set_affinity(struct tb_thread *t, const void *mask, __SIZE_TYPE__ bytes);

/*
 * The usable stack of thread t (NULL: the caller), which has not finished:
 * *lo is its lowest address and *size its bytes, the guard page(s) excluded;
 * for what a garbage collector scans. A spawned thread's comes from its
 * mapping. The main thread's is the initial stack as glibc's
 * pthread_getattr_np reports it: from the page above the initial stack
 * pointer down by RLIMIT_STACK, but not below the mapping under the stack
 * (read from /proc/self/maps).
 * Returns 0, or:
 *   -EINVAL  lo or size is NULL
 *   -ESRCH   t has finished, or t is stale
 *   -ENOENT  the main thread's, with /proc not mounted
 *   -EOPNOTSUPP  the main thread's, when the program's own start code called
 *            tb_init (the initial stack pointer is unknown)
 */
int tb_thread_stack(struct tb_thread *t, void **lo, __SIZE_TYPE__ *size);

/*
 * Turns on the stack-overflow report (off by default), for the process from
 * now on. A fault in the guard pages of the calling thread or of a thread
 * spawned afterwards prints
 *     threadbare: thread '<name>' (tid N) overflowed its stack
 * to fd 2, and the process then dies of SIGSEGV exactly as without the
 * report; any other SIGSEGV is raised again untouched (no message). It
 * installs a SIGSEGV handler, and gives each of those threads an alternate
 * signal stack: 64 KiB carved from a new thread's own mapping, a mapping of
 * its own for the caller. Threads spawned earlier, other than the caller,
 * have none (unless spawned with an alt_stack_size: the report uses that
 * one): their overflow ends in SIGSEGV without the line. For the main
 * thread, a fault within 1 MiB of the lowest address tb_thread_stack gives
 * counts (nothing is known without /proc). Calling it again does nothing.
 * Returns 0, or:
 *   -EBUSY   a SIGSEGV handler is installed already (a runtime's own)
 *   -ENOMEM  no memory for the caller's alternate stack
 *   -EPERM   the runtime is not initialised
 */
int tb_thread_report_overflows(void);

/*
 * The live threads, for a stop-the-world collector: what tb_thread_visit
 * hands its fn for each one.
 *   thread    its handle (for a detached thread: stale for every thread but
 *             itself, calls on it return -ESRCH; signal it by tid)
 *   tid       its kernel tid: names it until the visit returns (a listed
 *             thread cannot end meanwhile, see below), so tgkill on it
 *             cannot hit another thread
 *   stack_lo, stack_hi  its usable stack [lo, hi), as tb_thread_stack gives
 *             it (the main thread's: both NULL where that fails: no /proc,
 *             or the program's own start code called tb_init)
 */
struct tb_thread_entry {
	struct tb_thread *thread;
	__UINT32_TYPE__ tid;
	void *stack_lo;
	void *stack_hi;
};

/*
 * Calls fn(entry, arg) once for each live thread, the caller and the main
 * thread included, in no set order, and then once more with entry NULL,
 * still under the lock. fn returns 0 to go on; any other value stops the
 * visit, and tb_thread_visit returns it (positive values keep it apart from
 * the errnos below). A collector stops the threads from fn (tgkill on tid,
 * a handler that waits), and waits for them, reads their stacks and lets
 * them go in the NULL call: after the visit, a thread may end before its
 * stop signal is delivered, and the collector would wait for it forever. The visit is a snapshot: it holds the
 * thread list's lock, which a spawn takes around its clone and an ending
 * thread takes after its exit callbacks and key destructors ran, so
 *   - every thread whose tb_thread_spawn returned before the visit began,
 *     and which has not yet finished its exit callbacks, is seen exactly
 *     once; a thread whose spawn runs at the same time is seen once or not
 *     at all (its spawn returns after the visit);
 *   - no thread seen ends before the visit returns (an ending one waits),
 *     so its tid, stack and handle (unless detached) stay valid throughout;
 *   - the list lock is held only with every signal blocked (spawn, exit),
 *     so a thread stopped in a signal handler never holds it: a collector
 *     may stop threads with signals and then visit, or visit and stop
 *     them from fn.
 * fn must not spawn threads, end one (its own included), or join or wait
 * for one to end: those wait for the visit. A signal handler
 * that interrupted a visit must not visit either.
 * Returns 0, fn's value, or:
 *   -EINVAL   fn is NULL
 *   -EDEADLK  the calling thread is inside a visit already (fn, or a
 *             handler that interrupted one)
 *   -EPERM    the runtime is not initialised (tb_init has not run)
 */
int tb_thread_visit(int (*fn)(const struct tb_thread_entry *entry, void *arg), void *arg);

#endif
