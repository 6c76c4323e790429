/* timeline_cairo.c - the timeline and the heatmap as PNG or PDF through
 * cairo, drawn from the same built geometry as their SVG so the formats
 * agree (without the hover text).
 */
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>

#include "render/cairo_int.h"
#include "render/timeline_int.h"

#define FONT "DejaVu Sans"

/* What both pictures start with: the font, a white page, the title and
 * the subtitle. */
static void headings(cairo_t *cr, int width, const char *title,
		     const char *subtitle)
{
	cairo_select_font_face(cr, FONT, CAIRO_FONT_SLANT_NORMAL,
			       CAIRO_FONT_WEIGHT_NORMAL);
	pv_cairo_rgb(cr, 0xffffff);
	cairo_paint(cr);
	pv_cairo_rgb(cr, 0x000000);
	pv_cairo_show(cr, width / 2.0, 24, 1, 17, title);
	pv_cairo_rgb(cr, 0x555555);
	pv_cairo_show(cr, width / 2.0, 42, 1, 12, subtitle);
}

static void tl_draw(cairo_t *cr, const void *ctx)
{
	const struct pv_timeline *t = ctx;
	uint32_t per_row = (uint32_t)((t->width - 20) / 190);
	uint32_t w = t->ntop + 1;
	double span = t->nbuckets * t->bucket;
	double scale = t->cellmax ? (t->lane_h - 6) / t->cellmax : 0;
	double step = pv_time_round_step(span, 10);
	char buf[160], name[128];

	headings(cr, t->width, t->title, t->subtitle);
	if (!per_row)
		per_row = 1;
	for (uint32_t i = 0; i <= t->ntop; i++) {
		double x = 10 + (i % per_row) * 190.0;
		double y = t->legend_y + (i / per_row) * 18.0;
		pv_cairo_rgb(cr, t->top_rgb[i]);
		cairo_rectangle(cr, x, y - 10, 12, 12);
		cairo_fill(cr);
		pv_cairo_rgb(cr, 0x000000);
		snprintf(buf, sizeof(buf), "%s (%" PRIu64 ")",
			 tl__short(pv_timeline_func_label(t, i), 22, name,
				   sizeof(name)),
			 i < t->ntop ? t->top_self[i] : t->other);
		pv_cairo_show(cr, x + 16, y, 0, 11, buf);
	}
	if (t->nmem) {
		static const uint32_t colors[] = { 0x3366cc, 0xdc3912,
						   0x109618, 0x990099 };
		uint32_t cols = (uint32_t)t->pw + 1;
		double base = t->mem_y + t->mem_h;
		pv_cairo_rgb(cr, 0x000000);
		snprintf(buf, sizeof(buf), "RSS, peak %.1f MiB",
			 t->mem_max / 1024.0);
		pv_cairo_show(cr, t->px - 8, t->mem_y + 12, 2, 11, buf);
		for (uint32_t m = 0; m < t->nmem; m++) {
			/* as in the SVG: highest per column left to right,
			 * lowest back, filled */
			int first = 1;
			for (uint32_t c = 0; c < cols; c++) {
				double y;
				if (!t->mem[m].hi[c])
					continue;
				y = base - (double)t->mem[m].hi[c] /
				    t->mem_max * t->mem_h;
				if (first)
					cairo_move_to(cr, t->px + c, y);
				else
					cairo_line_to(cr, t->px + c, y);
				first = 0;
			}
			for (uint32_t c = cols; c-- > 0;)
				if (t->mem[m].lo[c])
					cairo_line_to(cr, t->px + c, base -
						(double)t->mem[m].lo[c] /
						t->mem_max * t->mem_h);
			if (first)
				continue;
			cairo_close_path(cr);
			cairo_set_source_rgba(cr,
				(colors[m % 4] >> 16) / 255.0,
				(colors[m % 4] >> 8 & 0xff) / 255.0,
				(colors[m % 4] & 0xff) / 255.0, 0.35);
			cairo_fill_preserve(cr);
			pv_cairo_rgb(cr, colors[m % 4]);
			cairo_set_line_width(cr, 1);
			cairo_stroke(cr);
		}
	}
	for (uint32_t l = 0; l < t->nlanes; l++) {
		const struct pv_tl_lane *ln = &t->lanes[l];
		const struct pv_thread *th = &t->p->threads[ln->thread];
		if (!ln->drawn)
			continue;
		if (t->p->nsources > 1 &&
		    (l == 0 || t->p->threads[t->lanes[l - 1].thread].source !=
			       th->source)) {
			pv_cairo_rgb(cr, 0x000000);
			pv_cairo_show(cr, 10, ln->y - 5, 0, 12,
				      t->p->sources[th->source].path);
		}
		pv_cairo_rgb(cr, 0xf6f6f6);
		cairo_rectangle(cr, t->px, ln->y, t->pw, t->lane_h - 2);
		cairo_fill(cr);
		pv_cairo_rgb(cr, 0x000000);
		snprintf(buf, sizeof(buf), "thread %u", th->number);
		pv_cairo_show(cr, t->px - 8, ln->y + 18, 2, 12, buf);
		snprintf(buf, sizeof(buf), "0x%" PRIx64 " (%" PRIu64 ")",
			 th->raw_id, ln->samples);
		pv_cairo_show(cr, t->px - 8, ln->y + 32, 2, 10, buf);
		for (uint32_t k = 0; k < t->nbuckets; k++) {
			const uint32_t *c = &ln->counts[(size_t)k * w];
			double x = t->px + k * t->pw / t->nbuckets;
			double y = ln->y + t->lane_h - 2;
			for (uint32_t i = 0; i < w; i++) {
				double h = c[i] * scale;
				if (!c[i])
					continue;
				pv_cairo_rgb(cr, t->top_rgb[i]);
				cairo_rectangle(cr, x, y - h,
						t->pw / t->nbuckets, h);
				cairo_fill(cr);
				y -= h;
			}
		}
	}
	pv_cairo_rgb(cr, 0x666666);
	cairo_set_line_width(cr, 1);
	cairo_move_to(cr, t->px, t->axis_y);
	cairo_line_to(cr, t->px + t->pw, t->axis_y);
	cairo_stroke(cr);
	for (double i = ceil(t->t0 / step - 1e-9);
	     i * step <= t->t0 + span * (1 + 1e-9); i++) {
		double v = i * step + 0.0;   /* never "-0" */
		double x = t->px + (v - t->t0) / span * t->pw;
		cairo_move_to(cr, x, t->axis_y);
		cairo_line_to(cr, x, t->axis_y + 5);
		cairo_stroke(cr);
		snprintf(buf, sizeof(buf), "%.6g", v);
		pv_cairo_show(cr, x, t->axis_y + 18, 1, 11, buf);
	}
	pv_cairo_show(cr, t->px + t->pw, t->axis_y + 34, 2, 11,
		      "seconds since the start of the log");
}

