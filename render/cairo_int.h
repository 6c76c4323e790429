/* cairo_int.h - what the PNG and PDF views (flame, memory, timeline,
 * heatmap) share: one surface set-up and write-out, colours and text.
 * Private to render/.
 */
#ifndef PV_CAIRO_INT_H
#define PV_CAIRO_INT_H

#include <stdint.h>
#include <stdio.h>

#include <cairo.h>

struct pv_error;

/* Draws the whole picture on cr, background included. */
typedef void (*pv_cairo_draw_fn)(cairo_t *cr, const void *ctx);

/* Draws a width x height picture through draw and writes it to out as
 * one PNG (pdf 0; the size is cut to whole pixels) or one PDF page (pdf
 * 1, whose title is title made valid UTF-8 and whose date is fixed, so
 * the same picture gives the same bytes).  Returns 0, PV_EWRITE when
 * writing failed, or PV_ERR for any other cairo failure (an image too
 * large, out of memory), err saying cairo's reason. */
int pv_cairo_write(FILE *out, int pdf, double width, double height,
		   const char *title, pv_cairo_draw_fn draw, const void *ctx,
		   struct pv_error *err);

/* Source colour 0xRRGGBB. */
void pv_cairo_rgb(cairo_t *cr, uint32_t rgb);

/* Raw log text at (x, y): align 0 starts, 1 centres, 2 ends it at x;
 * size > 0 sets the font size first.  The text is made valid UTF-8
 * first (cairo refuses anything else); nothing is drawn when that copy
 * cannot be made. */
void pv_cairo_show(cairo_t *cr, double x, double y, int align, double size,
		   const char *raw);

#endif
