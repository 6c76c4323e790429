/* flame_cairo.c - static PNG and PDF flame graphs through cairo, drawn
 * from the same layout as the SVG (same frames, widths and colours).
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <fontconfig/fontconfig.h>

#include "render/flame_int.h"

#define MAX_PNG_SIDE 32000.0   /* cairo image surfaces stop at 32767 px */

static cairo_status_t to_file(void *closure, const unsigned char *data,
			      unsigned int len)
{
	return fwrite(data, 1, len, closure) == len ?
		CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

static void set_rgb(cairo_t *cr, uint32_t c)
{
	cairo_set_source_rgb(cr, (double)(c >> 16 & 0xff) / 255.0,
			     (double)(c >> 8 & 0xff) / 255.0,
			     (double)(c & 0xff) / 255.0);
}

static void draw_text(cairo_t *cr, const char *raw, double x, double y,
		      int center)
{
	char *tmp;
	const char *t = flame__xml_text(raw, &tmp);   /* valid UTF-8 */
	cairo_text_extents_t ext;

	if (center) {
		cairo_text_extents(cr, t, &ext);
		x -= ext.x_advance / 2;
	}
	cairo_move_to(cr, x, y);
	cairo_show_text(cr, t);
	free(tmp);
}

static void draw(const struct pv_flame_layout *l, cairo_t *cr)
{
	const struct pv_flame_opts *o = &l->o;
	char nb[64], label[512], sub[400];

	cairo_set_source_rgb(cr, 0.965, 0.965, 0.949);
	cairo_paint(cr);
	cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL,
			       CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_source_rgb(cr, 0, 0, 0);
	cairo_set_font_size(cr, 17);
	draw_text(cr, o->title, o->width / 2, 24, 1);
	sub[0] = '\0';
	if (o->subtitle)
		snprintf(sub, sizeof(sub), "%s", o->subtitle);
	if (l->raised)
		snprintf(sub + strlen(sub), sizeof(sub) - strlen(sub),
			 "%sframes narrower than %.2f px left out",
			 sub[0] ? "; " : "", l->minwidth);
	cairo_set_font_size(cr, FLAME_FONT);
	if (sub[0]) {
		cairo_set_source_rgb(cr, 0.33, 0.33, 0.33);
		draw_text(cr, sub, o->width / 2, 44, 1);
	}
	for (uint32_t i = 0; i < l->nrects; i++) {
		const struct pv_flame_rect *r = &l->rects[i];
		double x = l->graph_x + r->x, y = flame__rect_y(l, r->depth);
		set_rgb(cr, pv_flame_color(l, i));
		cairo_rectangle(cr, x, y, r->w, o->frame_height - 1);
		cairo_fill(cr);
		if (flame__label(pv_flame_name(l, i, nb), r->w, FLAME_FONT,
				 o->truncate_start, label, sizeof(label))) {
			cairo_save(cr);
			cairo_rectangle(cr, x, y, r->w, o->frame_height);
			cairo_clip(cr);
			cairo_set_source_rgb(cr, 0, 0, 0);
			draw_text(cr, label, x + 3, y + o->frame_height - 4, 0);
			cairo_restore(cr);
		}
	}
	{
		double x = l->graph_x, y = flame__legend_y(l);
		for (size_t i = 0; i < l->nkeys; i++) {
			set_rgb(cr, l->keys[i].rgb);
			cairo_rectangle(cr, x, y - 10, 10, 10);
			cairo_fill(cr);
			cairo_set_source_rgb(cr, 0, 0, 0);
			draw_text(cr, l->keys[i].text ? l->keys[i].text : "",
				  x + 14, y, 0);
			x = flame__key_next(&l->keys[i], x);
		}
	}
	for (size_t i = 0; i < o->nnotes; i++) {
		double y = l->height - FLAME_BOTTOM -
			   (double)(o->nnotes - i) * 16 + 12;
		set_rgb(cr, o->notes[i].rgb);
		cairo_rectangle(cr, l->graph_x, y - 10, 10, 10);
		cairo_fill(cr);
		cairo_set_source_rgb(cr, 0, 0, 0);
		draw_text(cr, o->notes[i].text ? o->notes[i].text : "",
			  l->graph_x + 14, y, 0);
	}
}

int pv_render_flame_cairo(const struct pv_flame_layout *l,
			 enum pv_flame_format fmt, FILE *out,
			 struct pv_error *err)
{
	double h = l->height;
	cairo_surface_t *sf;
	cairo_status_t st;
	cairo_t *cr;

	if (fmt == PV_FLAME_PNG) {
		if (h > MAX_PNG_SIDE)   /* the deepest frames are cut off */
			h = MAX_PNG_SIDE;
		sf = cairo_image_surface_create(CAIRO_FORMAT_RGB24,
						(int)l->o.width, (int)h);
	} else if (fmt == PV_FLAME_PDF) {
		sf = cairo_pdf_surface_create_for_stream(to_file, out,
							 l->o.width, h);
	} else {
		return pv_error_set(err, PV_EUSAGE, PV_NO_OFFSET,
				    "cairo draws PNG and PDF only");
	}
	cr = cairo_create(sf);
	draw(l, cr);
	cairo_destroy(cr);
	if (fmt == PV_FLAME_PNG) {
		st = cairo_surface_write_to_png_stream(sf, to_file, out);
	} else {
		cairo_surface_finish(sf);
		st = CAIRO_STATUS_SUCCESS;
	}
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(sf);
	cairo_surface_destroy(sf);
	if (st != CAIRO_STATUS_SUCCESS)
		return pv_error_set(err, PV_EWRITE, PV_NO_OFFSET,
				    "cannot draw the graph: %s",
				    cairo_status_to_string(st));
	return 0;
}

void pv_flame_cairo_shutdown(void)
{
	cairo_debug_reset_static_data();
	FcFini();
}
