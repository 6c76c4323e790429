/* symtest.c - helpers shared by the symbolizer's unit tests: a scratch
 * directory, the source tree, running tools, reading files. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tests/support/symtest.h"

char symtest_tmp[] = "/tmp/pv-symtest-XXXXXX";
char symtest_src[PATH_MAX];

int symtest_sh(const char *fmt, ...)
{
	char cmd[4096];
	va_list ap;
	int rc;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	rc = system(cmd);
	return rc == 0 ? 0 : -1;
}

/* First of the candidate commands that exists, or NULL. */
int symtest_in_ci(void)
{
	const char *ci = getenv("CI");

	return ci && !strcmp(ci, "true");
}

const char *symtest_tool(const char *a, const char *b)
{
	if (a && !symtest_sh("command -v %s >/dev/null 2>&1", a))
		return a;
	if (b && !symtest_sh("command -v %s >/dev/null 2>&1", b))
		return b;
	return NULL;
}

char *symtest_slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 &&
	    fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)n + 1))) {
		*len = fread(buf, 1, (size_t)n, f);
		buf[*len] = '\0';
	}
	fclose(f);
	return buf;
}

const char *symtest_base(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

int symtest_setup(void **state)
{
	const char *f = __FILE__, *cut = strstr(f, "tests/support/");
	char probe[PATH_MAX + 64];

	(void)state;
	if (!mkdtemp(symtest_tmp))
		return -1;
	if (cut == f)
		snprintf(symtest_src, sizeof(symtest_src), ".");
	else
		snprintf(symtest_src, sizeof(symtest_src), "%.*s", (int)(cut - f - 1), f);
	snprintf(probe, sizeof(probe), "%s/tests/symbolizer/symprog.c",
		 symtest_src);
	if (access(probe, R_OK)) {
		fprintf(stderr, "test_symbolizer: cannot find %s (run from "
			"the source tree)\n", probe);
		return -1;
	}
	return 0;
}

int symtest_teardown(void **state)
{
	(void)state;
	return symtest_sh("rm -rf '%s'", symtest_tmp);
}

struct pv_sym *symtest_new_sym(const struct pv_sym_opts *o)
{
	struct pv_sym *s = NULL;
	struct pv_error err = { 0 };

	assert_int_equal(pv_sym_new(&s, o, &err), 0);
	return s;
}

void symtest_add_maps_file(struct pv_sym *s, const char *path)
{
	struct pv_error err = { 0 };
	size_t len;
	char *text = symtest_slurp(path, &len);

	assert_non_null(text);
	assert_int_equal(pv_sym_add_maps(s, text, len, &err), 0);
	free(text);
}

