/* timeline.c - samples per thread over time: buckets, top functions,
 * memory columns and the page geometry (pv_timeline.h), and the JSON
 * form.  The SVG and cairo renderers draw from what is built here.
 *
 * Cost: two or three passes over the sample columns (self counts, then
 * the buckets; again only if the SVG budget widens the buckets) and
 * memory for nbuckets x (top + 1) counters per thread, never per sample.
 */
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "profile/pv_sort.h"
#include "render/pv_json.h"
#include "render/pv_timeline.h"
#include "render/pv_xmlsafe.h"
#include "render/timeline_int.h"

#define DEF_TOP 8
#define DEF_WIDTH 1200
#define DEF_MAX_SIZE ((size_t)1 << 20)
#define TARGET_BUCKETS 200.0
#define MAX_CELLS ((uint64_t)1 << 23)   /* counters: 32 MB at most */
#define LANE_H 44.0
#define MEM_H 70.0
#define LABEL_W 150.0
#define LEGEND_ROW 18.0

uint32_t pv_time_less_source(const struct pv_profile *p)
{
	for (uint32_t s = 0; s < p->nsources; s++) {
		/* not a vmprof log (folded stacks): rows, not timed samples */
		if (!p->sources[s].records_end)
			return s;
		/* a log whose rows stand for several samples was aggregated;
		 * merge's output is one even when expanded to count-1 rows */
		if (p->sample_count || p->sources[s].aggregate)
			return s;
	}
	return PV_NONE;
}

const char *pv_time_basis_text(const struct pv_profile *p)
{
	unsigned seen = 0;

	for (uint32_t s = 0; s < p->nsources; s++)
		seen |= 1u << p->sources[s].time_basis;
	switch (seen) {
	case 1u << PV_TIME_RECORDED:
		return "times recorded with each sample";
	case 1u << PV_TIME_SPREAD:
		return "times spread evenly over the recorded duration";
	case 1u << PV_TIME_PERIOD:
		return "times are index x period: the log has no end time "
		       "(cut short)";
	default:
		return "times recorded, spread over the duration or index x "
		       "period, depending on the log (see info)";
	}
}

double pv_time_round_step(double span, double target)
{
	double raw = span / target, mag, step;

	if (!(raw > 1e-6))
		return 1e-6;
	mag = pow(10, floor(log10(raw)));
	step = mag;
	if (step < raw * (1 - 1e-9))
		step = 2 * mag;
	if (step < raw * (1 - 1e-9))
		step = 5 * mag;
	if (step < raw * (1 - 1e-9))
		step = 10 * mag;
	return step;
}

double tl__wider_step(double step)
{
	double mag = pow(10, floor(log10(step) + 1e-9));
	double m = step / mag;

	if (fabs(m - 1) < 1e-6)
		return 2 * mag;
	if (fabs(m - 2) < 1e-6)
		return 5 * mag;
	if (fabs(m - 5) < 1e-6)
		return 10 * mag;
	return 2 * step;
}

void tl__duration_text(double sec, char *buf, size_t n)
{
	if (sec >= 1)
		snprintf(buf, n, "%.6g s", sec);
	else if (sec >= 1e-3)
		snprintf(buf, n, "%.6g ms", sec * 1e3);
	else
		snprintf(buf, n, "%.6g \xc2\xb5s", sec * 1e6);
}

void tl__range_text(double a, double b, char *buf, size_t n)
{
	snprintf(buf, n, "%.6f\xe2\x80\x93%.6f s", a, b);
}

const char *pv_timeline_func_label(const struct pv_timeline *t, uint32_t i)
{
	if (i >= t->ntop)
		return "other";
	return pv_func_label(&t->p->funcs[t->top_func[i]]);
}

void pv_timeline_func_key(const struct pv_timeline *t, uint32_t i,
			  char *buf, size_t n)
{
	const struct pv_func *f = &t->p->funcs[t->top_func[i]];

	snprintf(buf, n, "%s %s:%u", f->name, f->file[0] ? f->file : f->module,
		 f->line);
}

void pv_timeline_free(struct pv_timeline *t)
{
	if (!t)
		return;
	for (uint32_t i = 0; t->lanes && i < t->nlanes; i++)
		free(t->lanes[i].counts);
	free(t->lanes);
	for (uint32_t i = 0; i < t->nmem; i++) {
		free(t->mem[i].lo);
		free(t->mem[i].hi);
	}
	free(t->mem);
	free(t);
}

