/* peek.c - callers and callees of chosen functions, as text or JSON
 * (pv_peek.h). */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "profile/pv_sort.h"
#include "render/pv_jsonw.h"
#include "render/pv_peek.h"
#include "render/pv_text.h"
#include "render/pv_textsafe.h"


struct peek_row {
	uint32_t func;      /* PV_NONE: the root */
	uint64_t w;
};

/* Edge indices sorted by callee, for the callers of a function. */
struct peek_index {
	size_t *by_callee;
};

/* ctx: the call graph */
static int cmp_callee(const void *a, const void *b, void *ctx)
{
	const struct pv_callgraph *g = ctx;
	const struct pv_cg_edge *x = &g->edges[*(const size_t *)a];
	const struct pv_cg_edge *y = &g->edges[*(const size_t *)b];

	if (x->callee != y->callee)
		return x->callee < y->callee ? -1 : 1;
	return *(const size_t *)a < *(const size_t *)b ? -1 : 1;
}

static const char *row_name(const struct pv_profile *p, uint32_t f)
{
	return f == PV_NONE ? PV_PEEK_ROOT : pv_func_label(&p->funcs[f]);
}

/* ctx: the profile */
static int cmp_row(const void *a, const void *b, void *ctx)
{
	const struct pv_profile *p = ctx;
	const struct peek_row *x = a, *y = b;
	int c;

	if (x->w != y->w)
		return x->w > y->w ? -1 : 1;
	c = strcmp(row_name(p, x->func), row_name(p, y->func));
	if (c)
		return c;
	/* same name: by location, so the order does not depend on which
	 * log named the function first */
	if (x->func != PV_NONE && y->func != PV_NONE) {
		c = pv_func_cmp_location(&p->funcs[x->func],
					 &p->funcs[y->func]);
		if (c)
			return c;
	}
	return x->func < y->func ? -1 : x->func > y->func;
}

/* Callers (callers 1) or callees of f, heaviest first; *n rows. */
static struct peek_row *rows_of(const struct pv_profile *p,
				const struct pv_callgraph *g,
				const size_t *by_callee, uint32_t f,
				int callers, size_t *n)
{
	struct peek_row *r;
	size_t lo = 0, hi = g->nedges, k = 0, cnt = 0;

	if (callers) {
		/* binary search for the first edge into f */
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (g->edges[by_callee[mid]].callee < f)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (hi = lo; hi < g->nedges &&
		     g->edges[by_callee[hi]].callee == f; hi++)
			cnt++;
	} else {
		/* edges are sorted by caller (the root first) */
		for (size_t i = 0; i < g->nedges; i++)
			if (g->edges[i].caller == f)
				cnt++;
	}
	r = malloc((cnt ? cnt : 1) * sizeof(*r));
	if (!r)
		return NULL;
	if (callers) {
		for (size_t i = lo; i < lo + cnt; i++) {
			const struct pv_cg_edge *e = &g->edges[by_callee[i]];
			r[k].func = e->caller;
			r[k++].w = e->weight;
		}
	} else {
		for (size_t i = 0; i < g->nedges; i++)
			if (g->edges[i].caller == f) {
				r[k].func = g->edges[i].callee;
				r[k++].w = g->edges[i].weight;
			}
	}
	pv_sort(r, cnt, sizeof(*r), cmp_row, (void *)p);
	*n = cnt;
	return r;
}

static size_t *callee_index(const struct pv_callgraph *g)
{
	size_t *ix = malloc((g->nedges ? g->nedges : 1) * sizeof(*ix));

	if (!ix)
		return NULL;
	for (size_t i = 0; i < g->nedges; i++)
		ix[i] = i;
	pv_sort(ix, g->nedges, sizeof(*ix), cmp_callee, (void *)g);
	return ix;
}

struct order_ctx {
	const struct pv_profile *p;
	const struct pv_callgraph *g;
};

/* hottest first; ties by name, file, line, then function row */
static int cmp_func(const void *a, const void *b, void *ctx)
{
	const struct order_ctx *o = ctx;
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	const struct pv_func *fx = &o->p->funcs[x], *fy = &o->p->funcs[y];
	int c;

	if (o->g->total[x] != o->g->total[y])
		return o->g->total[x] > o->g->total[y] ? -1 : 1;
	c = strcmp(pv_func_label(fx), pv_func_label(fy));
	if (!c)
		c = strcmp(fx->file, fy->file);
	if (!c)
		c = fx->line < fy->line ? -1 : fx->line > fy->line;
	if (!c)
		c = x < y ? -1 : x > y;
	return c;
}

void pv_peek_order(const struct pv_profile *p, const struct pv_callgraph *g,
		   uint32_t *funcs, uint32_t n)
{
	struct order_ctx o = { p, g };

	pv_sort(funcs, n, sizeof(*funcs), cmp_func, &o);
}

