/* memory_svg.c - the memory chart as SVG through libxml2's writer, so every
 * name is escaped.  Deterministic: fixed palette, coordinates as %.2f.
 * The root carries the axis ranges and each series its exact figures as
 * data-* attributes, so scripts (and the tests) can read values back.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "render/pv_memory.h"
#include "render/pv_xmlw.h"

#define FONT "DejaVu Sans, Helvetica, Arial, sans-serif"

/* Raw log text (paths, names) as an attribute or element content. */

static void line(struct pv_xmlw *s, double x1, double y1, double x2, double y2)
{
	pv_xmlw_start(s, "line");
	pv_xmlw_num(s, "x1", x1);
	pv_xmlw_num(s, "y1", y1);
	pv_xmlw_num(s, "x2", x2);
	pv_xmlw_num(s, "y2", y2);
	pv_xmlw_end(s);
}

static void grid_and_axes(struct pv_xmlw *s, const struct pv_memchart *c)
{
	int nt = pv_memory_nticks(c->t0, c->t1, c->tstep);
	int nm = pv_memory_nticks(c->m0, c->m1, c->mstep);
	double bottom = c->py + c->ph;
	char buf[64];

	pv_xmlw_start(s, "g");
	pv_xmlw_attr(s, "class", "grid");
	pv_xmlw_attr(s, "stroke", "#e4e4e4");
	pv_xmlw_attr(s, "stroke-width", "1");
	for (int i = 0; i < nt; i++) {
		double x = pv_memory_x(c, c->t0 + i * c->tstep);
		line(s, x, c->py, x, bottom);
	}
	for (int i = 0; i < nm; i++) {
		double y = pv_memory_y(c, (c->m0 + i * c->mstep) * 1024.0);
		line(s, c->px, y, c->px + c->pw, y);
	}
	pv_xmlw_end(s);

	pv_xmlw_start(s, "g");
	pv_xmlw_attr(s, "class", "xticks");
	pv_xmlw_attr(s, "font-size", "12");
	pv_xmlw_attr(s, "fill", "#333");
	for (int i = 0; i < nt; i++) {
		double v = c->t0 + i * c->tstep;
		pv_memory_tick_label(v, c->tstep, buf, sizeof(buf));
		pv_xmlw_start(s, "text");
		pv_xmlw_num(s, "x", pv_memory_x(c, v));
		pv_xmlw_num(s, "y", bottom + 18);
		pv_xmlw_attr(s, "text-anchor", "middle");
		pv_xmlw_attrf(s, "data-value", "%.6g", v);
		pv_xmlw_text(s, buf);
		pv_xmlw_end(s);
	}
	pv_xmlw_end(s);
	pv_xmlw_start(s, "g");
	pv_xmlw_attr(s, "class", "yticks");
	pv_xmlw_attr(s, "font-size", "12");
	pv_xmlw_attr(s, "fill", "#333");
	for (int i = 0; i < nm; i++) {
		double v = c->m0 + i * c->mstep;
		pv_memory_tick_label(v, c->mstep, buf, sizeof(buf));
		pv_xmlw_start(s, "text");
		pv_xmlw_num(s, "x", c->px - 8);
		pv_xmlw_num(s, "y", pv_memory_y(c, v * 1024.0) + 4);
		pv_xmlw_attr(s, "text-anchor", "end");
		pv_xmlw_attrf(s, "data-value", "%.6g", v);
		pv_xmlw_text(s, buf);
		pv_xmlw_end(s);
	}
	pv_xmlw_end(s);

	pv_xmlw_start(s, "rect");
	pv_xmlw_attr(s, "class", "frame");
	pv_xmlw_num(s, "x", c->px);
	pv_xmlw_num(s, "y", c->py);
	pv_xmlw_num(s, "width", c->pw);
	pv_xmlw_num(s, "height", c->ph);
	pv_xmlw_attr(s, "fill", "none");
	pv_xmlw_attr(s, "stroke", "#888");
	pv_xmlw_end(s);
	pv_xmlw_svg_text(s, c->px + c->pw / 2, bottom + 40, "middle", "13",
			 "time (s)");
	pv_xmlw_start(s, "text");
	pv_xmlw_attr(s, "transform", "rotate(-90)");
	pv_xmlw_num(s, "x", -(c->py + c->ph / 2));
	pv_xmlw_num(s, "y", 22);
	pv_xmlw_attr(s, "text-anchor", "middle");
	pv_xmlw_attr(s, "font-size", "13");
	pv_xmlw_text(s, "resident memory (MiB)");
	pv_xmlw_end(s);
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

static void series(struct pv_xmlw *s, const struct pv_memchart *c, uint32_t i)
{
	const struct pv_mem_series *se = &c->series[i];
	char buf[320];
	char *pts = points(c, se);

	if (!pts) {
		pv_xmlw_fail(s, PV_ENOMEM);
		return;
	}
	pv_xmlw_start(s, "g");
	pv_xmlw_attr(s, "class", "series");
	pv_xmlw_attr(s, "data-label", se->label);
	snprintf(buf, sizeof(buf), "%" PRIu64, se->samples);
	pv_xmlw_attr(s, "data-samples", buf);
	snprintf(buf, sizeof(buf), "%" PRIu32, se->min_kib);
	pv_xmlw_attr(s, "data-min-kib", buf);
	snprintf(buf, sizeof(buf), "%" PRIu32, se->max_kib);
	pv_xmlw_attr(s, "data-max-kib", buf);
	snprintf(buf, sizeof(buf), "%" PRIu32, se->first_kib);
	pv_xmlw_attr(s, "data-first-kib", buf);
	snprintf(buf, sizeof(buf), "%" PRIu32, se->last_kib);
	pv_xmlw_attr(s, "data-last-kib", buf);
	snprintf(buf, sizeof(buf), "%.6f", se->peak_time);
	pv_xmlw_attr(s, "data-peak-time", buf);
	pv_xmlw_start(s, "polyline");
	pv_xmlw_attr(s, "fill", "none");
	pv_xmlw_attr(s, "stroke", pv_memory_color(i));
	pv_xmlw_attr(s, "stroke-width", "1.5");
	pv_xmlw_attr(s, "stroke-linejoin", "round");
	pv_xmlw_attr(s, "points", pts);
	pv_xmlw_end(s);
	free(pts);
	pv_xmlw_start(s, "circle");
	pv_xmlw_attr(s, "class", "peak");
	pv_xmlw_num(s, "cx", pv_memory_x(c, se->peak_time));
	pv_xmlw_num(s, "cy", pv_memory_y(c, se->max_kib));
	pv_xmlw_attr(s, "r", "4");
	pv_xmlw_attr(s, "fill", pv_memory_color(i));
	pv_xmlw_attr(s, "stroke", "#fff");
	pv_xmlw_start(s, "title");
	snprintf(buf, sizeof(buf), "peak %.1f MiB (%" PRIu32 " KiB) at %.3f s: ",
		 se->max_kib / 1024.0, se->max_kib, se->peak_time);
	pv_xmlw_text(s, buf);
	pv_xmlw_text(s, se->label);
	pv_xmlw_end(s);
	pv_xmlw_end(s);
	pv_xmlw_end(s);
}

static void peak_label(struct pv_xmlw *s, const struct pv_memchart *c)
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
	pv_xmlw_start(s, "text");
	pv_xmlw_attr(s, "class", "peak-label");
	pv_xmlw_num(s, "x", x);
	pv_xmlw_num(s, "y", y < c->py + 20 ? y + 20 : y - 10);
	pv_xmlw_attr(s, "text-anchor", anchor);
	pv_xmlw_attr(s, "font-size", "12");
	pv_xmlw_attr(s, "font-weight", "bold");
	pv_xmlw_text(s, buf);
	pv_xmlw_end(s);
}