/* Work space of one build. */
struct tl_build {
	struct pv_timeline *t;
	uint32_t *leaf_func;   /* per stack row */
	uint8_t *slot;         /* per func: 0..ntop-1, ntop = other */
	uint32_t *lane_of;     /* per thread row, PV_NONE without samples */
	double tmin, tmax;
	double *last;          /* per source: last sample time */
};

static uint64_t count_of(const struct pv_profile *p, size_t i)
{
	return p->sample_count ? p->sample_count[i] : 1;
}

/* What cmp_top compares by: the profile and each function's self. */
struct top_ctx {
	const struct pv_profile *p;
	const uint64_t *self;
};

/* Most self samples first, then name, file, line: deterministic. */
static int cmp_top(const void *a, const void *b, void *ctx)
{
	const struct top_ctx *tc = ctx;
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	const struct pv_func *fx = &tc->p->funcs[x], *fy = &tc->p->funcs[y];
	int c;

	if (tc->self[x] != tc->self[y])
		return tc->self[x] > tc->self[y] ? -1 : 1;
	c = strcmp(fx->name, fy->name);
	if (c)
		return c;
	c = strcmp(fx->file, fy->file);
	if (c)
		return c;
	if (fx->line != fy->line)
		return fx->line < fy->line ? -1 : 1;
	return x < y ? -1 : x > y;
}

/* Self samples per function, the top N, lanes and the time span. */
static int first_pass(struct tl_build *b, struct pv_error *err)
{
	struct pv_timeline *t = b->t;
	const struct pv_profile *p = t->p;
	uint64_t *self = calloc(p->nfuncs ? p->nfuncs : 1, sizeof(*self));
	uint64_t *per_thread = calloc(p->nthreads ? p->nthreads : 1,
				      sizeof(*per_thread));
	uint32_t *order = NULL, n = 0;

	b->leaf_func = malloc((p->nstacks ? p->nstacks : 1) * sizeof(uint32_t));
	b->slot = malloc(p->nfuncs ? p->nfuncs : 1);
	b->lane_of = malloc((p->nthreads ? p->nthreads : 1) * sizeof(uint32_t));
	b->last = malloc((p->nsources ? p->nsources : 1) * sizeof(double));
	if (!self || !per_thread || !b->leaf_func || !b->slot || !b->lane_of ||
	    !b->last)
		goto nomem;
	for (uint32_t s = 0; s < p->nstacks; s++)
		b->leaf_func[s] = p->frames[p->stacks[s].frame].func;
	for (uint32_t s = 0; s < p->nsources; s++)
		b->last[s] = -1;
	b->tmin = HUGE_VAL;
	b->tmax = 0;
	for (size_t i = 0; i < p->nsamples; i++) {
		uint32_t st = p->sample_stack[i], th = p->sample_thread[i];
		uint64_t c = count_of(p, i);
		double tm = p->sample_time[i];
		uint32_t src = p->threads[th].source;
		if (st != PV_NONE && b->leaf_func[st] != PV_NONE)
			self[b->leaf_func[st]] += c;
		per_thread[th] += c;
		/* a hostile log's infinite time must not stretch the axis
		 * to nothing: such samples go to the last bucket */
		if (!isfinite(tm))
			continue;
		if (tm < b->tmin)
			b->tmin = tm;
		if (tm > b->tmax)
			b->tmax = tm;
		if (tm > b->last[src])
			b->last[src] = tm;
		t->samples += c;
	}
	if (b->tmin > b->tmax)
		b->tmin = 0;

	order = malloc((p->nfuncs ? p->nfuncs : 1) * sizeof(*order));
	if (!order)
		goto nomem;
	for (uint32_t f = 0; f < p->nfuncs; f++)
		if (self[f])
			order[n++] = f;
	{
		struct top_ctx tc = { p, self };
		pv_sort(order, n, sizeof(*order), cmp_top, &tc);
	}
	t->ntop = n < t->o.top ? n : t->o.top;
	memset(b->slot, (int)t->ntop, p->nfuncs ? p->nfuncs : 1);
	for (uint32_t i = 0; i < t->ntop; i++) {
		const struct pv_func *f = &p->funcs[order[i]];
		uint32_t kinds = 0;
		t->top_func[i] = order[i];
		t->top_self[i] = self[order[i]];
		b->slot[order[i]] = (uint8_t)i;
		for (uint32_t fr = 0; fr < p->nframes; fr++)
			if (p->frames[fr].func == order[i])
				kinds |= 1u << p->frames[fr].kind;
		t->top_rgb[i] = pv_flame_palette_color(t->o.palette,
			pv_flame_pick_kind(kinds), pv_func_label(f));
	}
	t->top_rgb[t->ntop] = 0xc8c8c8;   /* other: neutral grey */

	for (uint32_t th = 0; th < p->nthreads; th++) {
		b->lane_of[th] = per_thread[th] ? t->nlanes++ : PV_NONE;
	}
	t->lanes = calloc(t->nlanes ? t->nlanes : 1, sizeof(*t->lanes));
	if (!t->lanes)
		goto nomem;
	for (uint32_t th = 0; th < p->nthreads; th++) {
		if (b->lane_of[th] == PV_NONE)
			continue;
		t->lanes[b->lane_of[th]].thread = th;
		t->lanes[b->lane_of[th]].samples = per_thread[th];
	}
	free(order);
	free(self);
	free(per_thread);
	return 0;
nomem:
	free(order);
	free(self);
	free(per_thread);
	return pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET, "out of memory");
}

