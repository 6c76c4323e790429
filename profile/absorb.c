/* absorb.c - moving one profile's content into another (pv_profile.h).
 *
 * This is how several logs become one profile: each log is read into a
 * profile of its own, then absorbed here in command-line order and freed,
 * so reading N logs never holds more than one log's own tables (its symbol
 * records, its raw stack cache, its frames and stacks) beside the merged
 * ones.  The merged tables grow with distinct content only: frames are
 * shared across logs by what they mean (address, kind, line, function),
 * and with dst->pool_threads so are threads by (raw id, period): N copies
 * of one log then add N source rows and nothing else.  Without it each
 * log's threads are rows of their own, and so are its (stack, thread)
 * rows in an aggregated profile.
 */
#include <stdlib.h>
#include <string.h>

#include "profile/profile_int.h"
#include "profile/pv_hash.h"
#include "profile/pv_profile.h"

struct absorb {
	struct pv_profile *dst, *src;
	struct pv_error *err;
	const char **str;       /* per src string row: dst's copy */
	struct pv_rowindex by_ptr;   /* src string pointer -> string row */
	uint32_t *source, *func, *frame, *stack, *thread;
};

static int nomem(struct absorb *a)
{
	return pv_error_set(a->err, PV_ENOMEM, PV_NO_OFFSET, "out of memory");
}

/* ---- strings: src's interned texts -> dst's --------------------------- */

struct ptr_probe {
	const struct pv_index *ix;
	const char *s;
};

static int ptr_eq(const void *ctx, uint32_t row)
{
	const struct ptr_probe *pr = ctx;

	return pr->ix->str[row].s == pr->s;
}

static int map_strings(struct absorb *a)
{
	const struct pv_index *ix = a->src->idx;

	a->str = malloc((ix->nstr ? ix->nstr : 1) * sizeof(*a->str));
	if (!a->str || pv_rowindex_reserve(&a->by_ptr, ix->nstr))
		return nomem(a);
	for (uint32_t i = 0; i < ix->nstr; i++) {
		a->str[i] = pv_profile_intern(a->dst, ix->str[i].s,
					      ix->str[i].len);
		if (!a->str[i])
			return nomem(a);
		pv_rowindex_insert(&a->by_ptr,
				   pv_hash_mix((uintptr_t)ix->str[i].s), i);
	}
	return 0;
}

/* dst's copy of an interned src string; "" for a string src did not
 * intern (none should exist, but a copy beats a dangling pointer). */
static const char *str(struct absorb *a, const char *s)
{
	struct ptr_probe pr = { a->src->idx, s };
	uint32_t row;

	if (!s)
		return NULL;
	row = pv_rowindex_find(&a->by_ptr, pv_hash_mix((uintptr_t)s), ptr_eq,
			       &pr);
	if (row != UINT32_MAX)
		return a->str[row];
	return pv_profile_intern_str(a->dst, s);
}

/* dst's interned copy of a string src owns (meta texts): the same keys
 * and values in every log are kept once. */
static const char *copy(struct absorb *a, const char *s)
{
	return s ? pv_profile_intern_str(a->dst, s) : NULL;
}

/* ---- rows ------------------------------------------------------------- */

static int map_sources(struct absorb *a)
{
	struct pv_profile *dst = a->dst, *src = a->src;

	for (uint32_t i = 0; i < src->nsources; i++) {
		struct pv_source *s = &src->sources[i], *d;
		uint32_t row;

		PV_TRY(pv_profile_add_source(dst, &row, a->err));
		a->source[i] = row;
		d = &dst->sources[row];
		*d = *s;
		/* add_thread counts the threads again */
		d->threads = 0;
		d->first_thread = 0;
		d->nthreads = 0;
		d->path = str(a, s->path);
		d->interpreter = str(a, s->interpreter);
		d->compression = str(a, s->compression);
		d->damage = str(a, s->damage);
		d->meta = NULL;
		if (d->nmeta) {
			d->meta = pv_arena_alloc(&dst->arena,
						 d->nmeta * sizeof(*d->meta));
			if (!d->meta)
				return nomem(a);
		}
		for (uint32_t k = 0; k < d->nmeta; k++) {
			d->meta[k].key = copy(a, s->meta[k].key);
			d->meta[k].value = copy(a, s->meta[k].value);
			if (!d->meta[k].key || !d->meta[k].value)
				return nomem(a);
		}
		if (!d->path || !d->interpreter || !d->compression ||
		    !d->damage)
			return nomem(a);
	}
	return 0;
}