int pv_render_timeline_cairo(const struct pv_timeline *t, FILE *out, int pdf,
			    struct pv_error *err)
{
	return pv_cairo_write(out, pdf, t->width, t->height, t->title, tl_draw,
			      t, err);
}

static void hm_draw(cairo_t *cr, const void *ctx)
{
	const struct pv_heatmap *h = ctx;
	char buf[64];

	headings(cr, h->width, h->title, h->subtitle);
	for (uint32_t c = 0; c < h->ncols; c++) {
		for (uint32_t r = 0; r < h->rows; r++) {
			uint32_t n = h->counts[(size_t)c * h->rows + r];
			if (!n)
				continue;
			pv_cairo_rgb(cr, pv_heatmap_color(h, n));
			cairo_rectangle(cr, h->px + c * h->cw, h->py + r * h->ch,
					h->cw, h->ch);
			cairo_fill(cr);
		}
	}
	pv_cairo_rgb(cr, 0x888888);
	cairo_set_line_width(cr, 1);
	cairo_rectangle(cr, h->px, h->py, h->ncols * h->cw, h->rows * h->ch);
	cairo_stroke(cr);
	pv_cairo_rgb(cr, 0x333333);
	for (uint32_t c = 0; c < h->ncols; c += hm__label_every(h)) {
		snprintf(buf, sizeof(buf), "%.6g", h->t0 + c * h->column);
		pv_cairo_show(cr, h->px + c * h->cw,
			      h->py + h->rows * h->ch + 14, 0, 10, buf);
	}
	for (uint32_t r = 0; r <= h->rows; r += h->rows / 5 ? h->rows / 5 : 1) {
		snprintf(buf, sizeof(buf), "%.6g ms",
			 r * h->column * 1000 / h->rows);
		pv_cairo_show(cr, h->px - 6, h->py + r * h->ch + 4, 2, 10, buf);
	}
	pv_cairo_show(cr, h->px, h->py + h->rows * h->ch + 30, 0, 11,
		      hm__axis_text(h));
}

int pv_render_heatmap_cairo(const struct pv_heatmap *h, FILE *out, int pdf,
			   struct pv_error *err)
{
	return pv_cairo_write(out, pdf, h->width, h->height, h->title, hm_draw,
			      h, err);
}
