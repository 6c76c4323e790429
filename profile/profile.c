/* profile.c - the profile model's tables: lifecycle, interning, row
 * builders and small accessors (see pv_profile.h). */
#include <stdlib.h>
#include <string.h>

#include "profile/pv_hash.h"
#include "profile/pv_profile.h"
#include "profile/profile_int.h"

static const char *const kind_names[PV_KIND_COUNT] = {
	"python", "jit", "native", "inline", "gc", "blackhole", "assembler",
	"thread", "unknown",
};

const char *pv_kind_name(enum pv_kind kind)
{
	return (unsigned)kind < PV_KIND_COUNT ? kind_names[kind] : "unknown";
}

struct pv_profile *pv_profile_new(void)
{
	struct pv_profile *p = calloc(1, sizeof(*p));

	if (!p)
		return NULL;
	p->idx = calloc(1, sizeof(*p->idx));
	if (!p->idx) {
		free(p);
		return NULL;
	}
	p->idx->last_row = SIZE_MAX;
	pv_arena_init(&p->arena, 256 * 1024);
	return p;
}

void pv_profile_free(struct pv_profile *p)
{
	if (!p)
		return;
	if (p->idx) {
		pv_rowindex_release(&p->idx->strings);
		pv_rowindex_release(&p->idx->funcs);
		pv_rowindex_release(&p->idx->frames);
		pv_rowindex_release(&p->idx->stacks);
		pv_rowindex_release(&p->idx->threads);
		pv_rowindex_release(&p->idx->samples);
		pv_rowindex_release(&p->idx->canon);
		free(p->idx->classes);
		free(p->idx->str);
		free(p->idx);
	}
	free(p->sources);
	free(p->funcs);
	free(p->frames);
	free(p->stacks);
	free(p->threads);
	free(p->sample_stack);
	free(p->sample_thread);
	free(p->sample_time);
	free(p->sample_mem);
	free(p->sample_count);
	pv_arena_release(&p->arena);
	free(p);
}

/* Grows *arr (of elem-sized items, *cap of them) to hold need items. */
static int grow(void **arr, uint32_t *cap, uint32_t need, size_t elem)
{
	size_t ncap;
	void *n;

	if (need <= *cap)
		return 0;
	if (need == UINT32_MAX)
		return -1;   /* PV_NONE and PV_STACK_DROP stay reserved */
	ncap = *cap ? (size_t)*cap * 2 : 64;
	while (ncap < need)
		ncap *= 2;
	if (ncap > UINT32_MAX - 2)
		ncap = UINT32_MAX - 2;
	n = realloc(*arr, ncap * elem);
	if (!n)
		return -1;
	*arr = n;
	*cap = (uint32_t)ncap;
	return 0;
}

#define GROW(arr, cap, need) \
	grow((void **)&(arr), &(cap), (need), sizeof(*(arr)))

/* ---- strings ---------------------------------------------------------- */

struct str_probe {
	const struct pv_index *ix;
	const char *s;
	size_t len;
};

static int str_eq(const void *ctx, uint32_t row)
{
	const struct str_probe *pr = ctx;
	const struct str_row *r = &pr->ix->str[row];

	return r->len == pr->len && memcmp(r->s, pr->s, pr->len) == 0;
}

const char *pv_profile_intern(struct pv_profile *p, const char *s, size_t len)
{
	struct pv_index *ix = p->idx;
	struct str_probe pr = { ix, s, len };
	uint64_t h;
	uint32_t row;
	char *copy;

	if (len > UINT32_MAX)
		return NULL;
	h = pv_hash_bytes(s, len, 0x5eed);
	row = pv_rowindex_find(&ix->strings, h, str_eq, &pr);
	if (row != UINT32_MAX)
		return ix->str[row].s;
	if (GROW(ix->str, ix->str_cap, ix->nstr + 1))
		return NULL;
	copy = pv_arena_strndup(&p->arena, s, len);
	if (!copy)
		return NULL;
	ix->str[ix->nstr].s = copy;
	ix->str[ix->nstr].len = (uint32_t)len;
	if (pv_rowindex_insert(&ix->strings, h, ix->nstr))
		return NULL;
	ix->nstr++;
	return copy;
}