/* Axis from t0 to t1: the logs' whole duration, or the samples' span
 * when a window was applied. */
static void axis(struct tl_build *b)
{
	struct pv_timeline *t = b->t;
	const struct pv_profile *p = t->p;
	double t1 = b->tmax;

	if (!t->o.to_set) {
		for (uint32_t s = 0; s < p->nsources; s++) {
			const struct pv_source *src = &p->sources[s];
			double d = 0;
			int recorded = src->time_basis != PV_TIME_PERIOD &&
				       pv_source_span(src, &d);
			if (!recorded && b->last[s] >= 0)
				d = b->last[s] + (src->period_usec > 0 ?
					(double)src->period_usec / 1e6 : 1e-3);
			if (d > t1)
				t1 = d;
		}
	}
	t->t0 = t->o.from_set ? b->tmin : 0;
	t->t1 = t1 > t->t0 ? t1 : t->t0 + 1e-3;
}

/* The bucket as its printed form reads back (12 digits), so a reader of
 * the JSON computes the same boundaries. */
static double canonical(double v)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%.12g", v);
	return strtod(buf, NULL);
}

static int size_buckets(struct tl_build *b, struct pv_error *err)
{
	struct pv_timeline *t = b->t;
	double n;
	uint64_t cells = (uint64_t)t->nlanes * (t->ntop + 1);

	for (;;) {
		t->bucket = canonical(t->bucket);
		t->t0 = floor(t->t0 / t->bucket) * t->bucket;
		n = ceil((t->t1 - t->t0) / t->bucket - 1e-9);
		if (n < 1)
			n = 1;
		if (t->o.fixed_bucket ||
		    n <= (double)(MAX_CELLS / (cells ? cells : 1)))
			break;
		/* a picture cannot show more anyway: widen */
		t->bucket = tl__wider_step(t->bucket);
		t->widened = 1;
		axis(b);
	}
	if (n > (double)(MAX_CELLS / (cells ? cells : 1))) {
		char a[48], s[48];
		tl__duration_text(t->bucket, a, sizeof(a));
		tl__duration_text(t->t1 - t->t0, s, sizeof(s));
		return pv_error_set(err, PV_EUSAGE, PV_NO_OFFSET,
			"a bucket of %s makes %.0f buckets over %s for %u "
			"threads: too many; choose a wider --bucket", a, n, s,
			t->nlanes);
	}
	t->nbuckets = (uint32_t)n;
	return 0;
}

static int count(struct tl_build *b, struct pv_error *err)
{
	struct pv_timeline *t = b->t;
	const struct pv_profile *p = t->p;
	uint32_t w = t->ntop + 1;

	for (uint32_t l = 0; l < t->nlanes; l++) {
		free(t->lanes[l].counts);
		t->lanes[l].counts = calloc((size_t)t->nbuckets * w,
					    sizeof(uint32_t));
		t->lanes[l].max = 0;
		if (!t->lanes[l].counts)
			return pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET,
					    "out of memory");
	}
	t->other = 0;
	for (size_t i = 0; i < p->nsamples; i++) {
		uint32_t st = p->sample_stack[i];
		uint32_t lane = b->lane_of[p->sample_thread[i]];
		double k = floor(((double)p->sample_time[i] - t->t0) /
				 t->bucket);
		uint32_t f = st != PV_NONE ? b->leaf_func[st] : PV_NONE;
		uint32_t s = f != PV_NONE ? b->slot[f] : t->ntop;
		uint32_t c = (uint32_t)count_of(p, i);
		size_t kk = !(k >= 0) ? 0 : k >= t->nbuckets ?
			    t->nbuckets - 1 : (size_t)k;   /* NaN: 0 */
		t->lanes[lane].counts[kk * w + s] += c;
		if (s == t->ntop)
			t->other += c;
	}
	t->cellmax = 0;
	for (uint32_t l = 0; l < t->nlanes; l++) {
		struct pv_tl_lane *ln = &t->lanes[l];
		for (uint32_t k = 0; k < t->nbuckets; k++) {
			uint32_t sum = 0;
			for (uint32_t s = 0; s < w; s++)
				sum += ln->counts[(size_t)k * w + s];
			if (sum > ln->max)
				ln->max = sum;
		}
		if (ln->max > t->cellmax)
			t->cellmax = ln->max;
	}
	return 0;
}