static int map_funcs(struct absorb *a)
{
	for (uint32_t i = 0; i < a->src->nfuncs; i++) {
		struct pv_func f = a->src->funcs[i];

		f.name = str(a, f.name);
		f.file = str(a, f.file);
		f.module = str(a, f.module);
		if (!f.name || !f.file || !f.module)
			return nomem(a);
		PV_TRY(pv_profile_add_func(a->dst, &f, &a->func[i], a->err));
	}
	return 0;
}

struct canon_probe {
	const struct pv_profile *p;
	const struct pv_frame *f;
};

static int canon_eq(const void *ctx, uint32_t row)
{
	const struct canon_probe *pr = ctx;
	const struct pv_frame *x = &pr->p->frames[row], *y = pr->f;

	return x->addr == y->addr && x->kind == y->kind &&
	       x->line == y->line && x->func == y->func;
}

static uint64_t canon_hash(const struct pv_frame *f)
{
	uint64_t h = pv_hash_mix(f->addr);

	return pv_hash_combine(h, (uint64_t)f->func << 40 ^
				  (uint64_t)f->line << 8 ^ f->kind);
}

/* Frames: the same (address, kind, line, function) is one row whatever
 * log it came from.  A new row keeps its (mapped) log in frame.source;
 * that log's own frames are unique by (address, kind, line), so the
 * profile's frame index (source, address, kind, line) stays unique. */
static int map_frames(struct absorb *a)
{
	struct pv_profile *dst = a->dst;
	struct pv_index *ix = dst->idx;

	for (; ix->canon_indexed < dst->nframes; ix->canon_indexed++)
		if (pv_rowindex_insert(&ix->canon,
				       canon_hash(&dst->frames[ix->canon_indexed]),
				       ix->canon_indexed))
			return nomem(a);
	for (uint32_t i = 0; i < a->src->nframes; i++) {
		struct pv_frame f = a->src->frames[i];
		struct canon_probe pr = { dst, &f };
		uint32_t row, had = dst->nframes;
		uint64_t h;

		if (f.func != PV_NONE)
			f.func = a->func[f.func];
		h = canon_hash(&f);
		row = pv_rowindex_find(&ix->canon, h, canon_eq, &pr);
		if (row == UINT32_MAX) {
			f.source = f.source < a->src->nsources ?
				   a->source[f.source] : f.source;
			PV_TRY(pv_profile_add_frame(dst, &f, &row, a->err));
			if (dst->nframes != had) {
				if (pv_rowindex_insert(&ix->canon, h, row))
					return nomem(a);
				ix->canon_indexed = dst->nframes;
			}
		}
		a->frame[i] = row;
	}
	return 0;
}

static int map_stacks(struct absorb *a)
{
	/* a row's prefix has a smaller id: one pass in id order */
	for (uint32_t i = 0; i < a->src->nstacks; i++) {
		const struct pv_stack *s = &a->src->stacks[i];
		uint32_t prefix = s->prefix == PV_NONE ? PV_NONE :
				  a->stack[s->prefix];

		PV_TRY(pv_profile_add_stack(a->dst, prefix, a->frame[s->frame],
					    &a->stack[i], a->err));
	}
	return 0;
}

/* Whether the samples of sources x and y weigh the same: same period and
 * aggregate kind (what pv_profile_update_weights goes by). */
static int same_weight(const struct pv_source *x, const struct pv_source *y)
{
	return x->period_usec == y->period_usec && x->aggregate == y->aggregate;
}

/* The first of dst's sources whose samples weigh what source row r's
 * do, or UINT32_MAX when out of memory.  The classes found so far are
 * few (one per period): a new one is looked for from row 0, as the
 * first log may have been taken over whole. */
