/*
 * A program built the way a user's is through pkg-config (tests/pkgconfig.sh:
 * `cc $(pkg-config --cflags threadbare) prog.c $(pkg-config --libs
 * threadbare)` against an installed threadbare). <threads.h> must be
 * threadbare's (include/c11), not the libc's: it prints sizeof(mtx_t) for
 * the script to compare with the library's, and uses a C11 mutex and
 * thread.
 */
#include <threads.h>
#include <threadbare.h>

static mtx_t m;
static int counter;

static int worker(void *arg)
{
	for (int i = 0; i < 1000; i++) {
		mtx_lock(&m);
		counter += (int)(long)arg;
		mtx_unlock(&m);
	}
	return 7;
}

int main(void)
{
	thrd_t t;
	int r = -1;

	if (mtx_init(&m, mtx_plain) != thrd_success || thrd_create(&t, worker, (void *)2L) != thrd_success)
		return 2;
	worker((void *)1L);
	if (thrd_join(t, &r) != thrd_success || r != 7 || counter != 3000)
		return 3;
	mtx_destroy(&m);
	tb_dprintf(1, "sizeof(mtx_t) %zu\n", sizeof(mtx_t));
	return 0;
}