/* Which lanes are drawn: all, or the busiest PV_TL_MAX_LANES in thread
 * order. */
static void pick_lanes(struct pv_timeline *t)
{
	t->ndrawn = 0;
	for (uint32_t l = 0; l < t->nlanes; l++) {
		uint32_t busier = 0;
		for (uint32_t m = 0; m < t->nlanes && busier < PV_TL_MAX_LANES;
		     m++)
			busier += t->lanes[m].samples > t->lanes[l].samples ||
				  (t->lanes[m].samples == t->lanes[l].samples &&
				   m < l);
		t->lanes[l].drawn = busier < PV_TL_MAX_LANES;
		t->ndrawn += t->lanes[l].drawn;
	}
}

/* An upper estimate of the SVG's bytes (see timeline_svg.c). */
static size_t svg_estimate(const struct pv_timeline *t)
{
	uint32_t w = t->ntop + 1;
	size_t label[PV_TL_MAX_TOP + 1];
	size_t n = 6000 + 60 * (size_t)t->width * PV_TL_MAX_MEM;   /* curves */

	for (uint32_t s = 0; s < w; s++) {
		size_t len = strlen(pv_timeline_func_label(t, s));
		label[s] = (len > TL_TITLE_NAME ? TL_TITLE_NAME : len) * 6 + 24;
		n += 200 + label[s];
	}
	for (uint32_t l = 0; l < t->nlanes; l++) {
		const struct pv_tl_lane *ln = &t->lanes[l];
		if (!ln->drawn)
			continue;
		n += 400;
		for (uint32_t k = 0; k < t->nbuckets; k++) {
			const uint32_t *c = &ln->counts[(size_t)k * w];
			int any = 0;
			for (uint32_t s = 0; s < w; s++) {
				if (!c[s])
					continue;
				any = 1;
				n += TL_RECT_BYTES + label[s];
			}
			if (any)
				n += TL_CELL_BYTES;
		}
	}
	return n;
}

static int memory(struct pv_timeline *t, struct pv_error *err)
{
	const struct pv_profile *p = t->p;
	uint32_t cols = (uint32_t)t->pw + 1;
	uint32_t *map;

	if (!p->sample_mem)
		return 0;
	map = malloc((p->nsources ? p->nsources : 1) * sizeof(*map));
	t->mem = calloc(p->nsources ? p->nsources : 1, sizeof(*t->mem));
	if (!map || !t->mem) {
		free(map);
		return pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET,
				    "out of memory");
	}
	for (uint32_t s = 0; s < p->nsources; s++) {
		map[s] = PV_NONE;
		/* at most PV_TL_MAX_MEM curves: the SVG stays small */
		if (!(p->sources[s].flags & PV_FLAG_MEMORY) ||
		    t->nmem == PV_TL_MAX_MEM)
			continue;
		map[s] = t->nmem;
		t->mem[t->nmem].source = s;
		t->mem[t->nmem].lo = calloc(cols, sizeof(uint32_t));
		t->mem[t->nmem].hi = calloc(cols, sizeof(uint32_t));
		t->nmem++;   /* freed by pv_timeline_free() either way */
		if (!t->mem[t->nmem - 1].lo || !t->mem[t->nmem - 1].hi) {
			free(map);
			return pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET,
					    "out of memory");
		}
	}
	for (size_t i = 0; i < p->nsamples; i++) {
		uint32_t kib = p->sample_mem[i];
		uint32_t m = map[p->threads[p->sample_thread[i]].source];
		double x;
		uint32_t c;
		if (!kib || m == PV_NONE)
			continue;
		x = ((double)p->sample_time[i] - t->t0) / (t->t1 - t->t0) *
		    t->pw;
		c = !(x >= 0) ? 0 : x >= cols ? cols - 1 : (uint32_t)x;
		if (!t->mem[m].lo[c] || kib < t->mem[m].lo[c])
			t->mem[m].lo[c] = kib;
		if (kib > t->mem[m].hi[c])
			t->mem[m].hi[c] = kib;
		if (kib > t->mem_max)
			t->mem_max = kib;
	}
	free(map);
	if (!t->mem_max) {   /* memory mode, but no word was recorded */
		for (uint32_t i = 0; i < t->nmem; i++) {
			free(t->mem[i].lo);
			free(t->mem[i].hi);
		}
		t->nmem = 0;
	}
	return 0;
}

