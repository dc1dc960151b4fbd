/*
 * The list of live threads (issue 22, part 4): tb_thread_visit while
 * threads spawn and end, and a stop-the-world collector built on it.
 *
 * t_visit_churn: 200 long-lived threads and churners that spawn and join
 * short threads all the time; every visit must see each long-lived thread,
 * the main thread and the visitor exactly once, no tid twice, and stack
 * bounds that are tb_thread_stack's.
 * t_collector: workers and churners run; the collector visits, sends each
 * thread a stop signal from fn, and in the closing NULL call waits until
 * all stopped (their handler waits on a futex), checks that each stopped
 * thread's stack pointer (a local of its handler) lies within the bounds
 * the visit gave, and lets them go. Churners are in spawn and exit paths
 * at random moments: a thread stopped there must never hold the list.
 */
#include <asm/signal.h>
#include "sigreturn_tls.h"

#define STABLE 200
#define CHURNERS 3
#define MAXSEEN 1024

static uint32_t stop_churn;
static uint32_t release_stable;

static int short_one(void *p)
{
	(void)p;
	return 3;
}

static int churner(void *p)
{
	struct tb_thread_config cfg = { .stack_size = 64 << 10 };
	int n = 0;

	(void)p;
	while (!__atomic_load_n(&stop_churn, __ATOMIC_ACQUIRE)) {
		struct tb_thread *t[4];

		for (int i = 0; i < 4; i++)
			T_EXPECT_EQ(tb_thread_spawn(&t[i], &cfg, short_one, 0), 0);
		for (int i = 0; i < 4; i++)
			T_EXPECT_EQ(tb_thread_join(t[i]), 3);
		n++;
	}
	return n;
}

static int stable(void *p)
{
	uint32_t *started = p;

	__atomic_add_fetch(started, 1, __ATOMIC_RELEASE);
	while (!__atomic_load_n(&release_stable, __ATOMIC_ACQUIRE))
		tb_futex_wait(&release_stable, 0, -1);
	return 0;
}

struct seen {
	int n;
	bool ended;
	struct tb_thread_entry e[MAXSEEN];
};

static int collect(const struct tb_thread_entry *e, void *arg)
{
	struct seen *s = arg;

	if (!e) {
		T_EXPECT(!s->ended);
		s->ended = true;
		return 0;
	}
	T_EXPECT(!s->ended);
	if (s->n < MAXSEEN)
		s->e[s->n++] = *e;
	return 0;
}

static int find(const struct seen *s, uint32_t tid)
{
	int at = -1;

	for (int i = 0; i < s->n; i++)
		if (s->e[i].tid == tid) {
			T_EXPECT(at < 0); /* exactly once */
			at = i;
		}
	return at;
}

static void t_visit_churn(void)
{
	static struct tb_thread *st[STABLE], *ch[CHURNERS];
	static uint32_t tids[STABLE];
	static struct seen s;
	struct tb_thread_config cfg = { .stack_size = 64 << 10 };
	uint32_t started = 0;
	int visits = t_emulated() ? 20 : 200;

	release_stable = 0;
	stop_churn = 0;
	for (int i = 0; i < STABLE; i++)
		T_ASSERT(tb_thread_spawn(&st[i], &cfg, stable, &started) == 0);
	for (int i = 0; i < CHURNERS; i++)
		T_ASSERT(tb_thread_spawn(&ch[i], &cfg, churner, 0) == 0);
	while (__atomic_load_n(&started, __ATOMIC_ACQUIRE) < STABLE)
		tb_thread_yield();
	/* their tids, from a visit: each stable handle once */
	s.n = 0;
	s.ended = false;
	T_ASSERT(tb_thread_visit(collect, &s) == 0);
	for (int i = 0; i < STABLE; i++) {
		int hits = 0;

		for (int j = 0; j < s.n; j++)
			if (s.e[j].thread == st[i]) {
				hits++;
				tids[i] = s.e[j].tid;
			}
		T_EXPECT_EQ(hits, 1);
	}
	for (int v = 0; v < visits; v++) {
		int at;

		s.n = 0;
		s.ended = false;
		T_ASSERT(tb_thread_visit(collect, &s) == 0);
		T_EXPECT(s.ended);
		T_EXPECT(s.n >= STABLE + CHURNERS + 1);
		T_EXPECT(find(&s, tb_thread_id()) >= 0);
		for (int i = 0; i < STABLE; i++) {
			void *lo;
			size_t size;

			at = find(&s, tids[i]);
			T_EXPECT(at >= 0);
			if (at < 0)
				continue;
			T_EXPECT(s.e[at].thread == st[i]);
			T_ASSERT(tb_thread_stack(st[i], &lo, &size) == 0);
			T_EXPECT(s.e[at].stack_lo == lo);
			T_EXPECT((char *)s.e[at].stack_hi == (char *)lo + size);
		}
		for (int i = 0; i < s.n; i++)
			find(&s, s.e[i].tid); /* no tid twice */
	}
	__atomic_store_n(&stop_churn, 1, __ATOMIC_RELEASE);
	for (int i = 0; i < CHURNERS; i++)
		T_EXPECT(tb_thread_join(ch[i]) > 0);
	__atomic_store_n(&release_stable, 1, __ATOMIC_RELEASE);
	tb_futex_wake(&release_stable, STABLE);
	for (int i = 0; i < STABLE; i++)
		T_EXPECT_EQ(tb_thread_join(st[i]), 0);
}

/* ---- a stop-the-world collector ---- */

#define WORKERS 16

struct stopped {
	uint32_t tid;
	uintptr_t sp;
};

