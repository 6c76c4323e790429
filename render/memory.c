/* memory.c - builds the memory chart from a profile's memory column: the
 * series, their exact figures, the per-pixel-column reduction and round
 * axis ticks; and the unreduced CSV.  The drawing lives in memory_svg.c
 * and memory_cairo.c, which read the same chart.
 */
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "profile/pv_sort.h"
#include "render/pv_memory.h"

#define KIB_PER_MIB 1024.0

int pv_memory_source_has(const struct pv_profile *p, uint32_t src)
{
	const struct pv_source *s = &p->sources[src];

	/* version 3 wrote the word in every sample, before the mode byte */
	return p->sample_mem &&
	       ((s->flags & PV_FLAG_MEMORY) || s->version == 3);
}

/* Axis lo..hi covering [a, b] on whole steps of 1, 2, 2.5 or 5 times a
 * power of ten: of the steps giving at most `want` intervals, the one
 * wasting the least room (a 2.01 s log gets 0..2.25, not 0..2.5). */
static void nice_axis(double a, double b, int want, double *lo, double *hi,
		      double *step)
{
	static const double mult[] = { 1, 2, 2.5, 5, 10 };
	double mag, best = INFINITY;

	if (b - a < 1e-9) {
		/* a flat line: give it room above and below */
		double pad = a > 0 ? a * 0.05 : 1;
		a -= pad;
		b += pad;
		if (a < 0)
			a = 0;
	}
	mag = pow(10, floor(log10((b - a) / want)));
	*step = 10 * mag;
	*lo = a;
	*hi = b;
	for (int k = 0; k < 5; k++) {
		double st = mult[k] * mag;
		double l = floor(a / st + 1e-9) * st;
		double h = ceil(b / st - 1e-9) * st;
		if (h <= l)
			h = l + st;
		if ((h - l) / st > want + 1e-9 || h - l >= best - 1e-9)
			continue;
		best = h - l;
		*step = st;
		*lo = l;
		*hi = h;
	}
}

int pv_memory_nticks(double lo, double hi, double step)
{
	return (int)floor((hi - lo) / step + 1e-6) + 1;
}

void pv_memory_tick_label(double v, double step, char *buf, size_t n)
{
	int dec = 0;

	/* as many decimals as the step needs: 0.25 -> 2, 0.5 -> 1 */
	while (dec < 9) {
		double sc = step * pow(10, dec);
		if (fabs(sc - round(sc)) < 1e-6 * sc)
			break;
		dec++;
	}
	if (fabs(v) < step * 1e-6)
		v = 0;   /* no "-0.0" */
	snprintf(buf, n, "%.*f", dec, v);
}

double pv_memory_x(const struct pv_memchart *c, double t)
{
	return c->px + (t - c->t0) / (c->t1 - c->t0) * c->pw;
}

double pv_memory_y(const struct pv_memchart *c, double kib)
{
	double mib = kib / KIB_PER_MIB;

	return c->py + c->ph - (mib - c->m0) / (c->m1 - c->m0) * c->ph;
}

const char *pv_memory_color(uint32_t i)
{
	/* distinguishable on white and for the common colour blindnesses */
	static const char *palette[] = {
		"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e",
		"#17becf", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22",
	};
	return palette[i % (sizeof(palette) / sizeof(palette[0]))];
}

/* Series key of sample i: its log, or its thread with per_thread. */
static uint32_t key_of(const struct pv_profile *p, size_t i, int per_thread)
{
	uint32_t t = p->sample_thread[i];

	return per_thread ? t : p->threads[t].source;
}

static int push(struct pv_mem_series *s, float t, uint32_t kib)
{
	if (s->npts == s->cap) {
		size_t ncap = s->cap ? s->cap * 2 : 256;
		struct pv_mem_point *np = realloc(s->pts, ncap * sizeof(*np));
		if (!np)
			return -1;
		s->pts = np;
		s->cap = ncap;
	}
	s->pts[s->npts].t = t;
	s->pts[s->npts].kib = kib;
	s->npts++;
	return 0;
}

/* The running pixel column of one series: its lowest and highest sample,
 * flushed in the order they came so the line keeps its shape. */
struct column {
	long col;
	uint64_t n;
	float tmin, tmax;
	uint32_t min, max;
	uint64_t imin, imax;
};

