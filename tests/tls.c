/*
 * Static TLS: .tdata and .tbss, alignments 8, 64 and 4096, a fresh copy of
 * the image in every thread, the main thread included (Zig §11.28).
 */
#include "harness.h"

static __thread int x = 1234;				/* §11.28 */
static __thread uint64_t a8 __attribute__((aligned(8))) = 0x0123456789abcdefULL;
static __thread char a64[64] __attribute__((aligned(64))) = "sixty-four";
static __thread char a4096[100] __attribute__((aligned(4096))) = "page";
static __thread uint32_t zeroes[300];			/* .tbss */
static __thread uint64_t z64 __attribute__((aligned(64)));

/* Checks the fresh image, then dirties it; returns 0 when all was well. */
static int check_tls(void *p)
{
	uint32_t *fails = p;
	int bad = 0;

	bad |= x != 1234;
	x += 1;
	bad |= x != 1235;
	bad |= a8 != 0x0123456789abcdefULL;
	bad |= !t_streq(a64, "sixty-four");
	bad |= !t_streq(a4096, "page");
	bad |= ((uintptr_t)&a8 & 7) != 0;
	bad |= ((uintptr_t)a64 & 63) != 0;
	bad |= ((uintptr_t)a4096 & 4095) != 0;
	bad |= ((uintptr_t)&z64 & 63) != 0;
	for (int i = 0; i < 300; i++)
		bad |= zeroes[i] != 0;
	bad |= z64 != 0;
	for (int i = 0; i < 300; i++)
		zeroes[i] = (uint32_t)i + 1;
	z64 = ~0ULL;
	a8 = 1;
	a64[0] = 'S';
	a4096[0] = 'P';
	if (bad)
		__atomic_add_fetch(fails, 1, __ATOMIC_SEQ_CST);
	return bad;
}

static int report_addr(void *p)
{
	*(uintptr_t *)p = (uintptr_t)&x;
	return 0;
}

static void t_main_thread(void)
{
	uint32_t fails = 0;

	T_EXPECT_EQ(check_tls(&fails), 0);
	T_EXPECT_EQ(x, 1235);
}

static void t_fresh_copy_per_thread(void)
{
	struct tb_thread *t[4];
	uint32_t fails = 0;

	for (int i = 0; i < 4; i++)
		T_ASSERT(tb_thread_spawn(&t[i], 0, check_tls, &fails) == 0);
	for (int i = 0; i < 4; i++)
		T_EXPECT_EQ(tb_thread_join(t[i]), 0);
	T_EXPECT_EQ(fails, 0);
	/* the threads' writes did not reach the main thread's copy */
	T_EXPECT_EQ(x, 1235);
	T_EXPECT_EQ(a8, 1);
	T_EXPECT_EQ(zeroes[299], 300);
}

static void t_distinct_addresses(void)
{
	uintptr_t a = 0, b = 0;
	struct tb_thread *t;

	T_ASSERT(tb_thread_spawn(&t, 0, report_addr, &a) == 0);
	tb_thread_join(t);
	T_ASSERT(tb_thread_spawn(&t, 0, report_addr, &b) == 0);
	tb_thread_join(t);
	T_EXPECT(a != (uintptr_t)&x);
	T_EXPECT(a != 0 && b != 0);
}

static void t_many_threads_small_stacks(void)
{
	struct tb_thread_config cfg = { .stack_size = 16 << 10 };
	struct tb_thread *t[32];
	uint32_t fails = 0;

	for (int i = 0; i < 32; i++)
		T_ASSERT(tb_thread_spawn(&t[i], &cfg, check_tls, &fails) == 0);
	for (int i = 0; i < 32; i++)
		tb_thread_join(t[i]);
	T_EXPECT_EQ(fails, 0);
}

int main(int argc, char **argv)
{
	return t_run(argc, argv, (const struct t_case[]){
		T_CASE(t_main_thread),
		T_CASE(t_fresh_copy_per_thread),
		T_CASE(t_distinct_addresses),
		T_CASE(t_many_threads_small_stacks),
		{ 0, 0 },
	});
}
