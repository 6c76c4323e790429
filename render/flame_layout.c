/* flame_layout.c - call tree to flame graph rectangles, shared by the SVG
 * writer and the cairo renderer, plus the names, kinds and colours every
 * renderer shows.
 *
 * Widths are proportional to weight; children sit left to right in the
 * tree's sibling order from their parent's left edge, so x says nothing
 * about time.  Frames narrower than minwidth are left out with their
 * subtrees; their weight stays in the parent's width.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/flame_int.h"
#include "render/pv_xmlsafe.h"

#define DEF_WIDTH 1200.0
#define DEF_FRAME_HEIGHT 16.0
#define DEF_MINWIDTH 0.1
#define DEF_MAX_SIZE ((size_t)5 << 20)
#define MAX_WIDTH 100000.0
#define PAD_X 10.0

int pv_flame_palette_parse(const char *name, enum pv_flame_palette *out)
{
	static const char *const names[] = { "kind", "hot", "mem", "io",
					     "blue", "green", "aqua" };

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (!strcmp(name, names[i])) {
			*out = (enum pv_flame_palette)i;
			return 0;
		}
	}
	return -1;
}

const char *pv_flame_name(const struct pv_flame_layout *l, uint32_t rect,
			  char *buf)
{
	uint32_t node = l->rects[rect].node;

	if (node == PV_NONE)
		return "all";
	return pv_cnode_name(l->p, l->t, node, buf);
}

enum pv_kind pv_flame_pick_kind(uint32_t kinds)
{
	if (kinds & (1u << PV_KIND_JIT))
		return PV_KIND_JIT;
	for (int k = 0; k < PV_KIND_COUNT; k++)
		if (kinds & (1u << k))
			return (enum pv_kind)k;
	return PV_KIND_UNKNOWN;
}

/* The kind a node is drawn as (pv_flame_pick_kind of its frames). */
static enum pv_kind node_kind(const struct pv_flame_layout *l, uint32_t node)
{
	const struct pv_cnode *n;

	if (node == PV_NONE)
		return PV_KIND_THREAD;
	n = &l->t->nodes[node];
	if (n->thread != PV_NONE)
		return PV_KIND_THREAD;
	return pv_flame_pick_kind(n->kinds);
}

const char *pv_flame_kind_text(const struct pv_flame_layout *l,
			       uint32_t rect, char *buf)
{
	uint32_t node = l->rects[rect].node;
	size_t n = 0;

	buf[0] = '\0';
	if (node == PV_NONE)
		return "root";
	if (l->t->nodes[node].thread != PV_NONE)
		return "thread";
	for (int k = 0; k < PV_KIND_COUNT && n < 50; k++) {
		if (!(l->t->nodes[node].kinds & (1u << k)))
			continue;
		n += (size_t)snprintf(buf + n, 64 - n, "%s%s", n ? "+" : "",
				      pv_kind_name((enum pv_kind)k));
	}
	return n ? buf : "unknown";
}

static uint32_t rgb(double r, double g, double b)
{
	return (uint32_t)r << 16 | (uint32_t)g << 8 | (uint32_t)b;
}

/* FNV-1a of the name: the same function gets the same shade in every
 * graph, whatever else the profile holds. */
static double name_shade(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return (double)(h % 1000) / 1000.0;
}

