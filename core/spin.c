/*
 * How long to spin before sleeping: TB__SPIN iterations when the process may
 * run on more than one CPU, none when it is confined to one (taskset -c 0):
 * there the thread that would end the wait cannot run while we spin, and a
 * spin only delays the futex wait. Decided once, on the first slow path.
 */
#include <threadbare/thread.h>
#include "internal.h"

int tb__spin_cached = -1;

int tb__spin_init(void)
{
	int l = tb_cpu_count() > 1 ? TB__SPIN : 0;

	__atomic_store_n(&tb__spin_cached, l, __ATOMIC_RELAXED);
	return l;
}
