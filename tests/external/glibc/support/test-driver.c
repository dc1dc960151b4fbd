/*
 * glibc's test convention, for threadbare: a test file defines
 * `int do_test (void)` and ends with #include <support/test-driver.c>,
 * which supplies main. Written for threadbare (not glibc's driver):
 *
 *   - main (called by threadbare's _start) runs do_test once, in the
 *     process itself: glibc's driver forks and times the child, here the
 *     runner's time limit (meson's, or the real-kernel init's) does that;
 *   - the status is do_test's result (0 passed, 77 skipped, other failed),
 *     1 if a TEST_VERIFY failed on the way even when do_test returned 0.
 *
 * do_test ends with tb_exit through threadbare's _start, which ends every
 * thread of the process.
 */
#include <support/check.h>

int main(void)
{
	int status = do_test();

	if (status == 0 && support_record_failure_is_failed())
		status = 1;
	return status;
}