uint32_t pv_flame_palette_color(enum pv_flame_palette pal, enum pv_kind kind,
				const char *name)
{
	double v = name_shade(name);

	switch (pal) {
	case PV_FLAME_HOT: return rgb(205 + 50 * v, 230 * v, 55 * v);
	case PV_FLAME_MEM: return rgb(0, 190 + 50 * v, 210 * v);
	case PV_FLAME_IO: return rgb(80 + 60 * v, 80 + 60 * v, 190 + 55 * v);
	case PV_FLAME_BLUE: return rgb(70 + 50 * v, 110 + 60 * v, 220 + 35 * v);
	case PV_FLAME_GREEN: return rgb(60 + 50 * v, 180 + 60 * v, 60 + 50 * v);
	case PV_FLAME_AQUA: return rgb(50 + 50 * v, 170 + 60 * v, 170 + 60 * v);
	case PV_FLAME_KIND: break;
	}
	switch (kind) {
	case PV_KIND_PYTHON:     /* greens to yellow-greens */
		return rgb(90 + 110 * v, 190 + 40 * v, 70 + 30 * v);
	case PV_KIND_JIT:        /* aquas */
		return rgb(40 + 40 * v, 170 + 50 * v, 200 + 45 * v);
	case PV_KIND_NATIVE:     /* oranges to reds */
	case PV_KIND_INLINE:
		return rgb(225 + 30 * v, 90 + 100 * v, 40 + 30 * v);
	case PV_KIND_THREAD:     /* greys */
		return rgb(185 + 20 * v, 185 + 20 * v, 195 + 20 * v);
	default:                 /* GC and the rest: purples */
		return rgb(165 + 45 * v, 120 + 40 * v, 210 + 40 * v);
	}
}

uint32_t pv_flame_color(const struct pv_flame_layout *l, uint32_t rect)
{
	uint32_t node = l->rects[rect].node, c;
	char buf[64];

	if (l->o.hooks.color && l->o.hooks.color(l->o.hooks.ctx, l->t, node, &c))
		return c & 0xffffff;
	return pv_flame_palette_color(l->o.palette, node_kind(l, node),
				      pv_flame_name(l, rect, buf));
}

/* Bytes a frame costs in the SVG, an upper estimate: markup, the name in
 * the title and label, the location, escaping slack. */
static size_t frame_cost(const struct pv_flame_layout *l, uint32_t node)
{
	const struct pv_func *f;
	size_t name;

	if (node == PV_NONE || l->t->nodes[node].func == PV_NONE)
		return 200;
	f = &l->p->funcs[l->t->nodes[node].func];
	name = strlen(f->name);
	return 200 + name + name / 2 + strlen(f->file) + strlen(f->module) +
	       (l->o.hooks.tooltip ? 96 : 0);
}

struct walk_item {
	uint32_t node, parent;
	uint64_t start;
};

/* Called by walk() for each frame it keeps: node, what visit returned
 * for the frame's parent (walk's root argument for the roots), its start
 * weight (the weight of the siblings before it, plus its parent's start)
 * and its width in px.  Returns what the frame's children get as their
 * parent. */
typedef uint32_t (*visit_fn)(void *ctx, uint32_t node, uint32_t parent,
			     uint64_t start, double w);

/* The one walk of the layout: every frame of l->t at least minwidth px
 * wide at l's scale, depth first, parents before children and siblings
 * in order.  A frame narrower than minwidth (or of weight 0) is left out
 * with every frame above it, and counted in *omitted.  Changes nothing
 * in l.  Returns 0 or PV_ENOMEM. */
static int walk(const struct pv_flame_layout *l, double minwidth,
		uint32_t root, visit_fn visit, void *ctx, uint64_t *omitted)
{
	const struct pv_calltree *t = l->t;
	double inner = l->o.width - 2 * PAD_X;
	double scale = l->total ? inner / (double)l->total : 0;
	struct walk_item *st = NULL;
	size_t nst = 0, cap = 0;
	int rc = 0;

	*omitted = 0;
	/* push the roots in reverse so they pop in sibling order */
	for (int pass = 0; pass < 2 && rc == 0; pass++) {
		uint64_t start = 0;
		for (uint32_t c = t->first_root; c != PV_NONE;
		     c = t->nodes[c].next_sibling) {
			if (pass == 0) {
				cap++;
				continue;
			}
			st[nst++] = (struct walk_item){ c, root, start };
			start += t->nodes[c].total;
		}
		if (pass == 0) {
			st = malloc((cap ? cap : 1) * sizeof(*st));
			if (!st)
				return PV_ENOMEM;
		}
	}
	for (size_t a = 0, b = nst ? nst - 1 : 0; a < b; a++, b--) {
		struct walk_item tmp = st[a];
		st[a] = st[b];
		st[b] = tmp;
	}
	while (nst) {
		struct walk_item it = st[--nst];
		const struct pv_cnode *n = &t->nodes[it.node];
		double w = (double)n->total * scale;
		uint32_t me;
		uint64_t start;
		size_t kids = 0;

		if (w < minwidth || !n->total) {
			(*omitted)++;
			continue;
		}
		me = visit(ctx, it.node, it.parent, it.start, w);
		for (uint32_t c = n->first_child; c != PV_NONE;
		     c = t->nodes[c].next_sibling)
			kids++;
		if (nst + kids > cap) {
			void *ns;
			while (nst + kids > cap)
				cap *= 2;
			ns = realloc(st, cap * sizeof(*st));
			if (!ns) {
				rc = PV_ENOMEM;
				break;
			}
			st = ns;
		}
		/* children in reverse, so the first sibling pops first */
		nst += kids;
		start = it.start;
		{
			size_t k = nst;
			for (uint32_t c = n->first_child; c != PV_NONE;
			     c = t->nodes[c].next_sibling) {
				st[--k] = (struct walk_item){ c, me, start };
				start += t->nodes[c].total;
			}
		}
	}
	free(st);
	return rc;
}

