/* test_symbolizer_agree.c - the symbolizer against independent answers:
 * llvm-symbolizer on thousands of random addresses of generated -O2 code
 * (gcc and clang, DWARF 4 and 5, x86-64 and AArch64 builds that never
 * run), and the recorder's own native-symbol records in the corpus logs.
 * Missing tools or corpus skip with a message.
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

#include <gelf.h>

#include "profile/pv_profile.h"
#include "reader/pv_reader.h"
#include "symbolizer/pv_symbolizer.h"
#include "tests/support/symtest.h"

/* short names for the shared helpers */
#define sh symtest_sh
#define tool symtest_tool
#define slurp symtest_slurp
#define base symtest_base
#define new_sym symtest_new_sym
#define add_maps_file symtest_add_maps_file
#define tmpdir symtest_tmp
#define srcdir symtest_src

/* ---- agreement with llvm-symbolizer ------------------------------------- */

struct llvm_level {
	char name[256];
	char file[512];
	unsigned line;
};

struct llvm_answer {
	uint64_t addr;
	struct llvm_level lv[16];   /* innermost first, as printed */
	int n;
};

static int text_bounds(const char *bin, uint64_t *lo, uint64_t *hi)
{
	int fd = open(bin, O_RDONLY), rc = -1;
	Elf *e;
	Elf_Scn *scn = NULL;
	size_t shstrndx;

	if (fd < 0)
		return -1;
	elf_version(EV_CURRENT);
	e = elf_begin(fd, ELF_C_READ, NULL);
	if (e && !elf_getshdrstrndx(e, &shstrndx))
		while ((scn = elf_nextscn(e, scn))) {
			GElf_Shdr sh;
			const char *name;

			if (gelf_getshdr(scn, &sh) &&
			    (name = elf_strptr(e, shstrndx, sh.sh_name)) &&
			    !strcmp(name, ".text")) {
				*lo = sh.sh_addr;
				*hi = sh.sh_addr + sh.sh_size;
				rc = 0;
			}
		}
	elf_end(e);
	close(fd);
	return rc;
}

/* llvm-symbolizer --print-address output: the address, then name and
 * FILE:LINE:COLUMN per level, a blank line after each address. */
static int read_llvm(const char *path, struct llvm_answer *ans, int max)
{
	FILE *f = fopen(path, "r");
	char line[1024];
	int n = 0, state = 0;   /* 0 address, 1 name or blank, 2 file */

	if (!f)
		return -1;
	while (n < max && fgets(line, sizeof(line), f)) {
		struct llvm_answer *a = &ans[n];
		struct llvm_level *l = &a->lv[a->n < 16 ? a->n : 15];
		char *c1, *c2;

		line[strcspn(line, "\n")] = '\0';
		if (state == 0) {
			a->addr = strtoull(line, NULL, 16);
			a->n = 0;
			state = 1;
		} else if (state == 1 && !line[0]) {
			n++;
			state = 0;
		} else if (state == 1) {
			snprintf(l->name, sizeof(l->name), "%.250s", line);
			state = 2;
		} else {
			c2 = strrchr(line, ':');
			if (c2)
				*c2 = '\0';
			c1 = strrchr(line, ':');
			if (c1)
				*c1 = '\0';
			snprintf(l->file, sizeof(l->file), "%.500s", line);
			l->line = c1 ? (unsigned)strtoul(c1 + 1, NULL, 10) : 0;
			if (a->n < 16)
				a->n++;
			state = 1;
		}
	}
	fclose(f);
	return n;
}

/* The two demanglers spell gcc clone suffixes differently. */
static void normalize_name(const char *in, char *out, size_t size)
{
	const char *clone = strstr(in, " [clone ");

	if (clone) {
		const char *end = strchr(clone, ']');

		snprintf(out, size, "%.*s (%.*s)%s", (int)(clone - in), in,
			 end ? (int)(end - clone - 8) : 0, clone + 8,
			 end ? end + 1 : "");
	} else {
		snprintf(out, size, "%s", in);
	}
}

/* Compares naddr random .text addresses of bin with llvm-symbolizer;
 * returns the number of addresses that disagree. */
