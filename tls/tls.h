/*
 * Static TLS for the executable's one module: find PT_TLS, lay out a
 * per-thread area around a caller-sized control block, and fill the area.
 *
 * Pure: no syscalls, no threads, no registers. The TLS ABI comes in as
 * data (struct tb__tls_abi) so the layout is unit-testable on the host for
 * every variant.
 */
#ifndef TB_TLS_H
#define TB_TLS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct tb__tls_abi {
	bool above_tp;		/* variant I: the block lies above the thread pointer */
	size_t gap_above_tp;	/* variant I: reserved TCB bytes between TP and the block */
	size_t tp_offset;	/* TP = end of control block + tp_offset (ARCH_TP_OFFSET) */
};

struct tb__tls_image {
	const void *init;	/* .tdata image */
	size_t filesz;		/* bytes of .tdata */
	size_t memsz;		/* .tdata + .tbss */
	size_t align;		/* p_align, at least 1 */
};

/*
 * Offsets inside one thread's area. The area's base must be aligned to
 * `align`. Variant I: [control block | gap | block]; variant II:
 * [block | control block], TP at the control block.
 */
struct tb__tls_layout {
	size_t size;
	size_t align;
	size_t tcb_off;
	size_t block_off;
	size_t tp_off;
};

/* Reads PT_TLS from the program headers; an image with memsz 0 if none. */
__attribute__((visibility("hidden")))
void tb__tls_find(const void *phdrs, size_t phnum, struct tb__tls_image *img);

/*
 * The load bias of the program whose program headers (AT_PHDR) these are:
 * from PT_PHDR; else, as a static PIE from ld.bfd has none, from the ELF
 * header the linker puts just before the program headers at the start of
 * the first PT_LOAD (checked: its magic, e_phoff, e_phnum); else 0.
 */
__attribute__((visibility("hidden")))
uintptr_t tb__load_bias(const void *phdrs, size_t phnum);

/* Returns 0, or -1 if the sizes overflow. */
__attribute__((visibility("hidden")))
int tb__tls_layout(const struct tb__tls_image *img, const struct tb__tls_abi *abi, size_t tcb_size,
		   size_t tcb_align, struct tb__tls_layout *out);

/*
 * Copies .tdata into the area, zeroes the rest of it unless zeroed says it is
 * all zero already (a fresh mapping: writing would only commit its pages),
 * and returns the thread pointer.
 */
__attribute__((visibility("hidden")))
uintptr_t tb__tls_install(void *area, const struct tb__tls_image *img,
			  const struct tb__tls_layout *lay, bool zeroed);

#endif
