/* test_symbolizer.c - the symbolizer against programs built at test time.
 *
 * tests/symbolizer/symprog.c (+ a C++ file) is compiled with -g -O2 by gcc
 * and by clang, run, and reports its own function addresses, an address
 * inside an inlined call and its /proc/self/maps: names, files, lines and
 * the inline chain must come back exactly.  Generated sources compiled for
 * x86-64 and AArch64 are compared with llvm-symbolizer on thousands of
 * addresses.  Missing tools skip their test with a message.
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
#include <sys/stat.h>
#include <unistd.h>

#include <elfutils/libdwelf.h>
#include <gelf.h>

#include "reader/pv_reader.h"
#include "tests/support/logwriter.h"
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
#include "symbolizer/pv_symbolizer.h"
#include "symbolizer/sym_internal.h"


struct warnings {
	int n;
	char last[512];
};

static void collect_warning(void *ctx, uint64_t offset, const char *msg)
{
	struct warnings *w = ctx;

	(void)offset;
	w->n++;
	snprintf(w->last, sizeof(w->last), "%s", msg);
}

/* ---- the test program --------------------------------------------------- */

struct expect_func {
	uint64_t addr;
	int line;
	char name[128];
};

struct prog {
	int built;             /* 1 ok, -1 compiler missing or failed */
	char bin[PATH_MAX];
	char out[PATH_MAX];
	char maps[PATH_MAX + 8];
	struct expect_func funcs[16];
	int nfuncs;
	uint64_t inl_addr;
	int outer_line, inner_line;
};

static struct prog prog_gcc, prog_clang;

static int parse_prog_output(struct prog *pr)
{
	size_t len;
	char *text = slurp(pr->out, &len), *line, *save = NULL;

	if (!text)
		return -1;
	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char outer[64], inner[64];
		struct expect_func *f = &pr->funcs[pr->nfuncs];
		int used = 0;

		if (!strncmp(line, "func ", 5) && pr->nfuncs < 16 &&
		    sscanf(line, "func %" SCNx64 " %d %n", &f->addr, &f->line,
			   &used) == 2 && used) {
			snprintf(f->name, sizeof(f->name), "%s", line + used);
			pr->nfuncs++;
		} else if (sscanf(line, "inline %" SCNx64 " %63s %d %63s %d",
				  &pr->inl_addr, outer, &pr->outer_line,
				  inner, &pr->inner_line) != 5) {
			free(text);
			return -1;
		}
	}
	free(text);
	return pr->nfuncs >= 5 && pr->inl_addr ? 0 : -1;
}

/* Builds and runs symprog with one compiler family, once per run. */
static struct prog *get_prog(const char *family)
{
	int is_gcc = !strcmp(family, "gcc");
	struct prog *pr = is_gcc ? &prog_gcc : &prog_clang;
	const char *cc = is_gcc ? tool("gcc", NULL) : tool("clang", "clang-14");
	const char *cxx = is_gcc ? tool("g++", NULL) :
		tool("clang++", "clang++-14");

	if (!cc || !cxx)
		symtest_missing(is_gcc ? "no gcc/g++" : "no clang/clang++");
	if (pr->built)
		return pr->built > 0 ? pr : NULL;
	pr->built = -1;
	snprintf(pr->bin, sizeof(pr->bin), "%s/symprog_%s", tmpdir, family);
	snprintf(pr->out, sizeof(pr->out), "%s/symprog_%s.out", tmpdir,
		 family);
	snprintf(pr->maps, sizeof(pr->maps), "%s.maps", pr->out);
	if (sh("%s -g -O2 -c -o %s.o %s/tests/symbolizer/symprog.c", cc,
	       pr->bin, srcdir) ||
	    sh("%s -g -O2 -c -o %s_cxx.o %s/tests/symbolizer/symprog_cxx.cc",
	       cxx, pr->bin, srcdir) ||
	    sh("%s -o %s %s.o %s_cxx.o", cxx, pr->bin, pr->bin, pr->bin) ||
	    sh("%s %s", pr->bin, pr->out) || parse_prog_output(pr)) {
		fail_msg("building or running symprog with %s failed", cc);
		return NULL;
	}
	pr->built = 1;
	return pr;
}