static int flush(struct pv_mem_series *s, struct column *c, int *reduced)
{
	int rc = 0;

	if (!c->n)
		return 0;
	if (c->n > 2)
		*reduced = 1;
	if (c->imin == c->imax) {
		rc = push(s, c->tmin, c->min);
	} else if (c->imin < c->imax) {
		rc = push(s, c->tmin, c->min);
		rc |= push(s, c->tmax, c->max);
	} else {
		rc = push(s, c->tmax, c->max);
		rc |= push(s, c->tmin, c->min);
	}
	c->n = 0;
	return rc;
}

/* Seconds between the first and the last sample drawn. */
static double span(const struct pv_memchart *c)
{
	double lo = INFINITY, hi = -INFINITY;

	for (uint32_t i = 0; i < c->nseries; i++) {
		lo = fmin(lo, c->series[i].t_min);
		hi = fmax(hi, c->series[i].t_max);
	}
	return hi > lo ? hi - lo : 0;
}

static void make_labels(struct pv_memchart *c, const struct pv_profile *p,
			const struct pv_memory_opts *o, uint32_t nlogs)
{
	const struct pv_mem_series *pk = &c->series[c->peak];
	const struct pv_source *s = &p->sources[pk->source];
	const char *argv = NULL;

	for (uint32_t i = 0; i < c->nseries; i++) {
		struct pv_mem_series *se = &c->series[i];
		const char *path = p->sources[se->source].path;
		if (se->thread == PV_NONE)
			snprintf(se->label, sizeof(se->label), "%s", path);
		else if (nlogs > 1)
			snprintf(se->label, sizeof(se->label), "thread %u (%s)",
				 p->threads[se->thread].number, path);
		else
			snprintf(se->label, sizeof(se->label), "thread %u",
				 p->threads[se->thread].number);
	}
	for (uint32_t m = 0; m < s->nmeta; m++)
		if (!strcmp(s->meta[m].key, "argv"))
			argv = s->meta[m].value;
	if (o->title)
		snprintf(c->title, sizeof(c->title), "%s", o->title);
	else if (nlogs > 1)
		snprintf(c->title, sizeof(c->title),
			 "Resident memory of %u logs", nlogs);
	else
		snprintf(c->title, sizeof(c->title),
			 "Resident memory: %s (%s%s%s)", s->path,
			 s->interpreter[0] ? s->interpreter : "unknown VM",
			 argv ? " " : "", argv ? argv : "");
	snprintf(c->subtitle, sizeof(c->subtitle),
		 "%" PRIu64 " samples, %.2f s; peak %.1f MiB at %.3f s%s%s",
		 c->samples, span(c),
		 pk->max_kib / KIB_PER_MIB, pk->peak_time,
		 c->reduced ? "; lowest and highest value per pixel column" : "",
		 c->hidden ? "; some series not shown" : "");
}

/* Pass 1: exact figures per key.  Returns the keys' series (indexed by
 * key, samples == 0 when unused). */
static struct pv_mem_series *summarize(const struct pv_profile *p,
				       int per_thread, uint32_t nkeys,
				       const unsigned char *has)
{
	struct pv_mem_series *k = calloc(nkeys ? nkeys : 1, sizeof(*k));

	if (!k)
		return NULL;
	for (size_t i = 0; i < p->nsamples; i++) {
		uint32_t src = p->threads[p->sample_thread[i]].source;
		uint32_t v = p->sample_mem[i];
		double t = p->sample_time[i];
		struct pv_mem_series *s;

		if (!has[src] || v == 0)
			continue;
		s = &k[key_of(p, i, per_thread)];
		if (!s->samples++) {
			s->first_kib = s->min_kib = s->max_kib = v;
			s->peak_time = s->t_min = s->t_max = t;
			s->source = src;
			s->thread = per_thread ? p->sample_thread[i] : PV_NONE;
		}
		s->last_kib = v;
		if (v < s->min_kib)
			s->min_kib = v;
		if (v > s->max_kib) {
			s->max_kib = v;
			s->peak_time = t;
		}
		if (t < s->t_min)
			s->t_min = t;
		if (t > s->t_max)
			s->t_max = t;
	}
	return k;
}

