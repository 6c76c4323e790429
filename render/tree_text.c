/* tree_text.c - call trees as indented text with guides, and as nested
 * JSON (pv_tree_text.h).
 *
 * The walk keeps an explicit stack (trees of recursive programs are
 * thousands deep) and, per depth, whether the ancestor at that depth has
 * more lines below it, which decides between a continuing guide and a
 * blank.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "render/pv_json.h"
#include "render/pv_text.h"
#include "render/pv_textsafe.h"
#include "render/pv_tree_text.h"

#define SUMMARY 0x80000000u   /* stack entry: hidden-children line */

struct guides {
	const char *tee, *elbow, *pipe, *blank;
};

static const struct guides uni = {
	"\xe2\x94\x9c\xe2\x94\x80 ", "\xe2\x94\x94\xe2\x94\x80 ",
	"\xe2\x94\x82  ", "   "
};
static const struct guides ascii = { "|- ", "`- ", "|  ", "   " };

static int shown(const struct pv_calltree *t, uint32_t n,
		 const struct pv_tree_text_opts *o)
{
	const struct pv_cnode *c = &t->nodes[n];

	if (!c->total)
		return 0;
	if (o->max_depth && c->depth >= o->max_depth)
		return 0;
	return (double)c->total * 100.0 >= o->prune * (double)t->total;
}

/* First shown sibling at or after n (the list is in any order). */
static uint32_t next_shown(const struct pv_calltree *t, uint32_t n,
			   const struct pv_tree_text_opts *o)
{
	while (n != PV_NONE && !shown(t, n, o))
		n = t->nodes[n].next_sibling;
	return n;
}

