/*
 * What every workload includes. Each workload is one C file written against
 * the bt_* shim, built once against threadbare (tb_compat.h, the default) and
 * once against POSIX threads (px_compat.h, with -DBENCH_PTHREAD).
 *
 * A workload takes "<iterations> <reps>" (and sometimes a variant) on its
 * command line, does one untimed warm-up pass, then prints one line per rep:
 *
 *   RESULT <workload> <unit> <value>
 *
 * timed in-process with CLOCK_MONOTONIC. Lower is better for every unit.
 * scripts/bench.sh collects these lines and aggregates them.
 */
#ifndef BENCH_H
#define BENCH_H

#ifdef BENCH_PTHREAD
#include "px_compat.h"
#else
#include "tb_compat.h"
#endif

/* argv[i] as an unsigned number, or def when absent. */
static inline uint64_t bt_arg(int argc, char **argv, int i, uint64_t def)
{
	uint64_t v = 0;

	if (i >= argc || !argv[i][0])
		return def;
	for (const char *s = argv[i]; *s >= '0' && *s <= '9'; s++)
		v = v * 10 + (uint64_t)(*s - '0');
	return v;
}

static inline bool bt_streq(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

/* Prints num/den with three decimals (integer arithmetic: tb_dprintf has no %f). */
static inline void bt_report(const char *workload, const char *unit, uint64_t num, uint64_t den)
{
	unsigned long long m = den ? (num * 1000 + den / 2) / den : 0;

	bt_printf("RESULT %s %s %llu.%03llu\n", workload, unit, m / 1000, m % 1000);
}

/* VmRSS of this process in KiB, from /proc/self/status, or -1. */
static inline long bt_vmrss_kib(void)
{
	static char buf[4096];
	const char *p = buf;
	long kib = 0;

	if (bt_read_file("/proc/self/status", buf, sizeof(buf)) <= 0)
		return -1;
	for (; *p; p++) {
		if ((p == buf || p[-1] == '\n') && p[0] == 'V' && p[1] == 'm' && p[2] == 'R' &&
		    p[3] == 'S' && p[4] == 'S' && p[5] == ':')
			break;
	}
	if (!*p)
		return -1;
	for (p += 6; *p == ' ' || *p == '\t'; p++)
		;
	for (; *p >= '0' && *p <= '9'; p++)
		kib = kib * 10 + (*p - '0');
	return kib;
}

/* Dies loudly: a benchmark that cannot run must not print a number. */
#define BT_CHECK(cond)                                                                     \
	do {                                                                               \
		if (!(cond)) {                                                             \
			bt_printf("ERROR %s:%d: %s\n", __FILE__, __LINE__, #cond);         \
			return 1;                                                          \
		}                                                                          \
	} while (0)

/* A one-shot gate on a futex word: threads wait until it opens. */
static inline void bt_gate_wait(uint32_t *g)
{
	while (!__atomic_load_n(g, __ATOMIC_ACQUIRE))
		bt_futex_wait(g, 0);
}

static inline void bt_gate_open(uint32_t *g)
{
	__atomic_store_n(g, 1, __ATOMIC_RELEASE);
	bt_futex_wake(g, UINT32_MAX);
}

#endif
