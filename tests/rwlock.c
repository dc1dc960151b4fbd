/*
 * RwLock: C ports of Zig's RwLock tests (notes §11 items 18-20) and a stress
 * test that writers never overlap readers or each other.
 */
#include "prims.h"

/* §11.18: lock/unlock leaves the all-zero state (Zig #13163 leaked writer counts) */
static void t_internal_state(void)
{
	struct tb_rwlock l = TB_RWLOCK_INIT;

	tb_rwlock_lock(&l);
	tb_rwlock_unlock(&l);
	T_EXPECT_EQ(l.state, 0);
	T_EXPECT_EQ(l.writer_notify, 0);
	tb_rwlock_lock_shared(&l);
	tb_rwlock_unlock_shared(&l);
	T_EXPECT_EQ(l.state, 0);
	T_EXPECT_EQ(l.writer_notify, 0);
}

/* §11.19 */
static void t_smoke(void)
{
	struct tb_rwlock l = { 0 };

	tb_rwlock_lock(&l);
	T_EXPECT(!tb_rwlock_trylock(&l));
	T_EXPECT(!tb_rwlock_trylock_shared(&l));
	tb_rwlock_unlock(&l);

	T_EXPECT(tb_rwlock_trylock(&l));
	T_EXPECT(!tb_rwlock_trylock(&l));
	T_EXPECT(!tb_rwlock_trylock_shared(&l));
	tb_rwlock_unlock(&l);

	tb_rwlock_lock_shared(&l);
	T_EXPECT(!tb_rwlock_trylock(&l));
	T_EXPECT(tb_rwlock_trylock_shared(&l));
	tb_rwlock_unlock_shared(&l);
	tb_rwlock_unlock_shared(&l);

	T_EXPECT(tb_rwlock_trylock_shared(&l));
	T_EXPECT(!tb_rwlock_trylock(&l));
	T_EXPECT(tb_rwlock_trylock_shared(&l));
	tb_rwlock_unlock_shared(&l);
	tb_rwlock_unlock_shared(&l);

	tb_rwlock_lock(&l);
	tb_rwlock_unlock(&l);
	T_EXPECT_EQ(l.state, 0);
}

struct concurrent {
	struct tb_rwlock rwl;
	uint32_t num_writes, num_reads;
	volatile uint32_t writes;
	uint32_t reads;
	volatile uint64_t term1, term2, term_sum;
};

struct writer_arg {
	struct concurrent *c;
	uint64_t seed;
};

static void check(struct concurrent *c)
{
	uint64_t sum = c->term_sum, t2, t1;

	tb_thread_yield();
	t2 = c->term2;
	tb_thread_yield();
	t1 = c->term1;
	T_EXPECT_EQ(sum, t1 + t2);
}

static int reader(void *arg)
{
	struct concurrent *c = arg;

	for (;;) {
		tb_rwlock_lock_shared(&c->rwl);
		if (c->writes >= c->num_writes ||
		    __atomic_load_n(&c->reads, __ATOMIC_RELAXED) >= c->num_reads) {
			tb_rwlock_unlock_shared(&c->rwl);
			return 0;
		}
		check(c);
		__atomic_fetch_add(&c->reads, 1, __ATOMIC_RELAXED);
		tb_rwlock_unlock_shared(&c->rwl);
	}
}

static uint64_t rnd(uint64_t *s) /* xorshift64* */
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ULL;
}

static int writer(void *arg)
{
	struct writer_arg *w = arg;
	struct concurrent *c = w->c;
	uint64_t seed = w->seed;

	for (;;) {
		tb_rwlock_lock(&c->rwl);
		if (c->writes >= c->num_writes) {
			tb_rwlock_unlock(&c->rwl);
			return 0;
		}
		check(c);
		c->term1 = rnd(&seed);
		tb_thread_yield();
		c->term2 = rnd(&seed);
		tb_thread_yield();
		c->term_sum = c->term1 + c->term2;
		c->writes = c->writes + 1;
		tb_rwlock_unlock(&c->rwl);
	}
}

