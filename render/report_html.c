/* report_html.c - the self-contained HTML report: summary, flame graph,
 * function table, memory curve and call tree on one page.
 *
 * The page is written through libxml2's xmlTextWriter (names escaped, raw
 * log bytes made valid UTF-8).  Elements that HTML does not allow to be
 * self-closed are always closed in full.  The flame graph is the one
 * `profview flame` draws (render/flame_svg.c), embedded as inline SVG with
 * its own script; the call tree travels as JSON and the page's script
 * builds the collapsible tree from it; the function table is written as
 * HTML so it reads without the script.
 */
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "profile/pv_calltree.h"
#include "profile/pv_callgraph.h"
#include "profile/pv_funcstats.h"
#include "render/pv_flame.h"
#include "render/pv_info.h"
#include "render/pv_json.h"
#include "render/pv_jsonw.h"
#include "render/pv_memory.h"
#include "render/pv_report.h"
#include "render/pv_text.h"
#include "render/pv_timeline.h"
#include "render/pv_xmlw.h"
#include "render/report_int.h"

#define MAX_TABLE_ROWS 5000
#define BIG_TREE 50000   /* nodes; beyond, small ones fold into parents */

struct page {
	struct pv_xmlw x;         /* its writer is the page's */
	const struct pv_profile *p;
	int timed;                /* the timeline and heatmap are drawn */
	struct report_time rt;    /* the timeline's buckets */
};

static void kv(struct page *g, const char *k, const char *v)
{
	pv_xmlw_start(&g->x, "tr");
	pv_xmlw_el_text(&g->x, "td", k);
	pv_xmlw_el_text(&g->x, "td", v);
	pv_xmlw_end_full(&g->x);
}

/* What `info` says about each log, as a two-column table: every value
 * has its label, and a value that is not known says so in words. */
