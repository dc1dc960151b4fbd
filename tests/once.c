/*
 * Once: exactly one run under a 16-thread race (all released by one gate,
 * the runner slow so that the others must wait), every caller returning
 * only after the run completed and seeing its writes, and nesting.
 */
#include <threadbare/once.h>
#include "prims.h"

enum { RACERS = 16 };

struct race {
	struct tb_once once;
	uint32_t gate;
	uint32_t runs;     /* fn entries */
	uint32_t finished; /* set by fn last, plain store */
	uint32_t data[64]; /* plain stores inside fn */
	uint32_t saw_done; /* callers that returned after fn finished */
	int sleep_ms;
};

static void init_fn(void *arg)
{
	struct race *r = arg;

	__atomic_add_fetch(&r->runs, 1, __ATOMIC_SEQ_CST);
	if (r->sleep_ms)
		tb_sleep_ns((uint64_t)r->sleep_ms * MS); /* the others reach the wait meanwhile */
	for (int i = 0; i < 64; i++)
		r->data[i] = (uint32_t)i * 7 + 1;
	r->finished = 1;
}

static int racer(void *arg)
{
	struct race *r = arg;
	uint32_t ok = 1;

	t_gate_wait(&r->gate);
	tb_once_call(&r->once, init_fn, r);
	ok &= r->finished == 1;
	for (int i = 0; i < 64; i++)
		ok &= r->data[i] == (uint32_t)i * 7 + 1;
	T_EXPECT(ok);
	/* a second call returns at once and runs nothing */
	tb_once_call(&r->once, init_fn, r);
	__atomic_add_fetch(&r->saw_done, ok, __ATOMIC_SEQ_CST);
	return 0;
}

static void t_race_16(void)
{
	static struct race r;
	struct tb_thread *t[RACERS];
	int rounds = t_emulated() ? 20 : 200;

	for (int round = 0; round < rounds; round++) {
		r = (struct race){ .once = TB_ONCE_INIT, .sleep_ms = round % 4 == 0 ? 5 : 0 };
		t_spawn_n(t, RACERS, racer, &r, 0);
		t_gate_open(&r.gate);
		t_join_n(t, RACERS);
		T_EXPECT_EQ(r.runs, 1);
		T_EXPECT_EQ(r.saw_done, RACERS);
		if (r.runs != 1 || r.saw_done != RACERS)
			return;
	}
}

static void bump(void *arg)
{
	++*(int *)arg;
}

static struct tb_once inner_once = TB_ONCE_INIT;

static void outer(void *arg)
{
	tb_once_call(&inner_once, bump, arg);
	tb_once_call(&inner_once, bump, arg);
	++*(int *)arg;
}

static void t_sequential_and_nested(void)
{
	struct tb_once o = TB_ONCE_INIT, zeroed, outer_once = TB_ONCE_INIT;
	int n = 0, m = 0;

	__builtin_memset(&zeroed, 0, sizeof(zeroed));
	tb_once_call(&o, bump, &n);
	tb_once_call(&o, bump, &n);
	T_EXPECT_EQ(n, 1);
	tb_once_call(&zeroed, bump, &m);
	tb_once_call(&zeroed, bump, &m);
	T_EXPECT_EQ(m, 1);
	n = 0;
	tb_once_call(&outer_once, outer, &n);
	tb_once_call(&outer_once, outer, &n);
	T_EXPECT_EQ(n, 2);
}

/* each of 8 threads runs a different once: none blocks another */
static struct tb_once many[8];
static int many_n[8];

static int own_once(void *arg)
{
	int i = (int)(intptr_t)arg;

	for (int k = 0; k < 1000; k++)
		tb_once_call(&many[i], bump, &many_n[i]);
	return 0;
}

static void t_independent(void)
{
	struct tb_thread *t[8];

	for (int i = 0; i < 8; i++)
		T_EXPECT_EQ(tb_thread_spawn(&t[i], 0, own_once, (void *)(intptr_t)i), 0);
	for (int i = 0; i < 8; i++)
		tb_thread_join(t[i]);
	for (int i = 0; i < 8; i++)
		T_EXPECT_EQ(many_n[i], 1);
}

int main(int argc, char **argv)
{
	return t_run(argc, argv, (struct t_case[]){
		T_CASE(t_sequential_and_nested),
		T_CASE(t_independent),
		T_CASE(t_race_16),
		{ 0 } });
}
