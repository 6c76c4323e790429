/* test_funcstats.c - self/total per function, file and line; recursion
 * counted once per sample; per-group weights. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "profile/pv_funcstats.h"
#include "profile/pv_profile.h"

/* Profile from root-first paths "a;b;c"; a token "name@file" sets the
 * file (default prog.py), "name#N" the current line.  thread[i] is the raw
 * thread id of sample i (NULL: all 0). */
static struct pv_profile *build(const char *const *paths, size_t n,
				const int *thread)
{
	struct pv_profile *p = pv_profile_new();
	uint32_t src;

	assert_non_null(p);
	assert_int_equal(pv_profile_add_source(p, &src, NULL), 0);
	p->sources[src].period_usec = 1000;
	p->sources[src].weight = 1;
	for (size_t i = 0; i < n; i++) {
		char buf[256], *save = NULL, *tok;
		uint32_t stack = PV_NONE, th;
		assert_int_equal(pv_profile_add_thread(p, 0, thread ? (uint64_t)thread[i] : 0,
						       &th, NULL), 0);
		snprintf(buf, sizeof(buf), "%s", paths[i]);
		for (tok = strtok_r(buf, ";", &save); tok;
		     tok = strtok_r(NULL, ";", &save)) {
			struct pv_func f = { 0 };
			struct pv_frame fr = { 0 };
			char *at = strchr(tok, '@'), *hash = strchr(tok, '#');
			uint32_t func, frame;
			if (hash) {
				*hash = 0;
				fr.line = (uint32_t)atoi(hash + 1);
			}
			if (at)
				*at = 0;
			f.name = pv_profile_intern_str(p, tok);
			f.file = pv_profile_intern_str(p, at ? at + 1 : "prog.py");
			f.module = pv_profile_intern_str(p, "");
			f.line = 1;
			assert_int_equal(pv_profile_add_func(p, &f, &func, NULL), 0);
			fr.addr = func * 16 + 16;
			fr.func = func;
			assert_int_equal(pv_profile_add_frame(p, &fr, &frame, NULL), 0);
			assert_int_equal(pv_profile_add_stack(p, stack, frame, &stack, NULL), 0);
		}
		assert_int_equal(pv_profile_add_sample(p, stack, th, (float)i, 0, NULL), 0);
	}
	return p;
}

static const struct pv_fstat *row(const struct pv_funcstats *fs,
				  const struct pv_profile *p, const char *label,
				  uint32_t line)
{
	for (uint32_t i = 0; i < fs->nrows; i++)
		if (!strcmp(pv_fstat_label(fs, p, &fs->rows[i]), label) &&
		    (!line || fs->rows[i].line == line))
			return &fs->rows[i];
	return NULL;
}

static void test_funcstats__recursion_counted_once(void **state)
{
	static const char *const paths[] = {
		"main;fib;fib;fib", "main;fib;fib", "main;fib;g;fib", "main;g",
	};
	struct pv_profile *p = build(paths, 4, NULL);
	struct pv_funcstats *fs;
	const struct pv_fstat *r;

	(void)state;
	assert_int_equal(pv_funcstats_build(&fs, p, PV_FS_FUNCTION, NULL, 0, NULL), 0);
	assert_int_equal(fs->total, 4);
	r = row(fs, p, "fib", 0);
	assert_non_null(r);
	assert_int_equal(r->self, 3);
	assert_int_equal(r->total, 3);    /* not 7: once per sample */
	r = row(fs, p, "g", 0);
	assert_int_equal(r->self, 1);
	assert_int_equal(r->total, 2);
	r = row(fs, p, "main", 0);
	assert_int_equal(r->self, 0);
	assert_int_equal(r->total, 4);
	pv_funcstats_sort(fs, p, PV_FS_SORT_SELF);
	assert_string_equal(pv_fstat_label(fs, p, &fs->rows[0]), "fib");
	pv_funcstats_sort(fs, p, PV_FS_SORT_TOTAL);
	assert_string_equal(pv_fstat_label(fs, p, &fs->rows[0]), "main");
	pv_funcstats_sort(fs, p, PV_FS_SORT_NAME);
	assert_string_equal(pv_fstat_label(fs, p, &fs->rows[0]), "fib");
	assert_string_equal(pv_fstat_label(fs, p, &fs->rows[2]), "main");
	pv_funcstats_free(fs);
	pv_profile_free(p);
}

static void test_funcstats__by_file_and_line(void **state)
{
	static const char *const paths[] = {
		"main@a.py;f@b.py#10", "main@a.py;f@b.py#12",
		"main@a.py;f@b.py#12", "main@a.py;h@b.py#3;f@b.py#10",
	};
	struct pv_profile *p = build(paths, 4, NULL);
	struct pv_funcstats *fs;
	const struct pv_fstat *r;

	(void)state;
	assert_int_equal(pv_funcstats_build(&fs, p, PV_FS_FILE, NULL, 0, NULL), 0);
	assert_int_equal(fs->nrows, 2);
	r = row(fs, p, "b.py", 0);
	assert_int_equal(r->self, 4);
	assert_int_equal(r->total, 4);   /* h and f both in b.py: once */
	r = row(fs, p, "a.py", 0);
	assert_int_equal(r->self, 0);
	assert_int_equal(r->total, 4);
	pv_funcstats_free(fs);

	assert_int_equal(pv_funcstats_build(&fs, p, PV_FS_LINE, NULL, 0, NULL), 0);
	r = row(fs, p, "f", 12);
	assert_non_null(r);
	assert_int_equal(r->self, 2);
	r = row(fs, p, "f", 10);
	assert_int_equal(r->self, 2);
	assert_int_equal(r->total, 2);
	pv_funcstats_free(fs);
	pv_profile_free(p);
}

static int only_thread(void *ctx, const struct pv_profile *p, size_t i)
{
	return p->threads[p->sample_thread[i]].raw_id == *(const uint64_t *)ctx;
}

static void test_funcstats__weights_per_group(void **state)
{
	static const char *const paths[] = { "main;a", "main;b", "main;a", "x" };
	static const int threads[] = { 7, 9, 9, 9 };
	struct pv_profile *p = build(paths, 4, threads);
	struct pv_funcstats *fs;
	uint64_t tid = 9, empty = 0, *w;

	(void)state;
	w = pv_funcstats_weights(p, only_thread, &tid, &empty);
	assert_non_null(w);
	assert_int_equal(pv_funcstats_build(&fs, p, PV_FS_FUNCTION, w, empty, NULL), 0);
	assert_int_equal(fs->total, 3);
	assert_int_equal(row(fs, p, "a", 0)->self, 1);
	assert_int_equal(row(fs, p, "main", 0)->total, 2);
	assert_int_equal(row(fs, p, "x", 0)->self, 1);
	pv_funcstats_free(fs);
	free(w);
	pv_profile_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_funcstats__recursion_counted_once),
		cmocka_unit_test(test_funcstats__by_file_and_line),
		cmocka_unit_test(test_funcstats__weights_per_group),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