static void summary(struct page *g)
{
	const struct pv_profile *p = g->p;
	static const char *flag_names[] = { "memory", "lines", "native",
					    "rpython", "real time" };
	char buf[512];

	pv_xmlw_start(&g->x, "section");
	pv_xmlw_attr(&g->x, "id", "summary");
	pv_xmlw_el_text(&g->x, "h2", "Summary");
	for (uint32_t i = 0; i < p->nsources; i++) {
		const struct pv_source *s = &p->sources[i];
		int folded = pv_source_is_folded(s);
		size_t o = 0;
		double d;
		pv_xmlw_start(&g->x, "table");
		pv_xmlw_attr(&g->x, "class", "kv");
		kv(g, "log", s->path);
		kv(g, "interpreter", s->interpreter[0] ? s->interpreter :
		   "unknown (the log does not name it)");
		if (folded)
			snprintf(buf, sizeof(buf), "folded stacks: %" PRIu64
				 " lines (text: no times, no mode)",
				 s->folded_lines);
		else
			snprintf(buf, sizeof(buf), "vmprof version %d, "
				 "%d-byte words, %d-byte addresses, "
				 "%s-endian%s", s->version, s->word_size,
				 s->addr_size, s->big_endian ? "big" :
				 "little", s->win64 ? ", Windows 64-bit" : "");
		kv(g, "format", buf);
		kv(g, "compression", strcmp(s->compression, "none") ?
		   s->compression : "not compressed");
		buf[0] = '\0';
		for (int b = 0; b < 5; b++)
			if (s->flags & (1u << b))
				o += (size_t)snprintf(buf + o, sizeof(buf) - o,
						      "%s%s", o ? ", " : "",
						      flag_names[b]);
		if (!folded)
			kv(g, "mode", o ? buf : "cpu time");
		snprintf(buf, sizeof(buf), "%lld us", (long long)s->period_usec);
		if (!folded)
			kv(g, "period", buf);
		if (s->aggregate)
			kv(g, "aggregate", "yes: merged logs, one record per "
			   "stack and thread with its count");
		o = (size_t)snprintf(buf, sizeof(buf), "%" PRIu64,
				     s->aggregate ? s->counted : s->samples);
		if (s->aggregate)
			o += (size_t)snprintf(buf + o, sizeof(buf) - o,
					      " in %" PRIu64 " records",
					      s->samples);
		if (s->empty_samples)
			snprintf(buf + o, sizeof(buf) - o, " (%" PRIu64
				 "%s with no frame)", s->empty_samples,
				 s->aggregate ? " records" : "");
		kv(g, "samples", buf);
		snprintf(buf, sizeof(buf), "%u", s->threads);
		kv(g, "threads", buf);
		if (s->has_start)
			pv_text_iso_time(s->start_sec, s->start_usec, buf,
					 sizeof(buf));
		kv(g, "start", s->has_start ? buf : "unknown");
		/* in double inside pv_source_span: hostile times may be
		 * 2^63 apart */
		if (pv_source_span(s, &d))
			snprintf(buf, sizeof(buf), "%.3f s", d);
		kv(g, "duration", pv_source_span(s, &d) ? buf : "unknown");
		kv(g, "sample times", folded ? "none: folded stacks keep no "
		   "time order" : s->aggregate ? "none: an aggregate keeps no "
		   "time order" : s->time_basis == PV_TIME_RECORDED ?
		   "recorded with each sample" :
		   s->time_basis == PV_TIME_SPREAD ?
		   "spread evenly over the duration" :
		   "sample index x period (no end time)");
		for (uint32_t m = 0; m < s->nmeta; m++) {
			snprintf(buf, sizeof(buf), "meta %s", s->meta[m].key);
			kv(g, buf, s->meta[m].value);
		}
		if (s->truncated) {
			snprintf(buf, sizeof(buf), "yes, at offset %" PRIu64
				 ": %s", s->truncated_offset, s->damage);
			kv(g, "truncated", buf);
		} else {
			kv(g, "truncated", "no");
		}
		pv_xmlw_end_full(&g->x);
	}
	if (p->filtered_from || p->nsources > 1) {
		uint64_t kept = pv_profile_total_weight(p);
		const char *unit = p->weighted ? "us of samples" : "samples";
		int n;
		if (p->filtered_from)
			n = snprintf(buf, sizeof(buf), "%" PRIu64 " of %" PRIu64
				     " %s (%.1f%%) kept by the filters", kept,
				     p->filtered_from, unit, 100.0 *
				     (double)kept / (double)p->filtered_from);
		else
			n = snprintf(buf, sizeof(buf), "%" PRIu64 " %s", kept,
				     unit);
		if (p->nsources > 1 && n > 0 && (size_t)n < sizeof(buf))
			snprintf(buf + n, sizeof(buf) - (size_t)n,
				 ", merged from %u logs", p->nsources);
		pv_xmlw_start(&g->x, "p");
		pv_xmlw_attr(&g->x, "class", "note");
		pv_xmlw_text(&g->x, buf);
		pv_xmlw_end_full(&g->x);
	}
	pv_xmlw_end_full(&g->x);
}

/* ---- call tree data (JSON) ----------------------------------------- */

struct tree_json {
	const struct pv_profile *p;
	const struct pv_calltree *t;
	uint64_t min;          /* nodes lighter than this are folded */
	uint32_t *map;         /* tree node -> JSON row, PV_NONE if folded */
	uint32_t *fmap;        /* func -> JSON func row */
	json_t *n, *f;
	uint32_t nrows, nfuncs;
	int bad;
};

static int visit(void *ctx, const struct pv_calltree *t, uint32_t node)
{
	struct tree_json *tj = ctx;
	const struct pv_cnode *c = &t->nodes[node];
	uint32_t parent = c->parent == PV_NONE ? PV_NONE : tj->map[c->parent];
	char buf[64];
	uint32_t fidx;
	json_t *row;

	if (c->total < tj->min || (c->parent != PV_NONE && parent == PV_NONE))
		return 1;
	if (c->func == PV_NONE) {
		/* a thread node: a function row of its own name */
		pv_cnode_name(tj->p, t, node, buf);
		tj->bad |= json_array_append_new(tj->f, json_pack("[ssi]",
			buf, "", 0)) < 0;
		fidx = tj->nfuncs++;
	} else {
		if (tj->fmap[c->func] == PV_NONE) {
			const struct pv_func *f = &tj->p->funcs[c->func];
			tj->bad |= json_array_append_new(tj->f,
				json_pack("[ooi]",
					  pv_json_string(pv_func_label(f)),
					  pv_json_string(f->file[0] ? f->file :
							 f->module),
					  (int)f->line)) < 0;
			tj->fmap[c->func] = tj->nfuncs++;
		}
		fidx = tj->fmap[c->func];
	}
	tj->map[node] = tj->nrows++;
	row = json_pack("[iiII]", parent == PV_NONE ? -1 : (int)parent,
			(int)fidx,
			(json_int_t)c->self, (json_int_t)c->total);
	tj->bad |= json_array_append_new(tj->n, row) < 0;
	return 0;
}

