/*
 * Thread handles that cannot alias (issue 18, section 1): a handle that was
 * joined, or whose thread was detached, names no other thread afterwards,
 * even when a later thread runs on the same mapping (the stack cache gives
 * the next spawn of the same size the mapping just freed). Every call on it
 * returns -ESRCH; NULL returns -EINVAL; a join of the caller -EDEADLK.
 *
 * Joins that could hang on a broken runtime are timed joins, so that a
 * failure is reported instead of a timeout.
 */
#include "harness.h"

#define SEC 1000000000LL

struct gate {
	uint32_t open;
	int result;
};

static void gate_open(struct gate *g)
{
	__atomic_store_n(&g->open, 1, __ATOMIC_RELEASE);
	tb_futex_wake(&g->open, UINT32_MAX);
}

/* Waits for its gate, then returns its result. */
static int gated(void *p)
{
	struct gate *g = p;

	while (!__atomic_load_n(&g->open, __ATOMIC_ACQUIRE))
		tb_futex_wait(&g->open, 0, -1);
	return g->result;
}

static int returns_arg(void *p)
{
	return (int)(intptr_t)p;
}

/* Joins t within 10 s: its result, or a value no test expects. */
static int join10(struct tb_thread *t)
{
	int r = -1000;
	int e = tb_thread_timedjoin(t, 10 * SEC, &r);

	return e ? e - 2000 : r;
}

/* Every call on a stale handle h returns -ESRCH and names no thread. */
static void expect_stale(struct tb_thread *h)
{
	char buf[TB_THREAD_NAME_MAX + 1] = "untouched";
	unsigned long mask[16];
	void *lo = 0;
	size_t size = 0;
	int r = 12345;

	for (unsigned i = 0; i < 16; i++)
		mask[i] = ~0UL;
	T_EXPECT_EQ(tb_thread_timedjoin(h, 0, &r), -ESRCH);
	T_EXPECT_EQ(r, 12345);
	T_EXPECT_EQ(tb_thread_kill(h, 0), -ESRCH);
	T_EXPECT_EQ(tb_thread_get_name(h, buf), -ESRCH);
	T_EXPECT(t_streq(buf, "untouched"));
	T_EXPECT_EQ(tb_thread_set_name(h, "intruder"), -ESRCH);
	T_EXPECT_EQ(tb_thread_get_affinity(h, mask, sizeof(mask)), -ESRCH);
	T_EXPECT_EQ(tb_thread_set_affinity(h, mask, sizeof(mask)), -ESRCH);
	T_EXPECT_EQ(tb_thread_stack(h, &lo, &size), -ESRCH);
	T_EXPECT(lo == 0 && size == 0);
}

/* Issue item: a join of a detached thread "succeeded", and later rounds returned garbage. */
static void t_join_detached(void)
{
	static struct gate g = { 0, 5 };
	struct tb_thread *t;
	int r = 0;

	T_ASSERT(tb_thread_spawn(&t, 0, gated, &g) == 0);
	T_EXPECT_EQ(tb_thread_detach(t), 0);
	T_EXPECT_EQ(tb_thread_timedjoin(t, 0, &r), -ESRCH);	/* while it runs */
	gate_open(&g);
	t_threads_settle(t_threads_at_start);
	T_EXPECT_EQ(tb_thread_join(t), -ESRCH);		/* and once it is gone */
	T_EXPECT_EQ(tb_thread_detach(t), -ESRCH);
	expect_stale(t);
	for (int i = 0; i < 3; i++) {
		struct tb_thread *u;

		T_ASSERT(tb_thread_spawn(&u, 0, returns_arg, 0) == 0);
		T_EXPECT_EQ(join10(u), 0);
	}
}

/* Issue item: after a join the next spawn reused the handle, and the old one joined it. */
static void t_joined_handle_names_no_later_thread(void)
{
	struct tb_thread_config cfg = { .name = "bee" };
	struct gate g = { 0, 2 };
	struct tb_thread *a, *b;
	char buf[TB_THREAD_NAME_MAX + 1];

	T_ASSERT(tb_thread_spawn(&a, 0, returns_arg, (void *)1) == 0);
	T_EXPECT_EQ(tb_thread_join(a), 1);
	T_ASSERT(tb_thread_spawn(&b, &cfg, gated, &g) == 0); /* on a's cached mapping */
	T_EXPECT(a != b);
	expect_stale(a);
	T_EXPECT_EQ(tb_thread_detach(a), -ESRCH);
	T_EXPECT_EQ(tb_thread_join(a), -ESRCH);
	/* b was not touched through a */
	T_EXPECT_EQ(tb_thread_get_name(b, buf), 3);
	T_EXPECT(t_streq(buf, "bee"));
	T_EXPECT_EQ(tb_thread_kill(b, 0), 0);
	gate_open(&g);
	T_EXPECT_EQ(join10(b), 2);
	expect_stale(b);
}

/* A stale handle whose mapping was unmapped: looked up, never dereferenced. */
static void t_stale_handle_after_unmap(void)
{
	struct tb_thread *t;

	T_ASSERT(tb_thread_spawn(&t, 0, returns_arg, (void *)3) == 0);
	T_EXPECT_EQ(join10(t), 3);
	tb_thread_cache_trim();
	expect_stale(t);
	T_EXPECT_EQ(tb_thread_join(t), -ESRCH);
	T_EXPECT_EQ(tb_thread_detach(t), -ESRCH);
}

