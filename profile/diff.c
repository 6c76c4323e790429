/* diff.c - function-by-function comparison of two profiles (pv_diff.h).
 *
 * Per side: one pass over the samples counts samples, weight and time per
 * stack row; the function statistics of `top` (pv_funcstats.h: recursion
 * counted once per sample) turn each into self and total per function.
 * Cost grows with samples plus distinct stacks.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "profile/pv_diff.h"
#include "profile/pv_sort.h"
#include "profile/pv_funcstats.h"
#include "profile/pv_hash.h"

/* Per-function sums of one side. */
struct agg {
	uint64_t *self_n, *total_n;   /* samples */
	uint64_t *self_w, *total_w;   /* weights (shares) */
	uint64_t *self_t, *total_t;   /* microseconds */
	uint64_t n, w, t;             /* whole side */
};

static void agg_release(struct agg *g)
{
	free(g->self_n);
	free(g->total_n);
	free(g->self_w);
	free(g->total_w);
	free(g->self_t);
	free(g->total_t);
}

static uint64_t sample_us(const struct pv_profile *p, size_t i)
{
	const struct pv_source *s =
		&p->sources[p->threads[p->sample_thread[i]].source];

	return (uint64_t)(s->period_usec > 0 ? s->period_usec : 0) *
	       pv_sample_count(p, i);
}

/* Adds the rows of funcstats built from per-stack weights w into the
 * per-function arrays self[] and total[]. */
static int add_stats(const struct pv_profile *p, const uint64_t *w,
		     uint64_t *self, uint64_t *total)
{
	struct pv_funcstats *fs = NULL;

	if (pv_funcstats_build(&fs, p, PV_FS_FUNCTION, w, 0, NULL) < 0)
		return PV_ENOMEM;
	for (uint32_t i = 0; i < fs->nrows; i++) {
		uint32_t f = fs->rows[i].func;
		if (f == PV_NONE || f >= p->nfuncs)
			continue;
		self[f] += fs->rows[i].self;
		total[f] += fs->rows[i].total;
	}
	pv_funcstats_free(fs);
	return 0;
}

static int aggregate(struct agg *g, const struct pv_profile *p)
{
	size_t ns = p->nstacks ? p->nstacks : 1;
	size_t nf = p->nfuncs ? p->nfuncs : 1;
	uint64_t *sn = calloc(ns, sizeof(*sn)), *sw = calloc(ns, sizeof(*sw));
	uint64_t *st = calloc(ns, sizeof(*st));
	int rc = PV_ENOMEM;

	memset(g, 0, sizeof(*g));
	g->self_n = calloc(nf, sizeof(uint64_t));
	g->total_n = calloc(nf, sizeof(uint64_t));
	g->self_w = calloc(nf, sizeof(uint64_t));
	g->total_w = calloc(nf, sizeof(uint64_t));
	g->self_t = calloc(nf, sizeof(uint64_t));
	g->total_t = calloc(nf, sizeof(uint64_t));
	if (!sn || !sw || !st || !g->self_n || !g->total_n || !g->self_w ||
	    !g->total_w || !g->self_t || !g->total_t)
		goto done;
	/* one pass over the samples gives the three weights per stack */
	for (size_t i = 0; i < p->nsamples; i++) {
		uint32_t s = p->sample_stack[i];
		uint64_t n = pv_sample_count(p, i), w = pv_sample_weight(p, i);
		uint64_t t = sample_us(p, i);

		g->n += n;
		g->w += w;
		g->t += t;
		if (s >= p->nstacks)
			continue;   /* no frame: counts in the whole only */
		sn[s] += n;
		sw[s] += w;
		st[s] += t;
	}
	if (add_stats(p, sn, g->self_n, g->total_n) ||
	    add_stats(p, sw, g->self_w, g->total_w) ||
	    add_stats(p, st, g->self_t, g->total_t))
		goto done;
	rc = 0;
done:
	free(sn);
	free(sw);
	free(st);
	if (rc)
		agg_release(g);
	return rc;
}

/* ---- matching functions across profiles ------------------------------ */

struct pv_diff_matcher {
	const struct pv_profile *in;
	struct pv_rowindex ix;
};

struct probe {
	const struct pv_profile *in;
	const struct pv_func *f;
};

static uint64_t str_hash(const char *s, uint64_t seed)
{
	return pv_hash_bytes(s, strlen(s), seed);
}