/* ctx: the series keys */
static int by_samples_desc(const void *a, const void *b, void *ctx)
{
	const struct pv_mem_series *keys = ctx;
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	uint64_t sx = keys[x].samples, sy = keys[y].samples;

	if (sx != sy)
		return sx > sy ? -1 : 1;
	return x > y ? -1 : x < y;
}

/* Keeps the PV_MEM_MAX_SERIES keys with the most samples, in key order;
 * map[key] is the series index or PV_NONE. */
static int choose(struct pv_memchart *c, struct pv_mem_series *k,
		  uint32_t nkeys, uint32_t *map)
{
	uint32_t used = 0;

	for (uint32_t i = 0; i < nkeys; i++)
		used += k[i].samples > 0;
	if (used > PV_MEM_MAX_SERIES) {
		/* keep the PV_MEM_MAX_SERIES with most samples (on a tie the
		 * later key): one sort, so 100k threads cost n log n */
		uint32_t *ord = malloc(used * sizeof(*ord)), n = 0;
		if (!ord)
			return -1;
		for (uint32_t i = 0; i < nkeys; i++)
			if (k[i].samples)
				ord[n++] = i;
		pv_sort(ord, n, sizeof(*ord), by_samples_desc, k);
		for (uint32_t i = PV_MEM_MAX_SERIES; i < n; i++) {
			k[ord[i]].samples = 0;
			c->hidden++;
		}
		used = PV_MEM_MAX_SERIES;
		free(ord);
	}
	c->series = calloc(used ? used : 1, sizeof(*c->series));
	if (!c->series)
		return -1;
	for (uint32_t i = 0; i < nkeys; i++) {
		map[i] = PV_NONE;
		if (!k[i].samples)
			continue;
		map[i] = c->nseries;
		c->series[c->nseries++] = k[i];
	}
	return 0;
}

static void layout(struct pv_memchart *c, const struct pv_memory_opts *o)
{
	double tmin = INFINITY, tmax = -INFINITY;
	double kmin = INFINITY, kmax = 0, lo, hi;

	c->width = o->width > 0 ? o->width : 1200;
	c->height = o->height > 0 ? o->height : 600;
	c->px = 80;
	c->py = 64;
	c->pw = c->width - c->px - 24;
	c->ph = c->height - c->py - 56;
	if (c->pw < 50)
		c->pw = 50;
	if (c->ph < 50)
		c->ph = 50;
	for (uint32_t i = 0; i < c->nseries; i++) {
		const struct pv_mem_series *s = &c->series[i];
		tmin = fmin(tmin, s->t_min);
		tmax = fmax(tmax, s->t_max);
		kmin = fmin(kmin, s->min_kib);
		kmax = fmax(kmax, s->max_kib);
		c->samples += s->samples;
		if (s->max_kib > c->series[c->peak].max_kib)
			c->peak = i;
	}
	/* time starts at the log's start unless a window cut it */
	nice_axis(tmin > 0 && tmin < (tmax - tmin) ? 0 : tmin, tmax, 10,
		  &c->t0, &c->t1, &c->tstep);
	/* memory from 0, unless the curve moves within a narrow band high
	 * above it, where a 0-based axis would flatten it to a line */
	lo = kmin / KIB_PER_MIB;
	hi = kmax / KIB_PER_MIB;
	nice_axis(lo > hi * 0.5 ? lo : 0, hi, 8, &c->m0, &c->m1, &c->mstep);
}

/* Pass 2: reduce every series to its lowest and highest value per pixel
 * column. */
