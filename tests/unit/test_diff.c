/* test_diff.c - the statistics of diff on numbers worked out by hand, and
 * the comparison on small profiles built in memory. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "profile/pv_diff.h"
#include "profile/pv_profile.h"
#include "render/pv_diff_render.h"

#define NEAR(a, b, tol) assert_true(fabs((a) - (b)) <= (tol))

/* 40/100 against 60/100: pooled 0.5, se = sqrt(0.25 * 0.02) = 0.0707107,
 * z = 0.2 / se = 2.828427, p = erfc(z / sqrt 2) = 0.00467773. */
static void test_diff__ztest_known_values(void **state)
{
	double z, p;

	(void)state;
	p = pv_diff_ztest(40, 100, 60, 100, &z);
	NEAR(z, 2.828427, 1e-6);
	NEAR(p, 0.00467773, 1e-8);
	p = pv_diff_ztest(60, 100, 40, 100, &z);
	NEAR(z, -2.828427, 1e-6);
	NEAR(p, 0.00467773, 1e-8);
	/* equal shares: nothing to see */
	p = pv_diff_ztest(25, 100, 50, 200, &z);
	NEAR(z, 0, 1e-12);
	NEAR(p, 1, 1e-12);
	/* a function in every sample on both sides has no variance */
	p = pv_diff_ztest(100, 100, 80, 80, &z);
	NEAR(p, 1, 0);
	/* an empty side cannot be tested */
	assert_true(pv_diff_ztest(0, 0, 5, 10, &z) == 1);
	/* 1000 samples each, 10% -> 12%: pooled .11, se = .0139929,
	 * z = 1.429301, p = 0.152918 (not significant) */
	p = pv_diff_ztest(100, 1000, 120, 1000, &z);
	NEAR(z, 1.429301, 1e-5);
	NEAR(p, 0.152918, 1e-5);
}

/* 30 against 70 with pi0 = 0.5: n = 100, se = 5, z = 4,
 * p = erfc(4 / sqrt 2) = 6.334248e-05. */
static void test_diff__count_test_known_values(void **state)
{
	double z, p;

	(void)state;
	p = pv_diff_count_test(30, 70, 0.5, &z);
	NEAR(z, 4, 1e-12);
	NEAR(p, 6.334248e-05, 1e-10);
	p = pv_diff_count_test(50, 50, 0.5, &z);
	NEAR(z, 0, 1e-12);
	NEAR(p, 1, 1e-12);
	/* periods 1 ms against 2 ms: equal time means twice the samples on
	 * the first side, pi0 = 2 / 3 ... of the second side 1/3 */
	p = pv_diff_count_test(60, 30, 1.0 / 3, &z);
	NEAR(z, 0, 1e-9);
	assert_true(pv_diff_count_test(0, 0, 0.5, &z) == 1);
}

/* p = (.01, .04, .03, .005).  Holm: sorted .005 .01 .03 .04 times
 * 4 3 2 1 = .02 .03 .06 .04, running max .02 .03 .06 .06.
 * BH: times 4/1 4/2 4/3 4/4 = .02 .02 .04 .04, running min from the top
 * .02 .02 .04 .04. */
static void test_diff__corrections_known_values(void **state)
{
	const double p[4] = { 0.01, 0.04, 0.03, 0.005 };
	double q[4];

	(void)state;
	assert_int_equal(pv_diff_holm(p, q, 4), 0);
	NEAR(q[0], 0.03, 1e-12);
	NEAR(q[1], 0.06, 1e-12);
	NEAR(q[2], 0.06, 1e-12);
	NEAR(q[3], 0.02, 1e-12);
	assert_int_equal(pv_diff_bh(p, q, 4), 0);
	NEAR(q[0], 0.02, 1e-12);
	NEAR(q[1], 0.04, 1e-12);
	NEAR(q[2], 0.04, 1e-12);
	NEAR(q[3], 0.02, 1e-12);
	/* capped at 1; in place */
	{
		double r[3] = { 0.5, 0.6, 0.9 };
		assert_int_equal(pv_diff_holm(r, r, 3), 0);
		NEAR(r[0], 1, 0);
		NEAR(r[1], 1, 0);
		NEAR(r[2], 1, 0);
	}
	assert_int_equal(pv_diff_holm(p, q, 0), 0);
}

