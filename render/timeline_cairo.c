/* timeline_cairo.c - the timeline and the heatmap as PNG or PDF through
 * cairo, drawn from the same built geometry as their SVG so the formats
 * agree (without the hover text).
 */
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <cairo-pdf.h>

#include "render/pv_xmlsafe.h"
#include "render/timeline_int.h"

#define FONT "DejaVu Sans"

static cairo_status_t write_cb(void *ctx, const unsigned char *data,
			       unsigned int len)
{
	return fwrite(data, 1, len, ctx) == len ? CAIRO_STATUS_SUCCESS :
						  CAIRO_STATUS_WRITE_ERROR;
}

static void rgb(cairo_t *cr, uint32_t v)
{
	cairo_set_source_rgb(cr, (v >> 16 & 0xff) / 255.0,
			     (v >> 8 & 0xff) / 255.0, (v & 0xff) / 255.0);
}

/* Text anchored at x: align 0 left, 1 middle, 2 right; raw log text is
 * cleaned first (cairo refuses invalid UTF-8). */
static void show(cairo_t *cr, double x, double y, int align, double size,
		 const char *s)
{
	cairo_text_extents_t e;
	char *t = pv_xmlsafe_dup(s);

	if (!t)
		return;
	cairo_set_font_size(cr, size);
	cairo_text_extents(cr, t, &e);
	if (align == 1)
		x -= e.x_advance / 2;
	else if (align == 2)
		x -= e.x_advance;
	cairo_move_to(cr, x, y);
	cairo_show_text(cr, t);
	free(t);
}

typedef void (*draw_fn)(cairo_t *cr, const void *ctx);

static int write_surface(int width, int height, const char *title,
			 draw_fn draw, const void *ctx, FILE *out, int pdf,
			 struct pv_error *err)
{
	cairo_surface_t *sf;
	cairo_status_t st;
	cairo_t *cr;

	if (pdf) {
		sf = cairo_pdf_surface_create_for_stream(write_cb, out, width,
							 height);
#if CAIRO_VERSION >= CAIRO_VERSION_ENCODE(1, 16, 0)
		/* a fixed date keeps the output reproducible */
		cairo_pdf_surface_set_metadata(sf,
			CAIRO_PDF_METADATA_CREATE_DATE, "2000-01-01T00:00:00Z");
		{
			char *t = pv_xmlsafe_dup(title);
			if (t)
				cairo_pdf_surface_set_metadata(sf,
					CAIRO_PDF_METADATA_TITLE, t);
			free(t);
		}
#else
		(void)title;
#endif
	} else {
		sf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, width,
						height);
	}
	cr = cairo_create(sf);
	cairo_select_font_face(cr, FONT, CAIRO_FONT_SLANT_NORMAL,
			       CAIRO_FONT_WEIGHT_NORMAL);
	rgb(cr, 0xffffff);
	cairo_paint(cr);
	draw(cr, ctx);
	cairo_show_page(cr);
	st = cairo_status(cr);
	cairo_destroy(cr);
	if (st == CAIRO_STATUS_SUCCESS && !pdf)
		st = cairo_surface_write_to_png_stream(sf, write_cb, out);
	cairo_surface_finish(sf);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(sf);
	cairo_surface_destroy(sf);
	if (st != CAIRO_STATUS_SUCCESS)
		return pv_error_set(err, st == CAIRO_STATUS_WRITE_ERROR ?
				    PV_EWRITE : PV_ERR, PV_NO_OFFSET,
				    "cairo: %s", cairo_status_to_string(st));
	return 0;
}

