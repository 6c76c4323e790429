/* funcstats.c - self and total per function, file, line or module
 * (pv_funcstats.h).
 *
 * Frames are few, so each frame gets its row once (a hash on the row key);
 * then one pass over the distinct stacks that carry weight walks each path
 * and stamps every row it meets with the stack's id, which counts a row
 * once per stack however often it recurs.
 */
#include <stdlib.h>
#include <string.h>

#include "profile/pv_buf.h"
#include "profile/pv_funcstats.h"
#include "profile/pv_sort.h"
#include "profile/pv_hash.h"

struct key {
	uint32_t func;       /* PV_NONE when rows are files or modules */
	uint32_t line;
	const char *file;    /* interned: pointer equality is text equality */
};

struct keyset {
	struct pv_rowindex ix;
	struct key *keys;
	struct pv_funcstats *fs;
	uint32_t cap;
};

struct key_probe {
	const struct keyset *ks;
	struct key k;
};

static int key_eq(const void *ctx, uint32_t row)
{
	const struct key_probe *pr = ctx;
	const struct key *k = &pr->ks->keys[row];

	return k->func == pr->k.func && k->line == pr->k.line &&
	       k->file == pr->k.file;
}

static uint64_t key_hash(const struct key *k)
{
	uint64_t h = pv_hash_mix(k->func);

	h = pv_hash_combine(h, k->line);
	return pv_hash_combine(h, (uint64_t)(uintptr_t)k->file);
}

/* The row key of one frame under the grouping. */
static struct key frame_key(const struct pv_profile *p,
			    const struct pv_frame *fr, enum pv_fs_by by)
{
	const struct pv_func *f = &p->funcs[fr->func];
	int native = f->lang == PV_LANG_NATIVE;
	struct key k = { PV_NONE, 0, "" };

	switch (by) {
	case PV_FS_FUNCTION:
		k.func = fr->func;
		break;
	case PV_FS_LINE:
		/* a frame with no current line (not lines mode, native code)
		 * is one row for the whole function */
		k.func = fr->func;
		k.line = fr->line;
		break;
	case PV_FS_FILE:
		k.file = f->file[0] ? f->file : f->module;
		break;
	case PV_FS_MODULE:
		/* Python code groups by its file, native code by the library
		 * it was loaded from */
		k.file = native ? f->module : f->file;
		k.line = native;   /* keeps a library apart from a same-named file */
		break;
	}
	return k;
}

/* Row of frame fr, created when new; PV_NONE when out of memory. */
static uint32_t frame_row(struct keyset *ks, const struct pv_profile *p,
			  uint32_t frame, enum pv_fs_by by)
{
	const struct pv_frame *fr = &p->frames[frame];
	struct key_probe pr = { ks, frame_key(p, fr, by) };
	uint64_t h = key_hash(&pr.k);
	uint32_t row = pv_rowindex_find(&ks->ix, h, key_eq, &pr);
	struct pv_funcstats *fs = ks->fs;
	struct pv_fstat *r;

	if (row != UINT32_MAX)
		return row;
	if (fs->nrows == ks->cap) {
		uint32_t ncap = ks->cap ? ks->cap * 2 : 64;
		struct pv_fstat *nr = realloc(fs->rows, ncap * sizeof(*nr));
		struct key *nk;
		if (!nr)
			return PV_NONE;
		fs->rows = nr;
		nk = realloc(ks->keys, ncap * sizeof(*nk));
		if (!nk)
			return PV_NONE;
		ks->keys = nk;
		ks->cap = ncap;
	}
	if (pv_rowindex_insert(&ks->ix, h, fs->nrows))
		return PV_NONE;
	row = fs->nrows++;
	ks->keys[row] = pr.k;
	r = &fs->rows[row];
	memset(r, 0, sizeof(*r));
	r->func = fr->func;
	r->native = p->funcs[fr->func].lang == PV_LANG_NATIVE;
	if (by == PV_FS_LINE)
		r->line = fr->line ? fr->line : p->funcs[fr->func].line;
	else if (by == PV_FS_FUNCTION)
		r->line = p->funcs[fr->func].line;
	r->file = by == PV_FS_FUNCTION || by == PV_FS_LINE ?
		  (p->funcs[fr->func].file[0] ? p->funcs[fr->func].file :
		   p->funcs[fr->func].module) :
		  pr.k.file;
	return row;
}