static uint64_t func_hash(const struct pv_func *f)
{
	uint64_t h = str_hash(f->name, 0x5eed);

	h = pv_hash_combine(h, str_hash(f->file, 1));
	h = pv_hash_combine(h, str_hash(f->module, 2));
	return pv_hash_combine(h, ((uint64_t)f->line << 8) | f->lang);
}

static int func_eq(const void *ctx, uint32_t row)
{
	const struct probe *pr = ctx;
	const struct pv_func *g = &pr->in->funcs[row];

	return g->line == pr->f->line && g->lang == pr->f->lang &&
	       !strcmp(g->name, pr->f->name) &&
	       !strcmp(g->file, pr->f->file) &&
	       !strcmp(g->module, pr->f->module);
}

int pv_diff_matcher_new(struct pv_diff_matcher **out,
			const struct pv_profile *in, struct pv_error *err)
{
	struct pv_diff_matcher *m = calloc(1, sizeof(*m));

	*out = NULL;
	if (!m)
		return pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET,
				    "out of memory");
	m->in = in;
	pv_rowindex_init(&m->ix);
	for (uint32_t i = 0; i < in->nfuncs; i++) {
		if (pv_rowindex_insert(&m->ix, func_hash(&in->funcs[i]), i)) {
			pv_diff_matcher_free(m);
			return pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET,
					    "out of memory");
		}
	}
	*out = m;
	return 0;
}

uint32_t pv_diff_matcher_find(const struct pv_diff_matcher *m,
			      const struct pv_profile *from, uint32_t func)
{
	struct probe pr = { m->in, &from->funcs[func] };

	return pv_rowindex_find(&m->ix, func_hash(pr.f), func_eq, &pr);
}

void pv_diff_matcher_free(struct pv_diff_matcher *m)
{
	if (!m)
		return;
	pv_rowindex_release(&m->ix);
	free(m);
}

/* ---- statistics ------------------------------------------------------ */

double pv_diff_ztest(uint64_t x1, uint64_t n1, uint64_t x2, uint64_t n2,
		     double *z)
{
	double p1, p2, pool, se;

	*z = 0;
	if (!n1 || !n2)
		return 1;
	p1 = (double)x1 / (double)n1;
	p2 = (double)x2 / (double)n2;
	pool = ((double)x1 + (double)x2) / ((double)n1 + (double)n2);
	se = sqrt(pool * (1 - pool) * (1 / (double)n1 + 1 / (double)n2));
	if (!(se > 0))
		return 1;
	*z = (p2 - p1) / se;
	return erfc(fabs(*z) / sqrt(2.0));
}

double pv_diff_count_test(uint64_t x1, uint64_t x2, double pi0, double *z)
{
	double n = (double)x1 + (double)x2, se;

	*z = 0;
	if (n <= 0 || !(pi0 > 0 && pi0 < 1))
		return 1;
	se = sqrt(n * pi0 * (1 - pi0));
	*z = ((double)x2 - n * pi0) / se;
	return erfc(fabs(*z) / sqrt(2.0));
}

static int by_p(const void *a, const void *b, void *ctx)
{
	const double *base = ctx;
	double x = base[*(const size_t *)a];
	double y = base[*(const size_t *)b];
	size_t i = *(const size_t *)a, j = *(const size_t *)b;

	if (x != y)
		return x < y ? -1 : 1;
	return i < j ? -1 : i > j;
}

/* Indices of p in ascending order (ties by index, so results repeat). */
static size_t *order(const double *p, size_t n)
{
	size_t *o = malloc((n ? n : 1) * sizeof(*o));

	if (!o)
		return NULL;
	for (size_t i = 0; i < n; i++)
		o[i] = i;
	pv_sort(o, n, sizeof(*o), by_p, (void *)p);
	return o;
}

int pv_diff_holm(const double *p, double *q, size_t n)
{
	size_t *o = order(p, n);
	double run = 0;

	if (!o)
		return PV_ENOMEM;
	/* step down: q(i) = max over j <= i of (n - j) p(j), capped at 1 */
	for (size_t k = 0; k < n; k++) {
		double v = (double)(n - k) * p[o[k]];
		if (v > 1)
			v = 1;
		if (v > run)
			run = v;
		q[o[k]] = run;
	}
	free(o);
	return 0;
}

int pv_diff_bh(const double *p, double *q, size_t n)
{
	size_t *o = order(p, n);
	double run = 1;

	if (!o)
		return PV_ENOMEM;
	/* step up: q(i) = min over j >= i of n p(j) / j, capped at 1 */
	for (size_t k = n; k-- > 0;) {
		double v = (double)n * p[o[k]] / (double)(k + 1);
		if (v < run)
			run = v;
		q[o[k]] = run;
	}
	free(o);
	return 0;
}

