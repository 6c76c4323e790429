/* heatmap.c - FlameScope's subsecond offset heatmap (pv_timeline.h):
 * a column per second, a row per slice of the second, coloured by the
 * samples in the cell, and its SVG.  Periodic work shows as horizontal
 * bands, bursts as hot columns.  One pass over the samples per column
 * width tried; memory is the cell counters only.
 */
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "render/pv_xmlw.h"
#include "render/timeline_int.h"

#define DEF_ROWS 50
#define DEF_MAX_SIZE ((size_t)1 << 20)
#define MAX_CELLS ((uint64_t)1 << 23)
#define HM_CELL_BYTES 130    /* a cell's <rect> and <title>, upper */

void pv_heatmap_free(struct pv_heatmap *h)
{
	if (!h)
		return;
	free(h->counts);
	free(h);
}

uint32_t hm__label_every(const struct pv_heatmap *h)
{
	uint32_t every = (uint32_t)ceil(40.0 / h->cw);

	return every ? every : 1;
}

const char *hm__axis_text(const struct pv_heatmap *h)
{
	return h->column == 1 ? "columns: seconds since the start of the log;"
				" rows: offset within the second" :
				"columns: seconds since the start of the log"
				" (one column per span); rows: offset within"
				" the column";
}

/* Counts per cell at h->column; the number of non-empty cells. */
static int count(struct pv_heatmap *h, double tmin, double tmax,
		 uint64_t *nonzero, struct pv_error *err)
{
	const struct pv_profile *p = h->p;
	double n;

	for (;;) {
		h->t0 = floor(tmin / h->column) * h->column;
		n = floor((tmax - h->t0) / h->column) + 1;
		if (n * h->rows <= (double)MAX_CELLS)
			break;
		h->column = tl__wider_step(h->column);
	}
	h->ncols = (uint32_t)n;
	free(h->counts);
	h->counts = calloc((size_t)h->ncols * h->rows, sizeof(uint32_t));
	if (!h->counts)
		return pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET,
				    "out of memory");
	for (size_t i = 0; i < p->nsamples; i++) {
		double x = ((double)p->sample_time[i] - h->t0) / h->column;
		double c = floor(x);
		double r = floor((x - c) * h->rows);
		size_t ci = !(c >= 0) ? 0 : c >= h->ncols ? h->ncols - 1 :
			    (size_t)c;   /* NaN: 0 */
		size_t ri = !(r >= 0) ? 0 : r >= h->rows ? h->rows - 1 :
			    (size_t)r;
		h->counts[ci * h->rows + ri] +=
			p->sample_count ? p->sample_count[i] : 1;
	}
	h->max = 0;
	*nonzero = 0;
	for (size_t i = 0; i < (size_t)h->ncols * h->rows; i++) {
		*nonzero += h->counts[i] != 0;
		if (h->counts[i] > h->max)
			h->max = h->counts[i];
	}
	return 0;
}

