/*
 * threadbare: a freestanding, libc-less thread runtime for Linux.
 * Umbrella header. Every call returns 0 or a value on success and a
 * negative errno (from <linux/errno.h>) on failure; there is no errno.
 */
#ifndef THREADBARE_H
#define THREADBARE_H

#include "threadbare/sys.h"
#include "threadbare/syscall.h"
#include "threadbare/process.h"
#include "threadbare/io.h"
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

#endif
