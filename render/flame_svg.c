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
#include "render/pv_xmlsafe.h"

static const char script_text[] =
#include "flame_js.h"
	;

struct svgw {
	xmlTextWriterPtr w;
	const struct pv_flame_layout *l;
	int bad;
};

static void start(struct svgw *s, const char *name)
{
	if (xmlTextWriterStartElement(s->w, BAD_CAST name) < 0)
		s->bad = 1;
}

static void end(struct svgw *s)
{
	if (xmlTextWriterEndElement(s->w) < 0)
		s->bad = 1;
}

static void attr(struct svgw *s, const char *name, const char *value)
{
	if (xmlTextWriterWriteAttribute(s->w, BAD_CAST name,
					BAD_CAST value) < 0)
		s->bad = 1;
}

static void attrf(struct svgw *s, const char *name, double v)
{
	char buf[64];

	snprintf(buf, sizeof(buf), "%.2f", v);
	attr(s, name, buf);
}

/* Text from raw bytes: made valid UTF-8 first, then escaped. */
static void text(struct svgw *s, const char *raw)
{
	char *tmp;
	const char *t = flame__xml_text(raw, &tmp);

	if (xmlTextWriterWriteString(s->w, BAD_CAST t) < 0)
		s->bad = 1;
	free(tmp);
}

static void raw(struct svgw *s, const char *txt)
{
	if (xmlTextWriterWriteRaw(s->w, BAD_CAST txt) < 0)
		s->bad = 1;
}

static void id_attr(struct svgw *s, const char *suffix)
{
	char buf[160];

	snprintf(buf, sizeof(buf), "%s%s", s->l->o.id_prefix, suffix);
	attr(s, "id", buf);
}

static void rgb_attr(struct svgw *s, const char *name, uint32_t c)
{
	char buf[16];

	snprintf(buf, sizeof(buf), "#%06" PRIx32, c & 0xffffff);
	attr(s, name, buf);
}

static void text_el(struct svgw *s, const char *id, double x, double y,
		    const char *anchor, const char *cls, const char *body)
{
	start(s, "text");
	if (id)
		id_attr(s, id);
	if (cls)
		attr(s, "class", cls);
	attrf(s, "x", x);
	attrf(s, "y", y);
	if (anchor)
		attr(s, "text-anchor", anchor);
	text(s, body);
	end(s);
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
	start(s, "style");
	text(s, css);
	end(s);
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
		s->bad = 1;
		return;
	}
	start(s, "g");
	id_attr(s, "-frames");
	for (uint32_t i = 0; i < l->nrects && !s->bad; i++) {
		const struct pv_flame_rect *r = &l->rects[i];
		double x = l->graph_x + r->x, y = flame__rect_y(l, r->depth);
		/* close frames until the top one is this frame's parent */
		while (nopen && open[nopen - 1] != r->parent) {
			end(s);
			nopen--;
		}
		raw(s, "\n");
		start(s, "g");
		snprintf(v, sizeof(v), "%" PRIu64 " %" PRIu64, r->start,
			 r->weight);
		attr(s, "data-v", v);
		start(s, "title");
		frame_title(s, i, title, cap);
		text(s, title);
		end(s);
		start(s, "rect");
		attrf(s, "x", x);
		attrf(s, "y", y);
		attrf(s, "width", r->w);
		attrf(s, "height", l->o.frame_height - 1);
		rgb_attr(s, "fill", pv_flame_color(l, i));
		attr(s, "rx", "2");
		end(s);
		if (flame__label(pv_flame_name(l, i, nb), r->w, FLAME_FONT,
				 l->o.truncate_start, label, sizeof(label)))
			text_el(s, NULL, x + 3, y + l->o.frame_height - 4,
				NULL, NULL, label);
		open[nopen++] = i;
	}
	while (nopen--)
		end(s);
	end(s);
	free(open);
	free(title);
}

