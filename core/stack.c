/*
 * Stack bounds (tb_thread_stack), for garbage collectors that scan stacks.
 * A spawned thread's stack is [map_base + guard, stack top) of its mapping
 * (core/thread.c lays it out). The main thread's is found as glibc's
 * pthread_getattr_np finds it: the mapping that holds the initial stack
 * pointer in /proc/self/maps, RLIMIT_STACK, and the end of the mapping
 * below it, which the stack can never grow into.
 */
#include <linux/fcntl.h>
#include <linux/resource.h>
#include <threadbare/thread.h>
#include "internal.h"
#include "sys.h"

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/*
 * Finds the mapping that holds addr: its end in *end and the end of the
 * mapping before it in *below (0 if none). Lines start "lo-hi "; the rest
 * of each line is skipped, however long.
 */
static int find_mapping(uintptr_t addr, uintptr_t *end, uintptr_t *below)
{
	char buf[512];
	uintptr_t v[2] = { 0, 0 }, prev = 0;
	int fd, field = 0; /* 0: lo, 1: hi, 2: the rest of the line */
	long n;

	fd = (int)tb__syscall4(__NR_openat, AT_FDCWD, "/proc/self/maps", O_RDONLY | O_CLOEXEC, 0);
	if (fd < 0)
		return fd;
	while ((n = tb__syscall3(__NR_read, fd, buf, sizeof(buf))) > 0) {
		for (long i = 0; i < n; i++) {
			char c = buf[i];

			if (c == '\n') {
				if (v[0] <= addr && addr < v[1]) {
					tb__syscall1(__NR_close, fd);
					*end = v[1];
					*below = prev;
					return 0;
				}
				prev = v[1];
				v[0] = v[1] = 0;
				field = 0;
			} else if (field < 2 && hexval(c) >= 0) {
				v[field] = v[field] << 4 | (uintptr_t)hexval(c);
			} else if (field < 2) {
				field++; /* the '-' after lo, the ' ' after hi */
			}
		}
	}
	tb__syscall1(__NR_close, fd);
	return n < 0 ? (int)n : -ENOENT;
}

int tb__main_stack(void **lo, size_t *size)
{
	uintptr_t sp = (uintptr_t)tb__initial_sp, page = tb__rt.page_size;
	uintptr_t top, end, below;
	struct rlimit64 rl;
	uint64_t limit, sz;
	int r;

	if (!sp)
		return -EOPNOTSUPP;
	r = find_mapping(sp, &end, &below);
	if (r)
		return r;
	r = (int)tb__syscall4(__NR_prlimit64, 0, RLIMIT_STACK, 0, &rl);
	limit = r ? 8 << 20 : rl.rlim_cur;
	top = (sp & ~(page - 1)) + page;
	/* the arguments, environment and auxiliary vector above top count against the limit */
	sz = limit > end - top ? limit - (end - top) : 0;
	sz &= ~(uint64_t)(page - 1);
	if (sz > top - below)
		sz = top - below;
	*lo = (void *)(top - (uintptr_t)sz);
	*size = (size_t)sz;
	return 0;
}

int tb_thread_stack(struct tb_thread *h, void **lo, size_t *size)
{
	struct tb__thread *t = h ? (struct tb__thread *)h : tb__self();
	uintptr_t from;

	if (!lo || !size)
		return -EINVAL;
	if (__atomic_load_n(&t->state, __ATOMIC_ACQUIRE) == TB__COMPLETED)
		return -ESRCH;
	if (!t->map_base)
		return tb__main_stack(lo, size);
	from = (uintptr_t)t->map_base + t->guard_size;
	*lo = (void *)from;
	*size = tb__stack_top(t) - from;
	return 0;
}
