/* memory_svg.c - the memory chart as SVG through libxml2's writer, so every
 * name is escaped.  Deterministic: fixed palette, coordinates as %.2f.
 * The root carries the axis ranges and each series its exact figures as
 * data-* attributes, so scripts (and the tests) can read values back.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "render/pv_memory.h"
#include "render/pv_xmlsafe.h"

#define FONT "DejaVu Sans, Helvetica, Arial, sans-serif"

struct svg {
	xmlTextWriterPtr w;
	int bad;
};

static void start(struct svg *s, const char *el)
{
	s->bad |= xmlTextWriterStartElement(s->w, BAD_CAST el) < 0;
}

static void end(struct svg *s)
{
	s->bad |= xmlTextWriterEndElement(s->w) < 0;
}

static void attr(struct svg *s, const char *name, const char *v)
{
	s->bad |= xmlTextWriterWriteAttribute(s->w, BAD_CAST name,
					      BAD_CAST v) < 0;
}

static void attrf(struct svg *s, const char *name, double v)
{
	s->bad |= xmlTextWriterWriteFormatAttribute(s->w, BAD_CAST name,
						    "%.2f", v) < 0;
}

/* Raw log text (paths, names) as an attribute or element content. */
static void attr_raw(struct svg *s, const char *name, const char *v)
{
	s->bad |= pv_xmlsafe_attr(s->w, name, v) < 0;
}

static void text_raw(struct svg *s, const char *v)
{
	s->bad |= pv_xmlsafe_text(s->w, v) < 0;
}

static void line(struct svg *s, double x1, double y1, double x2, double y2)
{
	start(s, "line");
	attrf(s, "x1", x1);
	attrf(s, "y1", y1);
	attrf(s, "x2", x2);
	attrf(s, "y2", y2);
	end(s);
}

static void text(struct svg *s, double x, double y, const char *anchor,
		 const char *size, const char *v)
{
	start(s, "text");
	attrf(s, "x", x);
	attrf(s, "y", y);
	if (anchor)
		attr(s, "text-anchor", anchor);
	if (size)
		attr(s, "font-size", size);
	text_raw(s, v);
	end(s);
}

static void grid_and_axes(struct svg *s, const struct pv_memchart *c)
{
	int nt = pv_memory_nticks(c->t0, c->t1, c->tstep);
	int nm = pv_memory_nticks(c->m0, c->m1, c->mstep);
	double bottom = c->py + c->ph;
	char buf[64];

	start(s, "g");
	attr(s, "class", "grid");
	attr(s, "stroke", "#e4e4e4");
	attr(s, "stroke-width", "1");
	for (int i = 0; i < nt; i++) {
		double x = pv_memory_x(c, c->t0 + i * c->tstep);
		line(s, x, c->py, x, bottom);
	}
	for (int i = 0; i < nm; i++) {
		double y = pv_memory_y(c, (c->m0 + i * c->mstep) * 1024.0);
		line(s, c->px, y, c->px + c->pw, y);
	}
	end(s);

	start(s, "g");
	attr(s, "class", "xticks");
	attr(s, "font-size", "12");
	attr(s, "fill", "#333");
	for (int i = 0; i < nt; i++) {
		double v = c->t0 + i * c->tstep;
		pv_memory_tick_label(v, c->tstep, buf, sizeof(buf));
		start(s, "text");
		attrf(s, "x", pv_memory_x(c, v));
		attrf(s, "y", bottom + 18);
		attr(s, "text-anchor", "middle");
		s->bad |= xmlTextWriterWriteFormatAttribute(s->w,
			BAD_CAST "data-value", "%.6g", v) < 0;
		text_raw(s, buf);
		end(s);
	}
	end(s);
	start(s, "g");
	attr(s, "class", "yticks");
	attr(s, "font-size", "12");
	attr(s, "fill", "#333");
	for (int i = 0; i < nm; i++) {
		double v = c->m0 + i * c->mstep;
		pv_memory_tick_label(v, c->mstep, buf, sizeof(buf));
		start(s, "text");
		attrf(s, "x", c->px - 8);
		attrf(s, "y", pv_memory_y(c, v * 1024.0) + 4);
		attr(s, "text-anchor", "end");
		s->bad |= xmlTextWriterWriteFormatAttribute(s->w,
			BAD_CAST "data-value", "%.6g", v) < 0;
		text_raw(s, buf);
		end(s);
	}
	end(s);

	start(s, "rect");
	attr(s, "class", "frame");
	attrf(s, "x", c->px);
	attrf(s, "y", c->py);
	attrf(s, "width", c->pw);
	attrf(s, "height", c->ph);
	attr(s, "fill", "none");
	attr(s, "stroke", "#888");
	end(s);
	text(s, c->px + c->pw / 2, bottom + 40, "middle", "13", "time (s)");
	start(s, "text");
	attr(s, "transform", "rotate(-90)");
	attrf(s, "x", -(c->py + c->ph / 2));
	attrf(s, "y", 22);
	attr(s, "text-anchor", "middle");
	attr(s, "font-size", "13");
	text_raw(s, "resident memory (MiB)");
	end(s);
}

