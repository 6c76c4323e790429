/* symprog.c - a program that reports its own code addresses, for the
 * symbolizer's tests (built by the test with -g -O2, gcc and clang).
 *
 *   symprog OUT   writes OUT.maps (a copy of /proc/self/maps) and OUT:
 *     func ADDR LINE NAME         a function's start address, the line of
 *                                 its one-line definition, its name
 *     inline ADDR OUTER OLINE INNER ILINE
 *                                 an address inside INNER, inlined into
 *                                 OUTER at line OLINE, calling on ILINE
 * Functions with a testable start line are written on one line, so the
 * line-table row at their entry has a single right answer.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NOINLINE __attribute__((noinline))
#define INLINE static inline __attribute__((always_inline))

/* C++ and "Rust" functions live in symprog_cxx.cc */
int sp_cxx_addrs(void **addrs, int *lines, const char **names, int max);

static void *leaf_ret;
static int leaf_outer_line, leaf_inner_line;
volatile int sp_sink;

NOINLINE void sp_leaf(int x, int outer_line, int inner_line);
NOINLINE void sp_leaf(int x, int outer_line, int inner_line) { leaf_ret = __builtin_return_address(0); leaf_outer_line = outer_line; leaf_inner_line = inner_line; sp_sink += x; }

/* inlined: the call below is the innermost frame of leaf_ret - 1 */
INLINE int sp_inl(int x, int outer_line)
{
	sp_sink += x * 3;
	sp_leaf(x, outer_line, __LINE__);
	return sp_sink + 1;
}

NOINLINE int sp_outer(int x);
NOINLINE int sp_outer(int x)
{
	int r = x * 7;

	r += sp_inl(r, __LINE__);
	return r - 1;
}

enum { SP_STATIC_LINE = __LINE__ + 1 };
static NOINLINE int sp_static(int x) { sp_sink += x; return sp_sink * 5; }

enum { SP_EXPORTED_LINE = __LINE__ + 1 };
NOINLINE int sp_exported(int x) { return sp_static(x + 1) + 2; }

static int copy_maps(const char *out)
{
	char path[4096], buf[8192];
	FILE *in = fopen("/proc/self/maps", "r"), *o;
	size_t n;

	snprintf(path, sizeof(path), "%s.maps", out);
	o = fopen(path, "w");
	if (!in || !o)
		return -1;
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
		fwrite(buf, 1, n, o);
	fclose(in);
	return fclose(o);
}

int main(int argc, char **argv)
{
	void *addrs[16];
	int lines[16], n, i;
	const char *names[16];
	FILE *o;

	if (argc != 2) {
		fprintf(stderr, "usage: symprog OUT\n");
		return 2;
	}
	o = fopen(argv[1], "w");
	if (!o || copy_maps(argv[1]))
		return 1;
	sp_sink = sp_exported(argc) + sp_outer(argc);
	fprintf(o, "func %p %d sp_exported\n", (void *)(uintptr_t)sp_exported,
		SP_EXPORTED_LINE);
	fprintf(o, "func %p %d sp_static\n", (void *)(uintptr_t)sp_static,
		SP_STATIC_LINE);
	n = sp_cxx_addrs(addrs, lines, names, 16);
	for (i = 0; i < n; i++)
		fprintf(o, "func %p %d %s\n", addrs[i], lines[i], names[i]);
	fprintf(o, "inline %p sp_outer %d sp_inl %d\n",
		(void *)((char *)leaf_ret - 1), leaf_outer_line,
		leaf_inner_line);
	return fclose(o) ? 1 : 0;
}