/* §11.20: 2 writers, 4 readers; 10000/20000, or 1000/2000 under emulation */
static void t_concurrent_access(void)
{
	static struct concurrent c;
	struct writer_arg w[2] = { { &c, 0x9e3779b97f4a7c15ULL }, { &c, 0x2545f4914f6cdd1dULL } };
	struct tb_thread *t[6];

	c.num_writes = t_emulated() ? 1000 : 10000;
	c.num_reads = t_emulated() ? 2000 : 20000;
	t_spawn_n(t, 2, writer, w, sizeof(w[0]));
	t_spawn_n(t + 2, 4, reader, &c, 0);
	t_join_n(t, 6);
	T_EXPECT_EQ(c.writes, c.num_writes);
	T_EXPECT_EQ(c.rwl.state, 0);
}

struct excl {
	struct tb_rwlock l;
	uint32_t readers, writers;
	uint32_t bad;
	uint32_t iters;
	uint32_t reads_done, writes_done;
};

static void spin_a_little(uint32_t i)
{
	for (volatile uint32_t k = 0; k < (i % 64); k++)
		;
}

static int excl_reader(void *arg)
{
	struct excl *e = arg;

	for (uint32_t i = 0; i < e->iters; i++) {
		if (i % 4 == 3) {
			if (!tb_rwlock_trylock_shared(&e->l))
				continue;
		} else {
			tb_rwlock_lock_shared(&e->l);
		}
		__atomic_fetch_add(&e->readers, 1, __ATOMIC_SEQ_CST);
		if (__atomic_load_n(&e->writers, __ATOMIC_SEQ_CST))
			__atomic_fetch_add(&e->bad, 1, __ATOMIC_SEQ_CST);
		spin_a_little(i);
		if (i % 256 == 0)
			tb_thread_yield();
		if (__atomic_load_n(&e->writers, __ATOMIC_SEQ_CST))
			__atomic_fetch_add(&e->bad, 1, __ATOMIC_SEQ_CST);
		__atomic_fetch_sub(&e->readers, 1, __ATOMIC_SEQ_CST);
		__atomic_fetch_add(&e->reads_done, 1, __ATOMIC_RELAXED);
		tb_rwlock_unlock_shared(&e->l);
	}
	return 0;
}

static int excl_writer(void *arg)
{
	struct excl *e = arg;

	for (uint32_t i = 0; i < e->iters; i++) {
		if (i % 4 == 3) {
			if (!tb_rwlock_trylock(&e->l))
				continue;
		} else {
			tb_rwlock_lock(&e->l);
		}
		if (__atomic_fetch_add(&e->writers, 1, __ATOMIC_SEQ_CST) != 0)
			__atomic_fetch_add(&e->bad, 1, __ATOMIC_SEQ_CST);
		if (__atomic_load_n(&e->readers, __ATOMIC_SEQ_CST))
			__atomic_fetch_add(&e->bad, 1, __ATOMIC_SEQ_CST);
		spin_a_little(i);
		if (i % 128 == 0)
			tb_thread_yield();
		if (__atomic_load_n(&e->readers, __ATOMIC_SEQ_CST))
			__atomic_fetch_add(&e->bad, 1, __ATOMIC_SEQ_CST);
		__atomic_fetch_sub(&e->writers, 1, __ATOMIC_SEQ_CST);
		e->writes_done++;
		tb_rwlock_unlock(&e->l);
	}
	return 0;
}

/* 3 writers and 5 readers: a writer never shares the lock with anyone */
static void t_stress_exclusion(void)
{
	static struct excl e;
	struct tb_thread *t[8];

	e.iters = (t_emulated() ? 5000 : 50000) * TB_TEST_SCALE;
	t_spawn_n(t, 3, excl_writer, &e, 0);
	t_spawn_n(t + 3, 5, excl_reader, &e, 0);
	t_join_n(t, 8);
	T_EXPECT_EQ(e.bad, 0);
	T_EXPECT(e.writes_done > 0);
	T_EXPECT(e.reads_done > 0);
	T_EXPECT_EQ(e.l.state, 0);
}

int main(int argc, char **argv)
{
	return t_run(argc, argv, (const struct t_case[]){
		T_CASE(t_internal_state),
		T_CASE(t_smoke),
		T_CASE(t_concurrent_access),
		T_CASE(t_stress_exclusion),
		{ 0, 0 },
	});
}
