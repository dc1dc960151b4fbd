/*
 * The C++ ABI's registration of thread_local destructors. g++ calls
 * __cxa_thread_atexit (libsupc++'s, which calls __cxa_thread_atexit_impl
 * when the libc has it) with the address of __dso_handle (crtbegin.o's).
 * A -nostdlib program has neither, so the three are here; the destructors
 * go on the thread's exit callbacks (core/thread/at_exit.c): newest first, at
 * thread end, and for the thread calling tb_exit or returning from main.
 * Linked only into programs that reference one of them.
 */
#include <threadbare/thread.h>

/* weak: crtbegin.o's definition wins when a program links it too */
__attribute__((weak, visibility("hidden"))) void *__dso_handle = &__dso_handle;

int __cxa_thread_atexit_impl(void (*dtor)(void *), void *obj, void *dso);
int __cxa_thread_atexit(void (*dtor)(void *), void *obj, void *dso);

/* 0, or -1 when no memory is left for the record (the ABI's nonzero) */
int __cxa_thread_atexit_impl(void (*dtor)(void *), void *obj, void *dso)
{
	(void)dso; /* a static program has one module, which is never unloaded */
	return tb_thread_at_exit(dtor, obj) ? -1 : 0;
}

int __cxa_thread_atexit(void (*dtor)(void *), void *obj, void *dso)
{
	return __cxa_thread_atexit_impl(dtor, obj, dso);
}