static int write_data(struct page *g, const struct pv_calltree *t,
		      const struct pv_report_opts *o, struct pv_error *err)
{
	struct tree_json tj = { 0 };
	struct pv_error werr = { 0 };
	double share = o && o->min_share > 0 ? o->min_share :
		       t->nnodes > BIG_TREE ? 1e-5 : 0;
	json_t *root;
	char *s;
	int rc = 0;

	tj.p = g->p;
	tj.t = t;
	tj.min = (uint64_t)ceil(share * (double)t->total);
	tj.map = malloc((t->nnodes ? t->nnodes : 1) * sizeof(uint32_t));
	tj.fmap = malloc((g->p->nfuncs ? g->p->nfuncs : 1) * sizeof(uint32_t));
	tj.n = json_array();
	tj.f = json_array();
	root = json_object();
	if (!tj.map || !tj.fmap || !tj.n || !tj.f || !root) {
		rc = pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET, "out of memory");
		goto done;
	}
	memset(tj.map, 0xff, (t->nnodes ? t->nnodes : 1) * sizeof(uint32_t));
	memset(tj.fmap, 0xff, (g->p->nfuncs ? g->p->nfuncs : 1) *
	       sizeof(uint32_t));
	if (pv_calltree_walk(t, visit, &tj, &werr) < 0 || tj.bad) {
		rc = pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET, "out of memory");
		goto done;
	}
	json_object_set_new(root, "unit", json_string(g->p->weighted ?
						      "us" : "samples"));
	json_object_set_new(root, "total", json_integer((json_int_t)t->total));
	json_object_set_new(root, "folded_below",
			    json_integer((json_int_t)tj.min));
	json_object_set(root, "f", tj.f);
	json_object_set(root, "n", tj.n);
	/* every '<' escaped: "</script>" or "<!--" inside a name can
	 * neither end the block nor make the rest of the page data */
	s = pv_json_dumps_html(root, JSON_COMPACT | JSON_PRESERVE_ORDER |
			       JSON_ESCAPE_SLASH);
	if (!s) {
		rc = pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET, "out of memory");
		goto done;
	}
	pv_xmlw_start(&g->x, "script");
	pv_xmlw_attr(&g->x, "id", "pv-data");
	pv_xmlw_attr(&g->x, "type", "application/json");
	pv_xmlw_raw(&g->x, s);
	pv_xmlw_end_full(&g->x);
	free(s);
	if (g->timed) {
		/* a folded node's samples count for its nearest shown
		 * ancestor; node ids are parents first */
		for (uint32_t n = 0; n < t->nnodes; n++)
			if (tj.map[n] == PV_NONE &&
			    t->nodes[n].parent != PV_NONE)
				tj.map[n] = tj.map[t->nodes[n].parent];
		rc = report__time_data(&g->rt, g->p, t, tj.map, &s, err);
		if (rc)
			goto done;
		pv_xmlw_start(&g->x, "script");
		pv_xmlw_attr(&g->x, "id", "pv-time");
		pv_xmlw_attr(&g->x, "type", "application/json");
		pv_xmlw_raw(&g->x, s);
		pv_xmlw_end_full(&g->x);
		free(s);
	}
done:
	json_decref(root);
	json_decref(tj.n);
	json_decref(tj.f);
	free(tj.map);
	free(tj.fmap);
	return rc;
}

/* ---- sections ------------------------------------------------------- */

/* The timeline and the heatmap, with the range bar the script fills in
 * when a range is dragged; nothing for a profile without per-sample
 * times (folded stacks). */
static int has_time(const struct pv_profile *p)
{
	return pv_time_less_source(p) == PV_NONE && p->nsamples;
}

