/* flame_svg.c - the interactive SVG flame graph, written with libxml2's
 * xmlTextWriter so every name is escaped and the document well formed.
 *
 * Frames nest as <g> elements the way the call tree does: zooming then
 * hides a sibling subtree with one attribute, and the script
 * (flame_svg.js, compiled in) finds a frame's parent in the DOM.  Each
 * <g> carries "start weight" in data-v; its <title> holds the name, the
 * location, and kind/weight/percent, one per line.  Output depends only on
 * the layout: no time stamps, fixed number formats.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlwriter.h>

#include "render/flame_int.h"
#include "render/pv_xmlw.h"

static const char script_text[] =
#include "flame_js.h"
	;

struct svgw {
	struct pv_xmlw x;
	const struct pv_flame_layout *l;
};


static void id_attr(struct svgw *s, const char *suffix)
{
	char buf[160];

	snprintf(buf, sizeof(buf), "%s%s", s->l->o.id_prefix, suffix);
	pv_xmlw_attr(&s->x, "id", buf);
}

static void text_el(struct svgw *s, const char *id, double x, double y,
		    const char *anchor, const char *cls, const char *body)
{
	pv_xmlw_start(&s->x, "text");
	if (id)
		id_attr(s, id);
	if (cls)
		pv_xmlw_attr(&s->x, "class", cls);
	pv_xmlw_num(&s->x, "x", x);
	pv_xmlw_num(&s->x, "y", y);
	if (anchor)
		pv_xmlw_attr(&s->x, "text-anchor", anchor);
	pv_xmlw_text(&s->x, body);
	pv_xmlw_end(&s->x);
}

static void style(struct svgw *s)
{
	const char *p = s->l->o.id_prefix;
	char css[1200];

	snprintf(css, sizeof(css),
		 "#%s{font-family:Verdana,'DejaVu Sans',sans-serif;"
		 "font-size:12px}"
		 "#%s .title{font-size:17px}"
		 "#%s .sub{fill:#555}"
		 "#%s .btn{cursor:pointer;fill:#225}"
		 "#%s .btn:hover{text-decoration:underline}"
		 "#%s-frames text{pointer-events:none;fill:#000}"
		 "#%s-frames g{cursor:pointer}"
		 "#%s-frames g:hover>rect{stroke:#222;stroke-width:0.5}"
		 "#%s-frames g.m>rect{fill:#e040d0}"
		 "#%s-reset{opacity:0}",   /* shown once zoomed */
		 p, p, p, p, p, p, p, p, p, p);
	pv_xmlw_start(&s->x, "style");
	pv_xmlw_text(&s->x, css);
	pv_xmlw_end(&s->x);
}

/* Title text of a frame: name, location, kind and weight, hook text. */
static void frame_title(struct svgw *s, uint32_t i, char *buf, size_t cap)
{
	const struct pv_flame_layout *l = s->l;
	const struct pv_flame_rect *r = &l->rects[i];
	const struct pv_func *f = NULL;
	char nb[64], kb[64], extra[512];
	size_t n;
	double pct = l->total ? 100.0 * (double)r->weight / (double)l->total : 0;

	if (r->node != PV_NONE && l->t->nodes[r->node].func != PV_NONE)
		f = &l->p->funcs[l->t->nodes[r->node].func];
	n = (size_t)snprintf(buf, cap, "%s\n", pv_flame_name(l, i, nb));
	if (n < cap && f && f->file[0])
		n += (size_t)snprintf(buf + n, cap - n, "%s:%" PRIu32 "\n",
				      f->file, f->line);
	else if (n < cap && f && f->module[0])
		n += (size_t)snprintf(buf + n, cap - n, "%s\n", f->module);
	if (n < cap)
		n += (size_t)snprintf(buf + n, cap - n,
				      "%s, %" PRIu64 " %s, %.2f%%",
				      pv_flame_kind_text(l, i, kb), r->weight,
				      l->o.unit, pct);
	if (n < cap && l->o.hooks.tooltip) {
		size_t e = l->o.hooks.tooltip(l->o.hooks.ctx, l->t, r->node,
					      extra, sizeof(extra));
		if (e) {
			extra[e < sizeof(extra) ? e : sizeof(extra) - 1] = 0;
			snprintf(buf + n, cap - n, "\n%s", extra);
		}
	}
}