/* Every function and the inline address of pr, through s. */
static void check_prog_in(struct pv_sym *s, const struct prog *pr,
			  int demangled, const char *want_module)
{
	const struct pv_sym_frame *f;
	const char *module;
	uint64_t off;
	int i, n;

	for (i = 0; i < pr->nfuncs; i++) {
		const struct expect_func *e = &pr->funcs[i];
		int cxx = strchr(e->name, ':') != NULL;

		n = pv_sym_lookup(s, e->addr, &f, &module, &off);
		assert_int_equal(n, 1);
		assert_string_equal(module, want_module);
		if (demangled)
			assert_string_equal(f[0].name, e->name);
		else if (cxx)   /* raw: a mangled C++ or Rust name */
			assert_true(!strncmp(f[0].name, "_Z", 2) ||
				    !strncmp(f[0].name, "_R", 2));
		assert_string_equal(base(f[0].file),
				    cxx ? "symprog_cxx.cc" : "symprog.c");
		assert_true(f[0].file[0] == '/');
		assert_int_equal(f[0].line, e->line);
	}
	n = pv_sym_lookup(s, pr->inl_addr, &f, &module, &off);
	assert_int_equal(n, 2);
	assert_string_equal(f[0].name, "sp_outer");
	assert_string_equal(base(f[0].file), "symprog.c");
	assert_int_equal(f[0].line, pr->outer_line);
	assert_string_equal(f[1].name, "sp_inl");
	assert_string_equal(base(f[1].file), "symprog.c");
	assert_int_equal(f[1].line, pr->inner_line);
}

static void check_prog(struct pv_sym *s, const struct prog *pr,
		       int demangled)
{
	check_prog_in(s, pr, demangled, pr->bin);
}

/* ---- maps parser -------------------------------------------------------- */

struct maps_seen {
	struct pv_sym__mapping m[8];
	char paths[8][128];
	int n;
};

static int on_map(void *ctx, const struct pv_sym__mapping *m,
		  struct pv_error *err)
{
	struct maps_seen *ms = ctx;

	(void)err;
	if (ms->n < 8) {
		ms->m[ms->n] = *m;
		snprintf(ms->paths[ms->n], sizeof(ms->paths[0]), "%.*s",
			 (int)m->pathlen, m->path);
		ms->n++;
	}
	return 0;
}

static void test_symbolizer__maps_parser(void **state)
{
	static const char text[] =
		"00400000-0041f000 r-xp 0001f000 fe:00 247970                     /usr/bin/python3.11\n"
		"00a85000-00aca000 rw-p 00000000 00:00 0 \n"
		"\n"
		"7fedc026c000-7fedc026d000 r-xp 00001000 fe:00 1261571  /opt/my lib/libc burn.so (deleted)\r\n"
		"7ffd1c5f5000-7ffd1c5f7000 r-xp 00000000 00:00 0                  [vdso]";
	struct maps_seen ms = { 0 };
	struct pv_error err = { 0 };

	(void)state;
	assert_int_equal(pv_sym__parse_maps(text, sizeof(text) - 1, on_map,
					    &ms, &err), 0);
	assert_int_equal(ms.n, 4);
	assert_int_equal(ms.m[0].start, 0x400000);
	assert_int_equal(ms.m[0].end, 0x41f000);
	assert_int_equal(ms.m[0].pgoff, 0x1f000);
	assert_int_equal(ms.m[0].inode, 247970);
	assert_string_equal(ms.m[0].perms, "r-xp");
	assert_string_equal(ms.paths[0], "/usr/bin/python3.11");
	assert_int_equal(ms.m[1].pathlen, 0);
	assert_int_equal(ms.m[2].start, 0x7fedc026c000ULL);
	assert_string_equal(ms.paths[2], "/opt/my lib/libc burn.so");
	assert_string_equal(ms.paths[3], "[vdso]");
}

