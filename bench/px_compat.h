/*
 * The benchmark shim over POSIX threads: the same bt_* names as tb_compat.h,
 * mapped to pthread calls. Built statically with glibc (gcc -O2 -static
 * -pthread) and with musl (musl-gcc -O2 -static) by scripts/bench.sh.
 */
#ifndef BENCH_PX_COMPAT_H
#define BENCH_PX_COMPAT_H

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define BT_IMPL "pthread"

#define BT_THREAD(name, arg) static void *name(void *arg)
#define BT_RETURN return 0
typedef void *(*bt_fn)(void *);
typedef pthread_t bt_thread;

struct bt_cfg {
	pthread_attr_t a;
	const pthread_attr_t *p; /* NULL: the default attributes */
};

/* stack == 0: the library's default (NULL attributes). */
static inline void bt_cfg_init(struct bt_cfg *cfg, size_t stack)
{
	cfg->p = NULL;
	if (stack) {
		pthread_attr_init(&cfg->a);
		pthread_attr_setstacksize(&cfg->a, stack);
		cfg->p = &cfg->a;
	}
}

static inline int bt_spawn(bt_thread *t, const struct bt_cfg *cfg, bt_fn fn, void *arg)
{
	return pthread_create(t, cfg->p, fn, arg);
}

static inline void bt_join(bt_thread t) { pthread_join(t, NULL); }
static inline void bt_detach(bt_thread t) { pthread_detach(t); }
static inline void bt_yield(void) { sched_yield(); }

/* musl-gcc sees no kernel headers: the two futex ops, as <linux/futex.h> has them */
#define BT_FUTEX_WAIT_PRIVATE (0 | 128)
#define BT_FUTEX_WAKE_PRIVATE (1 | 128)

static inline void bt_futex_wait(uint32_t *addr, uint32_t expect)
{
	syscall(SYS_futex, addr, BT_FUTEX_WAIT_PRIVATE, expect, NULL, NULL, 0);
}

static inline void bt_futex_wake(uint32_t *addr, uint32_t n)
{
	syscall(SYS_futex, addr, BT_FUTEX_WAKE_PRIVATE, n > 0x7fffffff ? 0x7fffffff : n, NULL, NULL, 0);
}

static inline uint64_t bt_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static inline long bt_read_file(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	long n = 0, r;

	if (fd < 0)
		return -1;
	while (n < (long)size - 1 && (r = read(fd, buf + n, size - 1 - n)) > 0)
		n += r;
	close(fd);
	buf[n] = 0;
	return n;
}

#define bt_printf(...) dprintf(1, __VA_ARGS__)
#define bt_snprintf snprintf

/* ---- primitives: POSIX has them all (BT_USE_* only matters to tb_compat.h) ---- */

typedef pthread_mutex_t bt_mutex;
static inline void bt_mutex_init(bt_mutex *m) { pthread_mutex_init(m, NULL); }
static inline void bt_mutex_lock(bt_mutex *m) { pthread_mutex_lock(m); }
static inline void bt_mutex_unlock(bt_mutex *m) { pthread_mutex_unlock(m); }

typedef pthread_cond_t bt_cond;
static inline void bt_cond_init(bt_cond *c) { pthread_cond_init(c, NULL); }
static inline void bt_cond_wait(bt_cond *c, bt_mutex *m) { pthread_cond_wait(c, m); }
static inline void bt_cond_signal(bt_cond *c) { pthread_cond_signal(c); }
static inline void bt_cond_broadcast(bt_cond *c) { pthread_cond_broadcast(c); }

typedef sem_t bt_sem;
static inline void bt_sem_init(bt_sem *s, unsigned n) { sem_init(s, 0, n); }
static inline void bt_sem_wait(bt_sem *s) { while (sem_wait(s)) ; }
static inline void bt_sem_post(bt_sem *s) { sem_post(s); }

typedef pthread_rwlock_t bt_rwlock;
static inline void bt_rwlock_init(bt_rwlock *l) { pthread_rwlock_init(l, NULL); }
static inline void bt_rwlock_lock(bt_rwlock *l) { pthread_rwlock_wrlock(l); }
static inline void bt_rwlock_unlock(bt_rwlock *l) { pthread_rwlock_unlock(l); }
static inline void bt_rwlock_lock_shared(bt_rwlock *l) { pthread_rwlock_rdlock(l); }
static inline void bt_rwlock_unlock_shared(bt_rwlock *l) { pthread_rwlock_unlock(l); }

static inline uint64_t bt_clock_monotonic_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* bt_once_call(o, fn): fn is a BT_ONCE_FN, a void (void) function here */
typedef pthread_once_t bt_once;
#define BT_ONCE_INIT PTHREAD_ONCE_INIT
#define BT_ONCE_FN(name) static void name(void)
static inline void bt_once_call(bt_once *o, void (*fn)(void)) { pthread_once(o, fn); }

typedef pthread_key_t bt_tss;
static inline int bt_tss_create(bt_tss *k) { return -pthread_key_create(k, NULL); }
static inline void bt_tss_set(bt_tss k, void *v) { pthread_setspecific(k, v); }
static inline void *bt_tss_get(bt_tss k) { return pthread_getspecific(k); }

#include "px_pool.h"

#endif