static int reduce(struct pv_memchart *c, const struct pv_profile *p,
		  int per_thread, const uint32_t *map,
		  const unsigned char *has)
{
	struct column *col = calloc(c->nseries, sizeof(*col));
	double ncol = floor(c->pw);
	int rc = 0;

	if (!col)
		return -1;
	for (uint32_t i = 0; i < c->nseries; i++)
		col[i].col = -1;
	for (size_t i = 0; i < p->nsamples && !rc; i++) {
		uint32_t src = p->threads[p->sample_thread[i]].source;
		uint32_t v = p->sample_mem[i], si;
		float t = p->sample_time[i];
		struct column *cc;
		long x;

		if (!has[src] || v == 0)
			continue;
		si = map[key_of(p, i, per_thread)];
		if (si == PV_NONE)
			continue;
		cc = &col[si];
		x = (long)((t - c->t0) / (c->t1 - c->t0) * ncol);
		if (x != cc->col) {
			rc = flush(&c->series[si], cc, &c->reduced);
			cc->col = x;
		}
		if (!cc->n || v < cc->min) {
			cc->min = v;
			cc->tmin = t;
			cc->imin = i;
		}
		if (!cc->n || v > cc->max) {
			cc->max = v;
			cc->tmax = t;
			cc->imax = i;
		}
		cc->n++;
	}
	for (uint32_t i = 0; i < c->nseries && !rc; i++)
		rc = flush(&c->series[i], &col[i], &c->reduced);
	free(col);
	return rc;
}

int pv_memory_build(struct pv_memchart **out, const struct pv_profile *p,
		    const struct pv_memory_opts *o, struct pv_error *err)
{
	struct pv_memory_opts dflt = { 0 };
	struct pv_memchart *c = NULL;
	struct pv_mem_series *k = NULL;
	unsigned char *has = NULL;
	uint32_t *map = NULL, nkeys, nlogs = 0, any = 0;
	int rc = PV_ENOMEM;

	*out = NULL;
	if (!o)
		o = &dflt;
	nkeys = o->per_thread ? p->nthreads : p->nsources;
	has = calloc(p->nsources ? p->nsources : 1, 1);
	if (!has)
		goto nomem;
	for (uint32_t s = 0; s < p->nsources; s++)
		any += has[s] = (unsigned char)pv_memory_source_has(p, s);
	if (!any) {
		rc = pv_error_set(err, PV_ENOTFOUND, PV_NO_OFFSET,
				  "no memory data: %s not recorded in memory "
				  "mode (vmprof.enable(memory=True))",
				  p->nsources > 1 ? "the logs were" :
				  "the log was");
		goto done;
	}
	k = summarize(p, o->per_thread, nkeys, has);
	c = calloc(1, sizeof(*c));
	map = calloc(nkeys ? nkeys : 1, sizeof(*map));
	if (!k || !c || !map || choose(c, k, nkeys, map) < 0)
		goto nomem;
	if (!c->nseries) {
		rc = pv_error_set(err, PV_ENOTFOUND, PV_NO_OFFSET,
				  "no samples with a memory value%s",
				  p->nsamples ? "" : " (none left after the filters)");
		goto done;
	}
	for (uint32_t s = 0; s < p->nsources; s++)
		nlogs += has[s];
	layout(c, o);
	if (reduce(c, p, o->per_thread, map, has) < 0)
		goto nomem;
	make_labels(c, p, o, nlogs);
	*out = c;
	c = NULL;
	rc = 0;
	goto done;
nomem:
	rc = pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET, "out of memory");
done:
	pv_memory_free(c);
	free(k);
	free(map);
	free(has);
	return rc;
}

void pv_memory_free(struct pv_memchart *c)
{
	if (!c)
		return;
	for (uint32_t i = 0; i < c->nseries; i++)
		free(c->series[i].pts);
	free(c->series);
	free(c);
}

int pv_render_memory_csv(const struct pv_profile *p, FILE *out,
			struct pv_error *err)
{
	unsigned char any = 0;

	for (uint32_t s = 0; s < p->nsources; s++)
		any |= (unsigned char)pv_memory_source_has(p, s);
	if (!any)
		return pv_error_set(err, PV_ENOTFOUND, PV_NO_OFFSET,
				    "no memory data: not recorded in memory "
				    "mode (vmprof.enable(memory=True))");
	fputs("time_s,rss_kib,thread\n", out);
	for (size_t i = 0; i < p->nsamples; i++) {
		const struct pv_thread *t = &p->threads[p->sample_thread[i]];
		if (!p->sample_mem[i] || !pv_memory_source_has(p, t->source))
			continue;
		fprintf(out, "%.6f,%" PRIu32 ",%" PRIu32 "\n",
			(double)p->sample_time[i], p->sample_mem[i], t->number);
	}
	if (ferror(out))
		return pv_error_set(err, PV_EWRITE, PV_NO_OFFSET, "write failed");
	return 0;
}
