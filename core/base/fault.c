/*
 * Fault injection (testing only; -Dfault=true defines TB_FAULT): every
 * system call the runtime's C code makes comes here (core/arch.h routes
 * arch_syscall6 through tb__fault_syscall6, and tb__clone and arch_fork
 * through tb__fault_check), so that a test can make the nth call, or the
 * nth call of one number, fail with an errno of its choice, and can record
 * what calls a public call makes (tests/fault.h declares the API). The
 * public tb_syscall is the caller's own and is never failed or counted.
 *
 * Calls that cannot fail for the arguments the runtime gives them are
 * counted but never failed: a futex wake of its own word, munmap of its
 * own mapping, close, exit, set_tid_address, sched_yield, getpid, gettid,
 * rt_sigprocmask and the read of the thread pointer. Failing them would
 * test the injector, not the runtime.
 *
 * State is a few words changed with atomics and read with no lock; it is
 * used before the thread pointer is set (start-up), so it touches no TLS.
 * In a release build this file compiles to nothing.
 */
#include "../internal.h"

#if TB_FAULT
#include <linux/futex.h>
#include "../sys.h"

#include "../../tests/fault.h" /* the API, declared for tests only */

hidden void tb__fault_env(char **envp);

/* start-up's calls are recorded here until a test traces into its own log */
static struct tb_fault_call boot_log[64];
static struct tb_fault_call *log_buf = boot_log;
static unsigned long log_cap = 64, count;
static long arm_nr = -2;		/* -2: disarmed, -1: any call */
static long arm_also[3] = { -2, -2, -2 };	/* more numbers the armed fault matches */
static unsigned long arm_nth, seen, fired;
static int arm_err;

int tb_fault_failable(long nr, long b)
{
	switch (nr) {
	case __NR_munmap:
	case __NR_close:
	case __NR_exit:
	case __NR_exit_group:
	case __NR_set_tid_address:
	case __NR_sched_yield:
	case __NR_getpid:
	case __NR_gettid:
	case __NR_rt_sigprocmask:
#ifdef __NR_get_thread_area
	case __NR_get_thread_area:
#endif
		return 0;
	}
	if (nr == __NR_futex
#ifdef __NR_futex_time64
	    || nr == __NR_futex_time64
#endif
	) {
		int op = (int)b & FUTEX_CMD_MASK;

		return op == FUTEX_WAIT || op == FUTEX_WAIT_BITSET;
	}
	return 1;
}

void tb_fault_trace(struct tb_fault_call *log, unsigned long cap)
{
	__atomic_store_n(&log_buf, 0, __ATOMIC_SEQ_CST);
	__atomic_store_n(&count, 0, __ATOMIC_SEQ_CST);
	log_cap = cap;
	__atomic_store_n(&log_buf, log, __ATOMIC_SEQ_CST);
}

const struct tb_fault_call *tb_fault_log(void)
{
	return __atomic_load_n(&log_buf, __ATOMIC_SEQ_CST);
}

unsigned long tb_fault_count(void)
{
	return __atomic_load_n(&count, __ATOMIC_SEQ_CST);
}

void tb_fault_arm(long nr, unsigned long nth, int err)
{
	__atomic_store_n(&arm_nr, -2, __ATOMIC_SEQ_CST);
	for (int i = 0; i < 3; i++)
		arm_also[i] = -2;
	arm_nth = nth;
	arm_err = err;
	__atomic_store_n(&seen, 0, __ATOMIC_SEQ_CST);
	__atomic_store_n(&fired, 0, __ATOMIC_SEQ_CST);
	__atomic_store_n(&arm_nr, nr, __ATOMIC_SEQ_CST);
}

int tb_fault_arm_more(long nr)
{
	for (int i = 0; i < 3; i++) {
		if (arm_also[i] == -2) {
			__atomic_store_n(&arm_also[i], nr, __ATOMIC_SEQ_CST);
			return 0;
		}
	}
	return -ENOSPC;
}

static bool matches(long want, long n)
{
	if (want == -1 || want == n)
		return true;
	for (int i = 0; i < 3; i++)
		if (__atomic_load_n(&arm_also[i], __ATOMIC_RELAXED) == n)
			return true;
	return false;
}

unsigned long tb_fault_disarm(void)
{
	__atomic_store_n(&arm_nr, -2, __ATOMIC_SEQ_CST);
	return __atomic_load_n(&fired, __ATOMIC_SEQ_CST);
}

unsigned long tb_fault_fired(void)
{
	return __atomic_load_n(&fired, __ATOMIC_SEQ_CST);
}

long tb__fault_check(long n, long a, long b, long c, long d)
{
	unsigned long i = __atomic_fetch_add(&count, 1, __ATOMIC_SEQ_CST);
	struct tb_fault_call *log = __atomic_load_n(&log_buf, __ATOMIC_SEQ_CST);
	long want = __atomic_load_n(&arm_nr, __ATOMIC_SEQ_CST);
	int failable = tb_fault_failable(n, b);

	if (log && i < log_cap) {
		log[i].nr = n;
		log[i].a = a;
		log[i].b = b;
		log[i].c = c;
		log[i].d = d;
		log[i].failable = failable;
	}
	if (want == -2 || !matches(want, n) || !failable)
		return 0;
	i = __atomic_add_fetch(&seen, 1, __ATOMIC_SEQ_CST);
	if (arm_nth && i != arm_nth)
		return 0;
	/* an errno the call cannot give: a futex wait times out only with a timeout */
	if (arm_err == ETIMEDOUT && !d && (n == __NR_futex
#ifdef __NR_futex_time64
					   || n == __NR_futex_time64
#endif
					   ))
		return 0;
	__atomic_add_fetch(&fired, 1, __ATOMIC_SEQ_CST);
	return -(long)arm_err;
}

long tb__fault_syscall6(long n, long a, long b, long c, long d, long e, long f)
{
	long r = tb__fault_check(n, a, b, c, d);

	return r ? r : (arch_syscall6)(n, a, b, c, d, e, f);
}

static unsigned long number(const char **s)
{
	unsigned long v = 0;

	while (**s >= '0' && **s <= '9')
		v = v * 10 + (unsigned long)(*(*s)++ - '0');
	if (**s == ',')
		(*s)++;
	return v;
}

/* TB_FAULT_ARM=nr,nth,errno in the environment: armed before tb_init (core/start.c). */
void tb__fault_env(char **envp)
{
	static const char key[] = "TB_FAULT_ARM=";

	for (; envp && *envp; envp++) {
		const char *s = *envp;
		unsigned i = 0;

		while (key[i] && s[i] == key[i])
			i++;
		if (!key[i]) {
			unsigned long nr, nth;

			s += i;
			nr = number(&s);
			nth = number(&s);
			tb_fault_arm((long)nr, nth, (int)number(&s));
			return;
		}
	}
}
#endif
