/*
 * C11 thread-specific storage and thrd_exit over tb_tss_* and
 * tb_thread_exit (public API only, like core/c11/threads.c). A separate
 * file so that a program without keys links none of it.
 */
#include <threads.h>

int tss_create(tss_t *key, tss_dtor_t dtor)
{
	return tb_tss_create(key, dtor) ? thrd_error : thrd_success;
}

void tss_delete(tss_t key)
{
	tb_tss_delete(key);
}

void *tss_get(tss_t key)
{
	return tb_tss_get(key);
}

int tss_set(tss_t key, void *val)
{
	return tb_tss_set(key, val) ? thrd_error : thrd_success;
}

_Noreturn void thrd_exit(int res)
{
	tb_thread_exit(res);
}
