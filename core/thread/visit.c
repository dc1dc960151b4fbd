/*
 * The list of live threads (tb_thread_visit), for stop-the-world collectors.
 * Linked only by programs that call tb_thread_visit: core/thread/thread.c
 * reaches it through weak references (tb__list_*, core/sys.h), so a
 * program that never visits keeps no list and takes no lock at spawn or exit.
 *
 * Invariants:
 *   - the list holds every thread from its clone (under the lock, in
 *     tb_thread_spawn) to the end of its exit work (finish unlinks it under
 *     the lock before it is marked COMPLETED); the main thread from the
 *     first time the lock is taken (list_start);
 *   - spawn and exit hold the lock only with every signal blocked, and wait
 *     for it with their own mask (tb__list_enter): a thread stopped in a
 *     signal handler never holds it, and one waiting for it can be stopped;
 *   - a visit holds it throughout, so no listed thread ends meanwhile: its
 *     tid, stack and control block stay valid.
 */
#include <threadbare/thread.h>
#include "../internal.h"
#include "../sys.h"
#include "handle.h"

/*
 * The live-thread list: a futex lock (0 free, 1 held, 2 held with waiters),
 * the visiting thread's tid while a visit holds it, and the list.
 */
static uint32_t list_lock;
static uint32_t list_visitor;
static struct tb__thread *list_head;

/* to: 1, or 2 once this thread has waited (others may wait too: unlock must wake) */
static bool list_trylock(uint32_t to)
{
	uint32_t free = 0;

	return __atomic_compare_exchange_n(&list_lock, &free, to, false, __ATOMIC_ACQUIRE,
					   __ATOMIC_RELAXED);
}

static void list_wait(void)
{
	uint32_t v = __atomic_load_n(&list_lock, __ATOMIC_RELAXED);

	while (v) {
		if (v == 2 || __atomic_compare_exchange_n(&list_lock, &v, 2, false,
							  __ATOMIC_RELAXED, __ATOMIC_RELAXED))
			tb__futex_wait(&list_lock, 2, -1, false);
		v = __atomic_load_n(&list_lock, __ATOMIC_RELAXED);
	}
}

static void list_unlock(void)
{
	if (__atomic_exchange_n(&list_lock, 0, __ATOMIC_RELEASE) == 2)
		tb__futex_wake(&list_lock, 1, false);
}

/*
 * The list starts with the thread that first takes the lock (a spawn, an
 * exit or a visit): the main thread, the only one there is until it spawns
 * (tb_fork's child starts it again). It gets its handle then, while no
 * other thread can race its own tb_thread_self.
 */
static bool list_started;

static void list_start(void)
{
	struct tb__thread *t = tb__self();

	list_started = true;
	t->list_next = t->list_prev = NULL;
	list_head = t;
	if (!t->handle)
		tb__handle_main(t);
}

/* Takes the list lock with every signal blocked; the mask before goes to *saved.
 * Waits with that mask, so that handlers run while it waits (not while it holds). */
void tb__list_enter(struct tb__sigset *saved)
{
	for (uint32_t to = 1;; to = 2) {
		tb__sys_block_signals(saved);
		if (list_trylock(to)) {
			if (unlikely(!list_started))
				list_start();
			return;
		}
		tb__sys_sigmask(saved);
		list_wait();
	}
}

/* in tb_fork's child: only the forking thread is left, the lock may have been held */
void tb__list_fork(void)
{
	list_lock = list_visitor = 0;
	list_start();
}

/* under the list lock */
static void list_add(struct tb__thread *t)
{
	t->list_prev = NULL;
	t->list_next = list_head;
	if (list_head)
		list_head->list_prev = t;
	list_head = t;
}

static void list_del(struct tb__thread *t)
{
	if (t->list_prev)
		t->list_prev->list_next = t->list_next;
	else if (list_head == t)
		list_head = t->list_next;
	if (t->list_next)
		t->list_next->list_prev = t->list_prev;
	t->list_next = t->list_prev = NULL;
}

/* The calling thread t leaves the list (its exit, after its exit work). */
void tb__list_exit(struct tb__thread *t)
{
	struct tb__sigset mask;

	tb__list_enter(&mask);
	list_del(t);
	list_unlock();
	tb__sys_sigmask(&mask);
}

/* Adds add, removes del (either may be NULL), and unlocks; the mask stays as it is. */
void tb__list_leave(struct tb__thread *add, struct tb__thread *del)
{
	if (add)
		list_add(add);
	if (del)
		list_del(del);
	list_unlock();
}

int tb_thread_visit(int (*fn)(const struct tb_thread_entry *entry, void *arg), void *arg)
{
	struct tb_thread_entry e;
	struct tb__thread *self = tb__self(), *main_t = NULL;
	void *main_lo = NULL;
	size_t main_size = 0;
	int r = 0;

	if (!fn)
		return -EINVAL;
	if (unlikely(!tb__rt.page_size))
		return -EPERM;
	if (__atomic_load_n(&list_visitor, __ATOMIC_RELAXED) == self->tid)
		return -EDEADLK; /* only this thread can have stored its own tid there */
	if (!list_trylock(1))
		do
			list_wait();
		while (!list_trylock(2));
	__atomic_store_n(&list_visitor, self->tid, __ATOMIC_RELAXED);
	if (unlikely(!list_started))
		list_start();
	for (struct tb__thread *t = list_head; t; t = t->list_next) {
		uintptr_t lo = 0, hi = 0;

		if (!t->map_base) {
			main_t = t; /* found after the others: its bounds take a /proc read */
			continue;
		}
		tb__thread_stack(t, &lo, &hi);
		e.thread = (struct tb_thread *)t->handle;
		e.tid = __atomic_load_n(&t->tid, __ATOMIC_RELAXED);
		e.stack_lo = (void *)lo;
		e.stack_hi = (void *)hi;
		r = fn(&e, arg);
		if (r)
			break;
	}
	if (!r && main_t) {
		uintptr_t h = __atomic_load_n(&main_t->handle, __ATOMIC_ACQUIRE);

		/* set by list_start, unless it found no memory then: retried here */
		e.thread = (struct tb_thread *)(h ? h : tb__handle_main(main_t));
		e.tid = __atomic_load_n(&main_t->tid, __ATOMIC_RELAXED);
		if (tb__main_stack(&main_lo, &main_size))
			main_lo = NULL, main_size = 0;
		e.stack_lo = main_lo;
		e.stack_hi = main_lo ? (char *)main_lo + main_size : NULL;
		r = fn(&e, arg);
	}
	if (!r)
		r = fn(NULL, arg); /* the end, still under the lock: a collector waits here */
	__atomic_store_n(&list_visitor, 0, __ATOMIC_RELAXED);
	list_unlock();
	return r;
}
