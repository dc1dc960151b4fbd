#include <linux/elf.h>
#include "tls.h"

#if __SIZEOF_POINTER__ == 8
typedef Elf64_Phdr phdr_t;
typedef Elf64_Ehdr ehdr_t;
#else
typedef Elf32_Phdr phdr_t;
typedef Elf32_Ehdr ehdr_t;
#endif

void *memset(void *d, int c, size_t n);
void *memcpy(void *restrict d, const void *restrict s, size_t n);

static size_t align_up(size_t x, size_t a)
{
	return (x + a - 1) & ~(a - 1);
}

uintptr_t tb__load_bias(const void *phdrs, size_t phnum)
{
	const phdr_t *ph = phdrs;
	const ehdr_t *eh = (const ehdr_t *)((uintptr_t)phdrs - sizeof(ehdr_t));

	for (size_t i = 0; i < phnum; i++)
		if (ph[i].p_type == PT_PHDR)
			return (uintptr_t)phdrs - ph[i].p_vaddr;
	for (size_t i = 0; i < phnum; i++) {
		if (ph[i].p_type != PT_LOAD)
			continue;
		if (ph[i].p_offset == 0 && eh->e_ident[EI_MAG0] == ELFMAG0 && eh->e_ident[EI_MAG1] == ELFMAG1 &&
		    eh->e_ident[EI_MAG2] == ELFMAG2 && eh->e_ident[EI_MAG3] == ELFMAG3 &&
		    eh->e_phoff == sizeof(ehdr_t) && eh->e_phnum == phnum)
			return (uintptr_t)eh - ph[i].p_vaddr;
		break;
	}
	return 0;
}

void tb__tls_find(const void *phdrs, size_t phnum, struct tb__tls_image *img)
{
	const phdr_t *ph = phdrs;
	const phdr_t *tls = NULL;
	uintptr_t bias = tb__load_bias(phdrs, phnum);

	for (size_t i = 0; i < phnum; i++)
		if (ph[i].p_type == PT_TLS)
			tls = &ph[i];
	img->init = NULL;
	img->filesz = img->memsz = 0;
	img->align = 1;
	if (!tls)
		return;
	img->init = (const void *)(bias + tls->p_vaddr);
	img->filesz = tls->p_filesz;
	img->memsz = tls->p_memsz;
	img->align = tls->p_align ? tls->p_align : 1;
}

int tb__tls_layout(const struct tb__tls_image *img, const struct tb__tls_abi *abi, size_t tcb_size,
		   size_t tcb_align, struct tb__tls_layout *out)
{
	size_t align = img->align < tcb_align ? tcb_align : img->align;
	size_t block = align_up(img->memsz, img->align);

	if ((align & (align - 1)) || block < img->memsz || block > SIZE_MAX / 4 ||
	    align > SIZE_MAX / 4 || tcb_size > SIZE_MAX / 4 || abi->gap_above_tp > SIZE_MAX / 4)
		return -1;
	out->align = align;
	if (abi->above_tp) {
		size_t tp_base = align_up(tcb_size, align);

		out->tcb_off = tp_base - tcb_size;
		out->block_off = tp_base + align_up(abi->gap_above_tp, img->align);
		out->tp_off = tp_base + abi->tp_offset;
		out->size = out->block_off + img->memsz;
	} else {
		size_t tp = align_up(block, align);

		out->tcb_off = tp;
		out->block_off = tp - block;
		out->tp_off = tp;
		out->size = tp + tcb_size;
	}
	return 0;
}

uintptr_t tb__tls_install(void *area, const struct tb__tls_image *img,
			  const struct tb__tls_layout *lay, bool zeroed)
{
	unsigned char *a = area;
	size_t data_end = lay->block_off + img->filesz;

	/* everything but .tdata, which the copy overwrites anyway */
	if (!zeroed) {
		memset(a, 0, lay->block_off);
		memset(a + data_end, 0, lay->size - data_end);
	}
	if (img->filesz)
		memcpy(a + lay->block_off, img->init, img->filesz);
	return (uintptr_t)a + lay->tp_off;
}