static void test_diff__zcrit(void **state)
{
	(void)state;
	NEAR(pv_diff_zcrit(0.05), 1.959964, 1e-6);
	NEAR(pv_diff_zcrit(0.01), 2.575829, 1e-6);
	NEAR(pv_diff_zcrit(1), 0, 0);
}

/* A profile whose samples are root-first ';'-separated paths, each
 * repeated `times[i]` times.  Functions are added in path order, so two
 * profiles built from different paths number them differently. */
static struct pv_profile *build(const char *const *paths,
				const unsigned *times, size_t n,
				long period)
{
	struct pv_profile *p = pv_profile_new();
	uint32_t src, th;

	assert_non_null(p);
	assert_int_equal(pv_profile_add_source(p, &src, NULL), 0);
	p->sources[src].period_usec = period;
	p->sources[src].weight = 1;
	assert_int_equal(pv_profile_add_thread(p, 0, 0, &th, NULL), 0);
	for (size_t i = 0; i < n; i++) {
		char buf[256], *save = NULL, *tok;
		uint32_t stack = PV_NONE;
		snprintf(buf, sizeof(buf), "%s", paths[i]);
		for (tok = strtok_r(buf, ";", &save); tok;
		     tok = strtok_r(NULL, ";", &save)) {
			struct pv_func f = { 0 };
			struct pv_frame fr = { 0 };
			uint32_t func, frame;
			f.name = pv_profile_intern_str(p, tok);
			f.file = pv_profile_intern_str(p, "prog.py");
			f.module = pv_profile_intern_str(p, "");
			f.line = (uint32_t)tok[0];
			assert_int_equal(pv_profile_add_func(p, &f, &func, NULL), 0);
			fr.addr = func * 16 + 16;
			fr.func = func;
			assert_int_equal(pv_profile_add_frame(p, &fr, &frame, NULL), 0);
			assert_int_equal(pv_profile_add_stack(p, stack, frame, &stack, NULL), 0);
		}
		for (unsigned k = 0; k < times[i]; k++) {
			assert_int_equal(pv_profile_add_sample(p, stack, th, 0, 0, NULL), 0);
			p->sources[src].samples++;
		}
	}
	return p;
}

static const struct pv_diff_row *row(const struct pv_diff *d,
				     const struct pv_profile *a,
				     const struct pv_profile *b,
				     const char *name)
{
	for (size_t i = 0; i < d->nrows; i++)
		if (!strcmp(pv_diff_row_func(&d->rows[i], a, b)->name, name))
			return &d->rows[i];
	return NULL;
}

/* base: main;work 600, main;io 400 (1000 samples); new: the same
 * functions met in another order, main;io 300, main;work;work;work 700
 * (recursion: work counts once a sample), main;fresh 0 -> fresh only in
 * new with 100.  So work 60% -> 63.6%, io 40% -> 27.3%, fresh 0 -> 9.1%. */