uint64_t *pv_funcstats_weights(const struct pv_profile *p,
			       pv_sample_pred keep, void *ctx,
			       uint64_t *empty)
{
	uint64_t *w = calloc(p->nstacks ? p->nstacks : 1, sizeof(*w));

	*empty = 0;
	if (!w)
		return NULL;
	for (size_t i = 0; i < p->nsamples; i++) {
		uint32_t s = p->sample_stack[i];
		uint64_t wi;
		if (keep && !keep(ctx, p, i))
			continue;
		wi = pv_sample_weight(p, i);
		if (s < p->nstacks)
			w[s] += wi;
		else
			*empty += wi;
	}
	return w;
}

/* Scratch a build reuses: rowof[frame] caches the frame's row (PV_NONE
 * when not seen), touched lists the frames set, so that only they are
 * reset for the next build. */
struct scratch {
	uint32_t *rowof;
	struct pv_buf touched;   /* uint32_t */
};

static int scratch_init(struct scratch *sc, const struct pv_profile *p)
{
	size_t n = p->nframes ? p->nframes : 1;

	memset(sc, 0, sizeof(*sc));
	sc->rowof = malloc(n * sizeof(*sc->rowof));
	if (!sc->rowof)
		return -1;
	memset(sc->rowof, 0xff, n * sizeof(*sc->rowof));
	return 0;
}

static void scratch_reset(struct scratch *sc)
{
	for (size_t i = 0; i < PV_BUF_COUNT(&sc->touched, uint32_t); i++)
		sc->rowof[PV_BUF_ITEMS(&sc->touched, uint32_t)[i]] = PV_NONE;
	pv_buf_reset(&sc->touched);
}

static void scratch_free(struct scratch *sc)
{
	free(sc->rowof);
	pv_buf_release(&sc->touched);
}

/* The rows of the stacks list[0..n) with weights w[stack] (dense, indexed
 * by stack row; every listed stack has w > 0).  Costs what the listed
 * stacks hold, not the profile's size. */
static int build_list(struct pv_funcstats **out, const struct pv_profile *p,
		      enum pv_fs_by by, const uint32_t *list, size_t n,
		      const uint64_t *w, uint64_t empty, struct scratch *sc,
		      struct pv_error *err)
{
	struct keyset ks = { 0 };
	uint32_t *stamp = NULL;
	uint64_t framed = 0;
	uint32_t j = 0;