static void headings(cairo_t *cr, int width, const char *title,
		     const char *subtitle)
{
	rgb(cr, 0x000000);
	show(cr, width / 2.0, 24, 1, 17, title);
	rgb(cr, 0x555555);
	show(cr, width / 2.0, 42, 1, 12, subtitle);
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
		rgb(cr, t->top_rgb[i]);
		cairo_rectangle(cr, x, y - 10, 12, 12);
		cairo_fill(cr);
		rgb(cr, 0x000000);
		snprintf(buf, sizeof(buf), "%s (%" PRIu64 ")",
			 tl__short(pv_timeline_func_label(t, i), 22, name,
				   sizeof(name)),
			 i < t->ntop ? t->top_self[i] : t->other);
		show(cr, x + 16, y, 0, 11, buf);
	}
	if (t->nmem) {
		static const uint32_t colors[] = { 0x3366cc, 0xdc3912,
						   0x109618, 0x990099 };
		uint32_t cols = (uint32_t)t->pw + 1;
		double base = t->mem_y + t->mem_h;
		rgb(cr, 0x000000);
		snprintf(buf, sizeof(buf), "RSS, peak %.1f MiB",
			 t->mem_max / 1024.0);
		show(cr, t->px - 8, t->mem_y + 12, 2, 11, buf);
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
			rgb(cr, colors[m % 4]);
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
			rgb(cr, 0x000000);
			show(cr, 10, ln->y - 5, 0, 12,
			     t->p->sources[th->source].path);
		}
		rgb(cr, 0xf6f6f6);
		cairo_rectangle(cr, t->px, ln->y, t->pw, t->lane_h - 2);
		cairo_fill(cr);
		rgb(cr, 0x000000);
		snprintf(buf, sizeof(buf), "thread %u", th->number);
		show(cr, t->px - 8, ln->y + 18, 2, 12, buf);
		snprintf(buf, sizeof(buf), "0x%" PRIx64 " (%" PRIu64 ")",
			 th->raw_id, ln->samples);
		show(cr, t->px - 8, ln->y + 32, 2, 10, buf);
		for (uint32_t k = 0; k < t->nbuckets; k++) {
			const uint32_t *c = &ln->counts[(size_t)k * w];
			double x = t->px + k * t->pw / t->nbuckets;
			double y = ln->y + t->lane_h - 2;
			for (uint32_t i = 0; i < w; i++) {
				double h = c[i] * scale;
				if (!c[i])
					continue;
				rgb(cr, t->top_rgb[i]);
				cairo_rectangle(cr, x, y - h,
						t->pw / t->nbuckets, h);
				cairo_fill(cr);
				y -= h;
			}
		}
	}
	rgb(cr, 0x666666);
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
		show(cr, x, t->axis_y + 18, 1, 11, buf);
	}
	show(cr, t->px + t->pw, t->axis_y + 34, 2, 11,
	     "seconds since the start of the log");
}

int pv_render_timeline_cairo(const struct pv_timeline *t, FILE *out, int pdf,
			    struct pv_error *err)
{
	return write_surface(t->width, t->height, t->title, tl_draw, t, out,
			     pdf, err);
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
			rgb(cr, pv_heatmap_color(h, n));
			cairo_rectangle(cr, h->px + c * h->cw, h->py + r * h->ch,
					h->cw, h->ch);
			cairo_fill(cr);
		}
	}
	rgb(cr, 0x888888);
	cairo_set_line_width(cr, 1);
	cairo_rectangle(cr, h->px, h->py, h->ncols * h->cw, h->rows * h->ch);
	cairo_stroke(cr);
	rgb(cr, 0x333333);
	for (uint32_t c = 0; c < h->ncols; c += hm__label_every(h)) {
		snprintf(buf, sizeof(buf), "%.6g", h->t0 + c * h->column);
		show(cr, h->px + c * h->cw, h->py + h->rows * h->ch + 14, 0,
		     10, buf);
	}
	for (uint32_t r = 0; r <= h->rows; r += h->rows / 5 ? h->rows / 5 : 1) {
		snprintf(buf, sizeof(buf), "%.6g ms",
			 r * h->column * 1000 / h->rows);
		show(cr, h->px - 6, h->py + r * h->ch + 4, 2, 10, buf);
	}
	show(cr, h->px, h->py + h->rows * h->ch + 30, 0, 11,
	     hm__axis_text(h));
}

int pv_render_heatmap_cairo(const struct pv_heatmap *h, FILE *out, int pdf,
			   struct pv_error *err)
{
	return write_surface(h->width, h->height, h->title, hm_draw, h, out,
			     pdf, err);
}