static int write_time(struct page *g, struct pv_error *err)
{
	struct pv_timeline_opts to = { 0 };
	struct pv_heatmap_opts ho = { 0 };
	struct pv_timeline *tl = NULL;
	struct pv_heatmap *hm = NULL;
	int rc;

	if (!has_time(g->p))
		return 0;
	rc = pv_timeline_build(&tl, g->p, &to, err);
	if (rc == 0)
		rc = pv_heatmap_build(&hm, g->p, &ho, err);
	if (rc)
		goto done;
	g->timed = 1;
	g->rt.t0 = tl->t0;
	g->rt.bucket = tl->bucket;
	g->rt.nbuckets = tl->nbuckets;
	pv_xmlw_start(&g->x, "section");
	pv_xmlw_attr(&g->x, "id", "timeline");
	pv_xmlw_el_text(&g->x, "h2", "Timeline");
	pv_xmlw_start(&g->x, "p");
	pv_xmlw_attr(&g->x, "class", "note");
	pv_xmlw_text(&g->x,
		"Samples per thread over time, the hottest functions stacked "
		"in their flame-graph colours.  Hover a bucket for its counts.  "
		"Drag across the timeline (or the heatmap below) to redraw the "
		"flame graph and the function table for that time range.");
	pv_xmlw_end_full(&g->x);
	pv_xmlw_start(&g->x, "div");
	pv_xmlw_attr(&g->x, "id", "pv-range");
	pv_xmlw_start(&g->x, "span");
	pv_xmlw_attr(&g->x, "id", "pv-range-text");
	pv_xmlw_text(&g->x, "Whole run shown.");
	pv_xmlw_end_full(&g->x);
	pv_xmlw_start(&g->x, "code");
	pv_xmlw_attr(&g->x, "id", "pv-range-cmd");
	pv_xmlw_end_full(&g->x);
	pv_xmlw_start(&g->x, "button");
	pv_xmlw_attr(&g->x, "id", "pv-range-clear");
	pv_xmlw_attr(&g->x, "type", "button");
	pv_xmlw_text(&g->x, "Whole run");
	pv_xmlw_end_full(&g->x);
	pv_xmlw_end_full(&g->x);
	pv_xmlw_start(&g->x, "div");
	pv_xmlw_attr(&g->x, "class", "pv-scroll");
	rc = pv_render_timeline_svg_element(tl, g->x.w, "pv-timeline", err);
	pv_xmlw_end_full(&g->x);
	pv_xmlw_end_full(&g->x);
	if (rc)
		goto done;
	pv_xmlw_start(&g->x, "section");
	pv_xmlw_attr(&g->x, "id", "heatmap");
	pv_xmlw_el_text(&g->x, "h2", "Subsecond heatmap");
	pv_xmlw_start(&g->x, "p");
	pv_xmlw_attr(&g->x, "class", "note");
	pv_xmlw_text(&g->x,
		"Columns are seconds, rows the offset within the second, "
		"darker cells hold more samples: bursts show as hot columns, "
		"periodic work as bands.  Drag from one cell to another to "
		"select that time range.");
	pv_xmlw_end_full(&g->x);
	pv_xmlw_start(&g->x, "div");
	pv_xmlw_attr(&g->x, "class", "pv-scroll");
	rc = pv_render_heatmap_svg_element(hm, g->x.w, "pv-heatmap", err);
	pv_xmlw_end_full(&g->x);
	pv_xmlw_end_full(&g->x);
done:
	pv_timeline_free(tl);
	pv_heatmap_free(hm);
	return rc;
}

/* The flame graph of `profview flame` itself (same layout, colours,
 * hover, zoom, search), written into the page; its ids, style and
 * script live under the "pv-flame" prefix.  t must be sorted by name,
 * as the flame command sorts it, so both draw the same frames. */
static int write_flame(struct page *g, const struct pv_calltree *t,
		       struct pv_error *err)
{
	struct pv_flame_opts fo = { .minwidth = -1, .id_prefix = "pv-flame" };
	struct pv_flame_layout *l = NULL;
	int rc;

	if (g->p->weighted)
		fo.unit = "us";
	pv_xmlw_start(&g->x, "section");
	pv_xmlw_attr(&g->x, "id", "flame");
	pv_xmlw_el_text(&g->x, "h2", "Flame graph");
	pv_xmlw_start(&g->x, "p");
	pv_xmlw_attr(&g->x, "class", "note");
	pv_xmlw_text(&g->x,
		"Callers below callees, children in name order, width is "
		"the share of samples.  Hover for details, click a frame to "
		"zoom in, Search (or Ctrl-F) highlights a regular expression, "
		"Escape or Reset Zoom zooms out.");
	pv_xmlw_end_full(&g->x);
	pv_xmlw_start(&g->x, "div");
	pv_xmlw_attr(&g->x, "id", "pv-flame-box");
	rc = pv_flame_layout_new(&l, g->p, t, &fo, err);
	if (rc == 0)
		rc = pv_render_flame_svg_element(l, g->x.w, err);
	pv_flame_layout_free(l);
	pv_xmlw_end_full(&g->x);
	pv_xmlw_end_full(&g->x);
	return rc;
}