	*out = NULL;
	ks.fs = calloc(1, sizeof(*ks.fs));
	if (!ks.fs)
		return pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET,
				    "out of memory");
	ks.fs->by = by;
	pv_rowindex_init(&ks.ix);
	for (size_t i = 0; i < n; i++) {
		uint32_t s = list[i], row, leaf = 1;
		framed += w[s];
		for (uint32_t r = s; r != PV_NONE; r = p->stacks[r].prefix) {
			uint32_t fr = p->stacks[r].frame;
			if (sc->rowof[fr] == PV_NONE) {
				if (pv_buf_add(&sc->touched, &fr, sizeof(fr)))
					goto nomem;
				sc->rowof[fr] = frame_row(&ks, p, fr, by);
				if (sc->rowof[fr] == PV_NONE)
					goto nomem;
			}
			if (!leaf)
				continue;
			row = sc->rowof[fr];
			ks.fs->rows[row].self += w[s];
			if (p->frames[fr].kind == PV_KIND_JIT)
				ks.fs->rows[row].self_jit += w[s];
			leaf = 0;
		}
	}
	/* totals: stamp[row] = last stack that counted the row */
	stamp = malloc((ks.fs->nrows ? ks.fs->nrows : 1) * sizeof(*stamp));
	if (!stamp)
		goto nomem;
	memset(stamp, 0xff, (ks.fs->nrows ? ks.fs->nrows : 1) * sizeof(*stamp));
	for (size_t i = 0; i < n; i++) {
		uint32_t s = list[i];
		for (uint32_t r = s; r != PV_NONE; r = p->stacks[r].prefix) {
			uint32_t fr = p->stacks[r].frame, row = sc->rowof[fr];
			struct pv_fstat *st = &ks.fs->rows[row];
			st->kinds |= (uint16_t)(1u << p->frames[fr].kind);
			if (stamp[row] == s)
				continue;
			stamp[row] = s;
			st->total += w[s];
		}
	}
	for (uint32_t i = 0; i < ks.fs->nrows; i++)
		if (ks.fs->rows[i].total)
			ks.fs->rows[j++] = ks.fs->rows[i];
	ks.fs->nrows = j;
	ks.fs->empty = empty;
	ks.fs->total = framed + empty;
	free(stamp);
	free(ks.keys);
	pv_rowindex_release(&ks.ix);
	scratch_reset(sc);
	*out = ks.fs;
	return 0;
nomem:
	free(stamp);
	free(ks.keys);
	pv_rowindex_release(&ks.ix);
	pv_funcstats_free(ks.fs);
	scratch_reset(sc);
	return pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET, "out of memory");
}

int pv_funcstats_build(struct pv_funcstats **out, const struct pv_profile *p,
		       enum pv_fs_by by, const uint64_t *w, uint64_t empty,
		       struct pv_error *err)
{
	struct scratch sc;
	uint64_t *own = NULL;
	uint32_t *list = NULL;
	size_t n = 0;
	int rc;

	*out = NULL;
	if (!w) {
		own = pv_funcstats_weights(p, NULL, NULL, &empty);
		if (!own)
			return pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET,
					    "out of memory");
		w = own;
	}
	list = malloc((p->nstacks ? p->nstacks : 1) * sizeof(*list));
	if (!list || scratch_init(&sc, p) < 0) {
		free(list);
		free(own);
		return pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET,
				    "out of memory");
	}
	for (uint32_t s = 0; s < p->nstacks; s++)
		if (w[s])
			list[n++] = s;
	rc = build_list(out, p, by, list, n, w, empty, &sc, err);
	scratch_free(&sc);
	free(list);
	free(own);
	return rc;
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

int pv_funcstats_build_groups(uint32_t ngroups, const struct pv_profile *p,
			      enum pv_fs_by by, pv_sample_group group,
			      void *gctx, pv_group_stats each, void *ctx,
			      struct pv_error *err)
{
	uint32_t *gof = NULL, *order = NULL, *list = NULL;
	size_t *start = NULL;
	uint64_t *w = NULL;
	struct scratch sc = { 0 };
	int rc = 0;

