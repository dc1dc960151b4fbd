/*
 * Workload 6a: condition-variable ping-pong between main and one thread:
 * a turn word under one mutex, one condition variable per direction.
 *   pingpong_cond [round trips=10000] [reps=3]
 * Reports µs per round trip.
 */
#define BT_USE_MUTEX 1
#define BT_USE_COND 1
#include "bench.h"

static bt_mutex mu;
static bt_cond to_thread, to_main;
static int turn; /* 0: main's, 1: the thread's, 2: the thread must stop */

BT_THREAD(partner, arg)
{
	(void)arg;
	bt_mutex_lock(&mu);
	for (;;) {
		while (turn == 0)
			bt_cond_wait(&to_thread, &mu);
		if (turn == 2)
			break;
		turn = 0;
		bt_cond_signal(&to_main);
	}
	bt_mutex_unlock(&mu);
	BT_RETURN;
}

static void run(uint64_t n)
{
	bt_mutex_lock(&mu);
	for (uint64_t i = 0; i < n; i++) {
		turn = 1;
		bt_cond_signal(&to_thread);
		while (turn == 1)
			bt_cond_wait(&to_main, &mu);
	}
	bt_mutex_unlock(&mu);
}

int main(int argc, char **argv)
{
	uint64_t n = bt_arg(argc, argv, 1, 10000);
	uint64_t reps = bt_arg(argc, argv, 2, 3);
	struct bt_cfg cfg;
	bt_thread t;

	bt_mutex_init(&mu);
	bt_cond_init(&to_thread);
	bt_cond_init(&to_main);
	bt_cfg_init(&cfg, 0);
	BT_CHECK(bt_spawn(&t, &cfg, partner, NULL) == 0);
	run(n / 10 + 1);
	for (uint64_t r = 0; r < reps; r++) {
		uint64_t t0 = bt_now_ns();

		run(n);
		bt_report("pingpong_cond", "us/roundtrip", bt_now_ns() - t0, n * 1000);
	}
	bt_mutex_lock(&mu);
	turn = 2;
	bt_cond_signal(&to_thread);
	bt_mutex_unlock(&mu);
	bt_join(t);
	return 0;
}