static void frames(struct svgw *s)
{
	const struct pv_flame_layout *l = s->l;
	uint32_t *open = malloc((l->max_depth + 2) * sizeof(*open));
	uint32_t nopen = 0;
	size_t cap = 1 << 16;
	char *title = malloc(cap), label[512], v[64], nb[64];

	if (!open || !title) {
		free(open);
		free(title);
		pv_xmlw_fail(&s->x, PV_ENOMEM);
		return;
	}
	pv_xmlw_start(&s->x, "g");
	id_attr(s, "-frames");
	for (uint32_t i = 0; i < l->nrects && !s->x.status; i++) {
		const struct pv_flame_rect *r = &l->rects[i];
		double x = l->graph_x + r->x, y = flame__rect_y(l, r->depth);
		/* close frames until the top one is this frame's parent */
		while (nopen && open[nopen - 1] != r->parent) {
			pv_xmlw_end(&s->x);
			nopen--;
		}
		pv_xmlw_raw(&s->x, "\n");
		pv_xmlw_start(&s->x, "g");
		snprintf(v, sizeof(v), "%" PRIu64 " %" PRIu64, r->start,
			 r->weight);
		pv_xmlw_attr(&s->x, "data-v", v);
		pv_xmlw_start(&s->x, "title");
		frame_title(s, i, title, cap);
		pv_xmlw_text(&s->x, title);
		pv_xmlw_end(&s->x);
		pv_xmlw_start(&s->x, "rect");
		pv_xmlw_num(&s->x, "x", x);
		pv_xmlw_num(&s->x, "y", y);
		pv_xmlw_num(&s->x, "width", r->w);
		pv_xmlw_num(&s->x, "height", l->o.frame_height - 1);
		pv_xmlw_rgb(&s->x, "fill", pv_flame_color(l, i));
		pv_xmlw_attr(&s->x, "rx", "2");
		pv_xmlw_end(&s->x);
		if (flame__label(pv_flame_name(l, i, nb), r->w, FLAME_FONT,
				 l->o.truncate_start, label, sizeof(label)))
			text_el(s, NULL, x + 3, y + l->o.frame_height - 4,
				NULL, NULL, label);
		open[nopen++] = i;
	}
	while (nopen--)
		pv_xmlw_end(&s->x);
	pv_xmlw_end(&s->x);
	free(open);
	free(title);
}

static void notes(struct svgw *s, double y)
{
	const struct pv_flame_layout *l = s->l;

	for (size_t i = 0; i < l->o.nnotes; i++, y += 16) {
		pv_xmlw_start(&s->x, "rect");
		pv_xmlw_num(&s->x, "x", l->graph_x);
		pv_xmlw_num(&s->x, "y", y - 10);
		pv_xmlw_attr(&s->x, "width", "10");
		pv_xmlw_attr(&s->x, "height", "10");
		pv_xmlw_rgb(&s->x, "fill", l->o.notes[i].rgb);
		pv_xmlw_end(&s->x);
		text_el(s, NULL, l->graph_x + 14, y, NULL, "note",
			l->o.notes[i].text ? l->o.notes[i].text : "");
	}
}

/* The colour legend: one row of swatches and their meaning, each key a
 * <g> with its text in data-key (for scripts and tests). */
static void legend(struct svgw *s)
{
	const struct pv_flame_layout *l = s->l;
	double x = l->graph_x, y = flame__legend_y(l);

	if (!l->nkeys)
		return;
	pv_xmlw_start(&s->x, "g");
	id_attr(s, "-legend");
	for (size_t i = 0; i < l->nkeys; i++) {
		const char *t = l->keys[i].text ? l->keys[i].text : "";
		pv_xmlw_start(&s->x, "g");
		pv_xmlw_attr(&s->x, "data-key", t);
		pv_xmlw_start(&s->x, "rect");
		pv_xmlw_num(&s->x, "x", x);
		pv_xmlw_num(&s->x, "y", y - 10);
		pv_xmlw_attr(&s->x, "width", "10");
		pv_xmlw_attr(&s->x, "height", "10");
		pv_xmlw_rgb(&s->x, "fill", l->keys[i].rgb);
		pv_xmlw_end(&s->x);
		text_el(s, NULL, x + 14, y, NULL, NULL, t);
		pv_xmlw_end(&s->x);
		x = flame__key_next(&l->keys[i], x);
	}
	pv_xmlw_end(&s->x);
	pv_xmlw_raw(&s->x, "\n");
}

static void script(struct svgw *s)
{
	const char *mark = strstr(script_text, "@PREFIX@");
	size_t len = strlen(script_text), plen = strlen(s->l->o.id_prefix);
	char *js = malloc(len + plen + 1);

	if (!js || !mark) {
		free(js);
		pv_xmlw_fail(&s->x, PV_ENOMEM);
		return;
	}
	memcpy(js, script_text, (size_t)(mark - script_text));
	memcpy(js + (mark - script_text), s->l->o.id_prefix, plen);
	strcpy(js + (mark - script_text) + plen, mark + 8);
	pv_xmlw_start(&s->x, "script");
	/* escaped as text: it reads the same in XML and in HTML's inline
	 * SVG, where CDATA sections are not always honoured */
	pv_xmlw_text(&s->x, js);
	pv_xmlw_end(&s->x);
	free(js);
}

static int prefix_ok(const char *p)
{
	if (!*p || strlen(p) > 100)
		return 0;
	for (; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '_' || *p == '-'))
			return 0;
	return 1;
}

