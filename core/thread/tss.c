/*
 * Thread-specific storage keys (C11 tss_*, POSIX pthread_key_*).
 *
 * A key is an index into a per-thread table of TB_TSS_MAX slots plus a
 * generation, packed into one id (id = gen << 10 | index, gen 1..GEN_MASK).
 * An index hands out its generations in turn and, once it has handed out
 * GEN_MASK, is retired: an id is never handed out twice.
 * Spawned threads' tables lie in their own mapping, below the TLS area
 * (core/thread/thread.c reserves tb__tss_bytes there only when this file is
 * linked); the main thread's is static. A slot holds a value and the id it
 * was set under, so a value set under a deleted key is never mistaken for
 * one of a later key that reuses the index.
 *
 * Invariants:
 *   - get and set touch only the calling thread's table and one word of
 *     key_id (a relaxed load): no lock, no syscall.
 *   - key_id[i] and key_dtor[i] change only under lock; a thread's exit
 *     reads both under lock, so once tb_tss_delete has returned, no exiting
 *     thread starts that key's destructor (one that already started runs on).
 *   - Only the owning thread writes its table; its exit clears every slot it
 *     used, so a cached mapping is handed on with an empty table.
 *   - tb_fork holds lock across the fork (core/fork.c), so the child's
 *     key table is one no thread was changing.
 */
#include <threadbare/mutex.h>
#include <threadbare/tss.h>
#include "../internal.h"
#include "../sys.h"

#define INDEX_BITS 10
#define GEN_MASK ((1u << (32 - INDEX_BITS)) - 1)

_Static_assert(TB_TSS_MAX == 1u << INDEX_BITS, "an id packs the index in INDEX_BITS");
_Static_assert(TB_TSS_KEYS_PER_INDEX == GEN_MASK, "an index serves generations 1..GEN_MASK");

struct tb__tss_slot {
	void *value;
	uint32_t id;
};

hidden const size_t tb__tss_bytes = TB_TSS_MAX * sizeof(struct tb__tss_slot);

_Static_assert(TB_TSS_MAX * sizeof(struct tb__tss_slot) % 16 == 0, "keeps the stack aligned");

static struct tb__tss_slot main_table[TB_TSS_MAX];
static struct tb_mutex lock;
static uint32_t key_id[TB_TSS_MAX];	/* 0: free */
static uint32_t key_gen[TB_TSS_MAX];	/* the last generation handed out; GEN_MASK: retired */
static void (*key_dtor[TB_TSS_MAX])(void *);
static unsigned next_free;		/* where the search for a free index starts */

static struct tb__tss_slot *table(struct tb__thread *t)
{
	return t->tss ? t->tss : main_table;
}

/* One destructor round at t's exit (see tb__exit_keys in internal.h). */
static bool exit_round(struct tb__thread *t, int round)
{
	struct tb__tss_slot *tab = table(t);
	bool ran = false;

	for (uint32_t i = 0; i < t->tss_used; i++) {
		void *v = tab[i].value;
		void (*d)(void *);

		if (!v)
			continue;
		tab[i].value = 0;
		tb_mutex_lock(&lock);
		d = key_id[i] == tab[i].id ? key_dtor[i] : 0;
		tb_mutex_unlock(&lock);
		if (d) {
			d(v);
			ran = true;
		}
	}
	if (ran && round + 1 < TB_TSS_DTOR_ITERATIONS)
		return true;
	for (uint32_t i = 0; i < t->tss_used; i++)
		tab[i].value = 0;
	t->tss_used = 0;
	return false;
}

/* tb_fork holds the table's mutex across the fork (core/fork.c) */
void tb__tss_fork(int phase)
{
	if (phase == TB__FORK_PREPARE)
		tb_mutex_lock(&lock);
	else if (phase == TB__FORK_PARENT)
		tb_mutex_unlock(&lock);
	else
		lock = (struct tb_mutex)TB_MUTEX_INIT;
}

int tb_tss_create(struct tb_tss *key, void (*dtor)(void *))
{
	unsigned i, n;

	if (!key)
		return -EINVAL;
	if (!tb__rt.page_size)
		return -EPERM;
	tb_mutex_lock(&lock);
	for (n = 0, i = next_free; n < TB_TSS_MAX; n++, i = (i + 1) % TB_TSS_MAX)
		if (!key_id[i] && key_gen[i] < GEN_MASK) /* free, and not retired */
			break;
	if (n == TB_TSS_MAX) {
		tb_mutex_unlock(&lock);
		return -EAGAIN;
	}
	key_gen[i]++;
	key_dtor[i] = dtor;
	__atomic_store_n(&key_id[i], key_gen[i] << INDEX_BITS | i, __ATOMIC_RELEASE);
	next_free = (i + 1) % TB_TSS_MAX;
	key->id = key_id[i];
	tb_mutex_unlock(&lock);
	if (!__atomic_load_n(&tb__exit_keys, __ATOMIC_RELAXED))
		__atomic_store_n(&tb__exit_keys, exit_round, __ATOMIC_RELEASE);
	return 0;
}

int tb_tss_delete(struct tb_tss key)
{
	uint32_t i = key.id & (TB_TSS_MAX - 1);
	int r = -EINVAL;

	tb_mutex_lock(&lock);
	if (key.id && key_id[i] == key.id) {
		__atomic_store_n(&key_id[i], 0, __ATOMIC_RELAXED);
		key_dtor[i] = 0;
		next_free = i; /* the next create takes it at once */
		r = 0;
	}
	tb_mutex_unlock(&lock);
	return r;
}

int tb_tss_set(struct tb_tss key, void *value)
{
	uint32_t i = key.id & (TB_TSS_MAX - 1);
	struct tb__thread *t;
	struct tb__tss_slot *s;

	if (!key.id || __atomic_load_n(&key_id[i], __ATOMIC_RELAXED) != key.id)
		return -EINVAL;
	t = tb__self();
	s = &table(t)[i];
	s->value = value;
	s->id = key.id;
	if (i >= t->tss_used)
		t->tss_used = i + 1;
	return 0;
}

void *tb_tss_get(struct tb_tss key)
{
	uint32_t i = key.id & (TB_TSS_MAX - 1);
	struct tb__tss_slot *s = &table(tb__self())[i];

	if (s->id != key.id || __atomic_load_n(&key_id[i], __ATOMIC_RELAXED) != key.id)
		return 0;
	return s->value;
}