const char *pv_profile_intern_str(struct pv_profile *p, const char *s)
{
	return pv_profile_intern(p, s, strlen(s));
}

/* ---- funcs ------------------------------------------------------------ */

struct func_probe {
	const struct pv_profile *p;
	const struct pv_func *f;
};

static int func_eq(const void *ctx, uint32_t row)
{
	const struct func_probe *pr = ctx;
	const struct pv_func *a = &pr->p->funcs[row], *b = pr->f;

	/* strings are interned: pointer equality is text equality */
	return a->name == b->name && a->file == b->file &&
	       a->module == b->module && a->line == b->line &&
	       a->lang == b->lang;
}

static uint64_t func_hash(const struct pv_func *f)
{
	uint64_t h = pv_hash_mix((uintptr_t)f->name);
	h = pv_hash_combine(h, (uintptr_t)f->file);
	h = pv_hash_combine(h, (uintptr_t)f->module);
	return pv_hash_combine(h, (uint64_t)f->line << 8 | f->lang);
}

int pv_profile_add_func(struct pv_profile *p, const struct pv_func *f,
			uint32_t *out, struct pv_error *err)
{
	struct func_probe pr = { p, f };
	uint64_t h = func_hash(f);
	uint32_t row = pv_rowindex_find(&p->idx->funcs, h, func_eq, &pr);

	if (row == UINT32_MAX) {
		if (GROW(p->funcs, p->funcs_cap, p->nfuncs + 1) ||
		    pv_rowindex_insert(&p->idx->funcs, h, p->nfuncs))
			return pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET,
					    "out of memory");
		row = p->nfuncs++;
		p->funcs[row] = *f;
	}
	*out = row;
	return 0;
}

/* ---- frames ----------------------------------------------------------- */

struct frame_probe {
	const struct pv_profile *p;
	const struct pv_frame *f;
};

static int frame_eq(const void *ctx, uint32_t row)
{
	const struct frame_probe *pr = ctx;
	const struct pv_frame *a = &pr->p->frames[row], *b = pr->f;

	return a->addr == b->addr && a->source == b->source &&
	       a->kind == b->kind && a->line == b->line;
}

static uint64_t frame_hash(const struct pv_frame *f)
{
	uint64_t h = pv_hash_mix(f->addr);
	return pv_hash_combine(h, (uint64_t)f->line << 24 |
				  (uint64_t)f->source << 8 | f->kind);
}

int pv_profile_add_frame(struct pv_profile *p, const struct pv_frame *f,
			 uint32_t *out, struct pv_error *err)
{
	struct frame_probe pr = { p, f };
	uint64_t h = frame_hash(f);
	uint32_t row = pv_rowindex_find(&p->idx->frames, h, frame_eq, &pr);

	if (row == UINT32_MAX) {
		if (GROW(p->frames, p->frames_cap, p->nframes + 1) ||
		    pv_rowindex_insert(&p->idx->frames, h, p->nframes))
			return pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET,
					    "out of memory");
		row = p->nframes++;
		p->frames[row] = *f;
		memset(p->frames[row].pad_, 0, sizeof(p->frames[row].pad_));
	}
	*out = row;
	return 0;
}

/* ---- stacks ----------------------------------------------------------- */

struct stack_probe {
	const struct pv_stack *rows;
	uint32_t prefix, frame;
};

static int stack_eq(const void *ctx, uint32_t row)
{
	const struct stack_probe *pr = ctx;

	return pr->rows[row].prefix == pr->prefix &&
	       pr->rows[row].frame == pr->frame;
}

static inline uint64_t stack_hash(uint32_t prefix, uint32_t frame)
{
	return pv_hash_mix((uint64_t)prefix << 32 | frame);
}

