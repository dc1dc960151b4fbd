/*
 * tb_fork and tb_atfork.
 *
 * tb_fork makes the child whole. The child has one thread, the forker, and a
 * copy of memory in which another thread may have held any lock; so every
 * lock the runtime owns is either held by the forker across the fork or
 * reinitialised in the child. Held across, taken in this order and released
 * (in parent and child) in the reverse one:
 *
 *   1. the tb_atfork table's mutex (here), with its owner: the handlers run under it
 *   -- user prepare handlers, newest first; then all signals blocked --
 *   2. the forker's name lock (t->name_lock: tb_thread_set_name/get_name on it)
 *   3. the forker's tid lock (tb__tid_hold: kill, /proc naming, affinity on it)
 *   4. the overflow report's lock (core/thread/overflow.c)
 *   5. the key table's mutex (core/thread/tss.c)
 *   6. the block allocator's mutex (core/alloc.c)
 *   7. the stack cache's lock (core/thread/thread.c)
 *   -- parent and child: 7..2 released, the signal mask restored; user parent
 *      or child handlers, oldest first; then 1 released --
 *
 * The mutexes (1, 5, 6) are reinitialised in the child rather than unlocked
 * (a waiter of the parent's is not there to be woken). Reset in the child,
 * because no thread but the forker exists there: the live-thread count (1),
 * the tid words of cached mappings (0), and, through a tb_atfork child
 * handler, core/c11/threads.c's start records (free: no thrd_create is under
 * way in the child). The forker's tid word is the child's tid, registered
 * with set_tid_address, so that when the forker ends in the child the kernel
 * clears it and wakes its joiner, as for any thread.
 *
 * Order: the runtime nests only name lock -> tid lock (tb_thread_set_name
 * on another thread) and takes nothing else while it holds 2..7, so this
 * fixed order cannot deadlock against any other thread. Signals are blocked
 * while 2..7 are held: a handler may call tb_thread_get_name(NULL, ...) or
 * tb_thread_kill(tb_thread_self(), ...) (threadbare.h), which need 2 and 3.
 * tb_fork is therefore not async-signal-safe, and a fork handler must not
 * call tb_fork or tb_atfork (both return -EDEADLK there).
 */
#include <threadbare/mutex.h>
#include <threadbare/sys.h>
#include "internal.h"
#include "sys.h"

/* Fork handlers of the files that may be left out of a program: their
 * definitions replace these when the file is linked. */
__attribute__((weak)) void tb__tss_fork(int phase)
{
	(void)phase;
}

__attribute__((weak)) void tb__overflow_fork(int phase)
{
	(void)phase;
}

static struct {
	struct tb_mutex lock;
	struct tb__thread *owner;	/* the thread in tb_fork, for -EDEADLK */
	unsigned n;
	struct {
		void (*prepare)(void), (*parent)(void), (*child)(void);
	} h[TB_ATFORK_MAX];
} atfork;

int tb_atfork(void (*prepare)(void), void (*parent)(void), void (*child)(void))
{
	int r = -ENOMEM;

	if (!tb__rt.page_size)
		return -EPERM;
	if (__atomic_load_n(&atfork.owner, __ATOMIC_RELAXED) == tb__self())
		return -EDEADLK;
	if (!prepare && !parent && !child)
		return 0;
	tb_mutex_lock(&atfork.lock);
	if (atfork.n < TB_ATFORK_MAX) {
		atfork.h[atfork.n].prepare = prepare;
		atfork.h[atfork.n].parent = parent;
		atfork.h[atfork.n].child = child;
		atfork.n++;
		r = 0;
	}
	tb_mutex_unlock(&atfork.lock);
	return r;
}

/* The forker's own locks (2 and 3 above); t->tid is rewritten in the child under both. */
static bool self_locks(struct tb__thread *t)
{
	while (__atomic_exchange_n(&t->name_lock, 1, __ATOMIC_ACQUIRE))
		tb__syscall0(__NR_sched_yield);
	return tb__tid_hold(t);
}

static void self_unlock(struct tb__thread *t, bool tid_held)
{
	if (tid_held)
		tb__tid_release(t);
	__atomic_store_n(&t->name_lock, 0, __ATOMIC_RELEASE);
}

long tb_fork(void)
{
	struct tb__thread *self;
	struct tb__sigset mask;
	bool tid_held;
	int phase;
	unsigned n;
	long r;

	if (!tb__rt.page_size)
		return arch_fork();
	self = tb__self();
	if (__atomic_load_n(&atfork.owner, __ATOMIC_RELAXED) == self)
		return -EDEADLK; /* from a fork handler */
	tb_mutex_lock(&atfork.lock);
	__atomic_store_n(&atfork.owner, self, __ATOMIC_RELAXED);
	n = atfork.n;
	for (unsigned i = n; i-- > 0;)
		if (atfork.h[i].prepare)
			atfork.h[i].prepare();

	tb__sys_block_signals(&mask);
	tid_held = self_locks(self);
	tb__overflow_fork(TB__FORK_PREPARE);
	tb__tss_fork(TB__FORK_PREPARE);
	tb__alloc_fork(TB__FORK_PREPARE);
	tb__thread_fork(TB__FORK_PREPARE);
	r = arch_fork();
	phase = r == 0 ? TB__FORK_CHILD : TB__FORK_PARENT;
	if (r == 0) {
		self->tid = (uint32_t)tb__syscall1(__NR_set_tid_address, &self->tid);
		self->interrupt = 0; /* a request pending on the forker was for the parent's thread */
	}
	tb__thread_fork(phase);
	tb__alloc_fork(phase);
	tb__tss_fork(phase);
	tb__overflow_fork(phase);
	self_unlock(self, tid_held);
	tb__sys_sigmask(&mask);

	for (unsigned i = 0; i < n; i++) {
		void (*h)(void) = r == 0 ? atfork.h[i].child : atfork.h[i].parent;

		if (h)
			h();
	}
	__atomic_store_n(&atfork.owner, (struct tb__thread *)0, __ATOMIC_RELAXED);
	if (r == 0)
		atfork.lock = (struct tb_mutex)TB_MUTEX_INIT;
	else
		tb_mutex_unlock(&atfork.lock);
	return r;
}