static void legend(struct pv_xmlw *s, const struct pv_memchart *c)
{
	double x = c->px + 12, y = c->py + 12;

	pv_xmlw_start(s, "g");
	pv_xmlw_attr(s, "class", "legend");
	pv_xmlw_attr(s, "font-size", "12");
	pv_xmlw_start(s, "rect");
	pv_xmlw_num(s, "x", x - 6);
	pv_xmlw_num(s, "y", y - 6);
	pv_xmlw_num(s, "width", 360);
	pv_xmlw_num(s, "height", 18.0 * (c->nseries + (c->hidden > 0)) + 8);
	pv_xmlw_attr(s, "fill", "#fff");
	pv_xmlw_attr(s, "fill-opacity", "0.85");
	pv_xmlw_attr(s, "stroke", "#ccc");
	pv_xmlw_end(s);
	for (uint32_t i = 0; i < c->nseries; i++) {
		double yy = y + 18.0 * i;
		pv_xmlw_start(s, "rect");
		pv_xmlw_num(s, "x", x);
		pv_xmlw_num(s, "y", yy + 2);
		pv_xmlw_attr(s, "width", "14");
		pv_xmlw_attr(s, "height", "4");
		pv_xmlw_attr(s, "fill", pv_memory_color(i));
		pv_xmlw_end(s);
		pv_xmlw_svg_text(s, x + 20, yy + 8, NULL, NULL,
				 c->series[i].label);
	}
	if (c->hidden) {
		char buf[96];
		snprintf(buf, sizeof(buf), "%u series with fewer samples not "
			 "shown", c->hidden);
		pv_xmlw_svg_text(s, x + 20, y + 18.0 * c->nseries + 8, NULL,
				 NULL, buf);
	}
	pv_xmlw_end(s);
}