/* Terminal-safe copy of s, malloc'd (pv_textsafe.h): no name from a log
 * can move the cursor or retitle the terminal.  NULL when out of memory. */
static char *printable(const char *s)
{
	char *owned = NULL;
	const char *t = pv_text_safe(s, &owned);

	if (!t)
		return NULL;
	return owned ? owned : strdup(t);
}

static double pct(uint64_t v, uint64_t total)
{
	return total ? 100.0 * (double)v / (double)total : 0.0;
}

static void amount(char *buf, size_t n, uint64_t v, int time)
{
	if (time)
		snprintf(buf, n, "%.1f", (double)v / 1000.0);
	else
		snprintf(buf, n, "%" PRIu64, v);
}

static void location(const struct pv_profile *p, uint32_t f, char *buf,
		     size_t n)
{
	const struct pv_func *fn;
	const char *file;

	buf[0] = '\0';
	if (f == PV_NONE)
		return;
	fn = &p->funcs[f];
	file = fn->file[0] ? fn->file : fn->module;
	if (fn->line && file[0])
		snprintf(buf, n, "%s:%u", file, fn->line);
	else
		snprintf(buf, n, "%s", file);
}

/* One list (callers or callees) as aligned rows. */
static int text_rows(FILE *out, const struct pv_profile *p,
		      const struct peek_row *r, size_t n, uint32_t limit,
		      uint64_t total, const char *what, int numw, int namew,
		      const struct pv_text_opts *o)
{
	size_t shown = limit && limit < n ? limit : n;
	char num[32], *name, loc[1024];

	fprintf(out, "  %s%*s %7s  %-*s  location%s\n", PV_STYLE(o->color, DIM),
		numw, o->time ? "ms" : "samples", "share", namew, what,
		PV_STYLE(o->color, RESET));
	if (!n)
		fprintf(out, "  %*s\n", numw, "-");
	for (size_t i = 0; i < shown; i++) {
		char *label = printable(row_name(p, r[i].func)), *where;
		size_t cap = label ? strlen(label) + 8 : 0;
		int pad;

		name = label ? malloc(cap) : NULL;
		if (!name) {
			free(label);
			return PV_ENOMEM;
		}
		if (o->width)
			pv_text_shorten(name, cap, label, namew, o->unicode);
		else
			snprintf(name, cap, "%s", label);
		pad = namew - pv_text_cols(name);
		location(p, r[i].func, loc, sizeof(loc));
		where = printable(loc);
		if (!where) {
			free(label);
			free(name);
			return PV_ENOMEM;
		}
		amount(num, sizeof(num), r[i].w, o->time);
		fprintf(out, "  %*s %6.2f%%  %s%*s", numw, num,
			pct(r[i].w, total), name,
			loc[0] && pad > 0 ? pad : 0, "");
		if (loc[0])
			fprintf(out, "  %s%s%s", PV_STYLE(o->color, DIM), where,
				PV_STYLE(o->color, RESET));
		fputc('\n', out);
		free(where);
		free(label);
		free(name);
	}
	if (shown < n)
		fprintf(out, "  (%zu more %s; --limit 0 shows all)\n", n - shown,
			what);
	return 0;
}

static int widths(const struct pv_profile *p, const struct peek_row *r,
		  size_t n, uint32_t limit, int time, int *numw, int *namew)
{
	size_t shown = limit && limit < n ? limit : n;
	char num[32];

	for (size_t i = 0; i < shown; i++) {
		int w;
		amount(num, sizeof(num), r[i].w, time);
		w = (int)strlen(num);
		if (w > *numw)
			*numw = w;
		{
			/* the width of the name as printed (escapes shown) */
			char *t = printable(row_name(p, r[i].func));
			if (!t)
				return PV_ENOMEM;
			w = pv_text_cols(t);
			free(t);
		}
		if (w > *namew)
			*namew = w;
	}
	return 0;
}