/* "x,y x,y ..." for a series' points. */
static char *points(const struct pv_memchart *c,
		    const struct pv_mem_series *se)
{
	size_t cap = se->npts * 24 + 1, o = 0;
	char *b = malloc(cap);

	if (!b)
		return NULL;
	b[0] = '\0';
	for (size_t i = 0; i < se->npts; i++) {
		int n = snprintf(b + o, cap - o, "%s%.2f,%.2f", i ? " " : "",
				 pv_memory_x(c, se->pts[i].t),
				 pv_memory_y(c, se->pts[i].kib));
		if (n < 0 || (size_t)n >= cap - o)
			break;
		o += (size_t)n;
	}
	return b;
}

static void series(struct svg *s, const struct pv_memchart *c, uint32_t i)
{
	const struct pv_mem_series *se = &c->series[i];
	char buf[320];
	char *pts = points(c, se);

	if (!pts) {
		s->bad = 1;
		return;
	}
	start(s, "g");
	attr(s, "class", "series");
	attr_raw(s, "data-label", se->label);
	snprintf(buf, sizeof(buf), "%" PRIu64, se->samples);
	attr(s, "data-samples", buf);
	snprintf(buf, sizeof(buf), "%" PRIu32, se->min_kib);
	attr(s, "data-min-kib", buf);
	snprintf(buf, sizeof(buf), "%" PRIu32, se->max_kib);
	attr(s, "data-max-kib", buf);
	snprintf(buf, sizeof(buf), "%" PRIu32, se->first_kib);
	attr(s, "data-first-kib", buf);
	snprintf(buf, sizeof(buf), "%" PRIu32, se->last_kib);
	attr(s, "data-last-kib", buf);
	snprintf(buf, sizeof(buf), "%.6f", se->peak_time);
	attr(s, "data-peak-time", buf);
	start(s, "polyline");
	attr(s, "fill", "none");
	attr(s, "stroke", pv_memory_color(i));
	attr(s, "stroke-width", "1.5");
	attr(s, "stroke-linejoin", "round");
	attr(s, "points", pts);
	end(s);
	free(pts);
	start(s, "circle");
	attr(s, "class", "peak");
	attrf(s, "cx", pv_memory_x(c, se->peak_time));
	attrf(s, "cy", pv_memory_y(c, se->max_kib));
	attr(s, "r", "4");
	attr(s, "fill", pv_memory_color(i));
	attr(s, "stroke", "#fff");
	start(s, "title");
	snprintf(buf, sizeof(buf), "peak %.1f MiB (%" PRIu32 " KiB) at %.3f s: ",
		 se->max_kib / 1024.0, se->max_kib, se->peak_time);
	text_raw(s, buf);
	text_raw(s, se->label);
	end(s);
	end(s);
	end(s);
}

static void peak_label(struct svg *s, const struct pv_memchart *c)
{
	const struct pv_mem_series *se = &c->series[c->peak];
	double x = pv_memory_x(c, se->peak_time);
	double y = pv_memory_y(c, se->max_kib);
	const char *anchor = "middle";
	char buf[128];

	if (x > c->px + c->pw * 0.8) {
		anchor = "end";
		x -= 6;
	} else if (x < c->px + c->pw * 0.2) {
		anchor = "start";
		x += 6;
	}
	snprintf(buf, sizeof(buf), "peak %.1f MiB at %.3f s",
		 se->max_kib / 1024.0, se->peak_time);
	start(s, "text");
	attr(s, "class", "peak-label");
	attrf(s, "x", x);
	attrf(s, "y", y < c->py + 20 ? y + 20 : y - 10);
	attr(s, "text-anchor", anchor);
	attr(s, "font-size", "12");
	attr(s, "font-weight", "bold");
	text_raw(s, buf);
	end(s);
}