static void geometry(struct pv_timeline *t)
{
	uint32_t per_row = (uint32_t)((t->width - 20) / 190);
	double y;

	if (!per_row)
		per_row = 1;
	t->legend_rows = (t->ntop + 1 + per_row - 1) / per_row;
	t->legend_y = 62;
	y = t->legend_y + t->legend_rows * LEGEND_ROW + 10;
	t->mem_y = y;
	t->mem_h = t->nmem ? MEM_H : 0;
	y += t->nmem ? MEM_H + 14 : 0;
	t->lanes_y = y;
	t->lane_h = LANE_H;
	for (uint32_t l = 0; l < t->nlanes; l++) {
		const struct pv_tl_lane *ln = &t->lanes[l];
		if (!ln->drawn)
			continue;
		/* a log's first lane opens its group with a header line */
		if (t->p->nsources > 1 &&
		    (l == 0 || t->p->threads[t->lanes[l - 1].thread].source !=
			       t->p->threads[ln->thread].source))
			y += 18;
		t->lanes[l].y = y;
		y += LANE_H;
	}
	t->axis_y = y + 4;
	t->height = (int)(y + 44);
}

static void subtitle(struct pv_timeline *t)
{
	char b[48], d[48];
	size_t n;

	tl__duration_text(t->bucket, b, sizeof(b));
	tl__duration_text(t->t1 - t->t0, d, sizeof(d));
	n = (size_t)snprintf(t->subtitle, sizeof(t->subtitle),
			     "%" PRIu64 " samples, %u thread%s, %s; bucket %s%s;"
			     " %s", t->samples, t->nlanes,
			     t->nlanes == 1 ? "" : "s", d, b,
			     t->widened ? " (widened to keep the SVG under its"
					  " size budget)" : "",
			     pv_time_basis_text(t->p));
	if (t->ndrawn < t->nlanes && n < sizeof(t->subtitle))
		snprintf(t->subtitle + n, sizeof(t->subtitle) - n,
			 "; the %u busiest threads drawn (pick others with "
			 "--thread)", t->ndrawn);
}

int pv_timeline_build(struct pv_timeline **out, const struct pv_profile *p,
		      const struct pv_timeline_opts *o, struct pv_error *err)
{
	struct tl_build b = { 0 };
	struct pv_timeline *t;
	uint32_t bad = pv_time_less_source(p);
	int rc;

	*out = NULL;
	if (bad != PV_NONE)
		return pv_error_set(err, PV_EUSAGE, PV_NO_OFFSET,
			"%s: its samples carry no times (folded stacks or an "
			"aggregated log); this view needs a log in time order",
			p->sources[bad].path);
	t = calloc(1, sizeof(*t));
	if (!t)
		return pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET,
				    "out of memory");
	b.t = t;
	t->p = p;
	t->o = *o;
	if (!t->o.top)
		t->o.top = DEF_TOP;
	if (t->o.top > PV_TL_MAX_TOP)
		t->o.top = PV_TL_MAX_TOP;
	if (!t->o.width)
		t->o.width = DEF_WIDTH;
	if (!t->o.max_size)
		t->o.max_size = DEF_MAX_SIZE;
	t->width = t->o.width;
	t->px = LABEL_W;
	t->pw = t->width - LABEL_W - 20;
	rc = first_pass(&b, err);
	if (rc)
		goto fail;
	axis(&b);
	t->bucket = t->o.bucket > 0 ? t->o.bucket :
		    pv_time_round_step(t->t1 - t->t0, TARGET_BUCKETS);
	rc = size_buckets(&b, err);
	if (rc)
		goto fail;
	rc = count(&b, err);
	if (rc)
		goto fail;
	pick_lanes(t);
	while (!t->o.fixed_bucket && t->nbuckets > 1 &&
	       svg_estimate(t) > t->o.max_size) {
		t->bucket = tl__wider_step(t->bucket);
		t->widened = 1;
		axis(&b);
		if ((rc = size_buckets(&b, err)) || (rc = count(&b, err)))
			goto fail;
	}
	rc = memory(t, err);
	if (rc)
		goto fail;
	geometry(t);
	if (o->title)
		snprintf(t->title, sizeof(t->title), "%s", o->title);
	else if (p->nsources == 1)
		snprintf(t->title, sizeof(t->title), "Timeline: %s",
			 p->sources[0].path);
	else
		snprintf(t->title, sizeof(t->title), "Timeline: %u logs",
			 p->nsources);
	subtitle(t);
	free(b.leaf_func);
	free(b.slot);
	free(b.lane_of);
	free(b.last);
	*out = t;
	return 0;
