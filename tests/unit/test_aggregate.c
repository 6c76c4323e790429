/* test_aggregate.c - aggregated sample rows and pv_profile_absorb: a log
 * read aggregated holds one row per distinct (stack, thread) with exact
 * counts and no per-sample columns; absorbing logs one by one shares
 * their frames and stacks and gives the same figures as reading them
 * into one profile. */
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
#include "reader/pv_reader.h"
#include "tests/support/logwriter.h"
#include "tests/support/readcheck.h"

#define NSAMPLES 200000

/* A log of NSAMPLES samples cycling through three stacks on two
 * threads, with a stack that appears only once at the end. */
static void many_samples(struct logw *w)
{
	uint64_t a[] = { 0x1000, 0x2000 };
	uint64_t b[] = { 0x3000, 0x2000 };
	uint64_t c[] = { 0x2000 };
	uint64_t d[] = { 0x3000, 0x1000, 0x2000 };

	logw_init(w, 8, 0, 0, 1000);
	logw_header(w, 4, 0, "cpython");
	logw_name(w, 0x02, 0x1000, "py:leaf:10:prog.py");
	logw_name(w, 0x02, 0x2000, "py:main:1:prog.py");
	logw_name(w, 0x02, 0x3000, "py:other:20:prog.py");
	for (int i = 0; i < NSAMPLES; i++) {
		const uint64_t *s = i % 3 == 0 ? a : i % 3 == 1 ? b : c;
		size_t n = i % 3 == 2 ? 1 : 2;
		logw_sample(w, s, n, i % 2 ? 0x7000 : 0x8000, 0, 0);
	}
	logw_sample(w, d, 3, 0x8000, 0, 0);
	logw_trailer(w, 0, 0);
}

static struct pv_profile *read_log(const struct logw *w, int aggregate)
{
	struct pv_profile *p = pv_profile_new();
	struct pv_error err = { 0 };

	assert_non_null(p);
	if (aggregate)
		assert_int_equal(pv_profile_set_aggregate(p, &err), 0);
	assert_int_equal(pv_reader_parse(p, w->buf, w->len, NULL, NULL, &err),
			 0);
	return p;
}

static uint64_t count_of(const struct pv_profile *p, size_t i)
{
	return p->sample_count ? p->sample_count[i] : 1;
}

static void test_aggregated_rows(void **state)
{
	struct logw w;
	struct pv_profile *p;
	uint64_t sum = 0;

	(void)state;
	many_samples(&w);
	p = read_log(&w, 1);
	/* 3 stacks x 2 threads, plus the last one: never one per sample */
	assert_int_equal(p->nsamples, 7);
	assert_null(p->sample_time);
	assert_null(p->sample_mem);
	assert_non_null(p->sample_count);
	assert_true(p->samples_cap <= 4096);   /* the first block only */
	for (size_t i = 0; i < p->nsamples; i++)
		sum += count_of(p, i);
	assert_int_equal(sum, NSAMPLES + 1);
	/* counts stay exact per source and per thread */
	assert_int_equal(p->sources[0].samples, NSAMPLES + 1);
	assert_int_equal(p->nthreads, 2);
	assert_int_equal(p->threads[0].samples, NSAMPLES / 2 + 1);
	assert_int_equal(p->threads[1].samples, NSAMPLES / 2);
	assert_int_equal(pv_profile_total_weight(p), NSAMPLES + 1);
	pv_profile_free(p);
	logw_free(&w);
}

/* Self and total per function, as text, for comparing two profiles. */
static char *stats_text(const struct pv_profile *p)
{
	struct pv_funcstats *fs = NULL;
	struct pv_error err = { 0 };
	size_t len = 0;
	char *buf = NULL;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	assert_int_equal(pv_funcstats_build(&fs, p, PV_FS_FUNCTION, NULL, 0,
					    &err), 0);
	pv_funcstats_sort(fs, p, PV_FS_SORT_SELF);
	for (size_t i = 0; i < fs->nrows; i++)
		fprintf(f, "%s %llu %llu\n",
			p->funcs[fs->rows[i].func].name,
			(unsigned long long)fs->rows[i].self,
			(unsigned long long)fs->rows[i].total);
	fprintf(f, "total %llu\n", (unsigned long long)fs->total);
	pv_funcstats_free(fs);
	fclose(f);
	return buf;
}

