/*
 * Start-up under faults (a -Dfault=true build), through the embed path
 * (tests/embed.c): this program's own tb__start_c fails each system call
 * tb_init makes in turn, with ENOMEM and with EINVAL, and checks that
 * tb_init returns a negative errno, leaves no mapping behind and succeeds
 * once nothing fails. argv[1] takes the vDSO away first: "novdso" drops
 * AT_SYSINFO_EHDR from the auxiliary vector, "badvdso" points it at a page
 * of zeros; clocks must then work through the system call, and a failing
 * clock_gettime must give a negative errno. Built with and without a big
 * .tbss (T_BIG_TLS: tb_init maps the main thread's TLS).
 */
#include "harness.h"
#include "fault.h"
#include <linux/auxvec.h>
#include <linux/fcntl.h>

#ifdef T_BIG_TLS
#define BIG ((size_t)128 << 10)
static __thread unsigned char big[BIG];
#endif
static __thread int tls_value = 99; /* both written by child: kept in .tdata/.tbss */

static unsigned long auxv[256];
static unsigned char zeros[4096] __attribute__((aligned(64)));
static char before[32768], after[32768];
static int n_ok;

static long maps(char *buf, long size)
{
	long fd = tb_syscall(__NR_openat, AT_FDCWD, (long)"/proc/self/maps", O_RDONLY, 0, 0, 0), n, len = 0;

	if (fd < 0)
		return fd;
	while (len < size && (n = tb_syscall(__NR_read, fd, (long)(buf + len), size - len, 0, 0, 0)) > 0)
		len += n;
	tb_syscall(__NR_close, fd, 0, 0, 0, 0, 0);
	return len;
}

static bool same(const char *a, long na, const char *b, long nb)
{
	if (na != nb)
		return false;
	for (long i = 0; i < na; i++)
		if (a[i] != b[i])
			return false;
	return true;
}

static void report(const char *what)
{
	static uint32_t seen;
	uint32_t f = __atomic_load_n(&t_failures, __ATOMIC_SEQ_CST);

	tb_dprintf(1, "%s %d - %s\n", f != seen ? "not ok" : "ok", ++n_ok, what);
	seen = f;
}

static int child(void *p)
{
	(void)p;
#ifdef T_BIG_TLS
	if (big[0] || big[BIG - 1])
		return 9;
	big[0] = big[BIG - 1] = 1;
#endif
	return tls_value++;
}

void tb__start_c(long *sp);

void tb__start_c(long *sp)
{
	char **argv = (char **)(sp + 1), **p = argv + sp[0] + 1;
	const char *mode = sp[0] > 1 ? argv[1] : "";
	const unsigned long *a;
	static struct tb_fault_call log[16];
	struct tb_thread *t;
	long nb, na, clock_nr = -1;
	int n = 0, failed = 0, r = -1;

	while (*p)
		p++;
	for (a = (const unsigned long *)(p + 1); a[0] != AT_NULL && n < 254; a += 2, n += 2) {
		auxv[n] = a[0];
		auxv[n + 1] = a[1];
#ifdef AT_SYSINFO_EHDR
		if (a[0] == AT_SYSINFO_EHDR && t_streq(mode, "novdso"))
			auxv[n] = AT_IGNORE;
		if (a[0] == AT_SYSINFO_EHDR && t_streq(mode, "badvdso"))
			auxv[n + 1] = (unsigned long)zeros;
#endif
	}
	auxv[n] = AT_NULL;

	/* each call of tb_init's in turn fails, until none is left to fail */
	nb = maps(before, sizeof(before));
	T_EXPECT(nb > 0);
	for (unsigned long k = 1; k < 64 && r != 0; k++) {
		static const int errs[] = { ENOMEM, EINVAL };

		for (int e = 0; e < 2 && r != 0; e++) {
			unsigned long fired;

			tb_fault_arm(-1, k, errs[e]);
			r = tb_init(auxv);
			fired = tb_fault_disarm();
			if (r == 0)
				break; /* no kth call: start-up is done */
			failed++;
			T_EXPECT(fired == 1 && r < 0);
			na = maps(after, sizeof(after));
			if (!same(before, nb, after, na)) {
				T_EXPECT(0);
				tb_dprintf(1, "# call %lu failing with %d left mappings behind:\n", k, errs[e]);
				tb_write_all(1, after, (size_t)na);
			}
		}
	}
	T_EXPECT_EQ(r, 0);
	T_EXPECT(failed > 0);
	tb_dprintf(1, "# tb_init failed %d times, then started\n", failed);
	report("tb_init: each system call fails in turn, no leak, then it starts");

	T_EXPECT_EQ(tls_value, 99);
#ifdef T_BIG_TLS
	T_EXPECT_EQ(big[0] + big[BIG - 1], 0);
#endif
	t = 0;
	if (tb_thread_spawn(&t, 0, child, 0) == 0)
		T_EXPECT_EQ(tb_thread_join(t), 99);
	else
		T_EXPECT(0);
	report("TLS, spawn and join after the failed starts");

	if (mode[0]) {
		tb_fault_trace(log, 16);
		T_EXPECT(tb_clock_ns(TB_CLOCK_MONOTONIC) > 0);
		T_EXPECT(tb_fault_count() >= 1); /* no vDSO: the system call */
		if (tb_fault_count() >= 1)
			clock_nr = log[0].nr;
		tb_fault_trace(0, 0);
		tb_fault_arm(clock_nr, 1, EINVAL);
		T_EXPECT_EQ(tb_clock_ns(TB_CLOCK_MONOTONIC), -EINVAL);
		T_EXPECT_EQ(tb_fault_disarm(), 1);
		T_EXPECT(tb_clock_ns(TB_CLOCK_REALTIME) > 0);
		T_EXPECT_EQ(tb_sleep_ns(1000), 0);
		report(t_streq(mode, "novdso") ? "no vDSO: clocks through the system call"
					       : "a vDSO that is no ELF: clocks through the system call");
	}
	tb_dprintf(1, "1..%d\n", n_ok);
	tb_exit(t_failures ? 1 : 0);
}