static void num_cell(struct page *g, uint64_t v, uint64_t total, int share)
{
	char buf[64];

	pv_xmlw_start(&g->x, "td");
	pv_xmlw_attr(&g->x, "class", "n");
	snprintf(buf, sizeof(buf), "%" PRIu64, v);
	pv_xmlw_attr(&g->x, "data-v", buf);
	if (share)
		snprintf(buf, sizeof(buf), "%.2f%%",
			 total ? 100.0 * (double)v / (double)total : 0.0);
	pv_xmlw_text(&g->x, buf);
	pv_xmlw_end_full(&g->x);
}

static void th(struct page *g, const char *label, int num)
{
	pv_xmlw_start(&g->x, "th");
	pv_xmlw_attr(&g->x, "data-type", num ? "num" : "text");
	pv_xmlw_text(&g->x, label);
	pv_xmlw_end_full(&g->x);
}

/* The callers and callees of every function, for the table's peek
 * panel (the PV_CG_PAIRS counts of `profview peek`), as a JSON block:
 *   {"unit", "total", "f": [[name, where, self, total], ...],
 *    "e": [[caller (-1: root), callee, samples], ...]}
 * fidx receives each function's row in "f" (PV_NONE: no samples). */
static int write_peek_data(struct page *g, const struct pv_callgraph *cg,
			   uint32_t *fidx, struct pv_error *err)
{
	const struct pv_profile *p = g->p;
	struct pv_jw *w = malloc(sizeof(*w));
	char *buf = NULL, where[64];
	size_t len = 0;
	uint32_t k = 0;
	FILE *mem;

	if (!w)
		return pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET, "out of memory");
	mem = open_memstream(&buf, &len);
	if (!mem) {
		free(w);
		return pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET, "out of memory");
	}
	pv_jw_init(w, mem);
	pv_jw_raw(w, "{\"unit\":");
	pv_jw_str(w, p->weighted ? "us" : "samples");
	pv_jw_raw(w, ",\"total\":");
	pv_jw_u64(w, cg->all);
	pv_jw_raw(w, ",\"f\":[");
	for (uint32_t f = 0; f < p->nfuncs; f++) {
		const struct pv_func *fn = &p->funcs[f];
		fidx[f] = PV_NONE;
		if (!cg->total[f])
			continue;
		fidx[f] = k;
		pv_jw_raw(w, k++ ? ",[" : "[");
		pv_jw_str(w, pv_func_label(fn));
		pv_jw_char(w, ',');
		/* where: file:line (module for native code without a
		 * file) */
		{
			size_t n = strlen(fn->file[0] ? fn->file : fn->module);
			char *t = malloc(n + sizeof(where));
			if (!t) {
				w->failed = 1;
				break;
			}
			if (fn->line)
				snprintf(t, n + sizeof(where), "%s:%u",
					 fn->file[0] ? fn->file : fn->module,
					 fn->line);
			else
				snprintf(t, n + sizeof(where), "%s",
					 fn->file[0] ? fn->file : fn->module);
			pv_jw_str(w, t);
			free(t);
		}
		pv_jw_char(w, ',');
		pv_jw_u64(w, cg->self[f]);
		pv_jw_char(w, ',');
		pv_jw_u64(w, cg->total[f]);
		pv_jw_char(w, ']');
	}
	pv_jw_raw(w, "],\"e\":[");
	for (size_t i = 0; i < cg->nedges; i++) {
		const struct pv_cg_edge *e = &cg->edges[i];
		pv_jw_raw(w, i ? ",[" : "[");
		if (e->caller == PV_NONE)
			pv_jw_raw(w, "-1");
		else
			pv_jw_u64(w, fidx[e->caller]);
		pv_jw_char(w, ',');
		pv_jw_u64(w, fidx[e->callee]);
		pv_jw_char(w, ',');
		pv_jw_u64(w, e->weight);
		pv_jw_char(w, ']');
	}
	pv_jw_raw(w, "]}");
	if (pv_jw_finish(w) < 0 || fclose(mem) != 0) {
		free(w);
		free(buf);
		return pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET, "out of memory");
	}
	free(w);
	/* '<' is written as \u003c: no "</script>" can end the block */
	pv_xmlw_start(&g->x, "script");
	pv_xmlw_attr(&g->x, "id", "pv-peek-data");
	pv_xmlw_attr(&g->x, "type", "application/json");
	pv_xmlw_raw(&g->x, buf);
	pv_xmlw_end_full(&g->x);
	free(buf);
	return 0;
}