int pv_render_peek_text(FILE *out, const struct pv_profile *p,
			const struct pv_callgraph *g, const uint32_t *funcs,
			uint32_t n, uint32_t limit,
			const struct pv_text_opts *o)
{
	size_t *ix = callee_index(g);
	int rc = 0;

	if (!ix)
		return PV_ENOMEM;
	for (uint32_t i = 0; i < n && !rc; i++) {
		uint32_t f = funcs[i];
		size_t nc = 0, ne = 0;
		struct peek_row *cr = rows_of(p, g, ix, f, 1, &nc);
		struct peek_row *ce = rows_of(p, g, ix, f, 0, &ne);
		int numw = 7, namew = 8;
		char a[32], b[32], loc[1024];

		if (!cr || !ce) {
			free(cr);
			free(ce);
			rc = PV_ENOMEM;
			break;
		}
		if (widths(p, cr, nc, limit, o->time, &numw, &namew) ||
		    widths(p, ce, ne, limit, o->time, &numw, &namew)) {
			free(cr);
			free(ce);
			rc = PV_ENOMEM;
			break;
		}
		if (o->width) {
			int avail = o->width - (numw + 12) - 30;
			if (namew > (avail < 20 ? 20 : avail))
				namew = avail < 20 ? 20 : avail;
		} else if (namew > 60) {
			namew = 60;
		}
		location(p, f, loc, sizeof(loc));
		amount(a, sizeof(a), g->self[f], o->time);
		amount(b, sizeof(b), g->total[f], o->time);
		{
			char *nm = printable(pv_func_label(&p->funcs[f]));
			char *wh = printable(loc);
			if (nm && wh)
				fprintf(out, "%s%s%s%s%s%s%s%s\n",
					i ? "\n" : "",
					PV_STYLE(o->color, BOLD), nm,
					PV_STYLE(o->color, RESET),
					wh[0] ? "  " : "",
					PV_STYLE(o->color && wh[0], DIM), wh,
					PV_STYLE(o->color && wh[0], RESET));
			else
				rc = PV_ENOMEM;
			free(nm);
			free(wh);
		}
		fprintf(out, "  self %s%s (%.2f%%), total %s%s (%.2f%%) of all "
			"%s\n", a, o->time ? " ms" : "", pct(g->self[f], g->all),
			b, o->time ? " ms" : "", pct(g->total[f], g->all),
			o->time ? "time" : "samples");
		if (!rc)
			rc = text_rows(out, p, cr, nc, limit, g->total[f],
				       "caller", numw, namew, o);
		if (!rc)
			rc = text_rows(out, p, ce, ne, limit, g->total[f],
				       "callee", numw, namew, o);
		free(cr);
		free(ce);
	}
	free(ix);
	if (!rc && ferror(out))
		rc = PV_EWRITE;
	return rc;
}

static void json_rows(struct pv_jw *w, const struct pv_profile *p,
		      const struct peek_row *r, size_t n, uint32_t limit)
{
	size_t shown = limit && limit < n ? limit : n;

	for (size_t i = 0; i < shown; i++) {
		const struct pv_func *fn = r[i].func == PV_NONE ? NULL :
					   &p->funcs[r[i].func];
		pv_jw_raw(w, i ? ",{\"function\":" : "{\"function\":");
		pv_jw_str(w, row_name(p, r[i].func));
		pv_jw_raw(w, ",\"file\":");
		pv_jw_str(w, fn ? (fn->file[0] ? fn->file : fn->module) : "");
		pv_jw_raw(w, ",\"line\":");
		pv_jw_u64(w, fn ? fn->line : 0);
		pv_jw_raw(w, ",\"samples\":");
		pv_jw_u64(w, r[i].w);
		pv_jw_char(w, '}');
	}
}

int pv_render_peek_json(FILE *out, const struct pv_profile *p,
			const struct pv_callgraph *g, const uint32_t *funcs,
			uint32_t n, uint32_t limit)
{
	size_t *ix = callee_index(g);
	struct pv_jw *w = malloc(sizeof(*w));
	int rc = 0;

	if (!ix || !w) {
		free(ix);
		free(w);
		return PV_ENOMEM;
	}
	pv_jw_init(w, out);
	pv_jw_raw(w, "{\"total_samples\":");
	pv_jw_u64(w, g->all);
	pv_jw_raw(w, ",\"unit\":");
	pv_jw_str(w, p->weighted ? "microseconds" : "samples");
	pv_jw_raw(w, ",\"functions\":[");
	for (uint32_t i = 0; i < n && !rc; i++) {
		uint32_t f = funcs[i];
		const struct pv_func *fn = &p->funcs[f];
		size_t nc = 0, ne = 0;
		struct peek_row *cr = rows_of(p, g, ix, f, 1, &nc);
		struct peek_row *ce = rows_of(p, g, ix, f, 0, &ne);

		if (!cr || !ce) {
			rc = PV_ENOMEM;
		} else {
			pv_jw_raw(w, i ? ",{\"function\":" : "{\"function\":");
			pv_jw_str(w, pv_func_label(fn));
			pv_jw_raw(w, ",\"file\":");
			pv_jw_str(w, fn->file[0] ? fn->file : fn->module);
			pv_jw_raw(w, ",\"line\":");
			pv_jw_u64(w, fn->line);
			pv_jw_raw(w, ",\"self\":");
			pv_jw_u64(w, g->self[f]);
			pv_jw_raw(w, ",\"total\":");
			pv_jw_u64(w, g->total[f]);
			pv_jw_raw(w, ",\"callers\":[");
			json_rows(w, p, cr, nc, limit);
			pv_jw_raw(w, "],\"callees\":[");
			json_rows(w, p, ce, ne, limit);
			pv_jw_raw(w, "]}");
		}
		free(cr);
		free(ce);
	}
	pv_jw_raw(w, "]}\n");
	if (pv_jw_finish(w) < 0 && !rc)
		rc = PV_EWRITE;
	free(w);
	free(ix);
	return rc;
}