static void legend(struct svg *s, const struct pv_memchart *c)
{
	double x = c->px + 12, y = c->py + 12;

	start(s, "g");
	attr(s, "class", "legend");
	attr(s, "font-size", "12");
	start(s, "rect");
	attrf(s, "x", x - 6);
	attrf(s, "y", y - 6);
	attrf(s, "width", 360);
	attrf(s, "height", 18.0 * (c->nseries + (c->hidden > 0)) + 8);
	attr(s, "fill", "#fff");
	attr(s, "fill-opacity", "0.85");
	attr(s, "stroke", "#ccc");
	end(s);
	for (uint32_t i = 0; i < c->nseries; i++) {
		double yy = y + 18.0 * i;
		start(s, "rect");
		attrf(s, "x", x);
		attrf(s, "y", yy + 2);
		attr(s, "width", "14");
		attr(s, "height", "4");
		attr(s, "fill", pv_memory_color(i));
		end(s);
		text(s, x + 20, yy + 8, NULL, NULL, c->series[i].label);
	}
	if (c->hidden) {
		char buf[96];
		snprintf(buf, sizeof(buf), "%u series with fewer samples not "
			 "shown", c->hidden);
		text(s, x + 20, y + 18.0 * c->nseries + 8, NULL, NULL, buf);
	}
	end(s);
}

int pv_memory_svg_element(const struct pv_memchart *c, xmlTextWriterPtr w,
			  struct pv_error *err)
{
	struct svg s = { w, 0 };
	char buf[64];

	start(&s, "svg");
	attr(&s, "xmlns", "http://www.w3.org/2000/svg");
	snprintf(buf, sizeof(buf), "%d", c->width);
	attr(&s, "width", buf);
	snprintf(buf, sizeof(buf), "%d", c->height);
	attr(&s, "height", buf);
	snprintf(buf, sizeof(buf), "0 0 %d %d", c->width, c->height);
	attr(&s, "viewBox", buf);
	attr(&s, "class", "pv-memory");
	attr(&s, "font-family", FONT);
	/* the mapping from data to pixels, for anyone reading values back */
	snprintf(buf, sizeof(buf), "%.2f %.2f %.2f %.2f", c->px, c->py, c->pw,
		 c->ph);
	attr(&s, "data-plot", buf);
	snprintf(buf, sizeof(buf), "%.6g %.6g", c->t0, c->t1);
	attr(&s, "data-time-range", buf);
	snprintf(buf, sizeof(buf), "%.6g %.6g", c->m0, c->m1);
	attr(&s, "data-mib-range", buf);
	start(&s, "title");
	text_raw(&s, c->title);
	end(&s);
	start(&s, "rect");
	attr(&s, "width", "100%");
	attr(&s, "height", "100%");
	attr(&s, "fill", "#fff");
	end(&s);
	start(&s, "text");
	attr(&s, "class", "title");
	attrf(&s, "x", c->width / 2.0);
	attr(&s, "y", "24");
	attr(&s, "text-anchor", "middle");
	attr(&s, "font-size", "17");
	text_raw(&s, c->title);
	end(&s);
	start(&s, "text");
	attr(&s, "class", "subtitle");
	attrf(&s, "x", c->width / 2.0);
	attr(&s, "y", "44");
	attr(&s, "text-anchor", "middle");
	attr(&s, "font-size", "12");
	attr(&s, "fill", "#555");
	text_raw(&s, c->subtitle);
	end(&s);
	grid_and_axes(&s, c);
	for (uint32_t i = 0; i < c->nseries; i++)
		series(&s, c, i);
	peak_label(&s, c);
	if (c->nseries > 1 || c->hidden)
		legend(&s, c);
	end(&s);
	if (s.bad)
		return pv_error_set(err, PV_EWRITE, PV_NO_OFFSET,
				    "cannot write the SVG");
	return 0;
}

int pv_render_memory_svg(const struct pv_memchart *c, FILE *out,
			struct pv_error *err)
{
	xmlTextWriterPtr w = pv_xmlsafe_writer(out);
	int rc;

	if (!w)
		return pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET,
				    "out of memory");
	xmlTextWriterSetIndent(w, 1);
	xmlTextWriterSetIndentString(w, BAD_CAST " ");
	rc = xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL) < 0 ? -1 : 0;
	if (rc == 0)
		rc = pv_memory_svg_element(c, w, err);
	if (rc == 0 && xmlTextWriterEndDocument(w) < 0)
		rc = -1;
	if (rc == -1 || rc == PV_EWRITE)
		rc = pv_xmlsafe_error(out, "cannot write the SVG", err);
	xmlFreeTextWriter(w);
	if (rc == 0 && ferror(out))
		rc = pv_error_set(err, PV_EWRITE, PV_NO_OFFSET,
				  "cannot write the SVG");
	return rc;
}