struct measure {
	const struct pv_flame_layout *l;
	double *widths;
	size_t *costs;
	size_t n;
};

static uint32_t measure_frame(void *ctx, uint32_t node, uint32_t parent,
			      uint64_t start, double w)
{
	struct measure *m = ctx;

	(void)parent;
	(void)start;
	m->widths[m->n] = w;
	m->costs[m->n++] = frame_cost(m->l, node);
	return 0;
}

/* Measures the frames the layout would draw at minwidth: the width (px)
 * and SVG cost (frame_cost) of each, to widths[i] and costs[i] for i <
 * *n, in walk order; both arrays hold t->nnodes.  Changes nothing in l.
 * Returns 0 or PV_ENOMEM. */
static int measure(const struct pv_flame_layout *l, double minwidth,
		   double *widths, size_t *costs, size_t *n)
{
	struct measure m = { l, widths, costs, 0 };
	uint64_t omitted;
	int rc = walk(l, minwidth, 0, measure_frame, &m, &omitted);

	*n = m.n;
	return rc;
}

static uint32_t emit_frame(void *ctx, uint32_t node, uint32_t parent,
			   uint64_t start, double w)
{
	struct pv_flame_layout *l = ctx;
	double inner = l->o.width - 2 * PAD_X;
	double scale = l->total ? inner / (double)l->total : 0;
	uint32_t depth = l->rects[parent].depth + 1, me = l->nrects++;

	l->rects[me] = (struct pv_flame_rect){ node, parent, depth, start,
		l->t->nodes[node].total, (double)start * scale, w };
	if (depth > l->max_depth)
		l->max_depth = depth;
	return me;
}

/* Lays the frames out at minwidth: l->rects (room for t->nnodes + 1)
 * gets the root rect (the whole width, depth 0) then every frame walk()
 * keeps, parents before children; sets nrects, omitted and max_depth.
 * Returns 0 or PV_ENOMEM. */
static int emit(struct pv_flame_layout *l, double minwidth)
{
	double inner = l->o.width - 2 * PAD_X;

	l->rects[0] = (struct pv_flame_rect){ PV_NONE, UINT32_MAX, 0, 0,
					      l->total, 0, inner };
	l->nrects = 1;
	l->max_depth = 0;
	return walk(l, minwidth, 0, emit_frame, l, &l->omitted);
}

static int cmp_desc(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? 1 : x > y ? -1 : 0;
}

