/*
 * Thread lifecycle: tb_thread_exit (from threads and from main), exit
 * callbacks (order, nesting, any number, tb_exit), keys (1024 of them,
 * destructor rounds, deleted keys), timed join. Cases that end a process
 * run in a forked child whose output (fd 1) comes back through a pipe.
 */
#include "prims.h"

static void ev_set(uint32_t *e)
{
	__atomic_store_n(e, 1, __ATOMIC_RELEASE);
	tb_futex_wake(e, UINT32_MAX);
}

static void ev_wait(uint32_t *e)
{
	while (!__atomic_load_n(e, __ATOMIC_ACQUIRE))
		tb_futex_wait(e, 0, -1);
}

static void say(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	tb_write_all(1, s, n);
}

/* Runs child() in a forked process with fd 1 on a pipe; returns its wait status
 * and what it wrote (NUL-terminated) in out. */
static int run_child(void (*child)(void), char *out, size_t size)
{
	int fds[2];
	long pid;

	if (tb_syscall(__NR_pipe2, (long)fds, 0, 0, 0, 0, 0) != 0)
		return -1;
	pid = t_fork();
	if (pid == 0) {
		tb_syscall(__NR_dup3, fds[1], 1, 0, 0, 0, 0);
		tb_syscall(__NR_close, fds[0], 0, 0, 0, 0, 0);
		tb_syscall(__NR_close, fds[1], 0, 0, 0, 0, 0);
		child();
		tb_exit(99); /* child() must not return */
	}
	tb_syscall(__NR_close, fds[1], 0, 0, 0, 0, 0);
	return t_collect(fds[0], pid, out, size);
}

static int fini_marks; /* set only in the children that check .fini_array */

__attribute__((destructor)) static void fini(void)
{
	if (fini_marks)
		say("fini\n");
}

static int deep(int n)
{
	volatile int stop = 0;

	if (n == 0)
		tb_thread_exit(42);
	if (stop)
		return 0;
	return deep(n - 1) + 1;
}

static int exit_deep(void *p)
{
	*(int *)p = deep(10); /* never stored: tb_thread_exit does not return */
	return 1;
}

static void t_exit_result(void)
{
	struct tb_thread *t;
	int stored = -1;

	T_ASSERT(tb_thread_spawn(&t, 0, exit_deep, &stored) == 0);
	T_EXPECT_EQ(tb_thread_join(t), 42);
	T_EXPECT_EQ(stored, -1);
}

static int exit_done(void *p)
{
	__atomic_add_fetch((uint32_t *)p, 1, __ATOMIC_SEQ_CST);
	tb_thread_exit(3);
}

/* detached threads that exit early still free their mappings */
static void t_exit_detached(void)
{
	struct tb_thread_config cfg = { .stack_size = 64 << 10 };
	int n = t_emulated() ? 200 : 2000, base = t_map_count();
	uint32_t done = 0;

	for (int i = 0; i < n; i++) {
		struct tb_thread *t;
		int r;

		while ((r = tb_thread_spawn(&t, &cfg, exit_done, &done)) == -EAGAIN)
			tb_thread_yield();
		T_ASSERT(r == 0);
		T_EXPECT_EQ(tb_thread_detach(t), 0);
	}
	while (__atomic_load_n(&done, __ATOMIC_SEQ_CST) != (uint32_t)n)
		tb_thread_yield();
	for (int i = 0; i < 1000 && t_map_count() != base; i++)
		tb_sleep_ns(10 * MS);
	T_EXPECT_EQ(t_map_count(), base);
}

struct order {
	int seq[16];
	uint32_t n;
};

static struct order *cur_order;

static void record(void *p)
{
	struct order *o = cur_order;

	o->seq[o->n++] = (int)(intptr_t)p;
}

static void record_and_add(void *p)
{
	record(p);
	T_EXPECT_EQ(tb_thread_at_exit(record, (void *)(intptr_t)4), 0);
}

static int with_callbacks(void *p)
{
	cur_order = p;
	T_EXPECT_EQ(tb_thread_at_exit(record, (void *)(intptr_t)1), 0);
	T_EXPECT_EQ(tb_thread_at_exit(record_and_add, (void *)(intptr_t)2), 0);
	T_EXPECT_EQ(tb_thread_at_exit(record, (void *)(intptr_t)3), 0);
	return 9;
}

