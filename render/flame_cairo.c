/* flame_cairo.c - static PNG and PDF flame graphs through cairo, drawn
 * from the same layout as the SVG (same frames, widths and colours).
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <fontconfig/fontconfig.h>

#include "render/cairo_int.h"
#include "render/flame_int.h"

#define MAX_PNG_SIDE 32000.0   /* cairo image surfaces stop at 32767 px */

static void draw(cairo_t *cr, const void *ctx)
{
	const struct pv_flame_layout *l = ctx;
	const struct pv_flame_opts *o = &l->o;
	char nb[64], label[512], sub[400];

	cairo_set_source_rgb(cr, 0.965, 0.965, 0.949);
	cairo_paint(cr);
	cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL,
			       CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_source_rgb(cr, 0, 0, 0);
	cairo_set_font_size(cr, 17);
	pv_cairo_show(cr, o->width / 2, 24, 1, 0, o->title);
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
		pv_cairo_show(cr, o->width / 2, 44, 1, 0, sub);
	}
	for (uint32_t i = 0; i < l->nrects; i++) {
		const struct pv_flame_rect *r = &l->rects[i];
		double x = l->graph_x + r->x, y = flame__rect_y(l, r->depth);
		pv_cairo_rgb(cr, pv_flame_color(l, i));
		cairo_rectangle(cr, x, y, r->w, o->frame_height - 1);
		cairo_fill(cr);
		if (flame__label(pv_flame_name(l, i, nb), r->w, FLAME_FONT,
				 o->truncate_start, label, sizeof(label))) {
			cairo_save(cr);
			cairo_rectangle(cr, x, y, r->w, o->frame_height);
			cairo_clip(cr);
			cairo_set_source_rgb(cr, 0, 0, 0);
			pv_cairo_show(cr, x + 3, y + o->frame_height - 4, 0, 0,
				      label);
			cairo_restore(cr);
		}
	}
	{
		double x = l->graph_x, y = flame__legend_y(l);
		for (size_t i = 0; i < l->nkeys; i++) {
			pv_cairo_rgb(cr, l->keys[i].rgb);
			cairo_rectangle(cr, x, y - 10, 10, 10);
			cairo_fill(cr);
			cairo_set_source_rgb(cr, 0, 0, 0);
			pv_cairo_show(cr, x + 14, y, 0, 0, l->keys[i].text ?
				      l->keys[i].text : "");
			x = flame__key_next(&l->keys[i], x);
		}
	}
	for (size_t i = 0; i < o->nnotes; i++) {
		double y = l->height - FLAME_BOTTOM -
			   (double)(o->nnotes - i) * 16 + 12;
		pv_cairo_rgb(cr, o->notes[i].rgb);
		cairo_rectangle(cr, l->graph_x, y - 10, 10, 10);
		cairo_fill(cr);
		cairo_set_source_rgb(cr, 0, 0, 0);
		pv_cairo_show(cr, l->graph_x + 14, y, 0, 0,
			      o->notes[i].text ? o->notes[i].text : "");
	}
}

int pv_render_flame_cairo(const struct pv_flame_layout *l,
			 enum pv_flame_format fmt, FILE *out,
			 struct pv_error *err)
{
	double h = l->height;

	if (fmt != PV_FLAME_PNG && fmt != PV_FLAME_PDF)
		return pv_error_set(err, PV_EUSAGE, PV_NO_OFFSET,
				    "cairo draws PNG and PDF only");
	if (fmt == PV_FLAME_PNG && h > MAX_PNG_SIDE)
		h = MAX_PNG_SIDE;   /* the deepest frames are cut off */
	return pv_cairo_write(out, fmt == PV_FLAME_PDF, l->o.width, h,
			      l->o.title, draw, l, err);
}

void pv_flame_cairo_shutdown(void)
{
	cairo_debug_reset_static_data();
	FcFini();
}