double pv_diff_zcrit(double p)
{
	double lo = 0, hi = 40;

	if (!(p > 0))
		return INFINITY;
	if (p >= 1)
		return 0;
	for (int i = 0; i < 200; i++) {
		double mid = (lo + hi) / 2;
		if (erfc(mid / sqrt(2.0)) > p)
			lo = mid;
		else
			hi = mid;
	}
	return (lo + hi) / 2;
}

/* ---- the comparison -------------------------------------------------- */

const struct pv_func *pv_diff_row_func(const struct pv_diff_row *r,
				       const struct pv_profile *a,
				       const struct pv_profile *b)
{
	return r->b.func != PV_NONE ? &b->funcs[r->b.func]
				    : &a->funcs[r->a.func];
}

/* The two sides by_change names functions from. */
struct sides {
	const struct pv_profile *a, *b;
};

static int by_change(const void *x, const void *y, void *ctx)
{
	const struct pv_diff_row *r = x, *s = y;
	const struct sides *sd = ctx;
	const struct pv_func *f, *g;
	double u = fabs(r->d_total), v = fabs(s->d_total);
	int c;

	if (u != v)
		return u > v ? -1 : 1;
	u = fabs(r->d_self);
	v = fabs(s->d_self);
	if (u != v)
		return u > v ? -1 : 1;
	f = pv_diff_row_func(r, sd->a, sd->b);
	g = pv_diff_row_func(s, sd->a, sd->b);
	c = strcmp(f->name, g->name);
	if (!c)
		c = strcmp(f->file, g->file);
	if (!c)
		c = (f->line > g->line) - (f->line < g->line);
	if (!c)
		c = strcmp(f->module, g->module);
	return c;
}

static void fill_side(struct pv_diff_side *s, const struct agg *g,
		      uint32_t f, int absolute)
{
	s->func = f;
	if (f == PV_NONE)
		return;
	s->self_n = g->self_n[f];
	s->total_n = g->total_n[f];
	if (absolute) {
		s->self = (double)g->self_t[f] / 1e6;
		s->total = (double)g->total_t[f] / 1e6;
	} else if (g->w) {
		s->self = 100.0 * (double)g->self_w[f] / (double)g->w;
		s->total = 100.0 * (double)g->total_w[f] / (double)g->w;
	}
}

/* The test of one change: shares compare proportions of each side's
 * samples; absolute compares the counts against what equal time would
 * give with each side's mean period. */
static double test(const struct pv_diff *d, uint64_t x1, uint64_t x2,
		   double pi0, double *z)
{
	if (d->opts.absolute)
		return pv_diff_count_test(x1, x2, pi0, z);
	return pv_diff_ztest(x1, d->samples_a, x2, d->samples_b, z);
}

static int correct(const struct pv_diff *d, double *p, double *q)
{
	switch (d->opts.correction) {
	case PV_DIFF_BH:
		return pv_diff_bh(p, q, d->tested);
	case PV_DIFF_NONE:
		memcpy(q, p, d->tested * sizeof(*q));
		return 0;
	default:
		return pv_diff_holm(p, q, d->tested);
	}
}

static int finish(struct pv_diff *d)
{
	size_t n = d->nrows;
	double *p = malloc((n ? n : 1) * 2 * sizeof(double));
	double *q = malloc((n ? n : 1) * 2 * sizeof(double));
	double pi0 = 0.5, base = d->time_a > 0 ? d->time_a : 1;
	double half;

	if (!p || !q) {
		free(p);
		free(q);
		return PV_ENOMEM;
	}
	/* absolute: E[x_a] per_a = E[x_b] per_b under the null */
	if (d->samples_a && d->samples_b && d->time_a > 0 && d->time_b > 0) {
		double per_a = d->time_a / (double)d->samples_a;
		double per_b = d->time_b / (double)d->samples_b;
		pi0 = per_a / (per_a + per_b);
	}
	for (size_t i = 0; i < n; i++) {
		struct pv_diff_row *r = &d->rows[i];
		if (d->opts.absolute) {
			r->d_total = 100.0 * (r->b.total - r->a.total) / base;
			r->d_self = 100.0 * (r->b.self - r->a.self) / base;
		} else {
			r->d_total = r->b.total - r->a.total;
			r->d_self = r->b.self - r->a.self;
		}
		r->p_total = test(d, r->a.total_n, r->b.total_n, pi0,
				  &r->z_total);
		r->p_self = test(d, r->a.self_n, r->b.self_n, pi0, &r->z_self);
		p[i] = r->p_total;
		p[n + i] = r->p_self;
	}
	d->tested = n;
	if (correct(d, p, q) || correct(d, p + n, q + n)) {
		free(p);
		free(q);
		return PV_ENOMEM;
	}
	for (size_t i = 0; i < n; i++) {
		struct pv_diff_row *r = &d->rows[i];
		r->q_total = q[i];
		r->q_self = q[n + i];
		r->significant = r->q_total < d->opts.alpha;
		if (r->significant && fabs(r->d_total) > d->opts.threshold)
			r->flag = r->d_total > 0 ? 1 : -1;
		d->grew += r->flag > 0;
		d->shrank += r->flag < 0;
	}
	/* The strictest level the correction applies (Holm's first step,
	 * Bonferroni) at a 50% share, where the standard error is largest. */
	half = pv_diff_zcrit(d->opts.correction == PV_DIFF_NONE ?
			     d->opts.alpha :
			     d->opts.alpha / (double)(n ? n : 1));
	if (d->samples_a && d->samples_b)
		d->resolution = 100.0 * half * sqrt(0.25 *
			(1 / (double)d->samples_a + 1 / (double)d->samples_b));
	else
		d->resolution = INFINITY;
	free(p);
	free(q);
	return 0;
}