static void test_symbolizer__maps_malformed(void **state)
{
	static const char *const bad[] = {
		"00400000-0041f000 r-xp 0001f000 fe:00\n",        /* no inode */
		"00400000 r-xp 0001f000 fe:00 1 /x\n",            /* no end */
		"00500000-00400000 r-xp 0 fe:00 1 /x\n",          /* end < start */
		"11112222333344445-2 r-xp 0 fe:00 1 /x\n",        /* 17 digits */
		"0-1 r-xp 0 fe:00 99999999999999999999999 /x\n",  /* inode */
		"0-1 r-x 0 fe:00 1 /x\n",                         /* perms */
		"0-1 r-xp 0 fe00 1 /x\n",                         /* device */
		"0-1 r-xp 0 fe:00 1x /x\n",                       /* junk */
	};
	static const char two[] = "0-1000 r-xp 0 fe:00 1 /ok\n0-1 zz\n";
	struct pv_error err = { 0 };
	struct maps_seen ms = { 0 };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		memset(&err, 0, sizeof(err));
		assert_int_equal(pv_sym__parse_maps(bad[i], strlen(bad[i]),
						    on_map, &ms, &err),
				 PV_EFORMAT);
		assert_int_equal(err.offset, 0);
	}
	assert_int_equal(ms.n, 0);
	assert_int_equal(pv_sym__parse_maps(two, strlen(two), on_map, &ms,
					    &err), PV_EFORMAT);
	assert_int_equal(err.offset, 26);   /* start of the second line */
	assert_int_equal(ms.n, 1);
}

/* ---- demangling --------------------------------------------------------- */

