#ifndef THREADBARE_THREAD_H
#define THREADBARE_THREAD_H

#include <stddef.h>
#include <stdint.h>

#define TB_THREAD_NAME_MAX 15
#define TB_THREAD_STACK_DEFAULT ((size_t)16 << 20)

struct tb_thread; /* opaque: lives in the thread's own mapping */

/*
 * Spawn options; NULL or a zeroed field means the default.
 *   stack_size  bytes of stack, rounded up to pages (default 16 MiB, reserved
 *               and committed lazily)
 *   guard_size  bytes of PROT_NONE guard below the stack, rounded up to pages
 *               (default one page)
 *   name        the thread's name (at most TB_THREAD_NAME_MAX bytes), set by the
 *               thread before fn runs
 */
struct tb_thread_config {
	size_t stack_size;
	size_t guard_size;
	const char *name;
};

#define TB_THREAD_CONFIG_INIT { 0, 0, 0 }

/*
 * Starts fn(arg) on a new kernel thread and stores its handle in *out.
 * Exactly one of tb_thread_join or tb_thread_detach must follow.
 * Returns 0, or:
 *   -EINVAL  out or fn is NULL
 *   -ERANGE  cfg->name is longer than TB_THREAD_NAME_MAX
 *   -ENOMEM  the mapping cannot be made (size overflow, mmap or mprotect failed)
 *   -EAGAIN  the kernel refused another thread (clone failed)
 *   -EPERM   the runtime is not initialised (tb_init has not run)
 * On failure *out is untouched and nothing is left mapped.
 */
int tb_thread_spawn(struct tb_thread **out, const struct tb_thread_config *cfg,
		    int (*fn)(void *arg), void *arg);

/* Waits for t to finish, frees it and returns fn's return value. */
int tb_thread_join(struct tb_thread *t);

/* Lets t free itself when fn returns; t must not be used afterwards. */
void tb_thread_detach(struct tb_thread *t);

/* The calling thread (the main thread included). */
struct tb_thread *tb_thread_self(void);

/* Kernel tid of the caller, cached in its control block (tb_fork refreshes it). */
uint32_t tb_thread_id(void);

/*
 * Names thread t (the caller or another live thread of this process).
 * Returns 0, -ERANGE (name longer than TB_THREAD_NAME_MAX), -EINVAL (NULL),
 * or the errno of prctl or of /proc/self/task/<tid>/comm (another thread).
 */
int tb_thread_set_name(struct tb_thread *t, const char *name);

/* Copies t's name, NUL-terminated, into buf. Returns its length or -errno. */
int tb_thread_get_name(struct tb_thread *t, char buf[TB_THREAD_NAME_MAX + 1]);

/*
 * Joined and detached threads' mappings are kept (at most 8, 256 MiB of
 * address space) for reuse by later spawns of the same size. This unmaps
 * them all, waiting for detached threads that are still exiting.
 */
void tb_thread_cache_trim(void);

void tb_thread_yield(void);

/* Sleeps at least ns nanoseconds (resumes after signals). Returns 0 or -errno. */
int tb_sleep_ns(uint64_t ns);

/* CPUs in the caller's affinity mask (at least 1), or -errno. */
long tb_cpu_count(void);

#endif