static int with_callbacks_exit(void *p)
{
	with_callbacks(p);
	tb_thread_exit(10);
}

/* newest first; one registered by a callback runs next; all before join returns */
static void t_at_exit_order(void)
{
	static const int want[4] = { 3, 2, 4, 1 };
	int (*const fns[2])(void *) = { with_callbacks, with_callbacks_exit };

	for (int k = 0; k < 2; k++) {
		struct order o = { { 0 }, 0 };
		struct tb_thread *t;

		T_ASSERT(tb_thread_spawn(&t, 0, fns[k], &o) == 0);
		T_EXPECT_EQ(tb_thread_join(t), 9 + k);
		T_EXPECT_EQ(o.n, 4);
		for (int i = 0; i < 4; i++)
			T_EXPECT_EQ(o.seq[i], want[i]);
	}
}

static void count_down(void *p)
{
	uint32_t *left = p;

	T_EXPECT(*left > 0);
	(*left)--;
}

static int many_callbacks(void *p)
{
	uint32_t n = *(uint32_t *)p;

	for (uint32_t i = 0; i < n; i++)
		if (tb_thread_at_exit(count_down, p) != 0)
			return -1;
	return 0;
}

static void t_at_exit_many(void)
{
	uint32_t left = 20000;
	struct tb_thread *t;

	T_EXPECT_EQ(tb_thread_at_exit(0, 0), -EINVAL);
	T_ASSERT(tb_thread_spawn(&t, 0, many_callbacks, &left) == 0);
	T_EXPECT_EQ(tb_thread_join(t), 0);
	T_EXPECT_EQ(left, 0);
}

static void say_arg(void *p)
{
	say(p);
}

static struct tb_tss main_key;
static uint32_t main_gone;

static void key_say(void *p)
{
	say(p);
}

static int late_worker(void *p)
{
	char line[8] = { 'w', (char)('0' + (int)(intptr_t)p), '\n', 0 };

	ev_wait(&main_gone);
	tb_sleep_ns(20 * MS);
	say(line);
	return 7;
}

/* main's callbacks and key destructor run, the workers run on, .fini_array runs
 * after the last one, and the status is 0 whatever they returned */
static void main_exits(void)
{
	struct tb_thread *t;

	fini_marks = 1;
	for (int i = 0; i < 3; i++)
		if (tb_thread_spawn(&t, 0, late_worker, (void *)(intptr_t)i) == 0)
			T_EXPECT_EQ(tb_thread_detach(t), 0);
	tb_thread_at_exit(say_arg, "m1\n");
	tb_thread_at_exit(say_arg, "m2\n");
	if (tb_tss_create(&main_key, key_say) == 0)
		tb_tss_set(main_key, "key\n");
	ev_set(&main_gone); /* the workers wait ~20 ms more: main is gone well before */
	tb_thread_exit(5);
}

static int count_lines(const char *s, const char *line)
{
	int n = 0;

	for (; *s; s++) {
		int i = 0;

		while (line[i] && s[i] == line[i])
			i++;
		n += !line[i];
	}
	return n;
}

static void t_main_exits_first(void)
{
	static char out[256];
	int status = run_child(main_exits, out, sizeof(out));

	T_EXPECT_EQ(status, 0);
	T_EXPECT(t_streq(out, "m2\nm1\nkey\nw0\nw1\nw2\nfini\n") ||
		 (count_lines(out, "w") == 3 && count_lines(out, "fini\n") == 1 &&
		  out[0] == 'm' && out[1] == '2' && out[3] == 'm' && out[4] == '1'));
	if (status != 0 || count_lines(out, "fini") != 1)
		tb_dprintf(1, "# child wrote: %s\n", out);
	/* the last lines: key before the workers, fini last */
	T_EXPECT_EQ(count_lines(out, "key\nw"), 1);
	T_EXPECT_EQ(count_lines(out, "\nfini\n"), 1);
}

