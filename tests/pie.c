/*
 * A static PIE (-Dhardened=true) relocated by core/start.c: pointers the
 * linker stored in data (to a global, to a function, in .init_array) point
 * where the program was loaded, and TLS still works. Prints "# main <addr>
 * global <addr>" for tests/pie.sh, which runs it twice (ASLR: two bases).
 */
#include "harness.h"

int main(int argc, char **argv);

static int global = 42;
static int *const global_ptr = &global;
static int twice(int x)
{
	return 2 * x;
}
static int (*const fn_ptr)(int) = twice;
static const char *const strings[] = { "relocated", "table" };
static __thread int tls_value = 7;
static int ctor_ran;

__attribute__((constructor)) static void ctor(void)
{
	ctor_ran = 1;
}

static int in_thread(void *arg)
{
	return tls_value + *(int *)arg;
}

static void t_relocated(void)
{
	struct tb_thread *t;
	int one = 1;

	tb_dprintf(1, "# main %p global %p\n", (void *)(uintptr_t)main, (void *)&global);
	T_EXPECT(global_ptr == &global);
	T_EXPECT_EQ(*global_ptr, 42);
	T_EXPECT_EQ(fn_ptr(21), 42);
	T_EXPECT(strings[0][0] == 'r' && strings[1][0] == 't');
	T_EXPECT_EQ(ctor_ran, 1);
	T_EXPECT_EQ(tls_value, 7);
	T_ASSERT(tb_thread_spawn(&t, 0, in_thread, &one) == 0);
	T_EXPECT_EQ(tb_thread_join(t), 8);
}

int main(int argc, char **argv)
{
	return t_run(argc, argv, (const struct t_case[]){
		T_CASE(t_relocated),
		{ 0 },
	});
}