int pv_profile__intern_stack(struct pv_stack **rows, uint32_t *n,
			     uint32_t *cap, struct pv_rowindex *ix,
			     uint32_t prefix, uint32_t frame, uint32_t *out)
{
	struct stack_probe pr = { *rows, prefix, frame };
	uint64_t h = stack_hash(prefix, frame);
	uint32_t row = pv_rowindex_find(ix, h, stack_eq, &pr);

	if (row == UINT32_MAX) {
		if (grow((void **)rows, cap, *n + 1, sizeof(**rows)) ||
		    pv_rowindex_insert(ix, h, *n))
			return -1;
		row = (*n)++;
		(*rows)[row].prefix = prefix;
		(*rows)[row].frame = frame;
		(*rows)[row].depth =
			prefix == PV_NONE ? 1 : (*rows)[prefix].depth + 1;
	}
	*out = row;
	return 0;
}

/* Brings the stack index up to every row: rows appended by
 * pv_profile__append_stacks are indexed only when interning needs them.
 * The index holds rows [0, ix->n) (rows are only ever appended). */
static int index_stacks(struct pv_profile *p)
{
	struct pv_rowindex *ix = &p->idx->stacks;
	size_t from = ix->n;

	if (from >= p->nstacks)
		return 0;
	if (pv_rowindex_reserve(ix, p->nstacks))
		return -1;
	for (size_t i = from; i < p->nstacks; i++) {
		const struct pv_stack *s = &p->stacks[i];
		if (i + 8 < p->nstacks)
			pv_rowindex_prefetch(ix, stack_hash(s[8].prefix,
							    s[8].frame));
		pv_rowindex_insert(ix, stack_hash(s->prefix, s->frame),
				   (uint32_t)i);
	}
	return 0;
}

int pv_profile__append_stacks(struct pv_profile *p, uint32_t prefix,
			      const uint32_t *frames, size_t n,
			      uint32_t *first)
{
	uint32_t row = p->nstacks;

	*first = row;
	if (n > UINT32_MAX - 2 - (size_t)row ||
	    grow((void **)&p->stacks, &p->stacks_cap, row + (uint32_t)n,
		 sizeof(*p->stacks)))
		return -1;
	for (size_t i = 0; i < n; i++, row++) {
		uint32_t up = i ? row - 1 : prefix;
		p->stacks[row].prefix = up;
		p->stacks[row].frame = frames[i];
		p->stacks[row].depth = up == PV_NONE ? 1 :
				       p->stacks[up].depth + 1;
	}
	p->nstacks = row;
	return 0;
}

int pv_profile_add_new_stacks(struct pv_profile *p, uint32_t prefix,
			      const uint32_t *frames, size_t n,
			      uint32_t *first, struct pv_error *err)
{
	struct pv_rowindex *ix = &p->idx->stacks;
	uint32_t row = p->nstacks;

	*first = row;
	if (index_stacks(p) ||
	    n > UINT32_MAX - 2 - (size_t)row ||
	    grow((void **)&p->stacks, &p->stacks_cap, row + (uint32_t)n,
		 sizeof(*p->stacks)) ||
	    pv_rowindex_reserve(ix, ix->n + n))
		return pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET,
				    "out of memory");
	/* the rows' slots are far apart in a big table: ask for all of
	 * them before writing any */
	for (size_t i = 0; i < n; i++) {
		uint32_t up = i ? row + (uint32_t)i - 1 : prefix;
		pv_rowindex_prefetch(ix, stack_hash(up, frames[i]));
	}
	for (size_t i = 0; i < n; i++, row++) {
		uint32_t up = i ? row - 1 : prefix;
		pv_rowindex_insert(ix, stack_hash(up, frames[i]), row);
		p->stacks[row].prefix = up;
		p->stacks[row].frame = frames[i];
		p->stacks[row].depth = up == PV_NONE ? 1 :
				       p->stacks[up].depth + 1;
	}
	p->nstacks = row;
	return 0;
}

int pv_profile_add_stack(struct pv_profile *p, uint32_t prefix,
			 uint32_t frame, uint32_t *out, struct pv_error *err)
{
	if (index_stacks(p) ||
	    pv_profile__intern_stack(&p->stacks, &p->nstacks, &p->stacks_cap,
				     &p->idx->stacks, prefix, frame, out))
		return pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET,
				    "out of memory");
	return 0;
}

