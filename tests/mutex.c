/*
 * Mutex: C ports of Zig's Mutex tests (notes §11 items 9-11) and a stress
 * test of mutual exclusion with a counter that detects torn or lost updates.
 */
#include "prims.h"

/* §11.9 */
static void t_smoke(void)
{
	struct tb_mutex m = TB_MUTEX_INIT;

	T_EXPECT(tb_mutex_trylock(&m));
	T_EXPECT(!tb_mutex_trylock(&m));
	tb_mutex_unlock(&m);
	tb_mutex_lock(&m);
	T_EXPECT(!tb_mutex_trylock(&m));
	tb_mutex_unlock(&m);
	T_EXPECT_EQ(m.state, 0);
}

struct guarded {
	struct tb_mutex m;
	struct t_counter c;
};

static int inc_1000(void *arg)
{
	struct guarded *g = arg;

	for (int i = 0; i < 1000; i++) {
		tb_mutex_lock(&g->m);
		t_counter_inc(&g->c);
		tb_mutex_unlock(&g->m);
	}
	return 0;
}

/* §11.10: each thread has its own mutex and counter */
static void t_many_uncontended(void)
{
	struct guarded g[4];
	struct tb_thread *t[4];

	for (int i = 0; i < 4; i++)
		g[i] = (struct guarded){ TB_MUTEX_INIT, { 0, 0 } };
	t_spawn_n(t, 4, inc_1000, g, sizeof(g[0]));
	t_join_n(t, 4);
	for (int i = 0; i < 4; i++) {
		T_EXPECT_EQ(g[i].c.lo, 1000);
		T_EXPECT_EQ(g[i].c.hi, 0);
	}
}

static int inc_1000_yield(void *arg)
{
	struct guarded *g = arg;

	for (int i = 0; i < 1000; i++) {
		tb_mutex_lock(&g->m);
		t_counter_inc(&g->c);
		tb_mutex_unlock(&g->m);
		if (i % 100 == 0)
			tb_thread_yield();
	}
	return 0;
}

/* §11.11: 4 threads share one mutex and counter */
static void t_many_contended(void)
{
	struct guarded g = { TB_MUTEX_INIT, { 0, 0 } };
	struct tb_thread *t[4];

	t_spawn_n(t, 4, inc_1000_yield, &g, 0);
	t_join_n(t, 4);
	T_EXPECT_EQ(g.c.lo, 4000);
	T_EXPECT_EQ(g.c.hi, 0);
	T_EXPECT_EQ(g.m.state, 0);
}

enum { STRESS_THREADS = 6 };

struct stress {
	struct tb_mutex m; /* zero-initialised, no INIT macro */
	struct t_counter c;
	volatile uint32_t inside;
	uint32_t overlaps;
	int iters;
};

static int stress_run(void *arg)
{
	struct stress *s = arg;

	for (int i = 0; i < s->iters; i++) {
		if (i % 3 == 0) {
			while (!tb_mutex_trylock(&s->m))
				tb_thread_yield();
		} else {
			tb_mutex_lock(&s->m);
		}
		if (s->inside++ != 0)
			__atomic_fetch_add(&s->overlaps, 1, __ATOMIC_RELAXED);
		t_counter_inc(&s->c);
		if (i % 512 == 0) /* make the others give up spinning and sleep */
			tb_thread_yield();
		s->inside--;
		tb_mutex_unlock(&s->m);
	}
	return 0;
}

/* mutual exclusion under contention: the 128-bit count crosses a carry, and
 * every increment must be there, with no torn half */
static void t_stress_exclusion(void)
{
	static struct stress s;
	struct tb_thread *t[STRESS_THREADS];
	int per = (t_emulated() ? 20000 : 200000) * TB_TEST_SCALE;
	uint64_t start = UINT64_MAX - (uint64_t)per; /* the carry happens mid-run */
	uint64_t total = (uint64_t)per * STRESS_THREADS;

	s.c.lo = start;
	s.c.hi = 7;
	s.iters = per;
	t_spawn_n(t, STRESS_THREADS, stress_run, &s, 0);
	t_join_n(t, STRESS_THREADS);
	T_EXPECT_EQ(s.overlaps, 0);
	T_EXPECT_EQ(s.c.lo, start + total);	/* wraps */
	T_EXPECT_EQ(s.c.hi, 8);
	T_EXPECT_EQ(s.m.state, 0);
}

struct herd {
	struct tb_mutex m;
	uint32_t started, done;
};

static int herd_run(void *arg)
{
	struct herd *h = arg;

	__atomic_fetch_add(&h->started, 1, __ATOMIC_SEQ_CST);
	tb_mutex_lock(&h->m);
	h->done++;
	tb_mutex_unlock(&h->m);
	return 0;
}