static int compare_with_llvm(const char *llvm, const char *bin, int naddr,
			     unsigned seed)
{
	char addrs[PATH_MAX + 16], out[PATH_MAX + 16];
	struct llvm_answer *ans = calloc((size_t)naddr, sizeof(*ans));
	struct pv_error err = { 0 };
	struct pv_sym *s;
	uint64_t lo = 0, hi = 0;
	FILE *f;
	int i, got, bad = 0, inl = 0;

	assert_non_null(ans);
	assert_int_equal(text_bounds(bin, &lo, &hi), 0);
	snprintf(addrs, sizeof(addrs), "%s.addrs", bin);
	snprintf(out, sizeof(out), "%s.llvm", bin);
	f = fopen(addrs, "w");
	assert_non_null(f);
	srandom(seed);
	for (i = 0; i < naddr; i++)
		fprintf(f, "0x%" PRIx64 "\n",
			lo + (uint64_t)random() % (hi - lo));
	fclose(f);
	assert_int_equal(sh("%s --print-address --inlines --obj=%s < %s > %s",
			    llvm, bin, addrs, out), 0);
	got = read_llvm(out, ans, naddr);
	assert_int_equal(got, naddr);

	s = new_sym(NULL);
	assert_int_equal(pv_sym_add_module(s, bin, PV_SYM_LINK_ADDR, &err),
			 0);
	for (i = 0; i < naddr; i++) {
		const struct llvm_answer *a = &ans[i];
		const struct pv_sym_frame *fr;
		int n = pv_sym_lookup(s, a->addr, &fr, NULL, NULL), k, ok;

		inl += n > 1;
		ok = n == a->n || (n == 0 && a->n == 1 &&
				   !strcmp(a->lv[0].name, "??"));
		for (k = 0; ok && k < n; k++) {
			const struct llvm_level *l = &a->lv[n - 1 - k];
			char mine[512], theirs[512];

			normalize_name(fr[k].name, mine, sizeof(mine));
			normalize_name(l->name, theirs, sizeof(theirs));
			if (!strcmp(theirs, "??") && k == 0 &&
			    fr[0].name[0] == '[')
				snprintf(mine, sizeof(mine), "??");
			ok = !strcmp(mine, theirs) &&
				!strcmp(fr[k].file[0] ? fr[k].file : "??",
					l->file) &&
				fr[k].line == l->line;
		}
		if (!ok && ++bad <= 5) {
			fprintf(stderr, "  %s 0x%" PRIx64 ": llvm-symbolizer "
				"says %d level(s), innermost %s %s:%u; we say "
				"%d, innermost %s %s:%u\n", base(bin), a->addr,
				a->n, a->n ? a->lv[0].name : "-",
				a->n ? a->lv[0].file : "-",
				a->n ? a->lv[0].line : 0, n,
				n > 0 ? fr[n - 1].name : "-",
				n > 0 ? fr[n - 1].file : "-",
				n > 0 ? fr[n - 1].line : 0);
		}
	}
	fprintf(stderr, "  %s: %d addresses, %d with inline frames, %d "
		"disagree\n", base(bin), naddr, inl, bad);
	/* random addresses in -O2 code hit inlined code often; an index that
	 * lost the inline trees would still agree on names */
	assert_true(inl > naddr / 10);
	pv_sym_free(s);
	free(ans);
	return bad;
}

