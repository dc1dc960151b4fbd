/*
 * Host unit test of tls/ (pure code): the layout for every TLS ABI variant
 * with synthetic program headers and odd alignments. Built for the build
 * machine with its own libc; checks the invariants each ABI relies on.
 */
#include <linux/elf.h>
#include <stdio.h>
#include <string.h>
#include "../tls/tls.h"

#if __SIZEOF_POINTER__ == 8
typedef Elf64_Phdr phdr_t;
typedef Elf64_Ehdr ehdr_t;
#else
typedef Elf32_Phdr phdr_t;
typedef Elf32_Ehdr ehdr_t;
#endif

static int fails, n;

#define CHECK(c, ...)                                                        \
	do {                                                                 \
		if (!(c)) {                                                  \
			fails++;                                             \
			printf("# FAIL line %d: %s: ", __LINE__, #c);         \
			printf(__VA_ARGS__);                                 \
			printf("\n");                                        \
		}                                                            \
	} while (0)

static const struct {
	const char *name;
	struct tb__tls_abi abi;
} abis[] = {
	{ "variant II (x86_64, i386, sparc64)", { false, 0, 0 } },
	{ "variant I, 16-byte TCB (aarch64)", { true, 16, 0 } },
	{ "variant I, 8-byte TCB (arm)", { true, 8, 0 } },
	{ "variant I, TP at block (riscv64)", { true, 0, 0 } },
	{ "modified variant I, 0x7000 (mips, ppc)", { true, 0, 0x7000 } },
};

static void one(size_t ai, size_t memsz, size_t filesz, size_t align, size_t tcb)
{
	static unsigned char image[8192], area[65536] __attribute__((aligned(8192)));
	const struct tb__tls_abi *abi = &abis[ai].abi;
	struct tb__tls_image img = { image, filesz, memsz, align };
	struct tb__tls_layout l;
	uintptr_t tp, block;

	for (size_t i = 0; i < sizeof(image); i++)
		image[i] = (unsigned char)(i * 7 + 1);
	memset(area, 0xee, sizeof(area));
	CHECK(tb__tls_layout(&img, abi, tcb, 8, &l) == 0, "layout failed");
	CHECK(l.size + l.align <= sizeof(area), "too big");
	/* a zeroed (fresh) area: only .tdata is written, nothing else is touched */
	CHECK(tb__tls_install(area, &img, &l, true) == (uintptr_t)area + l.tp_off, "tp");
	for (size_t i = 0; i < l.size; i++)
		if (i < l.block_off || i >= l.block_off + filesz)
			CHECK(area[i] == 0xee, "zeroed area: byte %zu written", i);
	/* a reused area: all of it but .tdata is zeroed */
	tp = tb__tls_install(area, &img, &l, false);
	block = (uintptr_t)area + l.block_off;
	CHECK(block % align == 0, "%s: block %#zx not aligned to %zu", abis[ai].name, l.block_off, align);
	CHECK(memcmp((void *)block, image, filesz) == 0, "tdata not copied");
	for (size_t i = filesz; i < memsz; i++)
		CHECK(((unsigned char *)block)[i] == 0, "tbss byte %zu not zero", i);
	for (size_t i = 0; i < l.size; i++)
		if (i < l.block_off || i >= l.block_off + filesz)
			CHECK(area[i] == 0, "reused area: byte %zu not zeroed", i);
	CHECK(l.tcb_off % 8 == 0, "control block misaligned");
	CHECK(l.tcb_off + tcb <= l.size, "control block outside the area");
	if (abi->above_tp) {
		/* the control block ends where TP - tp_offset is; the block starts
		 * round_up(gap, align) above that, with nothing in between */
		uintptr_t base = tp - abi->tp_offset;

		CHECK((uintptr_t)area + l.tcb_off + tcb == base, "%s: control block not just below TP",
		      abis[ai].name);
		CHECK(base % align == 0, "%s: TP base not aligned", abis[ai].name);
		CHECK(block == base + ((abi->gap_above_tp + align - 1) & ~(align - 1)),
		      "%s: block at wrong distance from TP (gap bug)", abis[ai].name);
		CHECK(block + memsz <= (uintptr_t)area + l.size, "block outside the area");
	} else {
		CHECK(tp == (uintptr_t)area + l.tcb_off, "variant II: TP must be the control block");
		CHECK(tp % align == 0, "variant II: TP not aligned");
		CHECK(block == tp - ((memsz + align - 1) & ~(align - 1)),
		      "variant II: block not at TP - round_up(memsz, align)");
	}
	n++;
}

static void find(void)
{
	phdr_t ph[3] = { 0 };
	struct tb__tls_image img;

	ph[0].p_type = PT_LOAD;
	ph[0].p_offset = 0x1000; /* (not the file's start: no ELF header before ph to look at) */
	ph[1].p_type = PT_TLS;
	ph[1].p_vaddr = 0x1000;
	ph[1].p_filesz = 24;
	ph[1].p_memsz = 100;
	ph[1].p_align = 64;
	tb__tls_find(ph, 3, &img);
	CHECK(img.filesz == 24 && img.memsz == 100 && img.align == 64, "PT_TLS not read");
	CHECK(img.init == (const void *)0x1000, "non-PIE image address");
	ph[2].p_type = PT_PHDR;
	ph[2].p_vaddr = 0x40;
	tb__tls_find(ph, 3, &img);
	CHECK(img.init == (const void *)((uintptr_t)ph - 0x40 + 0x1000), "PT_PHDR load bias");
	tb__tls_find(ph, 1, &img);
	CHECK(img.memsz == 0 && img.align == 1, "no PT_TLS: empty image");
	n++;
}

/* A static PIE from ld.bfd: no PT_PHDR; the ELF header just before the
 * program headers gives the bias. */
static void bias_from_header(void)
{
	static struct {
		ehdr_t eh;
		phdr_t ph[2];
	} f;

	f.eh.e_ident[EI_MAG0] = ELFMAG0;
	f.eh.e_ident[EI_MAG1] = ELFMAG1;
	f.eh.e_ident[EI_MAG2] = ELFMAG2;
	f.eh.e_ident[EI_MAG3] = ELFMAG3;
	f.eh.e_phoff = sizeof(f.eh);
	f.eh.e_phnum = 2;
	f.ph[0].p_type = PT_LOAD;
	f.ph[0].p_vaddr = 0x100;
	f.ph[1].p_type = PT_DYNAMIC;
	CHECK(tb__load_bias(f.ph, 2) == (uintptr_t)&f.eh - 0x100, "bias from the ELF header");
	f.eh.e_phnum = 3;
	CHECK(tb__load_bias(f.ph, 2) == 0, "a header that does not describe these headers");
	n++;
}

int main(void)
{
	static const size_t aligns[] = { 1, 4, 8, 16, 64, 256, 4096 };
	static const size_t sizes[] = { 0, 1, 8, 24, 100, 4096, 5000 };

	find();
	bias_from_header();
	for (size_t a = 0; a < sizeof(abis) / sizeof(abis[0]); a++)
		for (size_t i = 0; i < sizeof(aligns) / sizeof(aligns[0]); i++)
			for (size_t s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++)
				for (size_t tcb = 8; tcb <= 72; tcb += 64)
					one(a, sizes[s], sizes[s] / 2, aligns[i], tcb);
	/* overflow is refused, not wrapped */
	{
		struct tb__tls_image img = { 0, 0, SIZE_MAX - 8, 16 };
		struct tb__tls_layout l;

		CHECK(tb__tls_layout(&img, &abis[0].abi, 64, 8, &l) != 0, "overflow not refused");
	}
	printf("%s 1 - %d layouts checked\n1..1\n", fails ? "not ok" : "ok", n);
	return fails != 0;
}
