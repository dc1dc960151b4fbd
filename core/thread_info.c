/*
 * Thread names, yield, sleep and CPU count.
 */
#include <linux/fcntl.h>
#include <linux/prctl.h>
#include <linux/time_types.h>
#include <threadbare/io.h>
#include <threadbare/thread.h>
#include "internal.h"
#include "sys.h"

/* /proc/self/task/<tid>/comm of another thread; the caller uses prctl. */
static int open_comm(const struct tb__thread *t, int flags)
{
	char path[48];

	tb_snprintf(path, sizeof(path), "/proc/self/task/%u/comm", (unsigned)t->tid);
	return (int)tb__syscall4(__NR_openat, AT_FDCWD, path, flags | O_CLOEXEC, 0);
}

int tb_thread_set_name(struct tb_thread *h, const char *name)
{
	struct tb__thread *t = h ? (struct tb__thread *)h : tb__self();
	size_t n = 0;
	long r;
	int fd;

	if (!name)
		return -EINVAL;
	while (name[n] && n <= TB_THREAD_NAME_MAX)
		n++;
	if (n > TB_THREAD_NAME_MAX)
		return -ERANGE;
	if (t == tb__self())
		return (int)tb__syscall2(__NR_prctl, PR_SET_NAME, name);
	fd = open_comm(t, O_WRONLY);
	if (fd < 0)
		return fd;
	r = tb__sys_write(fd, name, n);
	tb__syscall1(__NR_close, fd);
	return r < 0 ? (int)r : 0;
}

int tb_thread_get_name(struct tb_thread *h, char buf[TB_THREAD_NAME_MAX + 1])
{
	struct tb__thread *t = h ? (struct tb__thread *)h : tb__self();
	long n;
	int fd;

	if (!buf)
		return -EINVAL;
	buf[TB_THREAD_NAME_MAX] = 0;
	if (t == tb__self()) {
		n = tb__syscall2(__NR_prctl, PR_GET_NAME, buf);
		if (n < 0)
			return (int)n;
		for (n = 0; buf[n]; n++)
			;
		return (int)n;
	}
	fd = open_comm(t, O_RDONLY);
	if (fd < 0)
		return fd;
	n = tb__syscall3(__NR_read, fd, buf, TB_THREAD_NAME_MAX + 1);
	tb__syscall1(__NR_close, fd);
	if (n < 0)
		return (int)n;
	if (n > 0 && buf[n - 1] == '\n')
		n--;
	buf[n] = 0;
	return (int)n;
}

void tb_thread_yield(void)
{
	tb__syscall0(__NR_sched_yield);
}

static long count_bits(const unsigned long *set, long bytes)
{
	long count = 0;

	for (long i = 0; i < bytes / (long)sizeof(unsigned long); i++)
		count += __builtin_popcountl(set[i]);
	return count ? count : 1;
}

/* Kernels with more than 1024 possible CPUs refuse a small mask with -EINVAL:
 * retry with bigger ones (from mmap, so callers with small stacks are safe). */
long tb_cpu_count(void)
{
	unsigned long small[128 / sizeof(unsigned long)];
	long n = tb__syscall3(__NR_sched_getaffinity, 0, sizeof(small), small);

	if (n != -EINVAL)
		return n < 0 ? n : count_bits(small, n);
	for (size_t bytes = 1024; bytes <= (1 << 20); bytes *= 8) {
		long m = tb__sys_mmap(0, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS);

		if (tb__is_err(m))
			return m;
		n = tb__syscall3(__NR_sched_getaffinity, 0, bytes, m);
		if (n >= 0)
			n = count_bits((const unsigned long *)m, n);
		tb__sys_munmap((void *)m, bytes);
		if (n != -EINVAL)
			return n;
	}
	return n;
}