static void test_symbolizer__matches_llvm_symbolizer(void **state)
{
	const char *llvm = tool("llvm-symbolizer", "llvm-symbolizer-14");
	const char *gcc = tool("gcc", NULL);
	const char *clang = tool("clang", "clang-14");
	const char *xgcc = tool("aarch64-linux-gnu-gcc", NULL);
	const char *lld = tool("ld.lld", "ld.lld-14");
	char gen[PATH_MAX + 16], bin[PATH_MAX + 64];
	int bad = 0, builds = 0;

	(void)state;
	if (!llvm)
		symtest_missing("no llvm-symbolizer");
	snprintf(gen, sizeof(gen), "%s/gen", tmpdir);
	assert_int_equal(sh("sh %s/tests/symbolizer/gen-src.sh %s 2 60 7",
			    srcdir, gen), 0);
	if (gcc) {
		snprintf(bin, sizeof(bin), "%s/libgen-gcc.so", gen);
		assert_int_equal(sh("cd %s && %s -g -O2 -shared -fPIC -o %s "
				    "gen0.c gen1.c", gen, gcc, bin), 0);
		bad += compare_with_llvm(llvm, bin, 1500, 1);
		snprintf(bin, sizeof(bin), "%s/libgen-gcc-dwarf4.so", gen);
		assert_int_equal(sh("cd %s && %s -gdwarf-4 -O2 -shared -fPIC "
				    "-o %s gen0.c gen1.c", gen, gcc, bin), 0);
		bad += compare_with_llvm(llvm, bin, 1000, 2);
		builds += 2;
	}
	if (clang) {
		snprintf(bin, sizeof(bin), "%s/libgen-clang.so", gen);
		assert_int_equal(sh("cd %s && %s -g -O2 -shared -fPIC -o %s "
				    "gen0.c gen1.c", gen, clang, bin), 0);
		bad += compare_with_llvm(llvm, bin, 1500, 3);
		builds++;
	}
	/* a foreign architecture: AArch64 shared objects that never run */
	if (xgcc) {
		snprintf(bin, sizeof(bin), "%s/libgen-aarch64-gcc.so", gen);
		assert_int_equal(sh("cd %s && %s -g -O2 -shared -fPIC "
				    "-nostdlib -o %s gen0.c gen1.c", gen, xgcc,
				    bin), 0);
		bad += compare_with_llvm(llvm, bin, 1500, 4);
		builds++;
		if (clang) {
			snprintf(bin, sizeof(bin), "%s/libgen-aarch64-clang.so",
				 gen);
			assert_int_equal(sh("cd %s && %s --target=aarch64-linux-gnu "
					    "-g -O2 -fPIC -c gen0.c gen1.c && "
					    "%s -shared -nostdlib -o %s gen0.o "
					    "gen1.o", gen, clang, xgcc, bin),
					 0);
			bad += compare_with_llvm(llvm, bin, 1500, 5);
			builds++;
		}
	} else {
		symtest_lacking("no aarch64-linux-gnu-gcc");
	}
	/* big-endian, and a 32-bit class: PowerPC64 and MIPS32 via lld */
	if (clang && lld) {
		static const char *const targets[] = {
			"powerpc64-linux-gnu", "mips-linux-gnu"
		};
		for (size_t t = 0; t < 2; t++) {
			snprintf(bin, sizeof(bin), "%s/libgen-%s.so", gen,
				 targets[t]);
			assert_int_equal(sh("cd %s && %s --target=%s -g -O2 "
					    "-fPIC -c gen0.c gen1.c && %s "
					    "-shared -o %s gen0.o gen1.o", gen,
					    clang, targets[t], lld, bin), 0);
			bad += compare_with_llvm(llvm, bin, 1000,
						 6 + (unsigned)t);
			builds++;
		}
	} else {
		symtest_lacking("no clang or ld.lld for the big-endian "
				"targets");
	}
	assert_true(builds > 0);
	assert_int_equal(bad, 0);
}

/* ---- the corpus: recorder's own names against offline resolution -------- */

struct module_tally {
	char path[256];
	int named, agree;
	char first_diff[300];
};