static void exits_with_callbacks(void)
{
	struct tb_tss k;

	fini_marks = 1;
	tb_thread_at_exit(say_arg, "a\n");
	tb_thread_at_exit(say_arg, "b\n");
	if (tb_tss_create(&k, key_say) == 0)
		tb_tss_set(k, "key\n"); /* tb_exit runs no key destructor */
	tb_exit(3);
}

static void t_at_exit_tb_exit(void)
{
	static char out[64];
	int status = run_child(exits_with_callbacks, out, sizeof(out));

	T_EXPECT_EQ(status, 3 << 8);
	T_EXPECT(t_streq(out, "b\na\nfini\n"));
	if (!t_streq(out, "b\na\nfini\n"))
		tb_dprintf(1, "# child wrote: %s\n", out);
}

static uint32_t dtor_calls;

static void count_dtor(void *p)
{
	T_EXPECT(p != 0);
	__atomic_add_fetch(&dtor_calls, 1, __ATOMIC_SEQ_CST);
}

struct keys {
	struct tb_tss *k;
	int n;
};

static int use_keys(void *p)
{
	struct keys *ks = p;

	for (int i = 0; i < ks->n; i++)
		T_EXPECT(tb_tss_get(ks->k[i]) == 0);
	for (int i = 0; i < ks->n; i++)
		T_EXPECT_EQ(tb_tss_set(ks->k[i], (char *)p + i + 1), 0);
	for (int i = 0; i < ks->n; i++)
		T_EXPECT(tb_tss_get(ks->k[i]) == (char *)p + i + 1);
	/* a NULL value gets no destructor call */
	T_EXPECT_EQ(tb_tss_set(ks->k[0], 0), 0);
	return 0;
}

static void t_tss_1024(void)
{
	static struct tb_tss k[TB_TSS_MAX];
	struct keys ks = { k, TB_TSS_MAX };
	struct tb_tss extra;
	struct tb_thread *t[4];

	T_EXPECT(TB_TSS_MAX >= 1024);
	for (int i = 0; i < TB_TSS_MAX; i++)
		T_ASSERT(tb_tss_create(&k[i], count_dtor) == 0);
	T_EXPECT_EQ(tb_tss_create(&extra, count_dtor), -EAGAIN);
	T_EXPECT_EQ(tb_tss_create(0, count_dtor), -EINVAL);
	dtor_calls = 0;
	for (int i = 0; i < 4; i++)
		T_ASSERT(tb_thread_spawn(&t[i], 0, use_keys, &ks) == 0);
	for (int i = 0; i < 4; i++)
		tb_thread_join(t[i]);
	T_EXPECT_EQ(dtor_calls, 4 * (TB_TSS_MAX - 1));
	/* the main thread's values are its own */
	T_EXPECT(tb_tss_get(k[5]) == 0);
	T_EXPECT_EQ(tb_tss_set(k[5], &ks), 0);
	T_EXPECT(tb_tss_get(k[5]) == &ks);
	T_EXPECT_EQ(tb_tss_set(k[5], 0), 0);
	for (int i = 0; i < TB_TSS_MAX; i++)
		T_EXPECT_EQ(tb_tss_delete(k[i]), 0);
	T_EXPECT_EQ(tb_tss_delete(k[0]), -EINVAL);
	T_EXPECT_EQ(tb_tss_set(k[0], &ks), -EINVAL);
	T_EXPECT(tb_tss_get(k[0]) == 0);
}

static struct tb_tss round_key;
static uint32_t rounds, rounds_wanted;

static void reset_again(void *p)
{
	rounds++;
	if (rounds < rounds_wanted)
		T_EXPECT_EQ(tb_tss_set(round_key, p), 0);
}

static int set_round_key(void *p)
{
	T_EXPECT_EQ(tb_tss_set(round_key, p), 0);
	return 0;
}

