/*
 * Key ids never come back (issue 17): an id is a generation and a slot
 * index, and one index, created and deleted over and over, used to wrap its
 * 22-bit generation after 4 194 303 keys and hand out an id again, so that
 * tb_tss_get on the new key returned what a thread had stored under the old,
 * deleted one. Now the index is retired: tb_tss_create says -EAGAIN when it
 * is the only one left, and no id is seen twice.
 */
#include "harness.h"

#ifndef TB_TSS_KEYS_PER_INDEX
#define TB_TSS_KEYS_PER_INDEX ((1u << 22) - 1) /* (built against an older header) */
#endif

static struct tb_tss held[TB_TSS_MAX];

static void t_tss_id_never_repeats(void)
{
	struct tb_tss first, k;
	uint32_t i;
	int r = 0, n;

#ifdef TB_TEST_CHAOS
	T_SKIP("a chaos build: 2^22 creates through the mutex's chaos points take minutes");
#endif
	for (n = 0; n < TB_TSS_MAX - 1; n++)
		T_ASSERT(tb_tss_create(&held[n], 0) == 0);
	/* one index left: every create below lands on it */
	T_ASSERT(tb_tss_create(&first, 0) == 0);
	T_ASSERT(tb_tss_set(first, &first) == 0);
	T_ASSERT(tb_tss_delete(first) == 0);
	for (i = 1; i <= TB_TSS_KEYS_PER_INDEX + 1; i++) {
		r = tb_tss_create(&k, 0);
		if (r)
			break;
		if (k.id == first.id || tb_tss_get(k) != 0) {
			T_EXPECT(k.id != first.id);
			T_EXPECT(tb_tss_get(k) == 0);
			tb_dprintf(1, "# create %u after the first: id 0x%x again\n", i, k.id);
			break;
		}
		T_ASSERT(tb_tss_delete(k) == 0);
	}
	T_EXPECT_EQ(r, -EAGAIN);
	T_EXPECT(i <= TB_TSS_KEYS_PER_INDEX);
	/* the other indices serve on */
	T_EXPECT_EQ(tb_tss_delete(held[0]), 0);
	T_EXPECT_EQ(tb_tss_create(&held[0], 0), 0);
	T_EXPECT(held[0].id != first.id);
	for (n = 0; n < TB_TSS_MAX - 1; n++)
		T_EXPECT_EQ(tb_tss_delete(held[n]), 0);
	T_EXPECT_EQ(tb_tss_create(&k, 0), 0);
	T_EXPECT_EQ(tb_tss_delete(k), 0);
}

int main(int argc, char **argv)
{
	return t_run(argc, argv, (struct t_case[]){ T_CASE(t_tss_id_never_repeats), { 0 } });
}
