/* export_common.c - samples by thread, stack paths and sample spans for
 * the exporters (see export_int.h). */
#include <math.h>
#include <stdlib.h>

#include "render/export_int.h"

int ex_bythread_build(struct ex_bythread *b, const struct pv_profile *p,
		      struct pv_error *err)
{
	size_t *fill;

	b->start = calloc((size_t)p->nthreads + 1, sizeof(*b->start));
	b->rows = malloc((p->nsamples ? p->nsamples : 1) * sizeof(*b->rows));
	fill = calloc((size_t)p->nthreads + 1, sizeof(*fill));
	if (!b->start || !b->rows || !fill) {
		free(fill);
		ex_bythread_free(b);
		return pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET,
				    "out of memory");
	}
	for (size_t i = 0; i < p->nsamples; i++)
		b->start[p->sample_thread[i] + 1]++;
	for (uint32_t th = 0; th < p->nthreads; th++)
		b->start[th + 1] += b->start[th];
	for (size_t i = 0; i < p->nsamples; i++) {
		uint32_t th = p->sample_thread[i];
		b->rows[b->start[th] + fill[th]++] = i;
	}
	free(fill);
	return 0;
}

void ex_bythread_free(struct ex_bythread *b)
{
	free(b->start);
	free(b->rows);
	b->start = NULL;
	b->rows = NULL;
}

uint32_t ex_max_depth(const struct pv_profile *p)
{
	uint32_t m = 1;

	for (uint32_t s = 0; s < p->nstacks; s++)
		if (p->stacks[s].depth > m)
			m = p->stacks[s].depth;
	return m;
}

uint32_t ex_path(const struct pv_profile *p, uint32_t s, uint32_t *buf)
{
	uint32_t depth = s == PV_NONE ? 0 : p->stacks[s].depth, i = depth;

	for (; s != PV_NONE && i > 0; s = p->stacks[s].prefix)
		buf[--i] = p->frames[p->stacks[s].frame].func;
	return depth;
}

int ex_same_funcs(const struct pv_profile *p, uint32_t a, uint32_t b)
{
	while (a != b) {
		if (a == PV_NONE || b == PV_NONE ||
		    p->stacks[a].depth != p->stacks[b].depth ||
		    pv_stack_frame(p, a)->func != pv_stack_frame(p, b)->func)
			return 0;
		a = p->stacks[a].prefix;
		b = p->stacks[b].prefix;
	}
	return 1;
}

const char *ex_times_name(enum ex_times t)
{
	static const char *names[] = { "recorded", "spread", "period",
				       "counts" };
	return names[t];
}

enum ex_times ex_source_times(const struct pv_profile *p, uint32_t source)
{
	const struct pv_source *s = &p->sources[source];

	/* folded text, or an aggregate log (profview merge): no times at
	 * all, only counts */
	if (!s->records_end || s->aggregate)
		return EX_TIMES_COUNTS;
	switch (s->time_basis) {
	case PV_TIME_RECORDED:
		return EX_TIMES_RECORDED;
	case PV_TIME_SPREAD:
		return EX_TIMES_SPREAD;
	default:
		return EX_TIMES_PERIOD;
	}
}

int ex_profile_timed(const struct pv_profile *p)
{
	if (!p->nsources)
		return 0;
	for (uint32_t i = 0; i < p->nsources; i++) {
		enum ex_times t = ex_source_times(p, i);
		if (t != EX_TIMES_RECORDED && t != EX_TIMES_SPREAD)
			return 0;
	}
	return 1;
}

static int64_t source_duration_ns(const struct pv_source *s)
{
	double d;

	if (!s->has_start || !s->has_end)
		return -1;
	d = ((double)s->end_sec - (double)s->start_sec) * 1e9 +
	    ((double)s->end_usec - (double)s->start_usec) * 1e3;
	return d > 0 && d < 9e18 ? (int64_t)d : -1;
}

int64_t ex_slot_ns(const struct pv_profile *p, uint32_t source)
{
	const struct pv_source *s = &p->sources[source];
	int64_t period = s->period_usec > 0 && s->period_usec < INT64_MAX / 1000 ?
			 s->period_usec * 1000 : 1000000;
	int64_t dur = source_duration_ns(s);

	if (ex_source_times(p, source) == EX_TIMES_SPREAD && dur > 0 &&
	    s->samples)
		return dur / (int64_t)s->samples > 0 ?
		       dur / (int64_t)s->samples : 1;
	return period;
}

void ex_spans_init(struct ex_spans *sp, const struct pv_profile *p,
		   const struct ex_bythread *b, uint32_t thread)
{
	uint32_t src = p->threads[thread].source;
	int64_t dur = source_duration_ns(&p->sources[src]);

	sp->p = p;
	sp->rows = b->rows + b->start[thread];
	sp->n = b->start[thread + 1] - b->start[thread];
	sp->i = 0;
	sp->times = ex_source_times(p, src);
	sp->slot_ns = ex_slot_ns(p, src);
	sp->end_ns = dur > 0 && sp->times != EX_TIMES_COUNTS ? dur : INT64_MAX;
	sp->cursor = 0;
}

static int64_t time_ns(const struct pv_profile *p, size_t row)
{
	double t = (double)p->sample_time[row] * 1e9;

	return t > 0 && t < 9e18 ? (int64_t)llround(t) : 0;
}

int ex_spans_next(struct ex_spans *sp, size_t *row, int64_t *start,
		  int64_t *end)
{
	const struct pv_profile *p = sp->p;
	size_t r;
	int64_t s, e, count;

	if (sp->i >= sp->n)
		return 0;
	r = sp->rows[sp->i++];
	count = p->sample_count ? p->sample_count[r] : 1;
	if (sp->times == EX_TIMES_COUNTS) {
		s = sp->cursor;
		e = s + count * sp->slot_ns;
	} else {
		s = time_ns(p, r);
		if (s < sp->cursor)
			s = sp->cursor;
		e = s + count * sp->slot_ns;
		if (sp->i < sp->n) {
			int64_t next = time_ns(p, sp->rows[sp->i]);
			if (next >= s && (next - s) * 2 <= sp->slot_ns * 3)
				e = next;
		}
		if (s > sp->end_ns)
			s = sp->end_ns;
		if (e > sp->end_ns)
			e = sp->end_ns;
	}
	sp->cursor = e;
	*row = r;
	*start = s;
	*end = e;
	return 1;
}

const char *ex_func_file(const struct pv_func *f)
{
	return f->file[0] ? f->file : f->module;
}
