/*
 * The smallest C11 threaded program: one thrd_create and one thrd_join.
 * tests/c11_size.sh checks that, linked against threadbare and stripped,
 * it stays under 8 KiB.
 */
#include <threads.h>

static volatile int seen;

static int work(void *arg)
{
	seen = (int)(long)arg;
	return 3;
}

int main(void)
{
	thrd_t t;
	int res = 0;

	if (thrd_create(&t, work, (void *)1L) != thrd_success)
		return 1;
	thrd_join(t, &res);
	return seen == 1 && res == 3 ? 0 : 1;
}
