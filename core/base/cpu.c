/*
 * The CPU count, and how long to spin before sleeping: TB__SPIN iterations when the process may
 * run on more than one CPU, none when it is confined to one (taskset -c 0):
 * there the thread that would end the wait cannot run while we spin, and a
 * spin only delays the futex wait. Decided once, on the first slow path.
 * Both live here, below the primitives that spin, so that nothing in sync/
 * calls up into thread/.
 */
#include <threadbare/thread.h>
#include "../internal.h"
#include "../sys.h"

int tb__spin_cached = -1;

int tb__spin_init(void)
{
	int l = tb_cpu_count() > 1 ? TB__SPIN : 0;

	__atomic_store_n(&tb__spin_cached, l, __ATOMIC_RELAXED);
	return l;
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
