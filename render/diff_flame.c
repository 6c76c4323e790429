/* diff_flame.c - the differential flame graph: NEW's flame graph with
 * each frame coloured by how its share changed against BASE (red grew,
 * blue shrank, deeper for larger changes) and the before/after figures in
 * its tooltip; call paths of BASE that vanished are listed under the
 * graph.  Drawn by the flame graph machinery through its colour, tooltip
 * and note hooks (pv_flame.h).
 *
 * Frames are matched along call paths: a NEW node matches the BASE node
 * under the matched parent whose function has the same strings (name,
 * file, line, lang, module).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "render/pv_diff_render.h"

#define PATH_BYTES 400
/* closer than this (percent) is equal: 100 * n / n computed two ways
 * must not pass for a change */
#define SAME 1e-9

struct dflame {
	const struct pv_profile *a, *b;
	struct pv_calltree *ta, *tb;
	uint32_t *fmap;      /* b func -> a func or PV_NONE */
	uint32_t *match;     /* tb node -> ta node or PV_NONE */
	uint8_t *matched;    /* ta node has a match */
	double *va, *vb;     /* per tb node: before and after, percent */
	double root_a, root_b;
	double maxabs;       /* largest |after - before| over drawn nodes */
	int absolute;
};

static int nomem(struct pv_error *err)
{
	return pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET, "out of memory");
}

/* Microseconds a weight unit stands for, on average, in p. */
static double us_per_weight(const struct pv_profile *p, uint64_t total_w)
{
	double us = 0;

	for (size_t i = 0; i < p->nsamples; i++) {
		const struct pv_source *s =
			&p->sources[p->threads[p->sample_thread[i]].source];
		us += (double)s->period_usec * (double)pv_sample_count(p, i);
	}
	return total_w ? us / (double)total_w : 0;
}

static uint32_t child_with(const struct pv_calltree *t, uint32_t parent,
			   uint32_t func)
{
	uint32_t c = parent == PV_NONE ? t->first_root
				       : t->nodes[parent].first_child;

	for (; c != PV_NONE; c = t->nodes[c].next_sibling)
		if (t->nodes[c].func == func)
			return c;
	return PV_NONE;
}

static int prepare(struct dflame *f, struct pv_error *err)
{
	struct pv_diff_matcher *m = NULL;
	const struct pv_calltree *ta = f->ta, *tb = f->tb;
	double sa, sb;   /* value of one weight unit, in percent */

	f->fmap = malloc(((size_t)f->b->nfuncs + 1) * sizeof(uint32_t));
	f->match = malloc(((size_t)tb->nnodes + 1) * sizeof(uint32_t));
	f->matched = calloc((size_t)ta->nnodes + 1, 1);
	f->va = calloc((size_t)tb->nnodes + 1, sizeof(double));
	f->vb = calloc((size_t)tb->nnodes + 1, sizeof(double));
	if (!f->fmap || !f->match || !f->matched || !f->va || !f->vb)
		return nomem(err);
	if (pv_diff_matcher_new(&m, f->a, err) < 0)
		return PV_ENOMEM;
	for (uint32_t i = 0; i < f->b->nfuncs; i++)
		f->fmap[i] = pv_diff_matcher_find(m, f->b, i);
	pv_diff_matcher_free(m);

	if (f->absolute) {
		/* percent of the base's time */
		double ta_us = us_per_weight(f->a, ta->total) *
			       (double)ta->total;
		sa = ta_us > 0 ? 100.0 * us_per_weight(f->a, ta->total) / ta_us
			       : 0;
		sb = ta_us > 0 ? 100.0 * us_per_weight(f->b, tb->total) / ta_us
			       : 0;
	} else {
		sa = ta->total ? 100.0 / (double)ta->total : 0;
		sb = tb->total ? 100.0 / (double)tb->total : 0;
	}
	f->root_a = sa * (double)ta->total;
	f->root_b = sb * (double)tb->total;
	if (fabs(f->root_a - f->root_b) < SAME)
		f->root_a = f->root_b;
	/* node ids are parents first, so a parent's match is known */
	for (uint32_t n = 0; n < tb->nnodes; n++) {
		const struct pv_cnode *nd = &tb->nodes[n];
		uint32_t pm = nd->parent == PV_NONE ? PV_NONE
						    : f->match[nd->parent];
		uint32_t fa = nd->func == PV_NONE ? PV_NONE
						  : f->fmap[nd->func];
		uint32_t mm = PV_NONE;
		double d;

		if ((nd->parent == PV_NONE || pm != PV_NONE) && fa != PV_NONE)
			mm = child_with(ta, pm, fa);
		f->match[n] = mm;
		if (mm != PV_NONE) {
			f->matched[mm] = 1;
			f->va[n] = sa * (double)ta->nodes[mm].total;
		}
		f->vb[n] = sb * (double)nd->total;
		d = fabs(f->vb[n] - f->va[n]);
		if (d < SAME)
			f->va[n] = f->vb[n];
		else if (d > f->maxabs)
			f->maxabs = d;
	}
	return 0;
}