static int write_table(struct page *g, struct pv_error *err)
{
	const struct pv_profile *p = g->p;
	struct pv_funcstats *fs = NULL;
	const char *unit = p->weighted ? "us" : "samples";
	char buf[160];
	uint32_t n;

	struct pv_callgraph *cg = NULL;
	uint32_t *fidx;
	int rc;

	PV_TRY(pv_callgraph_build(&cg, p, NULL, 0, PV_CG_PAIRS, err));
	fidx = malloc((p->nfuncs + 1) * sizeof(*fidx));
	if (!fidx) {
		pv_callgraph_free(cg);
		return pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET,
				    "out of memory");
	}
	rc = pv_funcstats_build(&fs, p, PV_FS_FUNCTION, NULL, 0, err);
	if (rc < 0) {
		free(fidx);
		pv_callgraph_free(cg);
		return rc;
	}
	pv_funcstats_sort(fs, p, PV_FS_SORT_SELF);
	n = fs->nrows < MAX_TABLE_ROWS ? fs->nrows : MAX_TABLE_ROWS;
	pv_xmlw_start(&g->x, "section");
	pv_xmlw_attr(&g->x, "id", "top");
	pv_xmlw_el_text(&g->x, "h2", "Functions");
	pv_xmlw_start(&g->x, "input");
	pv_xmlw_attr(&g->x, "id", "pv-filter");
	pv_xmlw_attr(&g->x, "type", "search");
	pv_xmlw_attr(&g->x, "placeholder", "filter by name or file");
	pv_xmlw_end(&g->x);
	pv_xmlw_start(&g->x, "span");
	pv_xmlw_attr(&g->x, "id", "pv-shown");
	pv_xmlw_attr(&g->x, "class", "note");
	snprintf(buf, sizeof(buf), "%u functions%s; click a header to sort, "
		 "a function to see its callers and callees",
		 n, n < fs->nrows ? " (the hottest)" : "");
	pv_xmlw_text(&g->x, buf);
	pv_xmlw_end_full(&g->x);
	rc = write_peek_data(g, cg, fidx, err);
	if (rc < 0) {
		free(fidx);
		pv_callgraph_free(cg);
		pv_funcstats_free(fs);
		return rc;
	}
	pv_xmlw_start(&g->x, "table");
	pv_xmlw_attr(&g->x, "id", "pv-top");
	pv_xmlw_start(&g->x, "thead");
	pv_xmlw_start(&g->x, "tr");
	th(g, "Function", 0);
	th(g, "Where", 0);
	snprintf(buf, sizeof(buf), "Self (%s)", unit);
	th(g, buf, 1);
	th(g, "Self %", 1);
	snprintf(buf, sizeof(buf), "Total (%s)", unit);
	th(g, buf, 1);
	th(g, "Total %", 1);
	pv_xmlw_end_full(&g->x);
	pv_xmlw_end_full(&g->x);
	pv_xmlw_start(&g->x, "tbody");
	for (uint32_t i = 0; i < n; i++) {
		const struct pv_fstat *r = &fs->rows[i];
		const struct pv_func *f = &p->funcs[r->func];
		pv_xmlw_start(&g->x, "tr");
		if (fidx[r->func] != PV_NONE) {
			snprintf(buf, sizeof(buf), "%u", fidx[r->func]);
			pv_xmlw_attr(&g->x, "data-f", buf);
		}
		pv_xmlw_el_text(&g->x, "td", pv_fstat_label(fs, p, r));
		pv_xmlw_start(&g->x, "td");
		pv_xmlw_attr(&g->x, "class", "w");
		pv_xmlw_text(&g->x, r->file);
		if (f->line) {
			snprintf(buf, sizeof(buf), ":%u", f->line);
			pv_xmlw_text(&g->x, buf);
		}
		pv_xmlw_end_full(&g->x);
		num_cell(g, r->self, fs->total, 0);
		num_cell(g, r->self, fs->total, 1);
		num_cell(g, r->total, fs->total, 0);
		num_cell(g, r->total, fs->total, 1);
		pv_xmlw_end_full(&g->x);
	}
	pv_xmlw_end_full(&g->x);
	pv_xmlw_end_full(&g->x);
	/* filled by the script when a function is clicked */
	pv_xmlw_start(&g->x, "div");
	pv_xmlw_attr(&g->x, "id", "pv-peek");
	pv_xmlw_attr(&g->x, "hidden", "hidden");
	pv_xmlw_end_full(&g->x);
	pv_xmlw_end_full(&g->x);
	free(fidx);
	pv_callgraph_free(cg);
	pv_funcstats_free(fs);
	return 0;
}