static uint32_t weight_class(struct absorb *a, uint32_t r)
{
	const struct pv_source *s = a->dst->sources;
	struct pv_index *ix = a->dst->idx;
	uint32_t first = 0;

	for (uint32_t k = 0; k < ix->nclasses; k++)
		if (same_weight(&s[ix->classes[k]], &s[r]))
			return ix->classes[k];
	while (!same_weight(&s[first], &s[r]))
		first++;   /* stops at r at the latest */
	if (ix->nclasses == ix->classes_cap) {
		uint32_t cap = ix->classes_cap ? 2 * ix->classes_cap : 8;
		uint32_t *c = realloc(ix->classes, cap * sizeof(*c));

		if (!c)
			return UINT32_MAX;
		ix->classes = c;
		ix->classes_cap = cap;
	}
	ix->classes[ix->nclasses++] = first;
	return first;
}

static int map_threads(struct absorb *a)
{
	for (uint32_t i = 0; i < a->src->nthreads; i++) {
		const struct pv_thread *t = &a->src->threads[i];
		uint32_t source = t->source < a->src->nsources ?
				  a->source[t->source] : t->source;

		if (a->dst->pool_threads && source < a->dst->nsources) {
			uint32_t c = weight_class(a, source);

			if (c == UINT32_MAX)
				return nomem(a);
			source = c;
		}

		PV_TRY(pv_profile_add_thread(a->dst, source, t->raw_id,
					     &a->thread[i], a->err));
		a->dst->threads[a->thread[i]].samples += t->samples;
	}
	return 0;
}

static int map_samples(struct absorb *a)
{
	struct pv_profile *dst = a->dst, *src = a->src;

	if (src->sample_mem && !dst->aggregate)
		PV_TRY(pv_profile_enable_memory(dst, a->err));
	for (size_t i = 0; i < src->nsamples; i++) {
		uint32_t s = src->sample_stack[i];

		PV_TRY(pv_profile_add_samples(dst,
			s == PV_NONE ? PV_NONE : a->stack[s],
			a->thread[src->sample_thread[i]],
			src->sample_time ? src->sample_time[i] : 0,
			src->sample_mem ? src->sample_mem[i] : 0,
			src->sample_count ? src->sample_count[i] : 1, a->err));
	}
	return 0;
}

static int is_empty(const struct pv_profile *p)
{
	return !p->nsources && !p->nfuncs && !p->nframes && !p->nstacks &&
	       !p->nthreads && !p->nsamples && !p->idx->nstr;
}

int pv_profile_absorb(struct pv_profile *dst, struct pv_profile *src,
		      struct pv_error *err)
{
	struct absorb a = { .dst = dst, .src = src, .err = err };
	int rc;

	if (is_empty(dst) && dst->aggregate == src->aggregate) {
		struct pv_profile t = *dst;
		*dst = *src;
		*src = t;
		dst->pool_threads = src->pool_threads;
		pv_profile_free(src);
		return 0;
	}
	pv_rowindex_init(&a.by_ptr);
	a.source = malloc((src->nsources + 1) * sizeof(uint32_t));
	a.func = malloc((src->nfuncs + 1) * sizeof(uint32_t));
	a.frame = malloc((src->nframes + 1) * sizeof(uint32_t));
	a.stack = malloc((src->nstacks + 1) * sizeof(uint32_t));
	a.thread = malloc((src->nthreads + 1) * sizeof(uint32_t));
	rc = !a.source || !a.func || !a.frame || !a.stack || !a.thread ?
	     nomem(&a) : map_strings(&a);
	if (!rc)
		rc = map_sources(&a);
	if (!rc)
		rc = map_funcs(&a);
	if (!rc)
		rc = map_frames(&a);
	if (!rc)
		rc = map_stacks(&a);
	if (!rc)
		rc = map_threads(&a);
	if (!rc)
		rc = map_samples(&a);
	if (!rc && src->weighted)
		dst->weighted = 1;
	pv_rowindex_release(&a.by_ptr);
	free(a.str);
	free(a.source);
	free(a.func);
	free(a.frame);
	free(a.stack);
	free(a.thread);
	pv_profile_free(src);
	return rc;
}