int pv_diff_build(struct pv_diff **out, const struct pv_profile *a,
		  const struct pv_profile *b, const struct pv_diff_opts *o,
		  struct pv_error *err)
{
	struct pv_diff *d = calloc(1, sizeof(*d));
	struct pv_diff_matcher *m = NULL;
	struct agg ga, gb;
	uint8_t *matched = NULL;
	int rc;

	*out = NULL;
	if (!d)
		return pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET,
				    "out of memory");
	d->opts = *o;
	if (aggregate(&ga, a)) {
		free(d);
		return pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET,
				    "out of memory");
	}
	if (aggregate(&gb, b)) {
		agg_release(&ga);
		free(d);
		return pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET,
				    "out of memory");
	}
	rc = pv_diff_matcher_new(&m, a, err);
	if (rc)
		goto fail;
	d->samples_a = ga.n;
	d->samples_b = gb.n;
	d->time_a = (double)ga.t / 1e6;
	d->time_b = (double)gb.t / 1e6;
	d->rows = calloc((size_t)a->nfuncs + b->nfuncs + 1, sizeof(*d->rows));
	matched = calloc((size_t)a->nfuncs + 1, 1);
	if (!d->rows || !matched)
		goto nomem;
	/* new side first, each matched to its base function, then the base
	 * functions that vanished */
	for (uint32_t f = 0; f < b->nfuncs; f++) {
		uint32_t fa;
		struct pv_diff_row *r;
		if (!gb.total_n[f])
			continue;
		fa = pv_diff_matcher_find(m, b, f);
		r = &d->rows[d->nrows++];
		fill_side(&r->b, &gb, f, o->absolute);
		if (fa != PV_NONE && ga.total_n[fa]) {
			fill_side(&r->a, &ga, fa, o->absolute);
			matched[fa] = 1;
		} else {
			fill_side(&r->a, &ga, PV_NONE, o->absolute);
		}
	}
	for (uint32_t f = 0; f < a->nfuncs; f++) {
		struct pv_diff_row *r;
		if (!ga.total_n[f] || matched[f])
			continue;
		r = &d->rows[d->nrows++];
		fill_side(&r->a, &ga, f, o->absolute);
		fill_side(&r->b, &gb, PV_NONE, o->absolute);
	}
	if (finish(d))
		goto nomem;
	{
		struct sides sd = { a, b };
		pv_sort(d->rows, d->nrows, sizeof(*d->rows), by_change, &sd);
	}
	free(matched);
	pv_diff_matcher_free(m);
	agg_release(&ga);
	agg_release(&gb);
	*out = d;
	return 0;
nomem:
	rc = pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET, "out of memory");
fail:
	free(matched);
	pv_diff_matcher_free(m);
	agg_release(&ga);
	agg_release(&gb);
	pv_diff_free(d);
	return rc;
}

size_t pv_diff_failures(const struct pv_diff *d, double fail_above)
{
	size_t n = 0;

	for (size_t i = 0; i < d->nrows; i++)
		n += d->rows[i].significant && d->rows[i].d_total > fail_above;
	return n;
}

void pv_diff_free(struct pv_diff *d)
{
	if (!d)
		return;
	free(d->rows);
	free(d);
}