static void values(const struct dflame *f, uint32_t node, double *before,
		   double *after)
{
	if (node == PV_NONE) {
		*before = f->root_a;
		*after = f->root_b;
	} else {
		*before = f->va[node];
		*after = f->vb[node];
	}
}

/* Red when the share grew, blue when it shrank, grey when equal; the
 * colour deepens with the change relative to the largest one, from a
 * visible tint up to full saturation. */
static int color(void *ctx, const struct pv_calltree *t, uint32_t node,
		 uint32_t *rgb)
{
	const struct dflame *f = ctx;
	double before, after, s;
	uint32_t pale;

	(void)t;
	values(f, node, &before, &after);
	if (after == before || !(f->maxabs > 0)) {
		*rgb = 0xdcdcdc;
		return 1;
	}
	s = fabs(after - before) / f->maxabs;
	s = 0.12 + 0.88 * (s > 1 ? 1 : s);
	pale = (uint32_t)lround(235.0 * (1 - s));
	*rgb = after > before ? 0xff0000u | pale << 8 | pale
			      : pale << 16 | pale << 8 | 0xffu;
	return 1;
}

static size_t tooltip(void *ctx, const struct pv_calltree *t, uint32_t node,
		      char *buf, size_t len)
{
	const struct dflame *f = ctx;
	double before, after;
	int n;

	values(f, node, &before, &after);
	if (node != PV_NONE && f->match[node] == PV_NONE)
		n = snprintf(buf, len, "new frame: before 0.00%%, after %.2f%%"
			     ", %+.2f points", after, after);
	else if (f->absolute)
		n = snprintf(buf, len, "before %.2f%%, after %.2f%% of the "
			     "base's time, %+.2f points", before, after,
			     after - before);
	else {
		double z, p = 1;
		if (node != PV_NONE)
			p = pv_diff_ztest(f->ta->nodes[f->match[node]].total,
					  f->ta->total, t->nodes[node].total,
					  t->total, &z);
		n = snprintf(buf, len, "before %.2f%%, after %.2f%%, %+.2f "
			     "points (p=%.2g, this frame alone)", before,
			     after, after - before, p);
	}
	return n < 0 ? 0 : (size_t)n;
}

/* "root;...;name" of a base node into buf. */
static void path_of(const struct dflame *f, uint32_t node, char *buf,
		    size_t len)
{
	uint32_t chain[64], n = 0;
	size_t at = 0;
	char nb[64];

	for (uint32_t c = node; c != PV_NONE && n < 64;
	     c = f->ta->nodes[c].parent)
		chain[n++] = c;
	buf[0] = 0;
	if (n == 64)
		at = (size_t)snprintf(buf, len, "...;");
	while (n-- && at < len) {
		int k = snprintf(buf + at, len - at, "%s%s", at ? ";" : "",
				 pv_cnode_name(f->a, f->ta, chain[n], nb));
		at += k > 0 ? (size_t)k : 0;
	}
}

struct gone {
	uint32_t node;
	double before;
};

static int by_before(const void *x, const void *y)
{
	const struct gone *g = x, *h = y;

	if (g->before != h->before)
		return g->before > h->before ? -1 : 1;
	return (g->node > h->node) - (g->node < h->node);
}

/* Notes for the base frames with no counterpart whose parent has one
 * (the top of each vanished subtree), largest first. */
static int vanished(const struct dflame *f, size_t max,
		    struct pv_flame_note **out, char **texts, size_t *n,
		    struct pv_error *err)
{
	const struct pv_calltree *ta = f->ta;
	struct gone *g = malloc(((size_t)ta->nnodes + 1) * sizeof(*g));
	double sa = ta->total ? 100.0 / (double)ta->total : 0;
	size_t ng = 0, shown;
	char *text;

