/* symtest.h - helpers shared by the symbolizer's unit tests (cmocka). */
#ifndef PV_TEST_SYMTEST_H
#define PV_TEST_SYMTEST_H

#include <stddef.h>

#include "symbolizer/pv_symbolizer.h"

extern char symtest_tmp[];   /* scratch directory, made by symtest_setup */
extern char symtest_src[];   /* top of the source tree */

/* Group setup/teardown: makes and removes symtest_tmp, finds the tree. */
int symtest_setup(void **state);
int symtest_teardown(void **state);

/* Runs a shell command; 0 when it exits with status 0, else -1. */
int symtest_sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The first of a and b that is an installed command, or NULL. */
const char *symtest_tool(const char *a, const char *b);
/* What a test needs is missing (a tool the project installs, what: "no
 * objcopy"): in CI (CI=true) the test fails; elsewhere it is reported
 * skipped through cmocka's skip() (so tests/run.sh counts it skipped,
 * never passed).  Use from inside a cmocka test; does not return. */
#define symtest_missing(what) do {					\
		if (symtest_in_ci())					\
			fail_msg("%s (make test-deps installs it)", what); \
		fprintf(stderr, "  skipped: %s\n", what);		\
		skip();							\
	} while (0)
/* Part of a test cannot run (what: "no aarch64-linux-gnu-gcc"): in CI a
 * failure, elsewhere a message; the rest of the test goes on. */
#define symtest_lacking(what) do {					\
		if (symtest_in_ci())					\
			fail_msg("%s (make test-deps installs it)", what); \
		fprintf(stderr, "  skipped part: %s\n", what);		\
	} while (0)
/* Whether CI=true is in the environment. */
int symtest_in_ci(void);
/* Whole file, terminated, malloc'ed; NULL when unreadable. */
char *symtest_slurp(const char *path, size_t *len);
const char *symtest_base(const char *path);
/* A symbolizer (asserts success); one with a maps file added. */
struct pv_sym *symtest_new_sym(const struct pv_sym_opts *o);
void symtest_add_maps_file(struct pv_sym *s, const char *path);

#endif
