/*
 * The part of glibc's support/check.h that its C11 thread tests use
 * (sysdeps/pthread/tst-{mtx,cnd,thrd,call-once,tss}-*.c), written for
 * threadbare: the same macro names and meanings, over tb_dprintf and
 * tb_exit. Not glibc's code.
 *
 *   FAIL_EXIT1 (fmt, ...)     print "error: FILE:LINE: message" and end the
 *                             process with status 1, from any thread
 *   FAIL_EXIT (status, ...)   the same with that status
 *   FAIL_UNSUPPORTED (...)    the same with 77 (meson's "skipped")
 *   FAIL_RET (fmt, ...)       print, record a failure, return 1 from the
 *                             calling function
 *   TEST_VERIFY (expr)        print and record a failure when expr is false,
 *                             and go on; test-driver.c fails the test at the
 *                             end if any was recorded
 *   TEST_VERIFY_EXIT (expr)   print and end with status 1 when expr is false
 *   TEST_COMPARE (a, b)       TEST_VERIFY (a == b), printing both values
 *
 * Every line goes to standard output in one write, so lines from two
 * threads do not mix.
 */
#ifndef TB_EXTERNAL_SUPPORT_CHECK_H
#define TB_EXTERNAL_SUPPORT_CHECK_H

#include <threadbare/io.h>
#include <threadbare/sys.h>

/* Failures recorded by TEST_VERIFY and friends, from any thread. */
static int support_failures;

static inline void support_record_failure(void)
{
	__atomic_fetch_add(&support_failures, 1, __ATOMIC_SEQ_CST);
}

static inline int support_record_failure_is_failed(void)
{
	return __atomic_load_n(&support_failures, __ATOMIC_SEQ_CST) != 0;
}

#define FAIL_EXIT(status, fmt, ...)                                                           \
	do {                                                                                  \
		tb_dprintf(1, "error: %s:%d: " fmt "\n", __FILE__, __LINE__, ##__VA_ARGS__);  \
		tb_exit(status);                                                              \
	} while (0)
#define FAIL_EXIT1(fmt, ...) FAIL_EXIT(1, fmt, ##__VA_ARGS__)
#define FAIL_UNSUPPORTED(fmt, ...)                                                            \
	do {                                                                                  \
		tb_dprintf(1, "info: %s:%d: unsupported: " fmt "\n", __FILE__, __LINE__,      \
			   ##__VA_ARGS__);                                                    \
		tb_exit(77);                                                                  \
	} while (0)
#define FAIL_RET(fmt, ...)                                                                    \
	do {                                                                                  \
		tb_dprintf(1, "error: %s:%d: " fmt "\n", __FILE__, __LINE__, ##__VA_ARGS__);  \
		support_record_failure();                                                     \
		return 1;                                                                     \
	} while (0)

#define TEST_VERIFY(expr)                                                                     \
	do {                                                                                  \
		if (!(expr)) {                                                                \
			tb_dprintf(1, "error: %s:%d: not true: %s\n", __FILE__, __LINE__,     \
				   #expr);                                                    \
			support_record_failure();                                             \
		}                                                                             \
	} while (0)
#define TEST_VERIFY_EXIT(expr)                                                                \
	do {                                                                                  \
		if (!(expr))                                                                  \
			FAIL_EXIT1("not true: %s", #expr);                                    \
	} while (0)
#define TEST_COMPARE(a, b)                                                                    \
	do {                                                                                  \
		long long a_ = (long long)(a), b_ = (long long)(b);                           \
		if (a_ != b_) {                                                               \
			tb_dprintf(1, "error: %s:%d: %s == %s: %lld != %lld\n", __FILE__,      \
				   __LINE__, #a, #b, a_, b_);                                 \
			support_record_failure();                                             \
		}                                                                             \
	} while (0)

#endif