static void notes(struct svgw *s, double y)
{
	const struct pv_flame_layout *l = s->l;

	for (size_t i = 0; i < l->o.nnotes; i++, y += 16) {
		start(s, "rect");
		attrf(s, "x", l->graph_x);
		attrf(s, "y", y - 10);
		attr(s, "width", "10");
		attr(s, "height", "10");
		rgb_attr(s, "fill", l->o.notes[i].rgb);
		end(s);
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
	start(s, "g");
	id_attr(s, "-legend");
	for (size_t i = 0; i < l->nkeys; i++) {
		const char *t = l->keys[i].text ? l->keys[i].text : "";
		start(s, "g");
		attr(s, "data-key", t);
		start(s, "rect");
		attrf(s, "x", x);
		attrf(s, "y", y - 10);
		attr(s, "width", "10");
		attr(s, "height", "10");
		rgb_attr(s, "fill", l->keys[i].rgb);
		end(s);
		text_el(s, NULL, x + 14, y, NULL, NULL, t);
		end(s);
		x = flame__key_next(&l->keys[i], x);
	}
	end(s);
	raw(s, "\n");
}

static void script(struct svgw *s)
{
	const char *mark = strstr(script_text, "@PREFIX@");
	size_t len = strlen(script_text), plen = strlen(s->l->o.id_prefix);
	char *js = malloc(len + plen + 1);

	if (!js || !mark) {
		free(js);
		s->bad = 1;
		return;
	}
	memcpy(js, script_text, (size_t)(mark - script_text));
	memcpy(js + (mark - script_text), s->l->o.id_prefix, plen);
	strcpy(js + (mark - script_text) + plen, mark + 8);
	start(s, "script");
	/* escaped as text: it reads the same in XML and in HTML's inline
	 * SVG, where CDATA sections are not always honoured */
	text(s, js);
	end(s);
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

int pv_flame_svg_element(const struct pv_flame_layout *l,
			 xmlTextWriterPtr w, struct pv_error *err)
{
	struct svgw s = { w, l, 0 };
	const struct pv_flame_opts *o = &l->o;
	double W = o->width, H = l->height;
	char sub[400], buf[64];

	if (!prefix_ok(o->id_prefix))
		return pv_error_set(err, PV_EUSAGE, PV_NO_OFFSET,
				    "id prefix '%s' is not [A-Za-z0-9_-]+",
				    o->id_prefix);
	start(&s, "svg");
	attr(&s, "xmlns", "http://www.w3.org/2000/svg");
	attr(&s, "version", "1.1");
	id_attr(&s, "");
	attr(&s, "class", "pvflame");
	snprintf(buf, sizeof(buf), "%.0f", W);
	attr(&s, "width", buf);
	snprintf(buf, sizeof(buf), "%.0f", H);
	attr(&s, "height", buf);
	snprintf(buf, sizeof(buf), "0 0 %.0f %.0f", W, H);
	attr(&s, "viewBox", buf);
	attrf(&s, "data-x0", l->graph_x);
	attrf(&s, "data-iw", W - 2 * l->graph_x);
	snprintf(buf, sizeof(buf), "%.4f", l->minwidth);
	attr(&s, "data-minw", buf);
	attrf(&s, "data-fh", o->frame_height);
	attr(&s, "data-trunc", o->truncate_start ? "start" : "end");
	snprintf(buf, sizeof(buf), "%" PRIu64, l->total);
	attr(&s, "data-total", buf);
	style(&s);
	start(&s, "rect");
	attr(&s, "width", "100%");
	attr(&s, "height", "100%");
	attr(&s, "fill", "#f6f6f2");
	end(&s);
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
	raw(&s, "\n");
	legend(&s);
	notes(&s, H - FLAME_BOTTOM - (double)o->nnotes * 16 + 12);
	text_el(&s, "-details", l->graph_x, H - 12, NULL, NULL, " ");
	text_el(&s, "-matched", W - l->graph_x, H - 12, "end", NULL, "");
	script(&s);
	end(&s);
	if (s.bad)
		return pv_error_set(err, PV_EWRITE, PV_NO_OFFSET,
				    "cannot write the SVG");
	return 0;
}

static int document(const struct pv_flame_layout *l, xmlTextWriterPtr w,
		    struct pv_error *err)
{
	if (xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL) < 0)
		return pv_error_set(err, PV_EWRITE, PV_NO_OFFSET,
				    "cannot write the SVG");
	PV_TRY(pv_flame_svg_element(l, w, err));
	if (xmlTextWriterEndDocument(w) < 0)
		return pv_error_set(err, PV_EWRITE, PV_NO_OFFSET,
				    "cannot write the SVG");
	return 0;
}

int pv_render_flame_svg(const struct pv_flame_layout *l, FILE *out,
		       struct pv_error *err)
{
	xmlTextWriterPtr w = pv_xmlsafe_writer(out);
	int rc;

	if (!w)
		return pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET,
				    "out of memory");
	rc = document(l, w, err);
	xmlFreeTextWriter(w);   /* flushes; out stays open */
	if (rc == 0 && ferror(out))
		rc = pv_error_set(err, PV_EWRITE, PV_NO_OFFSET,
				  "cannot write the SVG");
	return rc;
}

int pv_flame_svg_string(const struct pv_flame_layout *l, char **out,
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
	rc = document(l, w, err);
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