static struct {
	uint32_t gen;		/* bumped to resume */
	uint32_t stopped;	/* handlers that reached the wait this round */
	uint32_t n;		/* entries in at[] */
	struct stopped at[MAXSEEN];
	int pid;
	uint32_t self;
	int sent;
	struct tb_thread_entry e[MAXSEEN];
	int ne;
	int bad_sp;
} gc;

static void on_stop(int sig, struct tb_siginfo *info, void *ctx)
{
	int local;
	uint32_t gen = __atomic_load_n(&gc.gen, __ATOMIC_ACQUIRE);
	uint32_t i = __atomic_fetch_add(&gc.n, 1, __ATOMIC_RELAXED);

	(void)sig, (void)info, (void)ctx;
	if (i < MAXSEEN) {
		gc.at[i].tid = tb_thread_id();
		gc.at[i].sp = (uintptr_t)&local;
	}
	__atomic_add_fetch(&gc.stopped, 1, __ATOMIC_RELEASE);
	tb_futex_wake(&gc.stopped, 1);
	while (__atomic_load_n(&gc.gen, __ATOMIC_ACQUIRE) == gen)
		tb_futex_wait(&gc.gen, gen, -1);
}

static int stop_all(const struct tb_thread_entry *e, void *arg)
{
	(void)arg;
	if (e) {
		if (e->tid == gc.self)
			return 0;
		if (gc.ne < MAXSEEN)
			gc.e[gc.ne++] = *e;
		/* the tid names this thread until the visit returns */
		T_EXPECT_EQ(tb_syscall(__NR_tgkill, gc.pid, e->tid, SIGUSR2, 0, 0, 0), 0);
		gc.sent++;
		return 0;
	}
	/* the world stops: every signalled thread reaches its handler */
	for (uint32_t s; (s = __atomic_load_n(&gc.stopped, __ATOMIC_ACQUIRE)) < (uint32_t)gc.sent;)
		tb_futex_wait(&gc.stopped, s, 100 * MS);
	for (uint32_t i = 0; i < gc.n; i++) {
		int at = -1;

		for (int j = 0; j < gc.ne; j++)
			if (gc.e[j].tid == gc.at[i].tid)
				at = j;
		T_EXPECT(at >= 0);
		if (at < 0)
			continue;
		if (gc.e[at].stack_lo) { /* the main thread's may be unknown (no /proc) */
			if (!(gc.at[i].sp >= (uintptr_t)gc.e[at].stack_lo &&
			      gc.at[i].sp < (uintptr_t)gc.e[at].stack_hi))
				gc.bad_sp++;
		}
	}
	/* the world goes on */
	__atomic_add_fetch(&gc.gen, 1, __ATOMIC_RELEASE);
	tb_futex_wake(&gc.gen, MAXSEEN);
	return 0;
}

static uint32_t stop_workers;

static int worker(void *p)
{
	volatile unsigned long x = (unsigned long)p;

	while (!__atomic_load_n(&stop_workers, __ATOMIC_ACQUIRE)) {
		for (int i = 0; i < 1000; i++)
			x = x * 6364136223846793005UL + 1;
		tb_thread_yield();
	}
	return 0;
}

static int collector(void *p)
{
	int rounds = *(int *)p, total = 0;

	gc.self = tb_thread_id();
	for (int r = 0; r < rounds; r++) {
		gc.stopped = 0;
		gc.n = 0;
		gc.ne = 0;
		gc.sent = 0;
		T_EXPECT_EQ(tb_thread_visit(stop_all, 0), 0);
		T_EXPECT_EQ(gc.n, (uint32_t)gc.sent);
		total += gc.sent;
	}
	return total;
}

static void t_collector(void)
{
	struct tb_signal_action act = { .handler = on_stop }, old;
	struct tb_thread_config cfg = { .stack_size = 64 << 10 };
	struct tb_thread *w[WORKERS], *ch[CHURNERS], *c;
	int rounds = t_emulated() ? 20 : 200, total;

	if (t_sigreturn_loses_tls())
		T_SKIP("qemu-user's i386 sigreturn reloads %gs from its one GDT (arch/x86/signal.h)");
	gc.pid = (int)tb_syscall(__NR_getpid, 0, 0, 0, 0, 0, 0);
	gc.bad_sp = 0;
	stop_workers = stop_churn = 0;
	T_ASSERT(tb_signal_action(SIGUSR2, &act, &old) == 0);
	for (int i = 0; i < WORKERS; i++)
		T_ASSERT(tb_thread_spawn(&w[i], &cfg, worker, (void *)(uintptr_t)i) == 0);
	for (int i = 0; i < CHURNERS; i++)
		T_ASSERT(tb_thread_spawn(&ch[i], &cfg, churner, 0) == 0);
	/* the collector is a thread of its own: the main thread, waiting in join, is stopped too */
	T_ASSERT(tb_thread_spawn(&c, &cfg, collector, &rounds) == 0);
	total = tb_thread_join(c);
	T_EXPECT(total >= rounds * (WORKERS + CHURNERS + 1));
	T_EXPECT_EQ(gc.bad_sp, 0);
	__atomic_store_n(&stop_churn, 1, __ATOMIC_RELEASE);
	__atomic_store_n(&stop_workers, 1, __ATOMIC_RELEASE);
	for (int i = 0; i < CHURNERS; i++)
		T_EXPECT(tb_thread_join(ch[i]) >= 0);
	for (int i = 0; i < WORKERS; i++)
		T_EXPECT_EQ(tb_thread_join(w[i]), 0);
	T_EXPECT_EQ(tb_signal_action(SIGUSR2, &old, 0), 0);
	tb_dprintf(1, "# %d rounds, %d threads stopped in all\n", rounds, total);
}

int main(int argc, char **argv)
{
	return t_run(argc, argv, (struct t_case[]){
		T_CASE(t_visit_churn),
		T_CASE(t_collector),
		{ 0 } });
}