void pv_profile__set_stacks(struct pv_profile *p, struct pv_stack *rows,
			    uint32_t n, uint32_t cap, struct pv_rowindex *ix)
{
	free(p->stacks);
	pv_rowindex_release(&p->idx->stacks);
	p->stacks = rows;
	p->nstacks = n;
	p->stacks_cap = cap;
	p->idx->stacks = *ix;
}

/* ---- threads, sources, samples --------------------------------------- */

struct thread_probe {
	const struct pv_thread *rows;
	uint64_t raw;
	uint32_t source;
};

static int thread_eq(const void *ctx, uint32_t row)
{
	const struct thread_probe *pr = ctx;

	return pr->rows[row].raw_id == pr->raw &&
	       pr->rows[row].source == pr->source;
}

int pv_profile_add_thread(struct pv_profile *p, uint32_t source,
			  uint64_t raw_id, uint32_t *out, struct pv_error *err)
{
	struct thread_probe pr = { p->threads, raw_id, source };
	uint64_t h = pv_hash_combine(pv_hash_mix(raw_id), source);
	uint32_t row = pv_rowindex_find(&p->idx->threads, h, thread_eq, &pr);

	if (row == UINT32_MAX) {
		if (GROW(p->threads, p->threads_cap, p->nthreads + 1) ||
		    pv_rowindex_insert(&p->idx->threads, h, p->nthreads))
			return pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET,
					    "out of memory");
		row = p->nthreads++;
		memset(&p->threads[row], 0, sizeof(p->threads[row]));
		p->threads[row].raw_id = raw_id;
		p->threads[row].source = source;
		p->threads[row].number = row + 1;
		if (source < p->nsources) {
			struct pv_source *s = &p->sources[source];
			if (!s->nthreads)
				s->first_thread = row;
			s->nthreads++;
			s->threads++;
		}
	}
	*out = row;
	return 0;
}

int pv_profile_add_source(struct pv_profile *p, uint32_t *out,
			  struct pv_error *err)
{
	struct pv_source *s;

	if (p->nsources >= PV_NONE - 1)
		return pv_error_set(err, PV_ELIMIT, PV_NO_OFFSET,
				    "too many logs (at most %u)", PV_NONE - 1);
	if (GROW(p->sources, p->sources_cap, p->nsources + 1))
		return pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET,
				    "out of memory");
	s = &p->sources[p->nsources];
	memset(s, 0, sizeof(*s));
	s->path = "";
	s->compression = "none";
	s->interpreter = "";
	s->damage = "";
	s->weight = 1;
	s->truncated_offset = PV_NO_OFFSET;
	*out = p->nsources++;
	return 0;
}

static int grow_samples(struct pv_profile *p, size_t need)
{
	size_t ncap;
	void *a, *b, *c, *d = NULL;

	if (need <= p->samples_cap)
		return 0;
	ncap = p->samples_cap ? p->samples_cap * 2 : 4096;
	while (ncap < need)
		ncap *= 2;
	/* realloc one column at a time; a failure leaves the old (still
	 * valid, smaller) columns in place */
	a = realloc(p->sample_stack, ncap * sizeof(uint32_t));
	if (!a)
		return -1;
	p->sample_stack = a;
	b = realloc(p->sample_thread, ncap * sizeof(uint32_t));
	if (!b)
		return -1;
	p->sample_thread = b;
	if (!p->aggregate) {
		c = realloc(p->sample_time, ncap * sizeof(float));
		if (!c)
			return -1;
		p->sample_time = c;
	}
	if (p->sample_mem) {
		d = realloc(p->sample_mem, ncap * sizeof(uint32_t));
		if (!d)
			return -1;
		p->sample_mem = d;
	}
	if (p->sample_count) {
		d = realloc(p->sample_count, ncap * sizeof(uint32_t));
		if (!d)
			return -1;
		p->sample_count = d;
	}
	p->samples_cap = ncap;
	return 0;
}

