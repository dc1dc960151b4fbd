// C++ thread_local destructors with no libc and no libsupc++: g++ registers
// them through __cxa_thread_atexit with &__dso_handle, which threadbare
// provides (core/cxa.c). Built with g++ -ffreestanding -fno-exceptions
// -fno-rtti -nostdlib. Prints TAP; a failure in any thread fails the case.
#include <asm/unistd.h>
extern "C" {
#include <threadbare/io.h>
#include <threadbare/sys.h>
#include <threadbare/thread.h>
}

static unsigned failures;
static int ntests;

static void check(bool ok, const char *what, int line)
{
	if (!ok) {
		__atomic_add_fetch(&failures, 1, __ATOMIC_SEQ_CST);
		tb_dprintf(1, "# FAIL line %d: %s\n", line, what);
	}
}
#define CHECK(c) check((c), #c, __LINE__)

enum { THREADS = 4, LOG = 8 };

// each thread's destructor calls, in order; slot THREADS is the main thread
static int log_of[THREADS + 1][LOG];
static int logged[THREADS + 1];
static int constructed;
static thread_local int me = -1; // trivial: no destructor, no registration

struct tracker {
	int id;
	explicit tracker(int i) : id(i) { __atomic_add_fetch(&constructed, 1, __ATOMIC_SEQ_CST); }
	~tracker()
	{
		CHECK(me >= 0 && me <= THREADS);
		if (me >= 0 && me <= THREADS && logged[me] < LOG)
			log_of[me][logged[me]++] = id;
	}
};

// constructed in this order on a thread's first use, destroyed in reverse
static thread_local tracker first(1);
static thread_local tracker second(2);

static int use_local(int id)
{
	static thread_local tracker local(id); // constructed at the first call only
	return local.id;
}

static int worker(void *p)
{
	int k = (int)(__INTPTR_TYPE__)p;

	me = k;
	if (k == 0)
		return 0; // touches nothing: nothing constructed, nothing to destroy
	CHECK(first.id == 1 && second.id == 2);
	CHECK(use_local(3) == 3 && use_local(9) == 3);
	if (k == 2)
		tb_thread_exit(5); // destructors run on this path too
	return k;
}

static void ok(bool pass, const char *name)
{
	tb_dprintf(1, "%s %d - %s\n", pass ? "ok" : "not ok", ++ntests, name);
}

// the main thread's destructors run at the return from main, before .fini_array
__attribute__((destructor)) static void after_main()
{
	bool pass = logged[THREADS] == 3 && log_of[THREADS][0] == 4 && log_of[THREADS][1] == 2 &&
		    log_of[THREADS][2] == 1;

	ok(pass, "main_thread_local_destructors_at_exit");
	tb_dprintf(1, "1..%d\n", ntests);
	if (!pass || failures)
		tb_syscall(__NR_exit_group, 1, 0, 0, 0, 0, 0);
}

int main()
{
	struct tb_thread *t[THREADS];
	unsigned before = failures;

	for (int k = 0; k < THREADS; k++)
		CHECK(tb_thread_spawn(&t[k], 0, worker, (void *)(__INTPTR_TYPE__)k) == 0);
	for (int k = 0; k < THREADS; k++)
		CHECK(tb_thread_join(t[k]) == (k == 2 ? 5 : k));
	CHECK(logged[0] == 0);
	for (int k = 1; k < THREADS; k++) {
		// newest first: local (3), then second (2), then first (1)
		CHECK(logged[k] == 3);
		CHECK(log_of[k][0] == 3 && log_of[k][1] == 2 && log_of[k][2] == 1);
	}
	CHECK(constructed == 3 * (THREADS - 1));
	ok(failures == before, "thread_local_destructors_at_thread_exit");
	me = THREADS;
	CHECK(first.id == 1 && second.id == 2 && use_local(4) == 4);
	return 0;
}