int pv_render_flame_svg_element(const struct pv_flame_layout *l,
				xmlTextWriterPtr w, struct pv_error *err)
{
	struct svgw s = { PV_XMLW_INIT(w), l };
	const struct pv_flame_opts *o = &l->o;
	double W = o->width, H = l->height;
	char sub[400], buf[64];

	if (!prefix_ok(o->id_prefix))
		return pv_error_set(err, PV_EUSAGE, PV_NO_OFFSET,
				    "id prefix '%s' is not [A-Za-z0-9_-]+",
				    o->id_prefix);
	pv_xmlw_start(&s.x, "svg");
	pv_xmlw_attr(&s.x, "xmlns", "http://www.w3.org/2000/svg");
	pv_xmlw_attr(&s.x, "version", "1.1");
	id_attr(&s, "");
	pv_xmlw_attr(&s.x, "class", "pvflame");
	snprintf(buf, sizeof(buf), "%.0f", W);
	pv_xmlw_attr(&s.x, "width", buf);
	snprintf(buf, sizeof(buf), "%.0f", H);
	pv_xmlw_attr(&s.x, "height", buf);
	snprintf(buf, sizeof(buf), "0 0 %.0f %.0f", W, H);
	pv_xmlw_attr(&s.x, "viewBox", buf);
	pv_xmlw_num(&s.x, "data-x0", l->graph_x);
	pv_xmlw_num(&s.x, "data-iw", W - 2 * l->graph_x);
	snprintf(buf, sizeof(buf), "%.4f", l->minwidth);
	pv_xmlw_attr(&s.x, "data-minw", buf);
	pv_xmlw_num(&s.x, "data-fh", o->frame_height);
	pv_xmlw_attr(&s.x, "data-trunc", o->truncate_start ? "start" : "end");
	snprintf(buf, sizeof(buf), "%" PRIu64, l->total);
	pv_xmlw_attr(&s.x, "data-total", buf);
	style(&s);
	pv_xmlw_start(&s.x, "rect");
	pv_xmlw_attr(&s.x, "width", "100%");
	pv_xmlw_attr(&s.x, "height", "100%");
	pv_xmlw_attr(&s.x, "fill", "#f6f6f2");
	pv_xmlw_end(&s.x);
	text_el(&s, "-title", W / 2, 24, "middle", "title", o->title);
	sub[0] = '\0';
	if (o->subtitle)
		snprintf(sub, sizeof(sub), "%s", o->subtitle);
	if (l->raised)
		snprintf(sub + strlen(sub), sizeof(sub) - strlen(sub),
			 "%sframes narrower than %.2f px left out to keep the "
			 "file under %.1f MB (--minwidth, --max-size)",
			 sub[0] ? "; " : "", l->minwidth,
			 (double)o->max_size / (1 << 20));
	if (sub[0])
		text_el(&s, "-subtitle", W / 2, 44, "middle", "sub", sub);
	text_el(&s, "-reset", l->graph_x, 24, NULL, "btn", "Reset Zoom");
	text_el(&s, "-search", W - l->graph_x, 24, "end", "btn", "Search");
	frames(&s);
	pv_xmlw_raw(&s.x, "\n");
	legend(&s);
	notes(&s, H - FLAME_BOTTOM - (double)o->nnotes * 16 + 12);
	text_el(&s, "-details", l->graph_x, H - 12, NULL, NULL, " ");
	text_el(&s, "-matched", W - l->graph_x, H - 12, "end", NULL, "");
	script(&s);
	pv_xmlw_end(&s.x);
	return pv_xmlw_finish(&s.x, "the SVG", err);
}

static int flame_body(const void *ctx, xmlTextWriterPtr w,
		      struct pv_error *err)
{
	return pv_render_flame_svg_element(ctx, w, err);
}

int pv_render_flame_svg(const struct pv_flame_layout *l, FILE *out,
		       struct pv_error *err)
{
	return pv_xmlw_document_file(out, 0, flame_body, l, "the SVG", err);
}

int pv_render_flame_svg_string(const struct pv_flame_layout *l, char **out,
			       size_t *len, struct pv_error *err)
{
	xmlBufferPtr b = xmlBufferCreate();
	xmlTextWriterPtr w = b ? xmlNewTextWriterMemory(b, 0) : NULL;
	int rc;

	*out = NULL;
	*len = 0;
	if (!w) {
		xmlBufferFree(b);
		return pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET,
				    "out of memory");
	}
	rc = pv_xmlw_document(w, flame_body, l, "the SVG", err);
	xmlFreeTextWriter(w);
	if (rc == 0) {
		*len = (size_t)xmlBufferLength(b);
		*out = malloc(*len + 1);
		if (!*out)
			rc = pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET,
					  "out of memory");
		else
			memcpy(*out, xmlBufferContent(b), *len + 1);
	}
	xmlBufferFree(b);
	return rc;
}