static void corpus_log(const char *dir, const char *name)
{
	char path[PATH_MAX + 64], maps[PATH_MAX + 64];
	const char *sdirs[] = { dir };
	struct pv_sym_opts o = { .search_dirs = sdirs, .nsearch_dirs = 1 };
	struct pv_read_opts ro = { .path = name };
	struct pv_error err = { 0 };
	struct module_tally t[32];
	struct pv_profile *p = pv_profile_new();
	struct pv_sym *s;
	uint32_t src, i;
	int nt = 0, k, fd, cburn = -1;

	memset(t, 0, sizeof(t));
	snprintf(path, sizeof(path), "%s/%s.prof", dir, name);
	snprintf(maps, sizeof(maps), "%s/%s.maps", dir, name);
	fd = open(path, O_RDONLY);
	assert_true(fd >= 0);
	assert_int_equal(pv_reader_read_fd(p, fd, &ro, &src, &err), 0);
	close(fd);
	s = new_sym(&o);
	add_maps_file(s, maps);
	for (i = 0; i < p->nframes; i++) {
		const struct pv_frame *fr = &p->frames[i];
		const struct pv_func *fn = &p->funcs[fr->func];
		const struct pv_sym_frame *ch;
		const char *module;
		int n;

		if (fr->kind != PV_KIND_NATIVE || fn->placeholder)
			continue;
		/* the recorder named start|1 */
		n = pv_sym_lookup(s, pv_sym_native_start(s, fr->addr), &ch,
				  &module, NULL);
		assert_true(n >= 0);
		for (k = 0; k < nt && module && strcmp(t[k].path, module); k++)
			;
		if (!module)
			k = 0, module = "(no mapping)";
		if (k == nt && nt < 32)
			snprintf(t[nt++].path, sizeof(t[0].path), "%s", module);
		if (k >= 32)
			continue;
		t[k].named++;
		if (n > 0 && !strcmp(ch[0].name, fn->name))
			t[k].agree++;
		else if (!t[k].first_diff[0])
			snprintf(t[k].first_diff, sizeof(t[k].first_diff),
				 "0x%" PRIx64 ": log says %s, we say %s",
				 fr->addr, fn->name, n > 0 ? ch[0].name : "-");
	}
	for (k = 0; k < nt; k++) {
		int ours = strstr(t[k].path, "libcburn.so") != NULL;

		fprintf(stderr, "  %s %s: %d of %d recorder names agree%s%s\n",
			name, t[k].path, t[k].agree, t[k].named,
			t[k].agree < t[k].named ? "; " : "",
			t[k].first_diff);
		if (ours)
			cburn = k;
		else if (t[k].agree < t[k].named)
			fprintf(stderr, "  skipped %s: not the recording host's "
				"build\n", t[k].path);
	}
	/* libcburn.so travels with the corpus: the same build for sure */
	assert_true(cburn >= 0);
	assert_true(t[cburn].named >= 2);
	assert_int_equal(t[cburn].agree, t[cburn].named);

	/* the whole log: libcburn.so's functions get file and line from its
	 * DWARF; no native frame keeps a recorder placeholder where a
	 * mapping covers it */
	assert_int_equal(pv_sym_apply(s, p, &err), 0);
	k = 0;
	for (i = 0; i < p->nframes; i++) {
		const struct pv_frame *fr = &p->frames[i];
		const struct pv_func *fn = &p->funcs[fr->func];
		char buf[64];

		if (fr->kind != PV_KIND_NATIVE)
			continue;
		if (!strcmp(fn->name, "cb_leaf_float")) {
			assert_string_equal(base(fn->file), "cburn.c");
			assert_int_equal(fn->line, 49);
			k++;
		}
		pv_sym_unresolved_name(s, fr->addr, buf, sizeof(buf));
		if (buf[0] == '[')
			assert_null(strstr(fn->name, "<native symbol"));
	}
	assert_true(k >= 1);
	pv_sym_free(s);
	pv_profile_free(p);
}

static void test_symbolizer__corpus(void **state)
{
	char dir[PATH_MAX + 64];

	(void)state;
	snprintf(dir, sizeof(dir), "%s/samples/cpython-x86_64", srcdir);
	if (access(dir, R_OK))
		snprintf(dir, sizeof(dir), "%s/../shared/corpus/cpython-x86_64",
			 srcdir);
	if (access(dir, R_OK))
		symtest_missing("no samples/cpython-x86_64 and no ../shared "
				"corpus");
	corpus_log(dir, "native_calls");
	corpus_log(dir, "native_calls-lines-memory");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_symbolizer__matches_llvm_symbolizer),
		cmocka_unit_test(test_symbolizer__corpus),
	};

	return cmocka_run_group_tests(tests, symtest_setup, symtest_teardown);
}