int pv_render_memory_svg_element(const struct pv_memchart *c,
				 xmlTextWriterPtr w, struct pv_error *err)
{
	struct pv_xmlw s = PV_XMLW_INIT(w);
	char buf[64];

	pv_xmlw_start(&s, "svg");
	pv_xmlw_attr(&s, "xmlns", "http://www.w3.org/2000/svg");
	snprintf(buf, sizeof(buf), "%d", c->width);
	pv_xmlw_attr(&s, "width", buf);
	snprintf(buf, sizeof(buf), "%d", c->height);
	pv_xmlw_attr(&s, "height", buf);
	snprintf(buf, sizeof(buf), "0 0 %d %d", c->width, c->height);
	pv_xmlw_attr(&s, "viewBox", buf);
	pv_xmlw_attr(&s, "class", "pv-memory");
	pv_xmlw_attr(&s, "font-family", FONT);
	/* the mapping from data to pixels, for anyone reading values back */
	snprintf(buf, sizeof(buf), "%.2f %.2f %.2f %.2f", c->px, c->py, c->pw,
		 c->ph);
	pv_xmlw_attr(&s, "data-plot", buf);
	snprintf(buf, sizeof(buf), "%.6g %.6g", c->t0, c->t1);
	pv_xmlw_attr(&s, "data-time-range", buf);
	snprintf(buf, sizeof(buf), "%.6g %.6g", c->m0, c->m1);
	pv_xmlw_attr(&s, "data-mib-range", buf);
	pv_xmlw_start(&s, "title");
	pv_xmlw_text(&s, c->title);
	pv_xmlw_end(&s);
	pv_xmlw_start(&s, "rect");
	pv_xmlw_attr(&s, "width", "100%");
	pv_xmlw_attr(&s, "height", "100%");
	pv_xmlw_attr(&s, "fill", "#fff");
	pv_xmlw_end(&s);
	pv_xmlw_svg_heading(&s, c->width, c->title, c->subtitle, 44, "12");
	grid_and_axes(&s, c);
	for (uint32_t i = 0; i < c->nseries; i++)
		series(&s, c, i);
	peak_label(&s, c);
	if (c->nseries > 1 || c->hidden)
		legend(&s, c);
	pv_xmlw_end(&s);
	return pv_xmlw_finish(&s, "the SVG", err);
}

static int memory_body(const void *ctx, xmlTextWriterPtr w,
		       struct pv_error *err)
{
	return pv_render_memory_svg_element(ctx, w, err);
}

/* Indented one space a level: the chart is meant to be read and edited. */
int pv_render_memory_svg(const struct pv_memchart *c, FILE *out,
			struct pv_error *err)
{
	return pv_xmlw_document_file(out, 1, memory_body, c, "the SVG", err);
}
