/*
 * The benchmark shim over threadbare: the bt_* names used by the workloads,
 * mapped to tb_* calls. No libc: only the compiler's headers, the kernel's
 * UAPI headers and <threadbare.h>, exactly what a user's program can reach.
 * A workload says which primitives it uses (#define BT_USE_MUTEX ... before
 * including bench.h): only those are mapped, so a primitive that is missing
 * or changed breaks only its own workloads (bench/meson.build builds a
 * workload only once the headers it needs are there).
 */
#ifndef BENCH_TB_COMPAT_H
#define BENCH_TB_COMPAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <threadbare.h>
#include <asm/unistd.h>
#include <linux/errno.h>
#include <linux/time.h>
#include <linux/time_types.h>

#define BT_IMPL "threadbare"

/* Thread functions: BT_THREAD(name, arg) { ...; BT_RETURN; } */
#define BT_THREAD(name, arg) static int name(void *arg)
#define BT_RETURN return 0
typedef int (*bt_fn)(void *);
typedef struct tb_thread *bt_thread;

struct bt_cfg {
	struct tb_thread_config c;
	const struct tb_thread_config *p; /* NULL: the default config */
};

/* stack == 0: the library's default (NULL config). */
static inline void bt_cfg_init(struct bt_cfg *cfg, size_t stack)
{
	struct tb_thread_config c = TB_THREAD_CONFIG_INIT;

	c.stack_size = stack;
	cfg->c = c;
	cfg->p = stack ? &cfg->c : NULL;
}

/* 0 or a positive errno, like pthread_create. */
static inline int bt_spawn(bt_thread *t, const struct bt_cfg *cfg, bt_fn fn, void *arg)
{
	return -tb_thread_spawn(t, cfg->p, fn, arg);
}

static inline void bt_join(bt_thread t) { tb_thread_join(t); }
static inline void bt_detach(bt_thread t) { (void)tb_thread_detach(t); }
static inline void bt_yield(void) { tb_thread_yield(); }

static inline void bt_futex_wait(uint32_t *addr, uint32_t expect) { tb_futex_wait(addr, expect, -1); }
static inline void bt_futex_wake(uint32_t *addr, uint32_t n) { tb_futex_wake(addr, n); }

static inline uint64_t bt_now_ns(void)
{
	struct __kernel_timespec ts;

#ifdef __NR_clock_gettime64
	tb_syscall(__NR_clock_gettime64, CLOCK_MONOTONIC, (long)&ts, 0, 0, 0, 0);
#else
	tb_syscall(__NR_clock_gettime, CLOCK_MONOTONIC, (long)&ts, 0, 0, 0, 0);
#endif
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* Reads up to size - 1 bytes of a file, NUL-terminated. Returns the length or -1. */
static inline long bt_read_file(const char *path, char *buf, size_t size)
{
	long fd = tb_syscall(__NR_openat, -100 /* AT_FDCWD */, (long)path, 0, 0, 0, 0);
	long n = 0, r;

	if (fd < 0)
		return -1;
	while (n < (long)size - 1 && (r = tb_syscall(__NR_read, fd, (long)(buf + n), (long)size - 1 - n, 0, 0, 0)) > 0)
		n += r;
	tb_syscall(__NR_close, fd, 0, 0, 0, 0, 0);
	buf[n] = 0;
	return n;
}

#define bt_printf(...) tb_dprintf(1, __VA_ARGS__)
#define bt_snprintf tb_snprintf

/* ---- primitives, as they land ---- */

#ifdef BT_USE_MUTEX
#include <threadbare/mutex.h>
typedef struct tb_mutex bt_mutex;
static inline void bt_mutex_init(bt_mutex *m) { *m = (struct tb_mutex)TB_MUTEX_INIT; }
static inline void bt_mutex_lock(bt_mutex *m) { tb_mutex_lock(m); }
static inline void bt_mutex_unlock(bt_mutex *m) { tb_mutex_unlock(m); }
#endif

#ifdef BT_USE_COND
#include <threadbare/condition.h>
typedef struct tb_cond bt_cond;
static inline void bt_cond_init(bt_cond *c) { *c = (struct tb_cond)TB_COND_INIT; }
static inline void bt_cond_wait(bt_cond *c, bt_mutex *m) { tb_cond_wait(c, m); }
static inline void bt_cond_signal(bt_cond *c) { tb_cond_signal(c); }
static inline void bt_cond_broadcast(bt_cond *c) { tb_cond_broadcast(c); }
#endif

#ifdef BT_USE_SEM
#include <threadbare/semaphore.h>
typedef struct tb_sem bt_sem;
static inline void bt_sem_init(bt_sem *s, unsigned n) { *s = (struct tb_sem)TB_SEM_INIT(n); }
static inline void bt_sem_wait(bt_sem *s) { tb_sem_wait(s); }
static inline void bt_sem_post(bt_sem *s) { tb_sem_post(s); }
#endif

#ifdef BT_USE_RWLOCK
#include <threadbare/rwlock.h>
typedef struct tb_rwlock bt_rwlock;
static inline void bt_rwlock_init(bt_rwlock *l) { *l = (struct tb_rwlock)TB_RWLOCK_INIT; }
static inline void bt_rwlock_lock(bt_rwlock *l) { tb_rwlock_lock(l); }
static inline void bt_rwlock_unlock(bt_rwlock *l) { tb_rwlock_unlock(l); }
static inline void bt_rwlock_lock_shared(bt_rwlock *l) { tb_rwlock_lock_shared(l); }
static inline void bt_rwlock_unlock_shared(bt_rwlock *l) { tb_rwlock_unlock_shared(l); }
#endif

#ifdef BT_USE_POOL
#include <threadbare/pool.h>
typedef struct tb_pool bt_pool;
typedef struct tb_pool_job bt_job;
#define BT_JOB_FN(name, job) static void name(bt_job *job)
static inline void bt_job_init(bt_job *job, void (*fn)(bt_job *)) { job->fn = fn; }
static inline int bt_pool_init(bt_pool *p, int n) { return tb_pool_init(p, (uint32_t)n); }
static inline void bt_pool_submit(bt_pool *p, bt_job *job) { (void)tb_pool_submit(p, job); }
static inline void bt_pool_wait(bt_pool *p) { tb_pool_wait(p); }
static inline void bt_pool_deinit(bt_pool *p) { tb_pool_deinit(p); }
#endif

#ifdef BT_USE_CLOCK
#include <threadbare/clock.h>
static inline uint64_t bt_clock_monotonic_ns(void) { return (uint64_t)tb_clock_ns(TB_CLOCK_MONOTONIC); }
#endif

#ifdef BT_USE_ONCE
#include <threadbare/once.h>
typedef struct tb_once bt_once;
#define BT_ONCE_INIT TB_ONCE_INIT
#define BT_ONCE_FN(name) static void name(__attribute__((unused)) void *arg)
static inline void bt_once_call(bt_once *o, void (*fn)(void *)) { tb_once_call(o, fn, NULL); }
#endif

#ifdef BT_USE_TSS
#include <threadbare/tss.h>
typedef struct tb_tss bt_tss;
static inline int bt_tss_create(bt_tss *k) { return tb_tss_create(k, NULL); }
static inline void bt_tss_set(bt_tss k, void *v) { tb_tss_set(k, v); }
static inline void *bt_tss_get(bt_tss k) { return tb_tss_get(k); }
#endif

#ifdef BT_USE_EVENT
#include <threadbare/reset_event.h>
#endif

#ifdef BT_USE_WAIT_GROUP
#include <threadbare/wait_group.h>
#endif

#endif