static void test_diff__build_matches_and_tests(void **state)
{
	const char *pa[] = { "main;work", "main;io" };
	const unsigned ta[] = { 600, 400 };
	const char *pb[] = { "main;io", "main;work;work;work", "main;fresh" };
	const unsigned tb[] = { 300, 700, 100 };
	struct pv_profile *a = build(pa, ta, 2, 1000);
	struct pv_profile *b = build(pb, tb, 3, 1000);
	struct pv_diff_opts o = { .alpha = 0.05, .threshold = 1 };
	struct pv_diff *d = NULL;
	const struct pv_diff_row *r;
	double z, p;

	(void)state;
	assert_int_equal(pv_diff_build(&d, a, b, &o, NULL), 0);
	assert_int_equal(d->samples_a, 1000);
	assert_int_equal(d->samples_b, 1100);
	assert_int_equal(d->nrows, 4);
	assert_int_equal(d->tested, 4);

	r = row(d, a, b, "work");
	assert_non_null(r);
	assert_int_equal(r->a.total_n, 600);
	assert_int_equal(r->b.total_n, 700);   /* recursion counted once */
	assert_int_equal(r->b.self_n, 700);
	NEAR(r->a.total, 60.0, 1e-9);
	NEAR(r->b.total, 700.0 / 11, 1e-9);
	p = pv_diff_ztest(600, 1000, 700, 1100, &z);
	NEAR(r->p_total, p, 1e-15);
	assert_int_equal(r->flag, 0);          /* +3.6 points, p = 0.09 */

	r = row(d, a, b, "io");
	assert_int_equal(r->flag, -1);
	NEAR(r->d_total, 300.0 / 11 - 40, 1e-9);
	assert_true(r->q_total < 1e-8);

	r = row(d, a, b, "fresh");
	assert_int_equal(r->a.func, PV_NONE);
	assert_int_equal(r->flag, 1);
	NEAR(r->b.total, 100.0 / 11, 1e-9);

	r = row(d, a, b, "main");
	NEAR(r->d_total, 0, 1e-12);
	assert_int_equal(r->flag, 0);
	/* sorted by the size of the change */
	assert_string_equal(pv_diff_row_func(&d->rows[0], a, b)->name, "io");
	assert_int_equal(d->grew, 1);
	assert_int_equal(d->shrank, 1);

	/* the verdict judges growth above --fail-above only */
	{
		struct pv_diff_view v = { .d = d, .a = a, .b = b };
		char buf[512];
		v.has_fail_above = 1;
		v.fail_above = 5;
		assert_int_equal(pv_render_diff_failures(&v), 1);    /* fresh +9.1 */
		pv_render_diff_verdict(&v, buf, sizeof(buf));
		assert_non_null(strstr(buf, "FAIL: 1 function"));
		assert_non_null(strstr(buf, "fresh +9.1"));
		v.fail_above = 10;
		assert_int_equal(pv_render_diff_failures(&v), 0);
		pv_render_diff_verdict(&v, buf, sizeof(buf));
		assert_non_null(strstr(buf, "PASS"));
	}
	pv_diff_free(d);

	/* absolute: time.  work 0.6 s -> 0.7 s with equal periods */
	o.absolute = 1;
	assert_int_equal(pv_diff_build(&d, a, b, &o, NULL), 0);
	r = row(d, a, b, "work");
	NEAR(r->a.total, 0.6, 1e-12);
	NEAR(r->b.total, 0.7, 1e-12);
	NEAR(r->d_total, 10.0, 1e-9);          /* percent of base time */
	p = pv_diff_count_test(600, 700, 0.5, &z);
	NEAR(r->p_total, p, 1e-15);
	pv_diff_free(d);
	pv_profile_free(a);
	pv_profile_free(b);
}

/* Few samples: the same 10-point change is not significant at 50 samples
 * a side, and the verdict says how large a change would have to be. */
static void test_diff__short_recording_is_not_significant(void **state)
{
	const char *pa[] = { "main;work", "main;io" };
	const unsigned ta[] = { 25, 25 };
	const unsigned tb[] = { 30, 20 };
	struct pv_profile *a = build(pa, ta, 2, 1000);
	struct pv_profile *b = build(pa, tb, 2, 1000);
	struct pv_diff_opts o = { .alpha = 0.05, .threshold = 1 };
	struct pv_diff *d = NULL;
	struct pv_diff_view v = { 0 };
	char buf[512];

	(void)state;
	assert_int_equal(pv_diff_build(&d, a, b, &o, NULL), 0);
	NEAR(row(d, a, b, "work")->d_total, 10, 1e-9);
	assert_int_equal(row(d, a, b, "work")->flag, 0);
	assert_true(d->resolution > 20);
	v.d = d;
	v.a = a;
	v.b = b;
	pv_render_diff_verdict(&v, buf, sizeof(buf));
	assert_non_null(strstr(buf, "no significant change"));
	assert_non_null(strstr(buf, "50 and 50 samples"));
	pv_diff_free(d);
	pv_profile_free(a);
	pv_profile_free(b);
}

/* Names are raw bytes from the log: text output must stay valid UTF-8
 * without control characters, and a cut must not split a character. */
static void test_diff__clean_names(void **state)
{
	char buf[64];

	(void)state;
	assert_string_equal(pv_text_clean("a\x01" "b\xff", buf, sizeof(buf)),
			    "a?b\xef\xbf\xbd");
	assert_string_equal(pv_text_clean("\xc3\xa9\xc3\xa9", buf, 4),
			    "\xc3\xa9");
	assert_string_equal(pv_text_clean("plain", buf, sizeof(buf)), "plain");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_diff__ztest_known_values),
		cmocka_unit_test(test_diff__count_test_known_values),
		cmocka_unit_test(test_diff__corrections_known_values),
		cmocka_unit_test(test_diff__zcrit),
		cmocka_unit_test(test_diff__clean_names),
		cmocka_unit_test(test_diff__build_matches_and_tests),
		cmocka_unit_test(
			test_diff__short_recording_is_not_significant),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
