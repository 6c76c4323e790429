/* test_symbolizer_reach.c - debug information the plain lookup does not
 * reach: split DWARF (.dwo files beside the objects, and .dwp packages)
 * and PowerPC64 ELFv1 function descriptors.
 *
 * Split builds are checked against the same code built without
 * -gsplit-dwarf (the .text bytes must be equal): every level of every
 * inline chain, at a few thousand addresses, must be the same.  The
 * descriptors are checked against the entry points the binary's own DWARF
 * gives, on a copy stripped of DWARF.  The tools are installed by `make
 * test`; a missing one fails.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <dwarf.h>
#include <elfutils/libdw.h>
#include <gelf.h>

#include "symbolizer/pv_symbolizer.h"
#include "tests/support/symtest.h"

#define sh symtest_sh
#define tmpdir symtest_tmp
#define srcdir symtest_src

static const char *need(const char *a, const char *b)
{
	const char *t = symtest_tool(a, b);

	if (!t)
		fail_msg("%s is not installed (make test installs it)", a);
	return t;
}

/* The bytes of a section of bin, malloc'ed. */
static unsigned char *section_bytes(const char *bin, const char *want,
				    size_t *len, uint64_t *addr)
{
	int fd = open(bin, O_RDONLY);
	unsigned char *r = NULL;
	Elf_Scn *scn = NULL;
	size_t shstrndx;
	Elf *e;

	assert_true(fd >= 0);
	elf_version(EV_CURRENT);
	e = elf_begin(fd, ELF_C_READ, NULL);
	if (e && !elf_getshdrstrndx(e, &shstrndx))
		while ((scn = elf_nextscn(e, scn))) {
			GElf_Shdr shdr;
			Elf_Data *d;
			const char *name;

			if (!gelf_getshdr(scn, &shdr) ||
			    !(name = elf_strptr(e, shstrndx, shdr.sh_name)) ||
			    strcmp(name, want) ||
			    !(d = elf_rawdata(scn, NULL)))
				continue;
			r = malloc(d->d_size ? d->d_size : 1);
			assert_non_null(r);
			memcpy(r, d->d_buf, d->d_size);
			*len = d->d_size;
			*addr = shdr.sh_addr;
			break;
		}
	elf_end(e);
	close(fd);
	assert_non_null(r);
	return r;
}

/* ---- split DWARF -------------------------------------------------------- */

/* Every level of the chains of naddr addresses in .text of split (a split
 * DWARF build) equals those of plain (the same code, DWARF inside).
 * Checks that the split units were found as expected. */
static void compare_split(const char *split, const char *plain,
			  uint32_t want_dwp, int naddr)
{
	size_t n1, n2;
	uint64_t lo, lo2;
	unsigned char *t1 = section_bytes(split, ".text", &n1, &lo);
	unsigned char *t2 = section_bytes(plain, ".text", &n2, &lo2);
	struct pv_sym *a = symtest_new_sym(NULL), *b = symtest_new_sym(NULL);
	struct pv_sym_module_info mi;
	struct pv_error err = { 0 };
	int i, inl = 0, named = 0, bad = 0;

	/* the same code at the same addresses, or the test proves nothing */
	assert_int_equal(n1, n2);
	assert_true(lo == lo2);
	assert_memory_equal(t1, t2, n1);
	free(t1);
	free(t2);
	assert_int_equal(pv_sym_add_module(a, split, PV_SYM_LINK_ADDR, &err),
			 0);
	assert_int_equal(pv_sym_add_module(b, plain, PV_SYM_LINK_ADDR, &err),
			 0);
	srandom(7);
	for (i = 0; i < naddr; i++) {
		uint64_t addr = lo + (uint64_t)random() % n1;
		const struct pv_sym_frame *fa, *fb;
		int na = pv_sym_lookup(a, addr, &fa, NULL, NULL);
		int nb = pv_sym_lookup(b, addr, &fb, NULL, NULL), k, ok;

		assert_true(na >= 0 && nb >= 0);
		inl += nb > 1;
		named += nb > 0;
		ok = na == nb;
		for (k = 0; ok && k < na; k++)
			/* "[gcc5.so+0x10]" and "[gcc5-plain.so+0x10]" */
			ok = (!strcmp(fa[k].name, fb[k].name) ||
			      (fa[k].name[0] == '[' && fb[k].name[0] == '[' &&
			       !strcmp(strchr(fa[k].name, '+'),
				       strchr(fb[k].name, '+')))) &&
				!strcmp(fa[k].file, fb[k].file) &&
				fa[k].line == fb[k].line &&
				fa[k].decl_line == fb[k].decl_line;
		if (!ok && ++bad <= 5)
			fprintf(stderr, "  %s 0x%" PRIx64 ": %d level(s), "
				"innermost %s %s:%u; without split DWARF %d, "
				"innermost %s %s:%u\n", symtest_base(split),
				addr, na, na ? fa[na - 1].name : "-",
				na ? fa[na - 1].file : "-",
				na ? fa[na - 1].line : 0, nb,
				nb ? fb[nb - 1].name : "-",
				nb ? fb[nb - 1].file : "-",
				nb ? fb[nb - 1].line : 0);
	}
	pv_sym_module_info(a, 0, &mi);
	fprintf(stderr, "  %s: %d addresses, %d named, %d with inline "
		"frames, %d differ; split units %u, found %u, from the "
		".dwp %u\n", symtest_base(split), naddr, named, inl, bad,
		mi.split_units, mi.split_found, mi.split_dwp);
	assert_int_equal(mi.split_units, 2);
	assert_int_equal(mi.split_found, 2);
	assert_int_equal(mi.split_dwp, want_dwp);
	assert_int_equal(mi.names, PV_SYM_NAMES_DWARF);
	/* -O2 code is dense with inlined calls: a lookup that lost the split
	 * units' inline trees would still agree on the outermost names */
	assert_true(named > naddr * 9 / 10);
	assert_true(inl > naddr / 10);
	assert_int_equal(bad, 0);
	pv_sym_free(a);
	pv_sym_free(b);
}