int pv_heatmap_build(struct pv_heatmap **out, const struct pv_profile *p,
		     const struct pv_heatmap_opts *o, struct pv_error *err)
{
	uint32_t bad = pv_time_less_source(p);
	struct pv_heatmap *h;
	double tmin = HUGE_VAL, tmax = 0;
	uint64_t nonzero = 0;
	int rc;

	*out = NULL;
	if (bad != PV_NONE)
		return pv_error_set(err, PV_EUSAGE, PV_NO_OFFSET,
			"%s: its samples carry no times (folded stacks or an "
			"aggregated log); this view needs a log in time order",
			p->sources[bad].path);
	h = calloc(1, sizeof(*h));
	if (!h)
		return pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET,
				    "out of memory");
	h->p = p;
	h->o = *o;
	h->rows = o->rows ? o->rows : DEF_ROWS;
	if (!h->o.max_size)
		h->o.max_size = DEF_MAX_SIZE;
	for (size_t i = 0; i < p->nsamples; i++) {
		double t = p->sample_time[i];
		h->samples += p->sample_count ? p->sample_count[i] : 1;
		if (!isfinite(t))
			continue;   /* counted in the first or last column */
		if (t < tmin)
			tmin = t;
		if (t > tmax)
			tmax = t;
	}
	if (tmin > tmax)
		tmin = tmax = 0;
	h->column = 1;
	rc = count(h, tmin, tmax, &nonzero, err);
	while (!rc && h->ncols > 1 &&
	       6000 + nonzero * HM_CELL_BYTES + h->ncols * 60.0 >
	       (double)h->o.max_size) {
		h->column = tl__wider_step(h->column);
		rc = count(h, tmin, tmax, &nonzero, err);
	}
	if (rc) {
		pv_heatmap_free(h);
		return rc;
	}
	/* geometry: cells 3 to 20 px wide, a plot about 1000 x 400 px */
	h->px = 80;
	h->py = 60;
	if (o->width > 0) {
		h->cw = (o->width - h->px - 20) / (double)h->ncols;
	} else {
		h->cw = 1000.0 / h->ncols;
		h->cw = h->cw < 3 ? 3 : h->cw > 40 ? 40 : h->cw;
	}
	h->ch = 400.0 / h->rows;
	h->ch = h->ch < 2 ? 2 : h->ch > 12 ? 12 : h->ch;
	h->width = o->width > 0 ? o->width :
		   (int)ceil(h->px + h->ncols * h->cw + 20);
	if (h->width < 900)
		h->width = 900;
	h->height = (int)ceil(h->py + h->rows * h->ch + 44);
	if (o->title)
		snprintf(h->title, sizeof(h->title), "%s", o->title);
	else if (p->nsources == 1)
		snprintf(h->title, sizeof(h->title), "Subsecond heatmap: %s",
			 p->sources[0].path);
	else
		snprintf(h->title, sizeof(h->title),
			 "Subsecond heatmap: %u logs (each from its start)",
			 p->nsources);
	{
		char col[48], row[48];
		tl__duration_text(h->column, col, sizeof(col));
		tl__duration_text(h->column / h->rows, row, sizeof(row));
		snprintf(h->subtitle, sizeof(h->subtitle),
			 "%" PRIu64 " samples; columns of %s%s, rows of %s; "
			 "darker = more samples (most in a cell: %u); %s",
			 h->samples, col, h->column != 1 ?
			 " (widened to keep the SVG under its size budget)" :
			 "", row, h->max, pv_time_basis_text(p));
	}
	*out = h;
	return 0;
}

/* White, then yellow through orange to dark red (ColorBrewer YlOrRd). */
uint32_t pv_heatmap_color(const struct pv_heatmap *h, uint32_t n)
{
	static const double stops[][3] = {
		{ 255, 255, 204 }, { 254, 217, 118 }, { 253, 141, 60 },
		{ 227, 26, 28 }, { 128, 0, 38 }
	};
	double v, f;
	int i;

	if (!n || !h->max)
		return 0xffffff;
	v = (double)n / h->max * 4;
	i = v >= 4 ? 3 : (int)v;
	f = v - i;
	return (uint32_t)(stops[i][0] + (stops[i + 1][0] - stops[i][0]) * f)
		       << 16 |
	       (uint32_t)(stops[i][1] + (stops[i + 1][1] - stops[i][1]) * f)
		       << 8 |
	       (uint32_t)(stops[i][2] + (stops[i + 1][2] - stops[i][2]) * f);
}

int pv_render_heatmap_svg_element(const struct pv_heatmap *h,
				  xmlTextWriterPtr w, const char *id,
				  struct pv_error *err)
{
	struct pv_xmlw s = PV_XMLW_INIT(w);
	double slice = h->column / h->rows;
	char buf[128];