fail:
	free(b.leaf_func);
	free(b.slot);
	free(b.lane_of);
	free(b.last);
	pv_timeline_free(t);
	return rc;
}

/* ---- JSON ------------------------------------------------------------- */

int pv_render_timeline_json(const struct pv_timeline *t, FILE *out,
			   struct pv_error *err)
{
	json_t *root = json_object(), *threads = json_array();
	uint32_t w = t->ntop + 1;
	char key[1024], id[32];
	int rc, lost = 0;   /* a key could not be copied */

	json_object_set_new(root, "bucket_sec", json_real(t->bucket));
	json_object_set_new(root, "duration_sec", json_real(t->t1 - t->t0));
	for (uint32_t l = 0; l < t->nlanes; l++) {
		const struct pv_tl_lane *ln = &t->lanes[l];
		const struct pv_thread *th = &t->p->threads[ln->thread];
		json_t *o = json_object(), *bk = json_array();
		snprintf(id, sizeof(id), "0x%" PRIx64, th->raw_id);
		json_object_set_new(o, "thread", json_integer(th->number));
		json_object_set_new(o, "id", json_string(id));
		json_object_set_new(o, "samples",
				    json_integer((json_int_t)ln->samples));
		for (uint32_t k = 0; k < t->nbuckets; k++) {
			const uint32_t *c = &ln->counts[(size_t)k * w];
			json_t *b, *fn;
			uint64_t sum = 0;
			for (uint32_t s = 0; s < w; s++)
				sum += c[s];
			if (!sum)
				continue;
			b = json_object();
			fn = json_object();
			json_object_set_new(b, "start",
					    json_real(t->t0 + k * t->bucket));
			json_object_set_new(b, "samples",
					    json_integer((json_int_t)sum));
			for (uint32_t s = 0; s < t->ntop; s++) {
				json_t *old;
				json_int_t v = c[s];
				char *k8;
				if (!c[s])
					continue;
				pv_timeline_func_key(t, s, key, sizeof(key));
				/* names are raw bytes; keys must be UTF-8 */
				k8 = pv_xmlsafe_clean(key, 0, NULL);
				if (!k8) {
					lost = 1;
					continue;
				}
				/* two functions that print alike share a
				 * key: their counts add up */
				old = json_object_get(fn, k8);
				if (old)
					v += json_integer_value(old);
				json_object_set_new(fn, k8, json_integer(v));
				free(k8);
			}
			json_object_set_new(b, "functions", fn);
			json_array_append_new(bk, b);
		}
		json_object_set_new(o, "buckets", bk);
		json_array_append_new(threads, o);
	}
	json_object_set_new(root, "threads", threads);
	/* 12 digits: bucket starts print as 0.04, not 0.040000000000000001 */
	rc = lost ? PV_ENOMEM :
	     pv_json_dump_line_flags(root, out, JSON_COMPACT |
				     JSON_PRESERVE_ORDER |
				     JSON_REAL_PRECISION(12));
	json_decref(root);
	if (rc == PV_ENOMEM)   /* some append above failed */
		return pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET,
				    "out of memory");
	if (rc)
		return pv_error_set(err, PV_EWRITE, PV_NO_OFFSET, "write failed");
	return 0;
}

const char *tl__short(const char *s, size_t max, char *buf, size_t n)
{
	size_t len = strlen(s);

	if (len <= max || max + 3 > n)
		return s;
	/* back off to a UTF-8 boundary */
	while (max && ((unsigned char)s[max] & 0xc0) == 0x80)
		max--;
	memcpy(buf, s, max);
	memcpy(buf + max, "..", 3);
	return buf;
}
