/* memory_cairo.c - the memory chart as PNG or PDF through cairo, drawn
 * from the same chart (geometry, ticks, reduced points) as the SVG so the
 * three formats agree.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <cairo-pdf.h>

#include "render/pv_memory.h"
#include "render/pv_xmlsafe.h"

#define FONT "DejaVu Sans"

static cairo_status_t write_cb(void *ctx, const unsigned char *data,
			       unsigned int len)
{
	return fwrite(data, 1, len, ctx) == len ? CAIRO_STATUS_SUCCESS :
						  CAIRO_STATUS_WRITE_ERROR;
}

static void rgb(cairo_t *cr, const char *hex)
{
	unsigned v = (unsigned)strtoul(hex + 1, NULL, 16);

	cairo_set_source_rgb(cr, (v >> 16 & 0xff) / 255.0,
			     (v >> 8 & 0xff) / 255.0, (v & 0xff) / 255.0);
}

/* Text anchored at x: align 0 left, 1 middle, 2 right.  Names from a log
 * may be invalid UTF-8, which cairo refuses, so they are cleaned first. */
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

static void axes(cairo_t *cr, const struct pv_memchart *c)
{
	int nt = pv_memory_nticks(c->t0, c->t1, c->tstep);
	int nm = pv_memory_nticks(c->m0, c->m1, c->mstep);
	double bottom = c->py + c->ph;
	char buf[64];

	rgb(cr, "#e4e4e4");
	cairo_set_line_width(cr, 1);
	for (int i = 0; i < nt; i++) {
		double x = pv_memory_x(c, c->t0 + i * c->tstep);
		cairo_move_to(cr, x, c->py);
		cairo_line_to(cr, x, bottom);
	}
	for (int i = 0; i < nm; i++) {
		double y = pv_memory_y(c, (c->m0 + i * c->mstep) * 1024.0);
		cairo_move_to(cr, c->px, y);
		cairo_line_to(cr, c->px + c->pw, y);
	}
	cairo_stroke(cr);
	rgb(cr, "#888888");
	cairo_rectangle(cr, c->px, c->py, c->pw, c->ph);
	cairo_stroke(cr);
	rgb(cr, "#333333");
	for (int i = 0; i < nt; i++) {
		double v = c->t0 + i * c->tstep;
		pv_memory_tick_label(v, c->tstep, buf, sizeof(buf));
		show(cr, pv_memory_x(c, v), bottom + 18, 1, 12, buf);
	}
	for (int i = 0; i < nm; i++) {
		double v = c->m0 + i * c->mstep;
		pv_memory_tick_label(v, c->mstep, buf, sizeof(buf));
		show(cr, c->px - 8, pv_memory_y(c, v * 1024.0) + 4, 2, 12,
		     buf);
	}
	show(cr, c->px + c->pw / 2, bottom + 40, 1, 13, "time (s)");
	cairo_save(cr);
	cairo_translate(cr, 22, c->py + c->ph / 2);
	cairo_rotate(cr, -1.5707963267948966);
	show(cr, 0, 0, 1, 13, "resident memory (MiB)");
	cairo_restore(cr);
}

static void draw(cairo_t *cr, const struct pv_memchart *c)
{
	const struct pv_mem_series *pk = &c->series[c->peak];
	char buf[128];
	double x, y;
	int align = 1;

	cairo_select_font_face(cr, FONT, CAIRO_FONT_SLANT_NORMAL,
			       CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	rgb(cr, "#000000");
	show(cr, c->width / 2.0, 24, 1, 17, c->title);
	rgb(cr, "#555555");
	show(cr, c->width / 2.0, 44, 1, 12, c->subtitle);
	axes(cr, c);
	cairo_set_line_width(cr, 1.5);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
	for (uint32_t i = 0; i < c->nseries; i++) {
		const struct pv_mem_series *se = &c->series[i];
		rgb(cr, pv_memory_color(i));
		for (size_t k = 0; k < se->npts; k++) {
			x = pv_memory_x(c, se->pts[k].t);
			y = pv_memory_y(c, se->pts[k].kib);
			if (k)
				cairo_line_to(cr, x, y);
			else
				cairo_move_to(cr, x, y);
		}
		cairo_stroke(cr);
		cairo_arc(cr, pv_memory_x(c, se->peak_time),
			  pv_memory_y(c, se->max_kib), 4, 0, 6.283185307179586);
		cairo_fill(cr);
	}
	x = pv_memory_x(c, pk->peak_time);
	y = pv_memory_y(c, pk->max_kib);
	if (x > c->px + c->pw * 0.8) {
		align = 2;
		x -= 6;
	} else if (x < c->px + c->pw * 0.2) {
		align = 0;
		x += 6;
	}
	snprintf(buf, sizeof(buf), "peak %.1f MiB at %.3f s",
		 pk->max_kib / 1024.0, pk->peak_time);
	rgb(cr, "#000000");
	cairo_select_font_face(cr, FONT, CAIRO_FONT_SLANT_NORMAL,
			       CAIRO_FONT_WEIGHT_BOLD);
	show(cr, x, y < c->py + 20 ? y + 20 : y - 10, align, 12, buf);
	cairo_select_font_face(cr, FONT, CAIRO_FONT_SLANT_NORMAL,
			       CAIRO_FONT_WEIGHT_NORMAL);
	if (c->nseries > 1 || c->hidden) {
		double lx = c->px + 12, ly = c->py + 12;
		uint32_t rows = c->nseries + (c->hidden > 0);
		cairo_set_source_rgba(cr, 1, 1, 1, 0.85);
		cairo_rectangle(cr, lx - 6, ly - 6, 360, 18.0 * rows + 8);
		cairo_fill_preserve(cr);
		rgb(cr, "#cccccc");
		cairo_set_line_width(cr, 1);
		cairo_stroke(cr);
		for (uint32_t i = 0; i < c->nseries; i++) {
			rgb(cr, pv_memory_color(i));
			cairo_rectangle(cr, lx, ly + 18.0 * i + 2, 14, 4);
			cairo_fill(cr);
			rgb(cr, "#000000");
			show(cr, lx + 20, ly + 18.0 * i + 8, 0, 12,
			     c->series[i].label);
		}
		if (c->hidden) {
			snprintf(buf, sizeof(buf), "%u series with fewer "
				 "samples not shown", c->hidden);
			show(cr, lx + 20, ly + 18.0 * c->nseries + 8, 0, 12,
			     buf);
		}
	}
}

int pv_render_memory_cairo(const struct pv_memchart *c, FILE *out, int pdf,
			  struct pv_error *err)
{
	cairo_surface_t *sf;
	cairo_status_t st;
	cairo_t *cr;

	if (pdf) {
		sf = cairo_pdf_surface_create_for_stream(write_cb, out,
							 c->width, c->height);
#if CAIRO_VERSION >= CAIRO_VERSION_ENCODE(1, 16, 0)
		/* a fixed date keeps the output reproducible */
		cairo_pdf_surface_set_metadata(sf,
			CAIRO_PDF_METADATA_CREATE_DATE, "2000-01-01T00:00:00Z");
		{
			char *t = pv_xmlsafe_dup(c->title);   /* UTF-8 only */
			if (t)
				cairo_pdf_surface_set_metadata(sf,
					CAIRO_PDF_METADATA_TITLE, t);
			free(t);
		}
#endif
	} else {
		sf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, c->width,
						c->height);
	}
	cr = cairo_create(sf);
	draw(cr, c);
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