	gof = malloc((p->nsamples ? p->nsamples : 1) * sizeof(*gof));
	order = malloc((p->nsamples ? p->nsamples : 1) * sizeof(*order));
	list = malloc((p->nsamples ? p->nsamples : 1) * sizeof(*list));
	start = calloc((size_t)ngroups + 2, sizeof(*start));
	w = calloc(p->nstacks ? p->nstacks : 1, sizeof(*w));
	if (!gof || !order || !list || !start || !w ||
	    scratch_init(&sc, p) < 0)
		goto nomem;
	/* one pass: the samples of each group, in order (counting sort) */
	for (size_t i = 0; i < p->nsamples; i++) {
		gof[i] = group(gctx, p, i);
		if (gof[i] < ngroups)
			start[gof[i] + 2]++;
	}
	for (uint32_t g = 0; g < ngroups; g++)
		start[g + 2] += start[g + 1];
	for (size_t i = 0; i < p->nsamples; i++)
		if (gof[i] < ngroups)
			order[start[gof[i] + 1]++] = (uint32_t)i;
	/* start[g] .. start[g + 1] now holds group g's samples */
	for (uint32_t g = 0; g < ngroups && !rc; g++) {
		uint64_t empty = 0;
		size_t n = 0;
		for (size_t k = start[g]; k < start[g + 1]; k++) {
			size_t i = order[k];
			uint32_t s = p->sample_stack[i];
			uint64_t wi = pv_sample_weight(p, i);
			if (s >= p->nstacks) {
				empty += wi;
				continue;
			}
			if (!w[s])
				list[n++] = s;
			w[s] += wi;
		}
		/* a weight of 0 (a zero-weight sample) would list a stack
		 * twice; drop such repeats */
		qsort(list, n, sizeof(*list), cmp_u32);
		{
			size_t m = 0;
			for (size_t k = 0; k < n; k++)
				if ((!m || list[m - 1] != list[k]) && w[list[k]])
					list[m++] = list[k];
			n = m;
		}
		{
			struct pv_funcstats *fs = NULL;
			rc = build_list(&fs, p, by, list, n, w, empty, &sc,
					err);
			for (size_t k = 0; k < n; k++)
				w[list[k]] = 0;
			/* the caller takes fs; one group at a time, so memory
			 * is one group's rows, not every group's */
			if (rc == 0)
				rc = each(ctx, g, fs);
		}
	}
	goto done;
nomem:
	rc = pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET, "out of memory");
done:
	scratch_free(&sc);
	free(gof);
	free(order);
	free(list);
	free(start);
	free(w);
	return rc;
}

void pv_funcstats_free(struct pv_funcstats *fs)
{
	if (!fs)
		return;
	free(fs->rows);
	free(fs);
}

const char *pv_fstat_label(const struct pv_funcstats *fs,
			   const struct pv_profile *p,
			   const struct pv_fstat *r)
{
	if (fs->by == PV_FS_FUNCTION || fs->by == PV_FS_LINE)
		return pv_func_label(&p->funcs[r->func]);
	if (r->file[0])
		return r->file;
	return r->native ? "[native, module unknown]" : "[unknown file]";
}

/* What cmp_rows compares by. */
struct sort_ctx {
	const struct pv_profile *p;
	const struct pv_funcstats *fs;
	enum pv_fs_sort how;
};

static int cmp_u64_desc(uint64_t a, uint64_t b)
{
	return a > b ? -1 : a < b;
}

static int cmp_rows(const void *va, const void *vb, void *vctx)
{
	const struct pv_fstat *a = va, *b = vb;
	const struct sort_ctx *x = vctx;
	int c = 0;

	if (x->how == PV_FS_SORT_SELF) {
		c = cmp_u64_desc(a->self, b->self);
		if (!c)
			c = cmp_u64_desc(a->total, b->total);
	} else if (x->how == PV_FS_SORT_TOTAL) {
		c = cmp_u64_desc(a->total, b->total);
		if (!c)
			c = cmp_u64_desc(a->self, b->self);
	}
	if (c)
		return c;
	c = strcmp(pv_fstat_label(x->fs, x->p, a),
		   pv_fstat_label(x->fs, x->p, b));
	if (c)
		return c;
	c = strcmp(a->file, b->file);
	if (c)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	return a->func < b->func ? -1 : a->func > b->func;
}

void pv_funcstats_sort(struct pv_funcstats *fs, const struct pv_profile *p,
		       enum pv_fs_sort how)
{
	struct sort_ctx x = { p, fs, how };

	if (fs->nrows > 1)   /* rows is NULL when empty */
		pv_sort(fs->rows, fs->nrows, sizeof(*fs->rows), cmp_rows, &x);
}