int pv_profile_enable_memory(struct pv_profile *p, struct pv_error *err)
{
	size_t cap = p->samples_cap ? p->samples_cap : 4096;

	if (p->sample_mem || p->aggregate)
		return 0;   /* aggregated rows have no memory curve */
	p->sample_mem = calloc(cap, sizeof(uint32_t));
	if (!p->sample_mem)
		return pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET,
				    "out of memory");
	if (!p->samples_cap && grow_samples(p, cap))
		return pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET,
				    "out of memory");
	return 0;
}

/* Appends one row (time order, or a new aggregated pair). */
static int append_row(struct pv_profile *p, uint32_t stack, uint32_t thread,
		      float time, uint32_t mem_kib, uint32_t count,
		      struct pv_error *err)
{
	size_t i = p->nsamples;

	if (i >= p->samples_cap && grow_samples(p, i + 1))
		return pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET,
				    "out of memory");
	p->sample_stack[i] = stack;
	p->sample_thread[i] = thread;
	if (p->sample_time)
		p->sample_time[i] = time;
	if (p->sample_mem)
		p->sample_mem[i] = mem_kib;
	p->nsamples = i + 1;
	if (p->sample_count)
		p->sample_count[i] = count;
	else if (count != 1)
		return pv_profile_set_count(p, i, count, err);
	return 0;
}

struct sample_probe {
	const struct pv_profile *p;
	uint32_t stack, thread;
};

/* A pair's row, while it has room for more: a full row is passed over,
 * so the pair's next row (inserted after it) is found instead. */
static int sample_eq(const void *ctx, uint32_t row)
{
	const struct sample_probe *pr = ctx;
	const struct pv_profile *p = pr->p;

	return p->sample_stack[row] == pr->stack &&
	       p->sample_thread[row] == pr->thread &&
	       p->sample_count[row] != UINT32_MAX;
}

static inline uint64_t sample_hash(uint32_t stack, uint32_t thread)
{
	return pv_hash_mix((uint64_t)stack << 32 | thread);
}

/* Indexes the rows not indexed yet (all of them after a rewrite). */
static int index_samples(struct pv_profile *p)
{
	struct pv_index *ix = p->idx;

	for (; ix->samples_indexed < p->nsamples; ix->samples_indexed++) {
		size_t i = ix->samples_indexed;
		if (pv_rowindex_insert(&ix->samples,
				       sample_hash(p->sample_stack[i],
						   p->sample_thread[i]),
				       (uint32_t)i))
			return -1;
	}
	return 0;
}

void pv_profile__samples_changed(struct pv_profile *p)
{
	pv_rowindex_release(&p->idx->samples);
	p->idx->samples_indexed = 0;
	p->idx->last_row = SIZE_MAX;
}

int pv_profile_set_aggregate(struct pv_profile *p, struct pv_error *err)
{
	if (p->aggregate)
		return 0;
	p->aggregate = 1;
	free(p->sample_time);
	free(p->sample_mem);
	p->sample_time = NULL;
	p->sample_mem = NULL;
	p->idx->last_row = SIZE_MAX;
	return pv_profile_set_count(p, 0, 1, err);
}

/* Adds count samples of (stack, thread) to an aggregated profile. */
static int add_aggregated(struct pv_profile *p, uint32_t stack,
			  uint32_t thread, uint64_t count,
			  struct pv_error *err)
{
	struct pv_index *ix = p->idx;
	size_t last = ix->last_row;

