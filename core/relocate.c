/*
 * A static PIE (-static-pie) is loaded at a random base with no dynamic
 * linker: tb__relocate(sp), the first thing core/start.c does (and an
 * embedder's own start code, tests/embed.c), applies its relative
 * relocations before any code reads an address from memory (a GOT entry, a
 * function pointer in .init_array). It reads only the initial stack (sp, as
 * _start passes it), the program headers (AT_PHDR), the ELF header and the
 * dynamic section, finding the load bias from them (tb__load_bias, tls/:
 * never through a symbol, whose address in a PIE may itself come from the
 * GOT), and calls nothing else. A program that is not a PIE has a bias of
 * 0 and nothing to do. Built without the stack protector (core/meson.build).
 */
#include <linux/auxvec.h>
#include <linux/elf.h>
#include "internal.h"
#include "sys.h"

#if __SIZEOF_POINTER__ == 8
typedef Elf64_Phdr phdr_t;
typedef Elf64_Dyn dyn_t;
typedef Elf64_Rela rela_t;
typedef Elf64_Rel rel_t;
#define R_TYPE(info) ELF64_R_TYPE(info)
#else
typedef Elf32_Phdr phdr_t;
typedef Elf32_Dyn dyn_t;
typedef Elf32_Rela rela_t;
typedef Elf32_Rel rel_t;
#define R_TYPE(info) ELF32_R_TYPE(info)
#endif
#ifndef DT_RELRSZ
#define DT_RELRSZ 35
#define DT_RELR 36
#endif

static _Noreturn void reloc_fail(void)
{
	static const char msg[] = "threadbare: static PIE with a relocation other than relative\n";

	tb__sys_write(2, msg, sizeof(msg) - 1);
	tb__sys_exit_group(127);
}

void tb__relocate(long *sp)
{
	const unsigned long *auxv;
	const phdr_t *ph = 0;
	const dyn_t *dyn = 0;
	uintptr_t *where = 0;
	uintptr_t base, rela = 0, relasz = 0, rel = 0, relsz = 0, relr = 0, relrsz = 0;
	size_t phnum = 0;
	char **p = (char **)(sp + 1) + sp[0] + 1;

	while (*p)
		p++;
	for (auxv = (const unsigned long *)(p + 1); auxv[0] != AT_NULL; auxv += 2) {
		if (auxv[0] == AT_PHDR)
			ph = (const phdr_t *)auxv[1];
		else if (auxv[0] == AT_PHNUM)
			phnum = auxv[1];
	}
	base = tb__load_bias(ph, phnum);
	if (!base)
		return; /* not a PIE, or one loaded where it was linked */
	for (size_t i = 0; i < phnum; i++)
		if (ph[i].p_type == PT_DYNAMIC)
			dyn = (const dyn_t *)(base + ph[i].p_vaddr);
	for (; dyn && dyn->d_tag != DT_NULL; dyn++) {
		const dyn_t *d = dyn;

		if (d->d_tag == DT_RELA)
			rela = base + d->d_un.d_ptr;
		else if (d->d_tag == DT_RELASZ)
			relasz = d->d_un.d_val;
		else if (d->d_tag == DT_REL)
			rel = base + d->d_un.d_ptr;
		else if (d->d_tag == DT_RELSZ)
			relsz = d->d_un.d_val;
		else if (d->d_tag == DT_RELR)
			relr = base + d->d_un.d_ptr;
		else if (d->d_tag == DT_RELRSZ)
			relrsz = d->d_un.d_val;
	}
	for (const rela_t *r = (const rela_t *)rela; relasz >= sizeof(*r); r++, relasz -= sizeof(*r)) {
		if (R_TYPE(r->r_info) == 0)
			continue; /* R_*_NONE: riscv64's ld leaves one behind */
		if (ARCH_RELOC_RELATIVE == 0 || R_TYPE(r->r_info) != ARCH_RELOC_RELATIVE)
			reloc_fail();
		*(uintptr_t *)(base + r->r_offset) = base + (uintptr_t)r->r_addend;
	}
	for (const rel_t *r = (const rel_t *)rel; relsz >= sizeof(*r); r++, relsz -= sizeof(*r)) {
		if (R_TYPE(r->r_info) == 0)
			continue;
		if (ARCH_RELOC_RELATIVE == 0 || R_TYPE(r->r_info) != ARCH_RELOC_RELATIVE)
			reloc_fail();
		*(uintptr_t *)(base + r->r_offset) += base;
	}
	/* RELR: an address word relocates that word and starts a run; a word
	 * with its low bit set is a bitmap of the next 8 * size - 1 words */
	for (uintptr_t *r = (uintptr_t *)relr; relrsz >= sizeof(*r); r++, relrsz -= sizeof(*r)) {
		uintptr_t w = *r;

		if (!(w & 1)) {
			where = (uintptr_t *)(base + w);
			*where++ += base;
		} else {
			for (size_t i = 0; (w >>= 1) != 0; i++)
				if (w & 1)
					where[i] += base;
			where += 8 * sizeof(uintptr_t) - 1;
		}
	}
}