static void test_same_figures(void **state)
{
	struct logw w;
	struct pv_profile *a, *b;
	char *ta, *tb;

	(void)state;
	many_samples(&w);
	a = read_log(&w, 0);
	b = read_log(&w, 1);
	assert_int_equal(a->nsamples, NSAMPLES + 1);
	ta = stats_text(a);
	tb = stats_text(b);
	assert_string_equal(ta, tb);
	free(ta);
	free(tb);
	pv_profile_free(a);
	pv_profile_free(b);
	logw_free(&w);
}

/* N logs absorbed one by one: the tables hold one log's frames and
 * stacks, the samples add up, and every log keeps its source and
 * threads. */
static void test_absorb_shares(void **state)
{
	struct logw w;
	struct pv_profile *one, *all = pv_profile_new();
	struct pv_error err = { 0 };
	char *t1, *tn;
	int n = 5;

	(void)state;
	many_samples(&w);
	assert_non_null(all);
	assert_int_equal(pv_profile_set_aggregate(all, &err), 0);
	one = read_log(&w, 1);
	for (int i = 0; i < n; i++)
		assert_int_equal(pv_profile_absorb(all, read_log(&w, 1), &err),
				 0);
	assert_int_equal(all->nsources, n);
	assert_int_equal(all->nframes, one->nframes);
	assert_int_equal(all->nstacks, one->nstacks);
	assert_int_equal(all->nfuncs, one->nfuncs);
	assert_int_equal(all->nthreads, 2 * n);
	assert_int_equal(all->nsamples, one->nsamples * (size_t)n);
	for (int i = 0; i < n; i++) {
		assert_int_equal(all->sources[i].samples, NSAMPLES + 1);
		assert_int_equal(all->sources[i].nthreads, 2);
		assert_int_equal(all->sources[i].first_thread, 2 * i);
	}
	assert_int_equal(pv_profile_total_weight(all),
			 (uint64_t)n * (NSAMPLES + 1));
	t1 = stats_text(one);
	tn = stats_text(all);
	/* the same functions in the same order, n times the counts */
	assert_non_null(strstr(tn, "total 1000005"));
	assert_non_null(strstr(t1, "total 200001"));
	free(t1);
	free(tn);
	pv_profile_free(one);
	pv_profile_free(all);
	logw_free(&w);
}

/* Time order kept: absorbing keeps every sample row and its time. */
static void test_absorb_time_order(void **state)
{
	struct logw w;
	struct pv_profile *all = pv_profile_new();
	struct pv_error err = { 0 };

	(void)state;
	many_samples(&w);
	assert_non_null(all);
	for (int i = 0; i < 2; i++)
		assert_int_equal(pv_profile_absorb(all, read_log(&w, 0), &err),
				 0);
	assert_int_equal(all->nsamples, 2 * (NSAMPLES + 1));
	assert_non_null(all->sample_time);
	assert_int_equal(all->sample_thread[NSAMPLES + 1], 2);
	assert_true(all->sample_time[NSAMPLES + 2] > 0);
	pv_profile_free(all);
	logw_free(&w);
}

/* A row's count is 32 bits: more samples of one pair take more rows. */
static void test_count_overflow(void **state)
{
	struct pv_profile *p = pv_profile_new();
	struct pv_error err = { 0 };
	uint64_t big = (uint64_t)UINT32_MAX + 10;

	(void)state;
	assert_non_null(p);
	assert_int_equal(pv_profile_set_aggregate(p, &err), 0);
	assert_int_equal(pv_profile_add_samples(p, PV_NONE, 0, 0, 0, big,
						&err), 0);
	assert_int_equal(pv_profile_add_samples(p, PV_NONE, 0, 0, 0, 5, &err),
			 0);
	assert_int_equal(pv_profile_add_sample(p, PV_NONE, 1, 0, 0, &err), 0);
	assert_int_equal(p->nsamples, 3);
	assert_int_equal(p->sample_count[0], UINT32_MAX);
	assert_int_equal(p->sample_count[1], 15);
	assert_int_equal(p->sample_count[2], 1);
	pv_profile_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_aggregated_rows),
		cmocka_unit_test(test_same_figures),
		cmocka_unit_test(test_absorb_shares),
		cmocka_unit_test(test_absorb_time_order),
		cmocka_unit_test(test_count_overflow),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
