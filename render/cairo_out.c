/* cairo_out.c - the surface set-up and write-out every PNG and PDF view
 * shares (render/cairo_int.h). */
#include <stdlib.h>

#include <cairo-pdf.h>

#include "profile/pv_error.h"
#include "render/cairo_int.h"
#include "render/pv_xmlsafe.h"

static cairo_status_t write_cb(void *ctx, const unsigned char *data,
			       unsigned int len)
{
	return fwrite(data, 1, len, ctx) == len ? CAIRO_STATUS_SUCCESS :
						  CAIRO_STATUS_WRITE_ERROR;
}

static cairo_surface_t *pdf_surface(FILE *out, double width, double height,
				    const char *title)
{
	cairo_surface_t *sf = cairo_pdf_surface_create_for_stream(write_cb,
						out, width, height);
#if CAIRO_VERSION >= CAIRO_VERSION_ENCODE(1, 16, 0)
	char *t = pv_xmlsafe_dup(title);

	/* a fixed date keeps the output reproducible */
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_CREATE_DATE,
				       "2000-01-01T00:00:00Z");
	if (t)
		cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_TITLE,
					       t);
	free(t);
#else
	(void)title;
#endif
	return sf;
}

int pv_cairo_write(FILE *out, int pdf, double width, double height,
		   const char *title, pv_cairo_draw_fn draw, const void *ctx,
		   struct pv_error *err)
{
	cairo_surface_t *sf;
	cairo_status_t st;
	cairo_t *cr;

	if (pdf)
		sf = pdf_surface(out, width, height, title);
	else
		sf = cairo_image_surface_create(CAIRO_FORMAT_RGB24,
						(int)width, (int)height);
	cr = cairo_create(sf);
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

void pv_cairo_rgb(cairo_t *cr, uint32_t rgb)
{
	cairo_set_source_rgb(cr, (rgb >> 16 & 0xff) / 255.0,
			     (rgb >> 8 & 0xff) / 255.0, (rgb & 0xff) / 255.0);
}

void pv_cairo_show(cairo_t *cr, double x, double y, int align, double size,
		   const char *raw)
{
	cairo_text_extents_t e;
	char *t = pv_xmlsafe_dup(raw);

	if (!t)
		return;
	if (size > 0)
		cairo_set_font_size(cr, size);
	if (align) {
		cairo_text_extents(cr, t, &e);
		x -= align == 1 ? e.x_advance / 2 : e.x_advance;
	}
	cairo_move_to(cr, x, y);
	cairo_show_text(cr, t);
	free(t);
}