/* many threads asleep on one mutex: each unlock must pass the wake on, so
 * all of them get through (a sleeper that retook the lock as plain LOCKED
 * would strand the rest). A hang is reported after 60 s. */
static void t_sleepers_all_wake(void)
{
	enum { N = 8 };
	struct tb_thread *t[N];

	for (int round = 0; round < (t_emulated() ? 3 : 20); round++) {
		struct herd h = { TB_MUTEX_INIT, 0, 0 };
		int64_t deadline;

		tb_mutex_lock(&h.m);
		t_spawn_n(t, N, herd_run, &h, 0);
		while (__atomic_load_n(&h.started, __ATOMIC_SEQ_CST) != N)
			tb_thread_yield();
		tb_sleep_ns(20 * MS); /* long enough for them to sleep */
		tb_mutex_unlock(&h.m);
		deadline = t_now_ns() + 60 * SEC;
		while (__atomic_load_n(&h.done, __ATOMIC_SEQ_CST) != N && t_now_ns() < deadline)
			tb_sleep_ns(1 * MS);
		if (__atomic_load_n(&h.done, __ATOMIC_SEQ_CST) != N) {
			T_EXPECT_EQ(h.done, N);
			tb_dprintf(1, "not ok - t_sleepers_all_wake: threads stranded\n");
			tb_exit(1);
		}
		t_join_n(t, N);
		T_EXPECT_EQ(h.m.state, 0);
	}
}

struct timed {
	struct tb_mutex m;
	uint32_t got, gave_up, started;
	struct t_counter c;
};

/* half the threads take the lock with short timeouts that mostly expire,
 * half block: the ones that give up must not strand the sleepers */
static int timed_run(void *arg)
{
	struct timed *t = arg;
	uint32_t id = __atomic_fetch_add(&t->started, 1, __ATOMIC_SEQ_CST);

	for (int i = 0; i < 200; i++) {
		if (id % 2) {
			if (tb_mutex_timedlock(&t->m, (int64_t)(i % 5) * 20000) != 0) {
				__atomic_add_fetch(&t->gave_up, 1, __ATOMIC_RELAXED);
				continue;
			}
		} else {
			tb_mutex_lock(&t->m);
		}
		t_counter_inc(&t->c);
		__atomic_add_fetch(&t->got, 1, __ATOMIC_RELAXED);
		if (i % 7 == 0)
			tb_thread_yield();
		tb_mutex_unlock(&t->m);
	}
	return 0;
}

static int hold_50ms(void *arg)
{
	struct tb_mutex *m = arg;

	tb_mutex_lock(m);
	tb_sleep_ns(50 * MS);
	tb_mutex_unlock(m);
	return 0;
}

static void t_timedlock(void)
{
	static struct timed tm;
	struct tb_mutex m = TB_MUTEX_INIT;
	struct tb_thread *t[6];
	int64_t start;

	T_EXPECT_EQ(tb_mutex_timedlock(&m, 0), 0);
	T_EXPECT_EQ(tb_mutex_timedlock(&m, 0), -ETIMEDOUT);
	for (int64_t w = 1; w <= 20 * MS; w *= 50) {
		start = t_now_ns();
		T_EXPECT_EQ(tb_mutex_timedlock(&m, w), -ETIMEDOUT);
		T_EXPECT(t_now_ns() - start >= w);
	}
	tb_mutex_unlock(&m);
	/* held by another thread for 50 ms: a 10 s timeout gets it, a 0 does not */
	t_spawn_n(t, 1, hold_50ms, &m, 0);
	while (tb_mutex_trylock(&m))
		tb_mutex_unlock(&m); /* until the holder has it */
	T_EXPECT_EQ(tb_mutex_timedlock(&m, 0), -ETIMEDOUT);
	T_EXPECT_EQ(tb_mutex_timedlock(&m, 10 * SEC), 0);
	tb_mutex_unlock(&m);
	t_join_n(t, 1);
	t_spawn_n(t, 6, timed_run, &tm, 0);
	t_join_n(t, 6);
	T_EXPECT_EQ(tm.got + tm.gave_up, 6 * 200);
	T_EXPECT_EQ(tm.c.lo, tm.got);
	T_EXPECT_EQ(tm.m.state, 0); /* a giver-up leaves 2 only while the lock is held */
}

int main(int argc, char **argv)
{
	return t_run(argc, argv, (const struct t_case[]){
		T_CASE(t_smoke),
		T_CASE(t_many_uncontended),
		T_CASE(t_many_contended),
		T_CASE(t_stress_exclusion),
		T_CASE(t_sleepers_all_wake),
		T_CASE(t_timedlock),
		{ 0, 0 },
	});
}
