/*
 * Workload 6b: semaphore ping-pong between main and one thread, one
 * semaphore per direction.
 *   pingpong_sem [round trips=10000] [reps=3]
 * Reports µs per round trip.
 */
#define BT_USE_SEM 1
#include "bench.h"

static bt_sem to_thread, to_main;
static volatile int stop;

BT_THREAD(partner, arg)
{
	(void)arg;
	for (;;) {
		bt_sem_wait(&to_thread);
		if (stop)
			break;
		bt_sem_post(&to_main);
	}
	BT_RETURN;
}

static void run(uint64_t n)
{
	for (uint64_t i = 0; i < n; i++) {
		bt_sem_post(&to_thread);
		bt_sem_wait(&to_main);
	}
}

int main(int argc, char **argv)
{
	uint64_t n = bt_arg(argc, argv, 1, 10000);
	uint64_t reps = bt_arg(argc, argv, 2, 3);
	struct bt_cfg cfg;
	bt_thread t;

	bt_sem_init(&to_thread, 0);
	bt_sem_init(&to_main, 0);
	bt_cfg_init(&cfg, 0);
	BT_CHECK(bt_spawn(&t, &cfg, partner, NULL) == 0);
	run(n / 10 + 1);
	for (uint64_t r = 0; r < reps; r++) {
		uint64_t t0 = bt_now_ns();

		run(n);
		bt_report("pingpong_sem", "us/roundtrip", bt_now_ns() - t0, n * 1000);
	}
	stop = 1;
	bt_sem_post(&to_thread);
	bt_join(t);
	return 0;
}