/* Weight and count of the hidden nodes in a sibling list. */
static uint64_t hidden(const struct pv_calltree *t, uint32_t n,
		       const struct pv_tree_text_opts *o, uint32_t *count)
{
	uint64_t w = 0;

	*count = 0;
	for (; n != PV_NONE; n = t->nodes[n].next_sibling)
		if (t->nodes[n].total && !shown(t, n, o)) {
			w += t->nodes[n].total;
			(*count)++;
		}
	return w;
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

/* A line's location, "file:line" or the module, made safe, or "" when
 * unknown; in buf when it is shown (caller frees *own). */
static const char *location_of(const struct pv_profile *p,
			       const struct pv_cnode *c, char **own)
{
	const struct pv_func *f;
	const char *where, *safe;
	size_t sz;

	*own = NULL;
	if (c->func == PV_NONE)
		return "";
	f = &p->funcs[c->func];
	where = f->file[0] ? f->file : f->module;
	if (!where[0])
		return "";
	safe = pv_text_safe(where, own);
	if (!safe || !(f->file[0] && f->line))
		return safe;
	sz = strlen(safe) + 16;
	{
		char *t = malloc(sz);
		if (t)
			snprintf(t, sz, "%s:%u", safe, f->line);
		free(*own);
		*own = t;
		return t;
	}
}

/* Appends s (at most 15 bytes) at buf[len]; returns the new length. */
static size_t append(char *buf, size_t len, const char *s)
{
	size_t n = strlen(s);

	memcpy(buf + len, s, n);
	return len + n;
}

/* Guides for a line at depth; past maxind (PV_TREE_MAX_INDENT, or less
 * on a narrow terminal) only that many levels are drawn (the caller
 * names the depth), so the output stays linear in the lines shown. */
static void indent(FILE *out, const uint8_t *more, uint32_t depth,
		   uint32_t maxind, const struct guides *g, int color)
{
	/* built in a buffer and written at once: a deep tree has millions
	 * of lines of dozens of guides */
	char buf[(PV_TREE_MAX_INDENT + 1) * 16];
	size_t len = 0;
	uint32_t last = depth;

	if (!depth)
		return;
	if (depth > maxind)
		depth = maxind;
	if (depth > PV_TREE_MAX_INDENT)
		depth = PV_TREE_MAX_INDENT;   /* the buffer's size */
	len = append(buf, len, PV_STYLE(color, DIM));
	for (uint32_t d = 1; d < depth; d++)
		len = append(buf, len, more[d] ? g->pipe : g->blank);
	len = append(buf, len, more[last] ? g->tee : g->elbow);
	len = append(buf, len, PV_STYLE(color, RESET));
	fwrite(buf, 1, len, out);
}

/* The name and location of a line that has left columns on a terminal:
 * the location (a path) gives way first, from the left, down to 20
 * columns; then the name, in the middle, down to 12; then the location
 * again, down to 10; then the location is left out and the name takes
 * what is left (at least 6).  Writes the widths to show: 0 as it is,
 * *locw -1 for no location. */
static void fit_line(int name, int loc, int left, int *namew, int *locw)
{
	int lmin = loc < 20 ? loc : 20;

	*namew = 0;
	*locw = 0;
	if (name + (loc ? 2 + loc : 0) <= left)
		return;
	if (loc) {
		*locw = left - 2 - name < lmin ? lmin : left - 2 - name;
		*namew = name;
		if (*namew + 2 + *locw > left)
			*namew = left - 2 - *locw < 12 ? 12 : left - 2 - *locw;
		lmin = loc < 10 ? loc : 10;
		if (*namew + 2 + *locw > left)
			*locw = left - 2 - *namew < lmin ? lmin :
				left - 2 - *namew;
		if (*namew + 2 + *locw > left)
			*locw = -1;
	}
	if (*locw < 0 || !loc)
		*namew = left < 6 ? 6 : left;
	if (*namew >= name)
		*namew = 0;
	if (*locw >= loc)
		*locw = 0;
}

/* Writes the name (bold) and "  location" (dim) of a line, fitted into
 * left columns when width is set.  Returns 0 or PV_ENOMEM. */
static int label(FILE *out, const struct pv_profile *p,
		 const struct pv_calltree *t, uint32_t n,
		 const struct pv_text_opts *o, int left)
{
	char buf[64], *nown, *lown, *cut = NULL;
	const char *name = pv_text_safe(pv_cnode_name(p, t, n, buf), &nown);
	const char *loc = location_of(p, &t->nodes[n], &lown);
	int namew = 0, locw = 0, rc = 0;
	size_t sz;

	if (!name || !loc) {
		rc = PV_ENOMEM;
		goto done;
	}
	if (o->width)
		fit_line(pv_text_cols(name), pv_text_cols(loc), left, &namew,
			 &locw);
	sz = strlen(name) + strlen(loc) + 8;
	if ((namew || locw) && !(cut = malloc(sz))) {
		rc = PV_ENOMEM;
		goto done;
	}
	if (namew)
		name = pv_text_shorten(cut, sz, name, namew, o->unicode);
	fprintf(out, "%s%s%s", PV_STYLE(o->color, BOLD), name,
		PV_STYLE(o->color, RESET));
	if (locw > 0)
		loc = pv_text_shorten_path(cut, sz, loc, locw, o->unicode);
	if (loc[0] && locw >= 0)
		fprintf(out, "  %s%s%s", PV_STYLE(o->color, DIM), loc,
			PV_STYLE(o->color, RESET));
done:
	free(cut);
	free(nown);
	free(lown);
	return rc;
}

int pv_render_tree_text(FILE *out, const struct pv_profile *p,
			const struct pv_calltree *t,
			const struct pv_tree_text_opts *o)
{
	const struct guides *g = o->text.unicode ? &uni : &ascii;
	uint32_t maxd = 0, *stack, sp = 0, first, maxind = PV_TREE_MAX_INDENT;
	uint8_t *more;
	char num[32], more_text[96];
	int color = o->text.color, numw = 8, lead, rc = 0;

	for (uint32_t i = 0; i < t->nnodes; i++)
		if (t->nodes[i].depth > maxd)
			maxd = t->nodes[i].depth;
	stack = malloc(((size_t)t->nnodes + 2) * sizeof(*stack));
	more = calloc((size_t)maxd + 2, 1);
	if (!stack || !more) {
		free(stack);
		free(more);
		return PV_ENOMEM;
	}
	amount(num, sizeof(num), t->total, o->text.time);
	if ((int)strlen(num) > numw)
		numw = (int)strlen(num);
	lead = 18 + numw;   /* the figures before the guides */
	/* on a terminal, guides leave at least 30 columns for the label
	 * (or the depth and the summary of a deeper line) */
	if (o->text.width) {
		int fit = (o->text.width - lead - 30) / 3;
		maxind = fit < 1 ? 1 : fit < (int)maxind ? (uint32_t)fit :
		      maxind;
	}
	pv_text_filter_note(out, p, color);
	fprintf(out, "%s total%%   self%%  %*s  function  location%s\n",
		PV_STYLE(color, BOLD), numw, o->text.time ? "ms" : "samples",
		PV_STYLE(color, RESET));
	first = next_shown(t, t->first_root, o);
	if (first != PV_NONE)
		stack[sp++] = first;
	while (sp && !rc) {
		uint32_t n = stack[--sp], nx, child, depth;
		const struct pv_cnode *c;
		double tp, spc;
		int used;

		if (n & SUMMARY) {
			uint32_t cnt, parent = n & ~SUMMARY;
			const struct pv_cnode *pc = &t->nodes[parent];
			uint64_t w = hidden(t, pc->first_child, o, &cnt);
			more[pc->depth + 1] = 0;
			fprintf(out, "%6.1f%% %6s  %*s  ", pct(w, t->total), "",
				numw, "");
			indent(out, more, pc->depth + 1, maxind, g, color);
			used = lead + 3 * (int)(pc->depth + 1 < maxind ?
						pc->depth + 1 : maxind);
			if (pc->depth + 1 > maxind)
				used += fprintf(out, "[depth %u] ",
						pc->depth + 1);
			/* the short form when the long one does not fit */
			snprintf(more_text, sizeof(more_text), "(%u more, "
				 "each under %g%%)", cnt, o->prune);
			if (o->text.width && used + pv_text_cols(more_text) >
					     o->text.width)
				snprintf(more_text, sizeof(more_text),
					 "(%u more)", cnt);
			fprintf(out, "%s%s%s\n", PV_STYLE(color, DIM),
				more_text, PV_STYLE(color, RESET));
			continue;
		}
		c = &t->nodes[n];
		nx = next_shown(t, c->next_sibling, o);
		if (nx != PV_NONE)
			stack[sp++] = nx;
		/* a summary line of the parent follows the last sibling */
		more[c->depth] = nx != PV_NONE ||
				 (sp && stack[sp - 1] & SUMMARY &&
				  (stack[sp - 1] & ~SUMMARY) == c->parent);
		tp = pct(c->total, t->total);
		spc = pct(c->self, t->total);
		amount(num, sizeof(num), c->total, o->text.time);
		fprintf(out, "%s%6.1f%%%s %5.1f%%  %*s  ",
			tp >= 10 ? PV_STYLE(color, HOT) : "", tp,
			tp >= 10 ? PV_STYLE(color, RESET) : "", spc, numw, num);
		indent(out, more, c->depth, maxind, g, color);
		depth = c->depth < maxind ? c->depth : maxind;
		used = lead + 3 * (int)depth;
		if (c->depth > maxind)
			used += fprintf(out, "[depth %u] ", c->depth);
		rc = label(out, p, t, n, &o->text, o->text.width - used);
		fputc('\n', out);
		/* children: the summary (popped last), then the first shown */
		{
			uint32_t cnt;
			hidden(t, c->first_child, o, &cnt);
			/* below --depth nothing is listed, so nothing is
			 * summed up either: the node's total says it */
			if (cnt && !(o->max_depth &&
				     c->depth + 1 >= o->max_depth))
				stack[sp++] = n | SUMMARY;
		}
		child = next_shown(t, c->first_child, o);
		if (child != PV_NONE)
			stack[sp++] = child;
	}
	if (t->empty && !rc)
		fprintf(out, "(%.1f%% of the samples have no frame)\n",
			pct(t->empty, t->total));
	free(stack);
	free(more);
	if (rc)
		return rc;
	return ferror(out) ? PV_EWRITE : 0;
}

/* Opens node n's object, up to the "children" array it leaves open. */
static void open_node(FILE *out, const struct pv_profile *p,
		      const struct pv_calltree *t, uint32_t n)
{
	const struct pv_cnode *c = &t->nodes[n];
	char buf[64];

	fputs("{\"function\":", out);
	pv_json_put_string(out, pv_cnode_name(p, t, n, buf));
	if (c->func != PV_NONE) {
		const struct pv_func *f = &p->funcs[c->func];
		fputs(",\"file\":", out);
		pv_json_put_string(out, f->file[0] ? f->file : f->module);
		fprintf(out, ",\"line\":%u,\"kind\":\"%s\"", f->line,
			f->lang == PV_LANG_NATIVE ? "native" :
			(c->kinds & (1u << PV_KIND_JIT)) &&
			!(c->kinds & (1u << PV_KIND_PYTHON)) ? "jit" : "python");
	} else {
		fputs(",\"kind\":\"thread\"", out);
	}
	fprintf(out, ",\"self\":%" PRIu64 ",\"total\":%" PRIu64
		",\"children\":[", (uint64_t)c->self, (uint64_t)c->total);
}

/* The object of pv_render_tree_json, with "group" when not NULL and no
 * newline after it. */
static int tree_json(FILE *out, const struct pv_profile *p,
		     const struct pv_calltree *t,
		     const struct pv_tree_text_opts *o, const char *group)
{
	/* an explicit stack: per open node, the next child to write (trees
	 * of deep recursion are as deep as the reader allows) */
	uint32_t *next = malloc(((size_t)t->nnodes + 1) * sizeof(*next));
	uint8_t *wrote = malloc((size_t)t->nnodes + 1);  /* a child yet */
	uint32_t sp;
	int first_root = 1;

	if (!next || !wrote) {
		free(next);
		free(wrote);
		return PV_ENOMEM;
	}
	fprintf(out, "{\"total_samples\":%" PRIu64 ",\"unit\":\"%s\","
		"\"roots\":[", (uint64_t)t->total,
		o->text.time ? "microseconds" : "samples");
	for (uint32_t r = next_shown(t, t->first_root, o); r != PV_NONE;
	     r = next_shown(t, t->nodes[r].next_sibling, o)) {
		if (!first_root)
			fputc(',', out);
		first_root = 0;
		open_node(out, p, t, r);
		next[0] = next_shown(t, t->nodes[r].first_child, o);
		wrote[0] = 0;
		sp = 1;
		while (sp) {
			uint32_t k = next[sp - 1];
			if (k == PV_NONE) {
				fputs("]}", out);
				sp--;
				continue;
			}
			if (wrote[sp - 1])
				fputc(',', out);
			wrote[sp - 1] = 1;
			next[sp - 1] = next_shown(t, t->nodes[k].next_sibling, o);
			open_node(out, p, t, k);
			wrote[sp] = 0;
			next[sp++] = next_shown(t, t->nodes[k].first_child, o);
		}
	}
	fputc(']', out);
	if (group) {
		fputs(",\"group\":", out);
		pv_json_put_string(out, group);
	}
	fputc('}', out);
	free(next);
	free(wrote);
	return ferror(out) ? PV_EWRITE : 0;
}

int pv_render_tree_json(FILE *out, const struct pv_profile *p,
			const struct pv_calltree *t,
			const struct pv_tree_text_opts *o)
{
	int rc = tree_json(out, p, t, o, NULL);

	if (rc)
		return rc;
	fputc('\n', out);
	return ferror(out) ? PV_EWRITE : 0;
}

int pv_render_tree_text_group(FILE *out, const struct pv_profile *p,
			      const struct pv_calltree *t,
			      const struct pv_tree_text_opts *o,
			      const char *group, uint32_t i)
{
	if (i)
		fputc('\n', out);
	fputs(PV_STYLE(o->text.color, BOLD), out);
	pv_text_put(out, group, strlen(group));
	fprintf(out, "%s\n", PV_STYLE(o->text.color, RESET));
	return pv_render_tree_text(out, p, t, o);
}

int pv_render_tree_json_group(FILE *out, const struct pv_profile *p,
			      const struct pv_calltree *t,
			      const struct pv_tree_text_opts *o,
			      const char *group, uint32_t i, uint32_t n)
{
	int rc;

	fputs(i ? "," : "{\"groups\":[", out);
	rc = tree_json(out, p, t, o, group);
	if (rc)
		return rc;
	if (i + 1 == n)
		fputs("]}\n", out);
	return ferror(out) ? PV_EWRITE : 0;
}