static void test_symbolizer__demangle(void **state)
{
	static const struct { const char *in, *out; } cases[] = {
		{ "_ZN2sp6Widget4turnEi", "sp::Widget::turn(int)" },
		{ "_ZN2sp6Widget5twiceIlEET_S2_",
		  "long sp::Widget::twice<long>(long)" },
		{ "_RNvCs1234_7mycrate4spin", "mycrate::spin" },
		{ "_ZN4core3fmt5write17h0123456789abcdefE",
		  "core::fmt::write" },
		{ "_ZN4core3fmt9Arguments6new_v117h5b9c7b4d3e2f1a0bE",
		  "core::fmt::Arguments::new_v1" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *d = pv_sym_demangle(cases[i].in);

		assert_non_null(d);
		assert_string_equal(d, cases[i].out);
		free(d);
	}
	assert_null(pv_sym_demangle("main"));
	assert_null(pv_sym_demangle("_Zjunk!"));
	assert_null(pv_sym_demangle(""));
	assert_null(pv_sym_demangle(NULL));
}

/* ---- the test program, through its own maps ----------------------------- */

static void own_program(const char *family)
{
	struct prog *pr = get_prog(family);
	struct pv_sym_stats st;
	struct pv_sym *s;
	const struct pv_sym_frame *f;

	if (!pr)
		return;
	s = new_sym(NULL);
	add_maps_file(s, pr->maps);
	check_prog(s, pr, 1);
	/* the second time comes from the cache */
	pv_sym_get_stats(s, &st);
	assert_int_equal(st.cache_hits, 0);
	check_prog(s, pr, 1);
	pv_sym_get_stats(s, &st);
	assert_int_equal(st.cache_hits, (uint64_t)pr->nfuncs + 1);
	assert_int_equal(st.modules_opened, 1);
	assert_int_equal(st.modules_missing, 0);
	/* an address in no mapping */
	assert_int_equal(pv_sym_lookup(s, 0x10, &f, NULL, NULL), 0);
	pv_sym_free(s);
}

static void test_symbolizer__own_program_gcc(void **state)
{
	(void)state;
	own_program("gcc");
}

static void test_symbolizer__own_program_clang(void **state)
{
	(void)state;
	own_program("clang");
}

static void test_symbolizer__no_demangle(void **state)
{
	struct prog *pr = get_prog("gcc");
	struct pv_sym_opts o = { .no_demangle = 1 };
	struct pv_sym *s;

	(void)state;
	if (!pr)
		return;
	s = new_sym(&o);
	add_maps_file(s, pr->maps);
	check_prog(s, pr, 0);
	pv_sym_free(s);
}

/* A module whose file is gone: one warning, [module+0xOFFSET] names. */
static void test_symbolizer__missing_module(void **state)
{
	static const char maps[] =
		"7f0000001000-7f0000003000 r-xp 00001000 fe:00 5 /nonexistent/dir/libgone.so\n"
		"7f0000003000-7f0000004000 r--p 00003000 fe:00 5 /nonexistent/dir/libgone.so\n";
	struct warnings w = { 0 };
	struct pv_sym_opts o = { .warn = { collect_warning, &w } };
	struct pv_error err = { 0 };
	struct pv_sym *s = new_sym(&o);
	const struct pv_sym_frame *f;
	const char *module;
	uint64_t off;
	char buf[128];

	(void)state;
	assert_int_equal(pv_sym_add_maps(s, maps, strlen(maps), &err), 0);
	assert_int_equal(pv_sym_lookup(s, 0x7f0000001234ULL, &f, &module,
				       &off), 0);
	assert_string_equal(module, "/nonexistent/dir/libgone.so");
	assert_int_equal(off, 0x1234);
	assert_int_equal(pv_sym_lookup(s, 0x7f0000002000ULL, &f, &module,
				       &off), 0);
	assert_int_equal(w.n, 1);
	assert_non_null(strstr(w.last, "libgone.so"));
	assert_string_equal(pv_sym_unresolved_name(s, 0x7f0000001234ULL, buf,
						   sizeof(buf)),
			    "[libgone.so+0x1234]");
	/* data mappings hold no code: not a module */
	assert_string_equal(pv_sym_unresolved_name(s, 0x7f0000003010ULL, buf,
						   sizeof(buf)),
			    "<native 0x7f0000003010>");
	assert_string_equal(pv_sym_unresolved_name(s, 0x1234, buf,
						   sizeof(buf)),
			    "<native 0x1234>");
	assert_int_equal(w.n, 1);
	pv_sym_free(s);
}

/* ---- finding files: search dirs, sysroot, separate debug files ---------- */

/* Writes pr's maps with its binary's path replaced by new_path. */
static void rewrite_maps(const struct prog *pr, const char *new_path,
			 const char *out)
{
	size_t len, blen = strlen(pr->bin);
	char *text = slurp(pr->maps, &len), *p = text, *hit;
	FILE *f = fopen(out, "w");

	assert_non_null(text);
	assert_non_null(f);
	while ((hit = strstr(p, pr->bin))) {
		fwrite(p, 1, (size_t)(hit - p), f);
		fputs(new_path, f);
		p = hit + blen;
	}
	fputs(p, f);
	fclose(f);
	free(text);
}

static void test_symbolizer__search_dir(void **state)
{
	struct prog *pr = get_prog("gcc");
	char maps[PATH_MAX + 32];
	const char *dirs[] = { "/nonexistent", tmpdir };
	struct pv_sym_opts o = { .search_dirs = dirs, .nsearch_dirs = 2 };
	const struct pv_sym_frame *f;
	const char *module;
	struct pv_sym *s;

	(void)state;
	if (!pr)
		return;
	snprintf(maps, sizeof(maps), "%s/moved.maps", tmpdir);
	rewrite_maps(pr, "/usr/local/lib/elsewhere/symprog_gcc", maps);
	s = new_sym(&o);
	add_maps_file(s, maps);
	assert_int_equal(pv_sym_lookup(s, pr->funcs[0].addr, &f, &module,
				       NULL), 1);
	assert_string_equal(module, "/usr/local/lib/elsewhere/symprog_gcc");
	assert_string_equal(f[0].name, pr->funcs[0].name);
	pv_sym_free(s);
}

static void test_symbolizer__sysroot(void **state)
{
	struct prog *pr = get_prog("gcc");
	char maps[PATH_MAX + 32], root[PATH_MAX + 32];
	struct warnings w = { 0 };
	struct pv_sym_opts o = { .warn = { collect_warning, &w } };
	const struct pv_sym_frame *f;
	struct pv_sym *s;

	(void)state;
	if (!pr)
		return;
	snprintf(root, sizeof(root), "%s/root", tmpdir);
	assert_int_equal(sh("mkdir -p %s/opt/app && cp %s %s/opt/app/prog",
			    root, pr->bin, root), 0);
	snprintf(maps, sizeof(maps), "%s/sysroot.maps", tmpdir);
	rewrite_maps(pr, "/opt/app/prog", maps);
	o.sysroot = root;
	s = new_sym(&o);
	add_maps_file(s, maps);
	check_prog_in(s, pr, 1, "/opt/app/prog");
	pv_sym_free(s);
	/* under a sysroot, the host's files are not consulted */
	o.sysroot = tmpdir;   /* holds no copy of pr->bin's path */
	s = new_sym(&o);
	add_maps_file(s, pr->maps);
	assert_int_equal(pv_sym_lookup(s, pr->funcs[0].addr, &f, NULL, NULL),
			 0);
	assert_int_equal(w.n, 1);
	pv_sym_free(s);
}

static void build_id_hex(const char *path, char *out, size_t size)
{
	int fd = open(path, O_RDONLY);
	Elf *e;
	const unsigned char *id;
	const void *idv;
	ssize_t n, i;

	assert_true(fd >= 0);
	elf_version(EV_CURRENT);
	e = elf_begin(fd, ELF_C_READ, NULL);
	assert_non_null(e);
	n = dwelf_elf_gnu_build_id(e, &idv);
	assert_true(n > 2 && (size_t)(2 * n + 2) < size);
	id = idv;
	for (i = 0; i < n; i++)
		snprintf(out + 2 * i + (i > 0), size - (size_t)(2 * i) - 1,
			 i == 0 ? "%02x/" : "%02x", id[i]);
	elf_end(e);
	close(fd);
}

/* Stripped binary + debug file found by build-id, then by debuglink. */
static void test_symbolizer__separate_debug(void **state)
{
	struct prog *pr = get_prog("gcc");
	char d[PATH_MAX + 32], id[128], maps[PATH_MAX + 32];
	char stripped[PATH_MAX + 64], dd[PATH_MAX + 64];
	const char *dbgdirs[1];
	struct pv_sym_opts o = { .debug_dirs = dbgdirs, .ndebug_dirs = 1 };
	const struct pv_sym_frame *f;
	struct pv_sym *s;

	(void)state;
	if (!pr)
		return;
	if (!tool("objcopy", NULL))
		symtest_missing("no objcopy");
	snprintf(d, sizeof(d), "%s/dbg", tmpdir);
	build_id_hex(pr->bin, id, sizeof(id));
	snprintf(stripped, sizeof(stripped), "%s/bin/symprog_gcc", d);
	assert_int_equal(sh("mkdir -p %s/bin %s/debug/.build-id/%.2s %s/empty"
			    " && objcopy --only-keep-debug %s "
			    "%s/debug/.build-id/%s.debug && "
			    "objcopy --strip-debug %s %s", d, d, id, d,
			    pr->bin, d, id, pr->bin, stripped), 0);
	snprintf(maps, sizeof(maps), "%s/stripped.maps", tmpdir);
	rewrite_maps(pr, stripped, maps);

	/* without the debug file: names from .symtab, no lines */
	dbgdirs[0] = d;   /* no .build-id here */
	s = new_sym(&o);
	add_maps_file(s, maps);
	assert_int_equal(pv_sym_lookup(s, pr->funcs[0].addr, &f, NULL, NULL),
			 1);
	assert_string_equal(f[0].name, pr->funcs[0].name);
	assert_int_equal(f[0].line, 0);
	assert_int_equal(pv_sym_lookup(s, pr->inl_addr, &f, NULL, NULL), 1);
	pv_sym_free(s);

	/* by build-id */
	snprintf(dd, sizeof(dd), "%s/debug", d);
	dbgdirs[0] = dd;
	s = new_sym(&o);
	add_maps_file(s, maps);
	check_prog_in(s, pr, 1, stripped);
	pv_sym_free(s);

	/* by .gnu_debuglink, beside the binary */
	assert_int_equal(sh("objcopy --only-keep-debug %s %s.debug && "
			    "objcopy --add-gnu-debuglink=%s.debug %s",
			    pr->bin, stripped, stripped, stripped), 0);
	snprintf(dd, sizeof(dd), "%s/empty", d);
	s = new_sym(&o);
	add_maps_file(s, maps);
	check_prog_in(s, pr, 1, stripped);
	pv_sym_free(s);
}

/* --module PATH@ADDR: the load address of the first segment. */
struct first_map {
	const char *path;
	uint64_t start;
	int found;
};

static int on_first_map(void *ctx, const struct pv_sym__mapping *m,
			struct pv_error *err)
{
	struct first_map *fm = ctx;

	(void)err;
	if (!fm->found && m->pgoff == 0 && m->pathlen == strlen(fm->path) &&
	    !memcmp(m->path, fm->path, m->pathlen)) {
		fm->start = m->start;
		fm->found = 1;
	}
	return 0;
}

static void test_symbolizer__add_module(void **state)
{
	struct prog *pr = get_prog("clang");
	struct pv_error err = { 0 };
	struct first_map fm = { 0 };
	size_t len;
	char *text;
	struct pv_sym *s;

	(void)state;
	if (!pr)
		return;
	text = slurp(pr->maps, &len);
	assert_non_null(text);
	fm.path = pr->bin;
	assert_int_equal(pv_sym__parse_maps(text, len, on_first_map, &fm,
					    &err), 0);
	free(text);
	assert_true(fm.found);
	s = new_sym(NULL);
	assert_int_equal(pv_sym_add_module(s, pr->bin, fm.start, &err), 0);
	check_prog(s, pr, 1);
	pv_sym_free(s);
}

/* ---- rewriting a profile ------------------------------------------------ */

static uint32_t add_native_frame(struct pv_profile *p, uint64_t addr,
				 const char *record)
{
	struct pv_error err = { 0 };
	struct pv_frame fr = { .addr = addr, .kind = PV_KIND_NATIVE };
	struct pv_func fn;
	uint32_t row;

	assert_int_equal(pv_func_parse_symbol(p, record, strlen(record), &fn,
					      &err), 0);
	assert_int_equal(pv_profile_add_func(p, &fn, &fr.func, &err), 0);
	assert_int_equal(pv_profile_add_frame(p, &fr, &row, &err), 0);
	return row;
}

static const struct pv_func *leaf_func(const struct pv_profile *p,
				       size_t sample, uint32_t up)
{
	uint32_t st = p->sample_stack[sample];

	while (up--)
		st = p->stacks[st].prefix;
	return pv_stack_func(p, st);
}

static void test_symbolizer__apply(void **state)
{
	struct prog *pr = get_prog("gcc");
	struct pv_profile *p;
	struct pv_error err = { 0 };
	struct pv_func pyfn;
	struct pv_frame pyfr = { .addr = 0x1000, .kind = PV_KIND_PYTHON };
	uint32_t src, thr, root, st, fr_inl, fr_exp, fr_named, fr_ph;
	struct pv_sym *s;
	char ph[64];
	const struct pv_func *fn;

	(void)state;
	if (!pr)
		return;
	p = pv_profile_new();
	assert_non_null(p);
	assert_int_equal(pv_profile_add_source(p, &src, &err), 0);
	assert_int_equal(pv_profile_add_thread(p, 0, 1, &thr, &err), 0);
	assert_int_equal(pv_func_parse_symbol(p, "py:main:1:app.py", 16,
					      &pyfn, &err), 0);
	assert_int_equal(pv_profile_add_func(p, &pyfn, &pyfr.func, &err), 0);
	assert_int_equal(pv_profile_add_frame(p, &pyfr, &root, &err), 0);
	assert_int_equal(pv_profile_add_stack(p, PV_NONE, root, &root, &err),
			 0);
	snprintf(ph, sizeof(ph), "n:<native symbol 0x%" PRIx64 ">:0:-",
		 pr->inl_addr | 1);
	fr_inl = add_native_frame(p, pr->inl_addr, ph);
	fr_exp = add_native_frame(p, pr->funcs[0].addr, "n:exported_by_recorder:0:-");
	fr_named = add_native_frame(p, 0x10, "n:kept_name:0:-");
	fr_ph = add_native_frame(p, 0x20, "n:<native symbol 0x21>:0:-");
	/* samples 0..3: app.py -> each native frame */
	uint32_t frames[] = { fr_inl, fr_exp, fr_named, fr_ph };
	for (int i = 0; i < 4; i++) {
		assert_int_equal(pv_profile_add_stack(p, root, frames[i], &st,
						      &err), 0);
		assert_int_equal(pv_profile_add_sample(p, st, thr, 0.0f, 0,
						       &err), 0);
	}

	s = new_sym(NULL);
	add_maps_file(s, pr->maps);
	assert_int_equal(pv_sym_apply(s, p, &err), 0);

	assert_int_equal(p->nsamples, 4);
	/* an inlined address: native sp_outer, then inline sp_inl */
	fn = leaf_func(p, 0, 0);
	assert_string_equal(fn->name, "sp_inl");
	assert_int_equal(pv_stack_frame(p, p->sample_stack[0])->kind,
			 PV_KIND_INLINE);
	assert_string_equal(fn->module, pr->bin);
	assert_false(fn->placeholder);
	fn = leaf_func(p, 0, 1);
	assert_string_equal(fn->name, "sp_outer");
	assert_string_equal(base(fn->file), "symprog.c");
	assert_int_equal(pv_stack_frame(p, p->stacks[p->sample_stack[0]].prefix)->kind,
			 PV_KIND_NATIVE);
	assert_string_equal(leaf_func(p, 0, 2)->name, "main");
	assert_int_equal(p->stacks[p->sample_stack[0]].depth, 3);
	/* resolved: our name, file and declaration line replace the log's */
	fn = leaf_func(p, 1, 0);
	assert_string_equal(fn->name, pr->funcs[0].name);
	assert_int_equal(fn->line, pr->funcs[0].line);
	assert_int_equal(p->stacks[p->sample_stack[1]].depth, 2);
	/* outside every mapping: the log's name stays, as does its stand-in */
	assert_string_equal(leaf_func(p, 2, 0)->name, "kept_name");
	assert_true(leaf_func(p, 3, 0)->placeholder);
	pv_sym_free(s);
	pv_profile_free(p);
}

/* The program's addresses in a vmprof log (native mode, as CPython
 * writes it: start|1 leaf first, then the Python frame), read back and
 * symbolized: placeholders become the program's own functions. */
static void vmprof_log(const struct prog *pr, int big_endian)
{
	struct logw w;
	struct pv_profile *p = pv_profile_new();
	struct pv_read_opts ro = { .path = "symprog.prof" };
	struct pv_error err = { 0 };
	struct pv_sym *s;
	uint32_t src;
	char ph[64];
	int i;

	assert_non_null(p);
	logw_init(&w, 8, big_endian, 0, 1000);
	logw_header(&w, 6, PV_FLAG_NATIVE, "cpython");
	logw_time(&w, 1700000000, 0);
	for (i = 0; i <= pr->nfuncs; i++) {
		uint64_t a = i < pr->nfuncs ? pr->funcs[i].addr : pr->inl_addr;
		uint64_t slots[2] = { a | 1, 0x1000 };

		logw_sample(&w, slots, 2, 0x5000, 0, 0);
	}
	logw_name(&w, 0x02, 0x1000, "py:main:1:app.py");
	for (i = 0; i <= pr->nfuncs; i++) {
		uint64_t a = i < pr->nfuncs ? pr->funcs[i].addr : pr->inl_addr;

		snprintf(ph, sizeof(ph), "n:<native symbol 0x%" PRIx64 ">:0:-",
			 a | 1);
		logw_name(&w, 0x08, a | 1, ph);
	}
	logw_trailer(&w, 1700000001, 0);
	assert_int_equal(pv_reader_parse(p, w.buf, w.len, &ro, &src, &err),
			 0);
	logw_free(&w);
	assert_int_equal(p->nsamples, (size_t)pr->nfuncs + 1);
	for (i = 0; i < pr->nfuncs; i++)
		assert_true(leaf_func(p, (size_t)i, 0)->placeholder);

	s = new_sym(NULL);
	add_maps_file(s, pr->maps);
	assert_int_equal(pv_sym_apply(s, p, &err), 0);
	for (i = 0; i < pr->nfuncs; i++) {
		const struct pv_func *fn = leaf_func(p, (size_t)i, 0);

		assert_string_equal(fn->name, pr->funcs[i].name);
		assert_false(fn->placeholder);
		assert_int_equal(fn->line, pr->funcs[i].line);
		assert_string_equal(leaf_func(p, (size_t)i, 1)->name, "main");
	}
	/* the inlined address: sp_outer with sp_inl spliced above it */
	assert_string_equal(leaf_func(p, (size_t)i, 0)->name, "sp_inl");
	assert_string_equal(leaf_func(p, (size_t)i, 1)->name, "sp_outer");
	assert_string_equal(leaf_func(p, (size_t)i, 2)->name, "main");
	pv_sym_free(s);
	pv_profile_free(p);
}

static void test_symbolizer__vmprof_log(void **state)
{
	struct prog *pr = get_prog("gcc");

	(void)state;
	if (!pr)
		return;
	vmprof_log(pr, 0);
	vmprof_log(pr, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_symbolizer__maps_parser),
		cmocka_unit_test(test_symbolizer__maps_malformed),
		cmocka_unit_test(test_symbolizer__demangle),
		cmocka_unit_test(test_symbolizer__own_program_gcc),
		cmocka_unit_test(test_symbolizer__own_program_clang),
		cmocka_unit_test(test_symbolizer__no_demangle),
		cmocka_unit_test(test_symbolizer__missing_module),
		cmocka_unit_test(test_symbolizer__search_dir),
		cmocka_unit_test(test_symbolizer__sysroot),
		cmocka_unit_test(test_symbolizer__separate_debug),
		cmocka_unit_test(test_symbolizer__add_module),
		cmocka_unit_test(test_symbolizer__apply),
		cmocka_unit_test(test_symbolizer__vmprof_log),
	};

	return cmocka_run_group_tests(tests, symtest_setup, symtest_teardown);
}
