/*
 * The same program as c11_size.c written with tb_thread_spawn/join: the
 * base that c11_size.sh compares the C11 program's size with.
 */
#include <threadbare/thread.h>

static volatile int seen;

static int work(void *arg)
{
	seen = (int)(long)arg;
	return 3;
}

int main(void)
{
	struct tb_thread *t;

	if (tb_thread_spawn(&t, 0, work, (void *)1L))
		return 1;
	return tb_thread_join(t) == 3 && seen == 1 ? 0 : 1;
}