	pv_xmlw_start(&s, "svg");
	pv_xmlw_attr(&s, "xmlns", "http://www.w3.org/2000/svg");
	if (id)
		pv_xmlw_attr(&s, "id", id);
	pv_xmlw_attr(&s, "class", "pv-heatmap");
	pv_xmlw_attrf(&s, "width", "%d", h->width);
	pv_xmlw_attrf(&s, "height", "%d", h->height);
	pv_xmlw_attrf(&s, "viewBox", "0 0 %d %d", h->width, h->height);
	pv_xmlw_attr(&s, "font-family", TL_FONT);
	pv_xmlw_attrf(&s, "data-t0", "%.9g", h->t0);
	pv_xmlw_attrf(&s, "data-column", "%.9g", h->column);
	pv_xmlw_attrf(&s, "data-rows", "%u", h->rows);
	pv_xmlw_num(&s, "data-px", h->px);
	pv_xmlw_num(&s, "data-py", h->py);
	pv_xmlw_attrf(&s, "data-cw", "%.4f", h->cw);
	pv_xmlw_attrf(&s, "data-ch", "%.4f", h->ch);
	pv_xmlw_start(&s, "style");
	pv_xmlw_text(&s, ".c:hover{stroke:#000;stroke-width:0.8}");
	pv_xmlw_end(&s);
	pv_xmlw_start(&s, "rect");
	pv_xmlw_attr(&s, "width", "100%");
	pv_xmlw_attr(&s, "height", "100%");
	pv_xmlw_attr(&s, "fill", "#fff");
	pv_xmlw_end(&s);
	pv_xmlw_svg_heading(&s, h->width, h->title, h->subtitle, 42, "11");
	pv_xmlw_start(&s, "rect");
	pv_xmlw_num(&s, "x", h->px);
	pv_xmlw_num(&s, "y", h->py);
	pv_xmlw_num(&s, "width", h->ncols * h->cw);
	pv_xmlw_num(&s, "height", h->rows * h->ch);
	pv_xmlw_attr(&s, "fill", "#fff");
	pv_xmlw_attr(&s, "stroke", "#888");
	pv_xmlw_end(&s);
	pv_xmlw_start(&s, "g");
	pv_xmlw_attr(&s, "class", "cells");
	for (uint32_t c = 0; c < h->ncols; c++) {
		for (uint32_t r = 0; r < h->rows; r++) {
			uint32_t n = h->counts[(size_t)c * h->rows + r];
			double a = h->t0 + c * h->column + r * slice;
			char range[96];
			if (!n)
				continue;
			pv_xmlw_start(&s, "rect");
			pv_xmlw_attr(&s, "class", "c");
			pv_xmlw_num(&s, "x", h->px + c * h->cw);
			pv_xmlw_num(&s, "y", h->py + r * h->ch);
			pv_xmlw_num(&s, "width", h->cw);
			pv_xmlw_num(&s, "height", h->ch);
			pv_xmlw_attrf(&s, "fill", "#%06x",
				      pv_heatmap_color(h, n));
			pv_xmlw_attrf(&s, "data-n", "%u", n);
			pv_xmlw_start(&s, "title");
			tl__range_text(a, a + slice, range, sizeof(range));
			snprintf(buf, sizeof(buf), "%s: %u sample%s", range, n,
				 n == 1 ? "" : "s");
			pv_xmlw_text(&s, buf);
			pv_xmlw_end(&s);
			pv_xmlw_end(&s);
		}
	}
	pv_xmlw_end(&s);
	pv_xmlw_start(&s, "g");
	pv_xmlw_attr(&s, "class", "axis");
	pv_xmlw_attr(&s, "font-size", "10");
	pv_xmlw_attr(&s, "fill", "#333");
	for (uint32_t c = 0; c < h->ncols; c += hm__label_every(h)) {
		snprintf(buf, sizeof(buf), "%.6g", h->t0 + c * h->column);
		pv_xmlw_svg_text(&s, h->px + c * h->cw,
				 h->py + h->rows * h->ch + 14, NULL, NULL, buf);
	}
	for (uint32_t r = 0; r <= h->rows; r += h->rows / 5 ? h->rows / 5 : 1) {
		snprintf(buf, sizeof(buf), "%.6g ms", r * slice * 1000);
		pv_xmlw_svg_text(&s, h->px - 6, h->py + r * h->ch + 4, "end",
				 NULL, buf);
	}
	pv_xmlw_svg_text(&s, h->px, h->py + h->rows * h->ch + 30, NULL, "11",
			 hm__axis_text(h));
	pv_xmlw_end(&s);
	pv_xmlw_end(&s);
	return pv_xmlw_finish(&s, "the SVG", err);
}

static int heatmap_body(const void *ctx, xmlTextWriterPtr w,
			struct pv_error *err)
{
	return pv_render_heatmap_svg_element(ctx, w, NULL, err);
}

int pv_render_heatmap_svg(const struct pv_heatmap *h, FILE *out,
			struct pv_error *err)
{
	return pv_xmlw_document_file(out, 0, heatmap_body, h, "the SVG", err);
}