/* a destructor that sets its value again runs again, TB_TSS_DTOR_ITERATIONS times at most */
static void t_tss_rounds(void)
{
	static const uint32_t wanted[3] = { 2, 4, 100 }, want[3] = { 2, 4, TB_TSS_DTOR_ITERATIONS };

	T_EXPECT_EQ(TB_TSS_DTOR_ITERATIONS, 4);
	T_ASSERT(tb_tss_create(&round_key, reset_again) == 0);
	for (int i = 0; i < 3; i++) {
		struct tb_thread *t;

		rounds = 0;
		rounds_wanted = wanted[i];
		T_ASSERT(tb_thread_spawn(&t, 0, set_round_key, &rounds) == 0);
		tb_thread_join(t);
		T_EXPECT_EQ(rounds, want[i]);
	}
	T_EXPECT_EQ(tb_tss_delete(round_key), 0);
}

struct del {
	struct tb_tss key;
	uint32_t set, deleted;
};

static int hold_value(void *p)
{
	struct del *d = p;

	T_EXPECT_EQ(tb_tss_set(d->key, d), 0);
	ev_set(&d->set);
	ev_wait(&d->deleted);
	T_EXPECT(tb_tss_get(d->key) == 0); /* deleted: not seen */
	return 0;
}

/* a key deleted while a thread holds a value: its destructor never runs, and a
 * new key on the same index does not see the old value */
static void t_tss_deleted(void)
{
	struct del d = { { 0 }, 0, 0 };
	struct tb_tss again;
	struct tb_thread *t;

	T_ASSERT(tb_tss_create(&d.key, count_dtor) == 0);
	dtor_calls = 0;
	T_ASSERT(tb_thread_spawn(&t, 0, hold_value, &d) == 0);
	ev_wait(&d.set);
	T_EXPECT_EQ(tb_tss_delete(d.key), 0);
	T_ASSERT(tb_tss_create(&again, count_dtor) == 0);
	T_EXPECT(again.id != d.key.id);
	ev_set(&d.deleted);
	tb_thread_join(t);
	T_EXPECT_EQ(dtor_calls, 0);
	T_EXPECT(tb_tss_get(again) == 0);
	T_EXPECT_EQ(tb_tss_delete(again), 0);
}

static int wait_then(void *p)
{
	ev_wait(p);
	return 11;
}

static void t_timedjoin(void)
{
	uint32_t go = 0;
	struct tb_thread *t;
	int64_t t0;
	int result = 0;

	T_ASSERT(tb_thread_spawn(&t, 0, wait_then, &go) == 0);
	t0 = t_now_ns();
	T_EXPECT_EQ(tb_thread_timedjoin(t, 20 * MS, &result), -ETIMEDOUT);
	T_EXPECT(t_now_ns() - t0 >= 20 * MS);
	T_EXPECT_EQ(tb_thread_timedjoin(t, 0, &result), -ETIMEDOUT);
	T_EXPECT_EQ(result, 0);
	T_EXPECT_EQ(tb_thread_timedjoin(tb_thread_self(), 0, &result), -EDEADLK);
	T_EXPECT_EQ(tb_thread_timedjoin(0, 0, &result), -EINVAL);
	ev_set(&go);
	T_EXPECT_EQ(tb_thread_timedjoin(t, 10 * SEC, &result), 0);
	T_EXPECT_EQ(result, 11);
	/* no limit, result not wanted; and a timed join of a finished thread */
	go = 0;
	T_ASSERT(tb_thread_spawn(&t, 0, wait_then, &go) == 0);
	ev_set(&go);
	T_EXPECT_EQ(tb_thread_timedjoin(t, -1, 0), 0);
	T_ASSERT(tb_thread_spawn(&t, 0, wait_then, &go) == 0);
	while (tb_thread_timedjoin(t, 0, &result) == -ETIMEDOUT)
		tb_thread_yield();
	T_EXPECT_EQ(result, 11);
}

int main(int argc, char **argv)
{
	return t_run(argc, argv, (const struct t_case[]){
		T_CASE(t_exit_result),
		T_CASE(t_exit_detached),
		T_CASE(t_at_exit_order),
		T_CASE(t_at_exit_many),
		T_CASE(t_main_exits_first),
		T_CASE(t_at_exit_tb_exit),
		T_CASE(t_tss_1024),
		T_CASE(t_tss_rounds),
		T_CASE(t_tss_deleted),
		T_CASE(t_timedjoin),
		{ 0, 0 },
	});
}
