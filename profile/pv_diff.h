/* pv_diff.h - comparing two profiles function by function, with a
 * significance test on every change.
 *
 * The two sides are separate profiles (each may merge several logs), so
 * functions are matched by their strings: (name, file, line, lang,
 * module).  Each function gets its self and total (recursion counted once
 * per sample) on both sides, as shares of its profile or, with absolute,
 * as time (samples x period).  Every change is tested with a two-proportion
 * z-test on the sample counts (absolute: a conditional binomial test of
 * the two counts), and the p-values are corrected for the number of
 * functions tested (Holm by default, Benjamini-Hochberg on request).
 */
#ifndef PV_DIFF_H
#define PV_DIFF_H

#include <stddef.h>
#include <stdint.h>

#include "profile/pv_profile.h"

enum pv_diff_correction {
	PV_DIFF_HOLM = 0,   /* family-wise error rate (default) */
	PV_DIFF_BH,         /* false discovery rate */
	PV_DIFF_NONE        /* raw p-values (for experiments) */
};

struct pv_diff_opts {
	int absolute;         /* compare time, not shares */
	int correction;       /* enum pv_diff_correction */
	double alpha;         /* significance level after correction */
	double threshold;     /* points a change must exceed to be flagged */
};

/* One function on one side.  func is its row in that side's profile, or
 * PV_NONE when the function does not occur there. */
struct pv_diff_side {
	uint32_t func;
	uint64_t self_n, total_n;     /* samples */
	double self, total;           /* percent of the side, or seconds */
};

struct pv_diff_row {
	struct pv_diff_side a, b;     /* a: base, b: new */
	/* change in points: percent of each side (shares) or percent of the
	 * base's time (absolute); what thresholds compare */
	double d_total, d_self;
	double z_total, p_total, q_total;  /* q: corrected p-value */
	double z_self, p_self, q_self;
	int significant;              /* q_total < alpha */
	int flag;                     /* +1 grew, -1 shrank (beyond threshold
				         and significant), else 0 */
};

struct pv_diff {
	struct pv_diff_row *rows;     /* by |d_total| descending, then name */
	size_t nrows;
	size_t tested;                /* functions tested (correction's m) */
	uint64_t samples_a, samples_b;
	double time_a, time_b;        /* seconds (samples x period) */
	double resolution;            /* points a function near half of the
				         samples must move to be significant */
	size_t grew, shrank;          /* flagged rows */
	struct pv_diff_opts opts;
};

/* Compares base a with new b.  Both profiles must outlive the result
 * (rows name their functions by row index).  Returns 0 or PV_ENOMEM. */
int pv_diff_build(struct pv_diff **out, const struct pv_profile *a,
		  const struct pv_profile *b, const struct pv_diff_opts *o,
		  struct pv_error *err);
void pv_diff_free(struct pv_diff *d);

/* Rows whose growth fails a verdict: significant, and d_total above
 * fail_above (points, or percent of the base's time with absolute). */
size_t pv_diff_failures(const struct pv_diff *d, double fail_above);

/* The function of a row, from whichever side has it. */
const struct pv_func *pv_diff_row_func(const struct pv_diff_row *r,
				       const struct pv_profile *a,
				       const struct pv_profile *b);

/* Looks up, in `in`, the function with the same strings as function
 * `func` of `from`; PV_NONE if absent.  Builds an index on first use: keep
 * the matcher for repeated look-ups, free it with pv_diff_matcher_free. */
struct pv_diff_matcher;
int pv_diff_matcher_new(struct pv_diff_matcher **out,
			const struct pv_profile *in, struct pv_error *err);
uint32_t pv_diff_matcher_find(const struct pv_diff_matcher *m,
			      const struct pv_profile *from, uint32_t func);
void pv_diff_matcher_free(struct pv_diff_matcher *m);

/* ---- statistics (public so tests can check them on known numbers) --- */

/* Two-proportion z-test of x1/n1 against x2/n2 (pooled standard error).
 * Stores z (positive when the second proportion is larger) and returns
 * the two-sided p-value; 1 when either n is 0 or nothing varies. */
double pv_diff_ztest(uint64_t x1, uint64_t n1, uint64_t x2, uint64_t n2,
		     double *z);

/* Conditional test of two Poisson counts: under the null hypothesis x2
 * is Binomial(x1 + x2, pi0).  Normal approximation; returns the two-sided
 * p-value and stores z (positive when x2 exceeds its expectation). */
double pv_diff_count_test(uint64_t x1, uint64_t x2, double pi0, double *z);

/* Adjusted p-values q[i] for p[i], i < n (Holm step-down, or
 * Benjamini-Hochberg step-up); q may be p.  Returns 0 or PV_ENOMEM. */
int pv_diff_holm(const double *p, double *q, size_t n);
int pv_diff_bh(const double *p, double *q, size_t n);

/* Two-sided standard normal quantile: the z with P(|Z| > z) = p. */
double pv_diff_zcrit(double p);

#endif