/* The memory chart, or *out NULL when no log has memory data or the
 * filters kept no memory sample: the page then has no memory section
 * (and no link to one). */
static int build_memory(const struct pv_profile *p, struct pv_memchart **out,
			struct pv_error *err)
{
	struct pv_memory_opts mo = { 0 };
	int rc, any = 0;

	*out = NULL;
	for (uint32_t s = 0; s < p->nsources; s++)
		any |= pv_memory_source_has(p, s);
	if (!any)
		return 0;
	rc = pv_memory_build(out, p, &mo, err);
	if (rc == PV_ENOTFOUND) {
		*out = NULL;
		return 0;   /* every memory sample filtered out */
	}
	return rc;
}

static int write_memory(struct page *g, const struct pv_memchart *c,
			struct pv_error *err)
{
	int rc;

	if (!c)
		return 0;
	pv_xmlw_start(&g->x, "section");
	pv_xmlw_attr(&g->x, "id", "memory");
	pv_xmlw_el_text(&g->x, "h2", "Memory");
	rc = pv_render_memory_svg_element(c, g->x.w, err);
	pv_xmlw_end_full(&g->x);
	return rc;
}

static void write_tree(struct page *g)
{
	pv_xmlw_start(&g->x, "section");
	pv_xmlw_attr(&g->x, "id", "tree");
	pv_xmlw_start(&g->x, "h2");
	pv_xmlw_text(&g->x, "Call tree");
	pv_xmlw_start(&g->x, "button");
	pv_xmlw_attr(&g->x, "id", "pv-tree-collapse");
	pv_xmlw_attr(&g->x, "type", "button");
	pv_xmlw_text(&g->x, "Collapse all");
	pv_xmlw_end_full(&g->x);
	pv_xmlw_end_full(&g->x);
	pv_xmlw_start(&g->x, "p");
	pv_xmlw_attr(&g->x, "class", "note");
	pv_xmlw_text(&g->x,
		"Total share, self share, function.  Click a line to open or "
		"close it; the hottest path is open.");
	pv_xmlw_end_full(&g->x);
	pv_xmlw_start(&g->x, "div");
	pv_xmlw_attr(&g->x, "id", "pv-tree");
	pv_xmlw_end_full(&g->x);
	pv_xmlw_end_full(&g->x);
}

static void head(struct page *g, const char *title)
{
	pv_xmlw_start(&g->x, "head");
	pv_xmlw_start(&g->x, "meta");
	pv_xmlw_attr(&g->x, "charset", "utf-8");
	pv_xmlw_end(&g->x);
	pv_xmlw_start(&g->x, "meta");
	pv_xmlw_attr(&g->x, "name", "viewport");
	pv_xmlw_attr(&g->x, "content", "width=device-width, initial-scale=1");
	pv_xmlw_end(&g->x);
	pv_xmlw_el_text(&g->x, "title", title);
	pv_xmlw_start(&g->x, "style");
	pv_xmlw_raw(&g->x, pv_report_css);
	pv_xmlw_raw(&g->x, pv_report_range_css);
	pv_xmlw_end_full(&g->x);
	pv_xmlw_end_full(&g->x);
}

static void title_of(const struct pv_profile *p,
		     const struct pv_report_opts *o, char *buf, size_t n)
{
	if (o && o->title)
		snprintf(buf, n, "%s", o->title);
	else if (p->nsources == 1)
		snprintf(buf, n, "Profile of %s (%s)", p->sources[0].path,
			 p->sources[0].interpreter[0] ?
			 p->sources[0].interpreter : "unknown VM");
	else
		snprintf(buf, n, "Profile of %u logs", p->nsources);
}