/* gen-src.sh code in dir/NAME.so, split (objects, .dwo beside them) and
 * dir/NAME-plain.so from the same flags without -gsplit-dwarf. */
static void build_pair(const char *dir, const char *cc, const char *flags,
		       const char *name)
{
	assert_int_equal(sh("cd %s && %s %s -gsplit-dwarf -fPIC -c gen0.c -o "
			    "%s-0.o && %s %s -gsplit-dwarf -fPIC -c gen1.c "
			    "-o %s-1.o && %s -shared -o %s.so %s-0.o %s-1.o "
			    "&& %s %s -fPIC -shared -o %s-plain.so gen0.c "
			    "gen1.c", dir, cc, flags, name, cc, flags, name,
			    cc, name, name, name, cc, flags, name), 0);
}

static void test_symbolizer__split_dwarf(void **state)
{
	const char *gcc = need("gcc", NULL);
	const char *clang = need("clang", "clang-14");
	const char *llvm_dwp = need("llvm-dwp", "llvm-dwp-14");
	const char *gnu_dwp = need("dwp", NULL);
	char dir[PATH_MAX + 16], so[PATH_MAX + 64], plain[PATH_MAX + 64];

	(void)state;
	snprintf(dir, sizeof(dir), "%s/split", tmpdir);
	assert_int_equal(sh("sh %s/tests/symbolizer/gen-src.sh %s 2 16 11",
			    srcdir, dir), 0);

	/* gcc, DWARF 5: libdw finds the .dwo files at comp_dir/dwo_name */
	build_pair(dir, gcc, "-g -O2", "gcc5");
	snprintf(so, sizeof(so), "%s/gcc5.so", dir);
	snprintf(plain, sizeof(plain), "%s/gcc5-plain.so", dir);
	compare_split(so, plain, 0, 2000);

	/* clang, DWARF 5, packed by llvm-dwp into clang5.so.dwp; the .dwo
	 * files are gone */
	build_pair(dir, clang, "-g -O2", "clang5");
	assert_int_equal(sh("cd %s && %s -o clang5.so.dwp clang5-0.dwo "
			    "clang5-1.dwo && rm clang5-0.dwo clang5-1.dwo",
			    dir, llvm_dwp), 0);
	snprintf(so, sizeof(so), "%s/clang5.so", dir);
	snprintf(plain, sizeof(plain), "%s/clang5-plain.so", dir);
	compare_split(so, plain, 2, 2000);

	/* gcc, DWARF 4 (the GNU form), packed by binutils' dwp (which reads
	 * the .dwo names from the binary) */
	build_pair(dir, gcc, "-gdwarf-4 -O2", "gcc4");
	assert_int_equal(sh("cd %s && %s -e gcc4.so -o gcc4.so.dwp && rm "
			    "gcc4-0.dwo gcc4-1.dwo", dir, gnu_dwp), 0);
	snprintf(so, sizeof(so), "%s/gcc4.so", dir);
	snprintf(plain, sizeof(plain), "%s/gcc4-plain.so", dir);
	compare_split(so, plain, 2, 2000);
}

/* ---- PowerPC64 ELFv1 descriptors ---------------------------------------- */

struct entry {
	char name[64];
	uint64_t lo;
};