/* Many spawns on one cached mapping: every handle differs, every old one stays stale. */
static void t_many_generations(void)
{
	enum { N = 300 };
	static struct tb_thread *h[N];

	for (int i = 0; i < N; i++) {
		T_ASSERT(tb_thread_spawn(&h[i], 0, returns_arg, (void *)(intptr_t)i) == 0);
		T_EXPECT_EQ(join10(h[i]), i);
	}
	for (int i = 0; i < N; i++) {
		int r = -1;

		T_EXPECT_EQ(tb_thread_timedjoin(h[i], 0, &r), -ESRCH);
		for (int j = 0; j < i; j++)
			T_EXPECT(h[j] != h[i]);
	}
}

static int join_self(void *p)
{
	(void)p;
	return tb_thread_join(tb_thread_self());
}

static int join_main(void *p)
{
	return tb_thread_join((struct tb_thread *)p);
}

/* Issue item: join of the caller hung (timedjoin said -EINVAL). */
static void t_join_self(void)
{
	struct tb_thread *t;
	int r = 0;

	T_ASSERT(tb_thread_spawn(&t, 0, join_self, 0) == 0);
	T_EXPECT_EQ(join10(t), -EDEADLK);
	/* the main thread cannot be joined */
	T_ASSERT(tb_thread_spawn(&t, 0, join_main, tb_thread_self()) == 0);
	T_EXPECT_EQ(join10(t), -EINVAL);
	T_EXPECT_EQ(tb_thread_timedjoin(tb_thread_self(), 0, &r), -EDEADLK);
	T_EXPECT_EQ(tb_thread_join_result(tb_thread_self(), &r), -EDEADLK);
	T_EXPECT_EQ(tb_thread_join(tb_thread_self()), -EDEADLK); /* (last: it hung) */
}

/* Issue item: join and detach of NULL crashed. */
static void t_null_handle(void)
{
	int r = 0;

	T_EXPECT_EQ(tb_thread_join(0), -EINVAL);
	T_EXPECT_EQ(tb_thread_join_result(0, &r), -EINVAL);
	T_EXPECT_EQ(tb_thread_timedjoin(0, 0, &r), -EINVAL);
	T_EXPECT_EQ(tb_thread_detach(0), -EINVAL);
	T_EXPECT_EQ(tb_thread_kill(0, 0), -EINVAL);
}

/* A handle that was never issued (forged) is stale, not a crash. */
static void t_forged_handle(void)
{
	static const uintptr_t forged[] = { 1, 2, 3, 0x12345, (uintptr_t)-1, (uintptr_t)-2,
					    (uintptr_t)&t_failures };

	for (unsigned i = 0; i < sizeof(forged) / sizeof(forged[0]); i++) {
		struct tb_thread *h = (struct tb_thread *)forged[i];

		if (h == tb_thread_self())
			continue;
		T_EXPECT_EQ(tb_thread_detach(h), -ESRCH);
		expect_stale(h);
	}
}

struct self_detach {
	struct gate detached, checked;
	int name_len, kill, again;
};

/* glibc's tst-thrd-detach shape: the thread detaches itself, then uses its own handle. */
static int detach_self(void *p)
{
	struct self_detach *s = p;
	char buf[TB_THREAD_NAME_MAX + 1];

	tb_thread_detach(tb_thread_self());
	s->name_len = tb_thread_get_name(tb_thread_self(), buf);
	s->kill = tb_thread_kill(tb_thread_self(), 0);
	s->again = tb_thread_detach(tb_thread_self());
	gate_open(&s->detached);
	gated(&s->checked);
	return 0;
}

static void t_self_detached(void)
{
	static struct self_detach s;
	struct tb_thread_config cfg = { .name = "loner" };
	struct tb_thread *t;

	T_ASSERT(tb_thread_spawn(&t, &cfg, detach_self, &s) == 0);
	gated(&s.detached);
	T_EXPECT_EQ(s.name_len, 5);	/* its own handle still works for itself */
	T_EXPECT_EQ(s.kill, 0);
	T_EXPECT_EQ(s.again, -ESRCH);
	T_EXPECT_EQ(tb_thread_join(t), -ESRCH); /* stale for everyone else */
	expect_stale(t);
	gate_open(&s.checked);
	t_threads_settle(t_threads_at_start);
	T_EXPECT_EQ(tb_thread_join(t), -ESRCH);
}

/* join_result keeps a negative result apart from an errno. */
static void t_join_result(void)
{
	struct tb_thread *t;
	int r = 0;

	T_ASSERT(tb_thread_spawn(&t, 0, returns_arg, (void *)(intptr_t)-ESRCH) == 0);
	T_EXPECT_EQ(tb_thread_join_result(t, &r), 0);
	T_EXPECT_EQ(r, -ESRCH);
	T_EXPECT_EQ(tb_thread_join_result(t, &r), -ESRCH);
	T_ASSERT(tb_thread_spawn(&t, 0, returns_arg, (void *)7) == 0);
	T_EXPECT_EQ(tb_thread_join_result(t, 0), 0);
}

int main(int argc, char **argv)
{
	return t_run(argc, argv,
		     (struct t_case[]){
			     T_CASE(t_join_detached),
			     T_CASE(t_joined_handle_names_no_later_thread),
			     T_CASE(t_stale_handle_after_unmap),
			     T_CASE(t_many_generations),
			     T_CASE(t_join_self),
			     T_CASE(t_null_handle),
			     T_CASE(t_forged_handle),
			     T_CASE(t_self_detached),
			     T_CASE(t_join_result),
			     { 0 },
		     });
}