static int write_page(struct page *g, const struct pv_report_opts *o,
		      struct pv_error *err)
{
	struct pv_tree_opts to = { 0 };
	struct pv_calltree *t = NULL;
	struct pv_memchart *mem = NULL;
	char title[400];
	int rc;

	PV_TRY(build_memory(g->p, &mem, err));
	rc = pv_calltree_build(&t, g->p, &to, err);
	if (rc) {
		pv_memory_free(mem);
		return rc;
	}
	if (pv_calltree_sort(t, g->p, pv_cnode_cmp_name) < 0) {
		pv_calltree_free(t);
		pv_memory_free(mem);
		return pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET,
				    "out of memory");
	}
	title_of(g->p, o, title, sizeof(title));
	if (xmlTextWriterStartDTD(g->x.w, BAD_CAST "html", NULL, NULL) < 0 ||
	    xmlTextWriterEndDTD(g->x.w) < 0)
		pv_xmlw_fail(&g->x, PV_EWRITE);
	pv_xmlw_raw(&g->x, "\n");
	pv_xmlw_start(&g->x, "html");
	pv_xmlw_attr(&g->x, "lang", "en");
	head(g, title);
	pv_xmlw_start(&g->x, "body");
	pv_xmlw_start(&g->x, "header");
	pv_xmlw_el_text(&g->x, "h1", title);
	pv_xmlw_start(&g->x, "nav");
	/* a link for each section the page has, in page order */
	static const char *const links[][2] = {
		{ "#summary", "Summary" }, { "#timeline", "Timeline" },
		{ "#heatmap", "Heatmap" }, { "#flame", "Flame graph" },
		{ "#top", "Functions" }, { "#memory", "Memory" },
		{ "#tree", "Call tree" },
	};
	for (size_t i = 0; i < sizeof(links) / sizeof(links[0]); i++) {
		if ((i <= 2 && i >= 1 && !has_time(g->p)) ||
		    (i == 5 && !mem))
			continue;
		pv_xmlw_start(&g->x, "a");
		pv_xmlw_attr(&g->x, "href", links[i][0]);
		pv_xmlw_text(&g->x, links[i][1]);
		pv_xmlw_end_full(&g->x);
	}
	pv_xmlw_end_full(&g->x);
	pv_xmlw_end_full(&g->x);
	summary(g);
	rc = write_time(g, err);
	if (rc == 0)
		rc = write_flame(g, t, err);
	if (rc == 0)
		rc = write_table(g, err);
	if (rc == 0)
		rc = write_memory(g, mem, err);
	write_tree(g);
	/* the tree data keeps the hottest-first order of its rows */
	if (rc == 0 && pv_calltree_sort(t, g->p, pv_cnode_cmp_total) < 0)
		rc = pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET,
				  "out of memory");
	if (rc == 0)
		rc = write_data(g, t, o, err);
	pv_xmlw_start(&g->x, "script");
	pv_xmlw_raw(&g->x, pv_report_js);
	pv_xmlw_end_full(&g->x);
	if (g->timed) {
		pv_xmlw_start(&g->x, "script");
		pv_xmlw_raw(&g->x, pv_report_range_js);
		pv_xmlw_end_full(&g->x);
	}
	pv_xmlw_end_full(&g->x);
	pv_xmlw_end_full(&g->x);
	pv_calltree_free(t);
	pv_memory_free(mem);
	return rc;
}

int pv_render_report_html(const struct pv_profile *p, FILE *out,
			 const struct pv_report_opts *o,
			 struct pv_error *err)
{
	struct page g = { .x = PV_XMLW_INIT(pv_xmlw_writer(out, 0)), .p = p };
	int rc;

	if (!g.x.w)
		return pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET,
				    "out of memory");
	rc = write_page(&g, o, err);
	if (xmlTextWriterEndDocument(g.x.w) < 0)
		pv_xmlw_fail(&g.x, PV_EWRITE);
	xmlFreeTextWriter(g.x.w);
	if (rc < 0)
		return rc;
	if (!g.x.status && ferror(out))
		pv_xmlw_fail(&g.x, PV_EWRITE);
	return pv_xmlw_finish(&g.x, "the report", err);
}