/* The smallest minwidth >= want at which the frames fit the budget. */
static int fit_budget(struct pv_flame_layout *l, double want, size_t count,
		      double *out)
{
	double *w = malloc((count ? count : 1) * sizeof(*w));
	size_t *c = malloc((count ? count : 1) * sizeof(*c));
	size_t n = 0, used = 20000 + 40 * l->o.nnotes, i;
	double *pairs;
	int rc;

	*out = want;
	if (!w || !c) {
		free(w);
		free(c);
		return PV_ENOMEM;
	}
	rc = measure(l, want, w, c, &n);
	for (i = 0; i < n; i++)
		used += c[i];
	if (rc == 0 && used > l->o.max_size) {
		/* sort (width, cost) pairs by width, widest first, and keep
		 * frames while they fit; ties at the cut go together */
		pairs = malloc((n ? n : 1) * 2 * sizeof(double));
		if (!pairs) {
			rc = PV_ENOMEM;
		} else {
			for (i = 0; i < n; i++) {
				pairs[2 * i] = w[i];
				pairs[2 * i + 1] = (double)c[i];
			}
			qsort(pairs, n, 2 * sizeof(double), cmp_desc);
			used = 20000 + 40 * l->o.nnotes;
			for (i = 0; i < n; i++) {
				if (used + (size_t)pairs[2 * i + 1] >
				    l->o.max_size)
					break;
				used += (size_t)pairs[2 * i + 1];
			}
			if (i < n) {
				double cut = pairs[2 * i];
				*out = cut * (1 + 1e-9) + 1e-12;
				l->raised = 1;
			}
			free(pairs);
		}
	}
	free(w);
	free(c);
	return rc;
}

uint64_t pv_flame_min_weight(const struct pv_flame_opts *o, uint64_t total)
{
	double width = o->width > 0 ? o->width : DEF_WIDTH;
	double minw = o->minwidth < 0 ? DEF_MINWIDTH : o->minwidth;
	double scale, est;
	uint64_t lo;

	if (!total || minw <= 0 || width < 2 * PAD_X + 10 ||
	    width > MAX_WIDTH)
		return 0;
	/* the same arithmetic as walk(): a frame is drawn when
	 * (double)weight * scale >= minwidth */
	scale = (width - 2 * PAD_X) / (double)total;
	est = minw / scale * (1 - 1e-9);
	if (est >= (double)total)
		return total;   /* below every weight that could draw */
	lo = (uint64_t)est;
	/* a few exact steps to the smallest weight that draws; stopping
	 * short above it would lose frames, so then prune nothing, and
	 * stopping short below it only keeps frames the layout leaves out
	 * itself */
	for (int i = 0; lo && (double)(lo - 1) * scale >= minw; i++) {
		if (i == 64)
			return 0;
		lo--;
	}
	for (int i = 0; i < 64 && (double)lo * scale < minw; i++)
		lo++;
	return lo;
}

static void legend(struct pv_flame_layout *l);

int pv_flame_layout_new(struct pv_flame_layout **out,
			const struct pv_profile *p,
			const struct pv_calltree *t,
			const struct pv_flame_opts *o, struct pv_error *err)
{
	struct pv_flame_layout *l = calloc(1, sizeof(*l));
	double minw;
	int rc;

	*out = NULL;
	if (!l)
		return pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET,
				    "out of memory");
	l->p = p;
	l->t = t;
	l->o = *o;
	if (l->o.width <= 0)
		l->o.width = DEF_WIDTH;
	if (l->o.width < 2 * PAD_X + 10 || l->o.width > MAX_WIDTH) {
		free(l);
		return pv_error_set(err, PV_EUSAGE, PV_NO_OFFSET,
				    "width must be between %g and %g px",
				    2 * PAD_X + 10, MAX_WIDTH);
	}
	if (l->o.frame_height <= 0)
		l->o.frame_height = DEF_FRAME_HEIGHT;
	if (l->o.frame_height > 200)
		l->o.frame_height = 200;
	if (l->o.minwidth < 0)
		l->o.minwidth = DEF_MINWIDTH;
	if (!l->o.max_size)
		l->o.max_size = DEF_MAX_SIZE;
	if (!l->o.unit)
		l->o.unit = "samples";
	if (!l->o.id_prefix)
		l->o.id_prefix = "pvf";
	if (!l->o.title)
		l->o.title = l->o.icicle ? "Icicle Graph" : "Flame Graph";
	l->total = t->total;
	rc = fit_budget(l, l->o.minwidth, t->nnodes + 1, &minw);
	if (rc == 0) {
		l->minwidth = minw;
		l->rects = malloc(((size_t)t->nnodes + 1) * sizeof(*l->rects));
		rc = l->rects ? emit(l, minw) : PV_ENOMEM;
	}
	if (rc) {
		pv_flame_layout_free(l);
		return pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET,
				    "out of memory");
	}
	legend(l);
	l->graph_x = PAD_X;
	l->graph_y = FLAME_TOP;
	l->height = FLAME_TOP + (l->max_depth + 1) * l->o.frame_height +
		    (l->nkeys ? FLAME_LEGEND : 0) + FLAME_BOTTOM +
		    (double)l->o.nnotes * 16;
	*out = l;
	return 0;
}

