/*
 * The C11 tests use only <threads.h> and <time.h> (and the compiler's
 * __atomic builtins), so that each file builds and passes both against
 * threadbare's C11 layer and against glibc (gcc -pthread). They report by
 * exit status alone (there is no stdio in one of the two builds): 0 when
 * every check held, else 1 + the line of the first failed check modulo 76
 * (so never 77, meson's "skip").
 */
#ifndef TB_C11_CHECK_H
#define TB_C11_CHECK_H

#include <threads.h>
#include <time.h>

static int c_failed_line;

#define CHECK(c)                                                                            \
	do {                                                                                \
		if (!(c)) {                                                                 \
			int c_zero_ = 0;                                                    \
			__atomic_compare_exchange_n(&c_failed_line, &c_zero_, __LINE__, 0,   \
						    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);     \
		}                                                                           \
	} while (0)

static inline int c_result(void)
{
	int l = __atomic_load_n(&c_failed_line, __ATOMIC_SEQ_CST);

	return l ? 1 + l % 76 : 0;
}

#define NSEC 1000000000LL

static inline long long c_now_ns(void)
{
	struct timespec ts;

	CHECK(timespec_get(&ts, TIME_UTC) == TIME_UTC);
	return ts.tv_sec * NSEC + ts.tv_nsec;
}

/* The TIME_UTC time ns nanoseconds from now. */
static inline struct timespec c_in(long long ns)
{
	long long t = c_now_ns() + ns;
	struct timespec ts = { t / NSEC, t % NSEC };

	return ts;
}

static inline long long c_ns(const struct timespec *ts)
{
	return ts->tv_sec * NSEC + ts->tv_nsec;
}

static inline void c_sleep_ms(long ms)
{
	struct timespec d = { ms / 1000, (ms % 1000) * 1000000L };

	while (thrd_sleep(&d, &d) == -1)
		;
}

#endif