	/* consecutive samples mostly repeat the pair before */
	if (last < p->nsamples && p->sample_stack[last] == stack &&
	    p->sample_thread[last] == thread &&
	    UINT32_MAX - p->sample_count[last] >= count) {
		p->sample_count[last] += (uint32_t)count;
		return 0;
	}
	while (count) {
		struct sample_probe pr = { p, stack, thread };
		uint64_t h = sample_hash(stack, thread);
		uint32_t row, room, c;

		if (ix->samples_indexed < p->nsamples && index_samples(p))
			return pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET,
					    "out of memory");
		row = pv_rowindex_find(&ix->samples, h, sample_eq, &pr);
		if (row != UINT32_MAX) {
			room = UINT32_MAX - p->sample_count[row];
			c = count < room ? (uint32_t)count : room;
			p->sample_count[row] += c;
			ix->last_row = row;
			count -= c;
			continue;
		}
		c = count < UINT32_MAX ? (uint32_t)count : UINT32_MAX;
		PV_TRY(append_row(p, stack, thread, 0, 0, c, err));
		if (pv_rowindex_insert(&ix->samples, h,
				       (uint32_t)(p->nsamples - 1)))
			return pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET,
					    "out of memory");
		ix->samples_indexed = p->nsamples;
		ix->last_row = p->nsamples - 1;
		count -= c;
	}
	return 0;
}

int pv_profile_add_samples(struct pv_profile *p, uint32_t stack,
			   uint32_t thread, float time, uint32_t mem_kib,
			   uint64_t count, struct pv_error *err)
{
	if (p->aggregate)
		return add_aggregated(p, stack, thread, count, err);
	while (count) {
		uint32_t c = count < UINT32_MAX ? (uint32_t)count : UINT32_MAX;
		PV_TRY(append_row(p, stack, thread, time, mem_kib, c, err));
		count -= c;
	}
	return 0;
}

int pv_profile_add_sample(struct pv_profile *p, uint32_t stack,
			  uint32_t thread, float time, uint32_t mem_kib,
			  struct pv_error *err)
{
	if (p->aggregate)
		return add_aggregated(p, stack, thread, 1, err);
	return append_row(p, stack, thread, time, mem_kib, 1, err);
}

int pv_profile_set_count(struct pv_profile *p, size_t i, uint32_t count,
			 struct pv_error *err)
{
	if (!p->sample_count) {
		size_t cap = p->samples_cap ? p->samples_cap : 1;
		p->sample_count = malloc(cap * sizeof(uint32_t));
		if (!p->sample_count)
			return pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET,
					    "out of memory");
		for (size_t j = 0; j < p->nsamples; j++)
			p->sample_count[j] = 1;
	}
	if (i < p->nsamples)
		p->sample_count[i] = count;
	return 0;
}

int pv_source_span(const struct pv_source *s, double *sec)
{
	double d;

	*sec = 0;
	if (!s->has_start || !s->has_end)
		return 0;
	d = ((double)s->end_sec - (double)s->start_sec) +
	    ((double)s->end_usec - (double)s->start_usec) / 1e6;
	if (d < 0)
		return 0;
	*sec = d;
	return 1;
}

uint64_t pv_profile_total_weight(const struct pv_profile *p)
{
	uint64_t t = 0;

	if (!pv_profile_has_weights(p))
		return p->nsamples;
	for (size_t i = 0; i < p->nsamples; i++)
		t += pv_sample_weight(p, i);
	return t;
}

uint64_t *pv_profile_stack_weights(const struct pv_profile *p)
{
	uint64_t *w = calloc(p->nstacks ? p->nstacks : 1, sizeof(*w));

	if (!w)
		return NULL;
	for (size_t i = 0; i < p->nsamples; i++) {
		uint32_t s = p->sample_stack[i];
		if (s < p->nstacks)
			w[s] += pv_profile_has_weights(p) ?
				pv_sample_weight(p, i) : 1;
	}
	return w;
}

const char *pv_func_label(const struct pv_func *f)
{
	return f->name ? f->name : "?";
}

int pv_func_cmp_location(const struct pv_func *a, const struct pv_func *b)
{
	int c = strcmp(a->file, b->file);

	if (c)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	return strcmp(a->module, b->module);
}

int pv_profile__rehash_frames(struct pv_profile *p)
{
	pv_rowindex_release(&p->idx->frames);
	for (uint32_t i = 0; i < p->nframes; i++)
		if (pv_rowindex_insert(&p->idx->frames,
				       frame_hash(&p->frames[i]), i))
			return -1;
	return 0;
}
