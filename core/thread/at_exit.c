/*
 * Exit callbacks: each thread's own LIFO list, run by the thread itself when
 * it ends (core/thread/thread.c), and by tb_exit for the thread that calls it.
 * Only the owning thread touches its list, so it needs no lock; the nodes
 * come from the runtime's block allocator (core/alloc.c).
 */
#include <threadbare/thread.h>
#include "../internal.h"
#include "../sys.h"

struct tb__exit_cb {
	void (*fn)(void *);
	void *arg;
	struct tb__exit_cb *next;
};

_Static_assert(sizeof(struct tb__exit_cb) <= TB__NODE_SIZE, "a callback fits one block");

/* Newest first; a callback may register more, which run next. */
static void run_callbacks(struct tb__thread *t)
{
	struct tb__exit_cb *c;

	while ((c = t->at_exit)) {
		t->at_exit = c->next;
		c->fn(c->arg);
		tb__node_free(c);
	}
}

int tb_thread_at_exit(void (*fn)(void *), void *arg)
{
	struct tb__exit_cb *c;
	struct tb__thread *t;

	if (!fn)
		return -EINVAL;
	if (!tb__rt.page_size)
		return -EPERM;
	c = tb__node_alloc();
	if (!c)
		return -ENOMEM;
	t = tb__self();
	c->fn = fn;
	c->arg = arg;
	c->next = t->at_exit;
	t->at_exit = c;
	if (!__atomic_load_n(&tb__exit_callbacks, __ATOMIC_RELAXED))
		__atomic_store_n(&tb__exit_callbacks, run_callbacks, __ATOMIC_RELEASE);
	return 0;
}
