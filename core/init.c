/*
 * tb_init: the runtime's state from the ELF auxiliary vector, and the main
 * thread's TLS area and control block. Touches no __thread variable: the
 * thread pointer is not valid until the end.
 */
#include <linux/auxvec.h>
#include <threadbare/sys.h>
#include "internal.h"
#include "sys.h"

struct tb__runtime tb__rt;

/* Most programs' TLS fits here; bigger or more aligned images get an mmap. */
static unsigned char main_area[512] __attribute__((aligned(64)));

static const struct tb__tls_abi abi = {
	.above_tp = ARCH_TLS_ABOVE_TP,
	.gap_above_tp = ARCH_TLS_GAP_ABOVE_TP,
	.tp_offset = ARCH_TP_OFFSET,
};

int tb_init(const unsigned long *auxv)
{
	const void *phdr = 0;
	size_t phnum = 0, page = 0;
	struct tb__thread *t;
	uintptr_t area, tp;
	long m = 0;
	size_t len = 0;
	int r;

	if (tb__rt.page_size)
		return 0;
	if (!auxv)
		return -EINVAL;
	for (; auxv[0] != AT_NULL; auxv += 2) {
		switch (auxv[0]) {
		case AT_PAGESZ: page = auxv[1]; break;
		case AT_PHDR: phdr = (const void *)auxv[1]; break;
		case AT_PHNUM: phnum = auxv[1]; break;
		case AT_HWCAP: tb__rt.hwcap = auxv[1]; break;
		case AT_RANDOM: tb__rt.random = (const void *)auxv[1]; break;
#ifdef AT_SYSINFO_EHDR
		case AT_SYSINFO_EHDR: tb__rt.vdso = (const void *)auxv[1]; break;
#endif
		}
	}
	if (!page || (page & (page - 1)))
		return -EINVAL;

	tb__tls_find(phdr, phnum, &tb__rt.tls);
	if (tb__tls_layout(&tb__rt.tls, &abi, TB__TCB_BYTES, TB__TCB_ALIGN, &tb__rt.tls_layout))
		return -ENOMEM;

	if (tb__rt.tls_layout.size <= sizeof(main_area) && tb__rt.tls_layout.align <= 64) {
		area = (uintptr_t)main_area;
	} else {
		len = tb__rt.tls_layout.size + tb__rt.tls_layout.align;
		m = tb__sys_mmap(0, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS);
		if (tb__is_err(m))
			return -ENOMEM;
		area = ((uintptr_t)m + tb__rt.tls_layout.align - 1) &
		       ~(uintptr_t)(tb__rt.tls_layout.align - 1);
	}
	tp = tb__tls_install((void *)area, &tb__rt.tls, &tb__rt.tls_layout, true); /* zero: .bss or new */
	t = tb__thread_in(area, &tb__rt.tls_layout);
	t->self = t;
	tb__ssp_setup(t); /* the canary, before anything built with the stack protector runs */
	r = arch_tp_set(tp);
	if (r) {
		if (m)
			tb__sys_munmap((void *)m, len); /* a later tb_init maps it again */
		return r;
	}
	/* only now: the kernel must not keep an address in an area given back */
	t->tid = (uint32_t)tb__syscall1(__NR_set_tid_address, &t->tid);
	tb__rseq_init(t);
	__atomic_store_n(&tb__rt.page_size, page, __ATOMIC_RELEASE);
	return 0;
}
