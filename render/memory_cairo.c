/* memory_cairo.c - the memory chart as PNG or PDF through cairo, drawn
 * from the same chart (geometry, ticks, reduced points) as the SVG so the
 * three formats agree.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>

#include "render/pv_memory.h"
#include "render/cairo_int.h"

#define FONT "DejaVu Sans"

/* The chart's colours are "#rrggbb", as the SVG writes them. */
static void rgb(cairo_t *cr, const char *hex)
{
	pv_cairo_rgb(cr, (uint32_t)strtoul(hex + 1, NULL, 16));
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
		pv_cairo_show(cr, pv_memory_x(c, v), bottom + 18, 1, 12, buf);
	}
	for (int i = 0; i < nm; i++) {
		double v = c->m0 + i * c->mstep;
		pv_memory_tick_label(v, c->mstep, buf, sizeof(buf));
		pv_cairo_show(cr, c->px - 8, pv_memory_y(c, v * 1024.0) + 4, 2,
			      12, buf);
	}
	pv_cairo_show(cr, c->px + c->pw / 2, bottom + 40, 1, 13, "time (s)");
	cairo_save(cr);
	cairo_translate(cr, 22, c->py + c->ph / 2);
	cairo_rotate(cr, -1.5707963267948966);
	pv_cairo_show(cr, 0, 0, 1, 13, "resident memory (MiB)");
	cairo_restore(cr);
}

static void draw(cairo_t *cr, const void *ctx)
{
	const struct pv_memchart *c = ctx;
	const struct pv_mem_series *pk = &c->series[c->peak];
	char buf[128];
	double x, y;
	int align = 1;

	cairo_select_font_face(cr, FONT, CAIRO_FONT_SLANT_NORMAL,
			       CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	rgb(cr, "#000000");
	pv_cairo_show(cr, c->width / 2.0, 24, 1, 17, c->title);
	rgb(cr, "#555555");
	pv_cairo_show(cr, c->width / 2.0, 44, 1, 12, c->subtitle);
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
	pv_cairo_show(cr, x, y < c->py + 20 ? y + 20 : y - 10, align, 12, buf);
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
			pv_cairo_show(cr, lx + 20, ly + 18.0 * i + 8, 0, 12,
				      c->series[i].label);
		}
		if (c->hidden) {
			snprintf(buf, sizeof(buf), "%u series with fewer "
				 "samples not shown", c->hidden);
			pv_cairo_show(cr, lx + 20, ly + 18.0 * c->nseries + 8,
				      0, 12, buf);
		}
	}
}

int pv_render_memory_cairo(const struct pv_memchart *c, FILE *out, int pdf,
			  struct pv_error *err)
{
	return pv_cairo_write(out, pdf, c->width, c->height, c->title, draw, c,
			      err);
}