	*out = NULL;
	*texts = NULL;
	*n = 0;
	if (!g)
		return nomem(err);
	for (uint32_t m = 0; m < ta->nnodes; m++) {
		uint32_t p = ta->nodes[m].parent;
		if (f->matched[m] || !ta->nodes[m].total ||
		    (p != PV_NONE && !f->matched[p]))
			continue;
		g[ng].node = m;
		g[ng++].before = sa * (double)ta->nodes[m].total;
	}
	if (ng > 1)
		qsort(g, ng, sizeof(*g), by_before);
	shown = ng < max ? ng : max;
	*out = calloc(shown + 2, sizeof(**out));
	text = calloc(shown + 2, PATH_BYTES + 64);
	if (!*out || !text) {
		free(g);
		free(*out);
		free(text);
		*out = NULL;
		return nomem(err);
	}
	*texts = text;
	for (size_t i = 0; i <= shown; i++) {
		char *t = text + i * (PATH_BYTES + 64), path[PATH_BYTES];
		if (i == 0) {
			snprintf(t, PATH_BYTES + 64, ng ? "%zu call path%s of "
				 "the base vanished:" : "no call path of the "
				 "base vanished", ng, ng == 1 ? "" : "s");
			(*out)[(*n)++] = (struct pv_flame_note){ t, 0x808080 };
			continue;
		}
		path_of(f, g[i - 1].node, path, sizeof(path));
		snprintf(t, PATH_BYTES + 64, "gone: %s (%.2f%% before)", path,
			 g[i - 1].before);
		(*out)[(*n)++] = (struct pv_flame_note){ t, 0x0000ff };
	}
	if (ng > shown) {
		char *t = text + (shown + 1) * (PATH_BYTES + 64);
		snprintf(t, PATH_BYTES + 64, "... and %zu more", ng - shown);
		(*out)[(*n)++] = (struct pv_flame_note){ t, 0x0000ff };
	}
	free(g);
	return 0;
}

int pv_render_diff_flame(FILE *out, const struct pv_profile *a,
			 const struct pv_profile *b,
			 const struct pv_diff_flame_opts *o,
			 struct pv_error *err)
{
	struct dflame f = { .a = a, .b = b, .absolute = o->absolute };
	struct pv_tree_opts to = { 0 };
	struct pv_flame_opts fo = o->fo;
	struct pv_flame_layout *l = NULL;
	struct pv_flame_note *notes = NULL;
	struct pv_flame_key keys[5];
	char *texts = NULL, sub[256], kt[2][80];
	size_t nnotes = 0;
	int rc;

	rc = pv_calltree_build(&f.ta, a, &to, err);
	if (!rc)
		rc = pv_calltree_build(&f.tb, b, &to, err);
	if (!rc)
		rc = pv_calltree_sort(f.tb, b, pv_cnode_cmp_name);
	if (!rc)
		rc = prepare(&f, err);
	if (!rc)
		rc = vanished(&f, o->max_notes ? o->max_notes : 20, &notes,
			      &texts, &nnotes, err);
	if (rc)
		goto done;
	if (!fo.title)
		fo.title = "Differential flame graph";
	if (!fo.subtitle) {
		snprintf(sub, sizeof(sub), "frames of the new profile; red: "
			 "%s grew, blue: shrank (largest change %.2f points)",
			 o->absolute ? "time" : "share", f.maxabs);
		fo.subtitle = sub;
	}
	if (b->weighted || b->sample_count)
		fo.unit = b->weighted ? "us" : fo.unit;
	/* the scale, from most shrunk to most grown: what color() gives
	 * at either end and at the faintest tint */
	snprintf(kt[0], sizeof(kt[0]), "shrank (full blue: -%.2f points)", f.maxabs);
	snprintf(kt[1], sizeof(kt[1]), "grew (full red: +%.2f points)", f.maxabs);
	keys[0] = (struct pv_flame_key){ kt[0], 0x0000ff };
	keys[1] = (struct pv_flame_key){ "shrank a little", 0xcfcfff };
	keys[2] = (struct pv_flame_key){ "unchanged", 0xdcdcdc };
	keys[3] = (struct pv_flame_key){ "grew a little", 0xffcfcf };
	keys[4] = (struct pv_flame_key){ kt[1], 0xff0000 };
	if (!fo.keys && f.maxabs > 0) {
		fo.keys = keys;
		fo.nkeys = 5;
	} else if (!fo.keys) {
		fo.keys = &keys[2];
		fo.nkeys = 1;
	}
	fo.hooks.color = color;
	fo.hooks.tooltip = tooltip;
	fo.hooks.ctx = &f;
	fo.notes = notes;
	fo.nnotes = nnotes;
	rc = pv_flame_layout_new(&l, b, f.tb, &fo, err);
	if (!rc)
		rc = pv_render_flame_svg(l, out, err);
done:
	pv_flame_layout_free(l);
	pv_calltree_free(f.ta);
	pv_calltree_free(f.tb);
	free(f.fmap);
	free(f.match);
	free(f.matched);
	free(f.va);
	free(f.vb);
	free(notes);
	free(texts);
	return rc;
}