/* Entry points of the functions with code, from the DWARF of bin. */
static int dwarf_entries(const char *bin, struct entry *out, int max)
{
	int fd = open(bin, O_RDONLY), n = 0;
	Dwarf *dw;
	Dwarf_CU *cu = NULL;
	Dwarf_Die cudie;
	uint8_t type;

	assert_true(fd >= 0);
	dw = dwarf_begin(fd, DWARF_C_READ);
	assert_non_null(dw);
	while (dwarf_get_units(dw, cu, &cu, NULL, &type, &cudie, NULL) == 0) {
		Dwarf_Die die;

		if (dwarf_child(&cudie, &die))
			continue;
		do {
			Dwarf_Addr lo;
			const char *name;

			if (dwarf_tag(&die) != DW_TAG_subprogram ||
			    dwarf_lowpc(&die, &lo) ||
			    !(name = dwarf_diename(&die)) || n == max)
				continue;
			snprintf(out[n].name, sizeof(out[n].name), "%s", name);
			out[n].lo = lo;
			n++;
		} while (dwarf_siblingof(&die, &die) == 0);
	}
	dwarf_end(dw);
	close(fd);
	return n;
}

/* Looks up every entry point of a PPC64 ELFv1 binary without DWARF (the
 * names come from descriptor symbols only). */
static void check_descriptors(const char *full, const char *bare)
{
	struct entry e[64];
	struct pv_sym *s;
	struct pv_sym_module_info mi;
	struct pv_error err = { 0 };
	int n, i, j;

	n = dwarf_entries(full, e, 64);
	/* fn0_0..fn0_11 and entry0 at least */
	assert_true(n >= 13);
	s = symtest_new_sym(NULL);
	assert_int_equal(pv_sym_add_module(s, bare, PV_SYM_LINK_ADDR, &err),
			 0);
	for (i = 0; i < n; i++) {
		const struct pv_sym_frame *fr;
		int k = pv_sym_lookup(s, e[i].lo, &fr, NULL, NULL);

		if (k != 1 || strcmp(fr[0].name, e[i].name))
			fail_msg("%s 0x%" PRIx64 ": DWARF says %s, we say %s",
				 symtest_base(bare), e[i].lo, e[i].name,
				 k > 0 ? fr[0].name : "-");
		/* and the next few bytes are still the same function */
		k = pv_sym_lookup(s, e[i].lo + 4, &fr, NULL, NULL);
		for (j = 0; j < n; j++)
			if (e[j].lo == e[i].lo + 4)
				break;
		if (j == n)
			assert_true(k == 1 && !strcmp(fr[0].name, e[i].name));
	}
	pv_sym_module_info(s, 0, &mi);
	fprintf(stderr, "  %s: %d functions, %zu symbols, %zu through .opd\n",
		symtest_base(bare), n, mi.nsyms, mi.opd_syms);
	assert_int_equal(mi.names, PV_SYM_NAMES_SYMTAB);
	assert_true(mi.opd_syms >= (size_t)n);
	pv_sym_free(s);
}

/* A shared object (its .opd words are left zero in the file and filled by
 * R_PPC64_RELATIVE relocations) and an executable (the words are in the
 * file), both from clang -mabi=elfv1 and lld. */
static void test_symbolizer__ppc64_elfv1_descriptors(void **state)
{
	const char *clang = need("clang", "clang-14");
	const char *lld = need("ld.lld", "ld.lld-14");
	const char *objcopy = need("llvm-objcopy", "llvm-objcopy-14");
	char dir[PATH_MAX + 16], full[PATH_MAX + 64], bare[PATH_MAX + 64];

	(void)state;
	snprintf(dir, sizeof(dir), "%s/ppc64", tmpdir);
	assert_int_equal(sh("sh %s/tests/symbolizer/gen-src.sh %s 1 12 3",
			    srcdir, dir), 0);
	assert_int_equal(sh("cd %s && %s --target=powerpc64-linux-gnu "
			    "-mabi=elfv1 -g -O2 -fPIC -c gen0.c", dir, clang),
			 0);
	snprintf(full, sizeof(full), "%s/libgen-v1.so", dir);
	snprintf(bare, sizeof(bare), "%s/libgen-v1-nodwarf.so", dir);
	assert_int_equal(sh("cd %s && %s -shared -o %s gen0.o && %s "
			    "--strip-debug %s %s", dir, lld, full, objcopy,
			    full, bare), 0);
	check_descriptors(full, bare);
	snprintf(full, sizeof(full), "%s/gen-v1", dir);
	snprintf(bare, sizeof(bare), "%s/gen-v1-nodwarf", dir);
	assert_int_equal(sh("cd %s && %s -e entry0 -o %s gen0.o && %s "
			    "--strip-debug %s %s", dir, lld, full, objcopy,
			    full, bare), 0);
	check_descriptors(full, bare);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_symbolizer__split_dwarf),
		cmocka_unit_test(test_symbolizer__ppc64_elfv1_descriptors),
	};

	return cmocka_run_group_tests(tests, symtest_setup, symtest_teardown);
}