/* The legend classes of the kind palette, in the order they are listed. */
static const struct {
	const char *text;
	enum pv_kind kind;     /* the kind whose colour the swatch shows */
} legend_class[] = {
	{ "Python", PV_KIND_PYTHON },
	{ "JIT", PV_KIND_JIT },
	{ "native", PV_KIND_NATIVE },
	{ "thread", PV_KIND_THREAD },
	{ "other (GC, blackhole, assembler, unknown)", PV_KIND_UNKNOWN },
};

static int legend_class_of(enum pv_kind k)
{
	switch (k) {
	case PV_KIND_PYTHON: return 0;
	case PV_KIND_JIT: return 1;
	case PV_KIND_NATIVE:
	case PV_KIND_INLINE: return 2;
	case PV_KIND_THREAD: return 3;
	default: return 4;
	}
}

/* The legend: the caller's keys, or one key per kind class among the
 * frames drawn (the root frame "all" is no kind of its own). */
static void legend(struct pv_flame_layout *l)
{
	unsigned seen = 0;

	l->nkeys = 0;
	if (l->o.keys) {
		for (size_t i = 0; i < l->o.nkeys && i < PV_FLAME_MAX_KEYS;
		     i++)
			l->keys[l->nkeys++] = l->o.keys[i];
		return;
	}
	if (l->o.palette != PV_FLAME_KIND || l->o.hooks.color)
		return;
	for (uint32_t i = 0; i < l->nrects; i++)
		if (l->rects[i].node != PV_NONE)
			seen |= 1u << legend_class_of(
					node_kind(l, l->rects[i].node));
	for (int c = 0; c < 5; c++)
		if (seen & (1u << c))
			l->keys[l->nkeys++] = (struct pv_flame_key){
				legend_class[c].text,
				pv_flame_palette_color(PV_FLAME_KIND,
						       legend_class[c].kind,
						       "") };
}

double flame__legend_y(const struct pv_flame_layout *l)
{
	return FLAME_TOP + (l->max_depth + 1) * l->o.frame_height + 16;
}

double flame__key_next(const struct pv_flame_key *k, double x)
{
	return x + 14 + (double)strlen(k->text ? k->text : "") *
			FLAME_FONT * 0.59 + 18;
}

void pv_flame_layout_free(struct pv_flame_layout *l)
{
	if (!l)
		return;
	free(l->rects);
	free(l);
}

double flame__rect_y(const struct pv_flame_layout *l, uint32_t depth)
{
	if (l->o.icicle)
		return l->graph_y + depth * l->o.frame_height;
	return l->graph_y + (l->max_depth - depth) * l->o.frame_height;
}

size_t flame__label(const char *name, double w, double font, int start,
		    char *buf, size_t cap)
{
	size_t len = strlen(name), fit;
	double cw = font * 0.59;   /* average glyph width of the UI fonts */

	if (w < 3 * cw || cap < 8)
		return 0;
	fit = (size_t)((w - 4) / cw);
	if (fit >= len && len < cap) {
		fit = len;
		memcpy(buf, name, fit);
		buf[fit] = '\0';
		return fit;
	}
	if (fit < 3)
		return 0;
	fit -= 2;
	if (fit > cap - 3)
		fit = cap - 3;
	if (start) {
		const char *from = name + len - fit;
		while (fit && ((unsigned char)*from & 0xc0) == 0x80)
			from++, fit--;
		memcpy(buf, "..", 2);
		memcpy(buf + 2, from, fit);
	} else {
		while (fit && ((unsigned char)name[fit] & 0xc0) == 0x80)
			fit--;
		memcpy(buf, name, fit);
		memcpy(buf + fit, "..", 2);
	}
	buf[fit + 2] = '\0';
	return fit + 2;
}
