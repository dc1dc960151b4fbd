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
 *
 * Besides relative relocations, a linker may leave PLT slots (DT_JMPREL)
 * against symbols the program itself defines (ARCH_RELOC_JUMP_SLOT, m68k):
 * those get base + the symbol's value (+ addend). Anything else, or a slot
 * of an undefined symbol, cannot be resolved without a dynamic linker: the
 * program says so and exits 127.
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
typedef Elf64_Sym sym_t;
#define R_TYPE(info) ELF64_R_TYPE(info)
#define R_SYM(info) ELF64_R_SYM(info)
#else
typedef Elf32_Phdr phdr_t;
typedef Elf32_Dyn dyn_t;
typedef Elf32_Rela rela_t;
typedef Elf32_Rel rel_t;
typedef Elf32_Sym sym_t;
#define R_TYPE(info) ELF32_R_TYPE(info)
#define R_SYM(info) ELF32_R_SYM(info)
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

/* The value of relocation (type, sym) at base: relative, or a jump slot of a defined symbol. */
static uintptr_t reloc_value(uintptr_t base, const sym_t *symtab, uintptr_t info, uintptr_t addend)
{
	uintptr_t type = R_TYPE(info);

	if (ARCH_RELOC_RELATIVE != 0 && type == ARCH_RELOC_RELATIVE)
		return base + addend;
	if (ARCH_RELOC_JUMP_SLOT != 0 && type == ARCH_RELOC_JUMP_SLOT && symtab &&
	    symtab[R_SYM(info)].st_shndx != SHN_UNDEF)
		return base + symtab[R_SYM(info)].st_value + addend;
	reloc_fail();
}

/* Applies n bytes of Elf_Rela (rela 1) or Elf_Rel (rela 0) entries at p. */
static void apply(uintptr_t base, const sym_t *symtab, uintptr_t p, uintptr_t n, int rela)
{
	if (rela) {
		for (const rela_t *r = (const rela_t *)p; n >= sizeof(*r); r++, n -= sizeof(*r))
			if (R_TYPE(r->r_info) != 0) /* R_*_NONE: riscv64's ld leaves one behind */
				*(uintptr_t *)(base + r->r_offset) =
					reloc_value(base, symtab, r->r_info, (uintptr_t)r->r_addend);
	} else {
		for (const rel_t *r = (const rel_t *)p; n >= sizeof(*r); r++, n -= sizeof(*r))
			if (R_TYPE(r->r_info) != 0) {
				uintptr_t *where = (uintptr_t *)(base + r->r_offset);

				/* the addend is the word itself; a jump slot's is 0 (the lazy stub) */
				*where = reloc_value(base, symtab, r->r_info,
						     R_TYPE(r->r_info) == ARCH_RELOC_RELATIVE ? *where : 0);
			}
	}
}

void tb__relocate(long *sp)
{
	const unsigned long *auxv;
	const phdr_t *ph = 0;
	const dyn_t *dyn = 0;
	uintptr_t *where = 0;
	const sym_t *symtab = 0;
	uintptr_t base, rela = 0, relasz = 0, rel = 0, relsz = 0, relr = 0, relrsz = 0;
	uintptr_t jmprel = 0, pltrelsz = 0, pltrel = DT_RELA;
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
		else if (d->d_tag == DT_JMPREL)
			jmprel = base + d->d_un.d_ptr;
		else if (d->d_tag == DT_PLTRELSZ)
			pltrelsz = d->d_un.d_val;
		else if (d->d_tag == DT_PLTREL)
			pltrel = d->d_un.d_val;
		else if (d->d_tag == DT_SYMTAB)
			symtab = (const sym_t *)(base + d->d_un.d_ptr);
	}
	apply(base, symtab, rela, relasz, 1);
	apply(base, symtab, rel, relsz, 0);
	/* a linker may count DT_JMPREL's entries in DT_RELASZ (DT_RELSZ) too */
	if (!(jmprel >= rela && jmprel < rela + relasz) && !(jmprel >= rel && jmprel < rel + relsz))
		apply(base, symtab, jmprel, pltrelsz, pltrel == DT_RELA);
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
