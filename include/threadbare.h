/*
 * threadbare: a freestanding, libc-less thread runtime for Linux.
 * Umbrella header. Every call returns 0 or a value on success and a
 * negative errno (from <linux/errno.h>) on failure; there is no errno.
 *
 * Signal handlers. A handler may call these (async-signal-safe: no lock,
 * or only a lock that no thread holds with signals open except in the cases
 * named):
 *   tb_syscall, tb_page_size, tb_getenv, tb_thread_self, tb_thread_id,
 *   tb_thread_yield, tb_sleep_ns, tb_clock_ns, tb_clock_sleep_ns,
 *   tb_write_all, tb_snprintf, tb_vsnprintf, tb_dprintf, tb_futex_wait,
 *   tb_futex_wake, tb_sem_post, tb_tss_get, tb_signal_mask, tb_signal_action,
 *   tb_syscall_interruptible, tb_interrupt_take, tb_cpu_current;
 *   tb_tss_set, unless the handler interrupted a tb_tss_set of its thread;
 *   tb_thread_kill, tb_thread_interrupt, tb_thread_get_name,
 *   tb_thread_set_name, tb_thread_get_affinity, tb_thread_set_affinity on a
 *   thread t (the handler's own thread included), unless the handler
 *   interrupted one of these six calls on the same t in its thread: they
 *   hold t's name or tid lock, and it would wait for itself (and
 *   tb_thread_interrupt only once the interrupt signal is installed: by
 *   tb_interrupt_signal or an earlier tb_thread_interrupt). The runtime itself never holds a
 *   thread's name or tid lock with signals open (a new thread setting its
 *   name, tb_fork).
 * Nothing else: spawn, join, detach, exit, keys' create and delete, the
 * locks and waits of the primitives, tb_fork and tb_atfork, tb_exit, the
 * pool and the C11 calls may wait for a lock that the interrupted code holds.
 */
#ifndef THREADBARE_H
#define THREADBARE_H

#include "threadbare/sys.h"
#include "threadbare/syscall.h"
#include "threadbare/signal.h"
#include "threadbare/process.h"
#include "threadbare/io.h"
#include "threadbare/string.h"
#include "threadbare/thread.h"
#include "threadbare/tss.h"
#include "threadbare/futex.h"
#include "threadbare/mutex.h"
#include "threadbare/condition.h"
#include "threadbare/semaphore.h"
#include "threadbare/reset_event.h"
#include "threadbare/rwlock.h"
#include "threadbare/wait_group.h"
#include "threadbare/pool.h"
#include "threadbare/once.h"
#include "threadbare/barrier.h"
#include "threadbare/clock.h"
#include "threadbare/rseq.h"

#endif
