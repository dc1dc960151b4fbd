/*
 * Symbol lookup in the vDSO, the small shared object the kernel maps into
 * every process (its ELF header's address is AT_SYSINFO_EHDR). Only what a
 * lookup by name and version needs: the program headers give the load bias
 * and the dynamic section; the dynamic section gives the symbol and string
 * tables, the symbol count (DT_HASH, else DT_GNU_HASH) and the version
 * tables (DT_VERSYM, DT_VERDEF). The vDSO has the process's word size.
 * Nothing here writes memory or makes a system call; a malformed or absent
 * vDSO just gives 0.
 */
#include <linux/elf.h>
#include "../internal.h"

#if UINTPTR_MAX > 0xffffffffu
typedef Elf64_Ehdr ehdr_t;
typedef Elf64_Phdr phdr_t;
typedef Elf64_Dyn dyn_t;
typedef Elf64_Sym sym_t;
#else
typedef Elf32_Ehdr ehdr_t;
typedef Elf32_Phdr phdr_t;
typedef Elf32_Dyn dyn_t;
typedef Elf32_Sym sym_t;
#endif

#define GNU_HASH 0x6ffffef5	/* DT_GNU_HASH, which <linux/elf.h> lacks */
#define VER_FLG_BASE 1
#define VERSYM_HIDDEN 0x8000

/* gABI version definition records (the same on 32- and 64-bit ELF) */
struct verdef {
	uint16_t version, flags, ndx, cnt;
	uint32_t hash, aux, next;
};

struct verdaux {
	uint32_t name, next;
};

static bool same(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

/* Symbols in a DT_GNU_HASH table: one past the highest index its chains reach. */
static uint32_t gnu_hash_count(const uint32_t *h)
{
	uint32_t nbuckets = h[0], symoffset = h[1], bloom = h[2], last = 0;
	const uint32_t *buckets = h + 4 + bloom * (sizeof(uintptr_t) / 4);
	const uint32_t *chain = buckets + nbuckets;

	for (uint32_t i = 0; i < nbuckets; i++)
		if (buckets[i] > last)
			last = buckets[i];
	if (last < symoffset)
		return symoffset;
	while (!(chain[last - symoffset] & 1))
		last++;
	return last + 1;
}

/* Does symbol i's version (versym index) name version? */
static bool version_is(const uint16_t *versym, const struct verdef *def, const char *strtab,
		       uint32_t i, const char *version)
{
	uint16_t want = versym[i] & ~VERSYM_HIDDEN;

	for (;;) {
		if (!(def->flags & VER_FLG_BASE) && (def->ndx & ~VERSYM_HIDDEN) == want) {
			const struct verdaux *aux = (const void *)((const char *)def + def->aux);

			return same(strtab + aux->name, version);
		}
		if (!def->next)
			return false;
		def = (const void *)((const char *)def + def->next);
	}
}

uintptr_t tb__vdso_sym(const char *name, const char *version)
{
	const ehdr_t *eh = tb__rt.vdso;
	const phdr_t *ph;
	const dyn_t *dyn = 0;
	const sym_t *symtab = 0;
	const char *strtab = 0;
	const uint32_t *hash = 0, *gnu_hash = 0;
	const uint16_t *versym = 0;
	const struct verdef *verdef = 0;
	uintptr_t bias = 0;
	bool have_load = false;
	uint32_t count;

	if (!eh || eh->e_ident[0] != 0x7f || eh->e_ident[1] != 'E' || eh->e_ident[2] != 'L' ||
	    eh->e_ident[3] != 'F' || eh->e_phentsize != sizeof(phdr_t))
		return 0;
	ph = (const void *)((const char *)eh + eh->e_phoff);
	for (unsigned i = 0; i < eh->e_phnum; i++) {
		if (ph[i].p_type == PT_LOAD && !have_load) {
			bias = (uintptr_t)eh + ph[i].p_offset - ph[i].p_vaddr;
			have_load = true;
		} else if (ph[i].p_type == PT_DYNAMIC) {
			dyn = (const void *)((const char *)eh + ph[i].p_offset);
		}
	}
	if (!have_load || !dyn)
		return 0;
	for (; dyn->d_tag != DT_NULL; dyn++) {
		uintptr_t p = bias + dyn->d_un.d_ptr;

		switch (dyn->d_tag) {
		case DT_SYMTAB: symtab = (const void *)p; break;
		case DT_STRTAB: strtab = (const void *)p; break;
		case DT_HASH: hash = (const void *)p; break;
		case GNU_HASH: gnu_hash = (const void *)p; break;
		case DT_VERSYM: versym = (const void *)p; break;
		case DT_VERDEF: verdef = (const void *)p; break;
		}
	}
	if (!symtab || !strtab || (!hash && !gnu_hash))
		return 0;
	count = hash ? hash[1] : gnu_hash_count(gnu_hash);
	for (uint32_t i = 1; i < count; i++) {
		const sym_t *s = &symtab[i];
		unsigned type = s->st_info & 0xf, bind = s->st_info >> 4;

		if ((type != STT_FUNC && type != STT_NOTYPE) ||
		    (bind != STB_GLOBAL && bind != STB_WEAK) || s->st_shndx == SHN_UNDEF)
			continue;
		if (!same(strtab + s->st_name, name))
			continue;
		if (versym && verdef && !version_is(versym, verdef, strtab, i, version))
			continue;
		return bias + s->st_value;
	}
	return 0;
}
