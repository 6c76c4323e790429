/* xmlw.c - the element writer with a sticky error (render/pv_xmlw.h). */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "profile/pv_error.h"
#include "render/pv_xmlsafe.h"
#include "render/pv_xmlw.h"

void pv_xmlw_fail(struct pv_xmlw *x, int status)
{
	if (!x->status)
		x->status = status;
}

static void check(struct pv_xmlw *x, int rc)
{
	if (rc < 0)
		pv_xmlw_fail(x, PV_EWRITE);
}

/* s itself when it is fit for XML as it is (the usual case), else a
 * cleaned copy to free through *tmp; NULL when that copy cannot be
 * made. */
static const char *safe(const char *s, char **tmp)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, left = strlen(s);

	*tmp = NULL;
	while (i < left) {
		size_t n = pv_xmlsafe_charlen(u + i, left - i, 1);
		if (!n)
			break;
		i += n;
	}
	if (i == left)
		return s;
	*tmp = pv_xmlsafe_clean(s, 1, NULL);
	return *tmp;
}

void pv_xmlw_start(struct pv_xmlw *x, const char *el)
{
	check(x, xmlTextWriterStartElement(x->w, BAD_CAST el));
}

void pv_xmlw_end(struct pv_xmlw *x)
{
	check(x, xmlTextWriterEndElement(x->w));
}

void pv_xmlw_end_full(struct pv_xmlw *x)
{
	check(x, xmlTextWriterFullEndElement(x->w));
}

void pv_xmlw_attr(struct pv_xmlw *x, const char *name, const char *value)
{
	char *tmp;
	const char *v = safe(value ? value : "", &tmp);

	if (!v) {
		pv_xmlw_fail(x, PV_ENOMEM);
		return;
	}
	check(x, xmlTextWriterWriteAttribute(x->w, BAD_CAST name, BAD_CAST v));
	free(tmp);
}

void pv_xmlw_attrf(struct pv_xmlw *x, const char *name, const char *fmt, ...)
{
	char buf[256], *big = NULL;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n < 0) {
		pv_xmlw_fail(x, PV_EWRITE);
		return;
	}
	if ((size_t)n >= sizeof(buf)) {
		big = malloc((size_t)n + 1);
		if (!big) {
			pv_xmlw_fail(x, PV_ENOMEM);
			return;
		}
		va_start(ap, fmt);
		vsnprintf(big, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	pv_xmlw_attr(x, name, big ? big : buf);
	free(big);
}

void pv_xmlw_num(struct pv_xmlw *x, const char *name, double v)
{
	pv_xmlw_attrf(x, name, "%.2f", v);
}

void pv_xmlw_rgb(struct pv_xmlw *x, const char *name, uint32_t rgb)
{
	pv_xmlw_attrf(x, name, "#%06x", (unsigned)(rgb & 0xffffff));
}

void pv_xmlw_text(struct pv_xmlw *x, const char *text)
{
	char *tmp;
	const char *t = safe(text ? text : "", &tmp);

	if (!t) {
		pv_xmlw_fail(x, PV_ENOMEM);
		return;
	}
	check(x, xmlTextWriterWriteString(x->w, BAD_CAST t));
	free(tmp);
}

void pv_xmlw_raw(struct pv_xmlw *x, const char *markup)
{
	check(x, xmlTextWriterWriteRaw(x->w, BAD_CAST markup));
}

void pv_xmlw_el_text(struct pv_xmlw *x, const char *el, const char *text)
{
	pv_xmlw_start(x, el);
	pv_xmlw_text(x, text);
	pv_xmlw_end_full(x);
}

int pv_xmlw_finish(const struct pv_xmlw *x, const char *what,
		   struct pv_error *err)
{
	if (!x->status)
		return 0;
	if (x->status == PV_ENOMEM)
		return pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET,
				    "out of memory");
	return pv_error_set(err, x->status, PV_NO_OFFSET, "cannot write %s",
			    what);
}

void pv_xmlw_svg_text(struct pv_xmlw *x, double px, double py,
		      const char *anchor, const char *size, const char *text)
{
	pv_xmlw_start(x, "text");
	pv_xmlw_num(x, "x", px);
	pv_xmlw_num(x, "y", py);
	if (anchor)
		pv_xmlw_attr(x, "text-anchor", anchor);
	if (size)
		pv_xmlw_attr(x, "font-size", size);
	pv_xmlw_text(x, text);
	pv_xmlw_end(x);
}

void pv_xmlw_svg_heading(struct pv_xmlw *x, double width, const char *title,
			 const char *subtitle, double sub_y,
			 const char *sub_size)
{
	pv_xmlw_start(x, "text");
	pv_xmlw_attr(x, "class", "title");
	pv_xmlw_num(x, "x", width / 2);
	pv_xmlw_num(x, "y", 24);
	pv_xmlw_attr(x, "text-anchor", "middle");
	pv_xmlw_attr(x, "font-size", "17");
	pv_xmlw_text(x, title);
	pv_xmlw_end(x);
	pv_xmlw_start(x, "text");
	pv_xmlw_attr(x, "class", "subtitle");
	pv_xmlw_num(x, "x", width / 2);
	pv_xmlw_num(x, "y", sub_y);
	pv_xmlw_attr(x, "text-anchor", "middle");
	pv_xmlw_attr(x, "font-size", sub_size);
	pv_xmlw_attr(x, "fill", "#555");
	pv_xmlw_text(x, subtitle);
	pv_xmlw_end(x);
}

static int write_cb(void *ctx, const char *buf, int len)
{
	return fwrite(buf, 1, (size_t)len, ctx) == (size_t)len ? len : -1;
}

/* libxml2 would print its own "I/O error" for a failed write. */
static void quiet(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

xmlTextWriterPtr pv_xmlw_writer(FILE *out, int indent)
{
	xmlOutputBufferPtr ob = xmlOutputBufferCreateIO(write_cb, NULL, out,
							NULL);
	xmlTextWriterPtr w;

	if (!ob)
		return NULL;
	xmlSetGenericErrorFunc(NULL, quiet);
	w = xmlNewTextWriter(ob);   /* owns ob from here on */
	if (!w) {
		xmlOutputBufferClose(ob);
		return NULL;
	}
	if (indent && (xmlTextWriterSetIndent(w, 1) < 0 ||
		       xmlTextWriterSetIndentString(w, BAD_CAST " ") < 0)) {
		xmlFreeTextWriter(w);
		return NULL;
	}
	return w;
}

int pv_xmlw_document(xmlTextWriterPtr w, pv_xmlw_body_fn body,
		     const void *ctx, const char *what, struct pv_error *err)
{
	if (xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL) < 0)
		return pv_error_set(err, PV_EWRITE, PV_NO_OFFSET,
				    "cannot write %s", what);
	PV_TRY(body(ctx, w, err));
	if (xmlTextWriterEndDocument(w) < 0)
		return pv_error_set(err, PV_EWRITE, PV_NO_OFFSET,
				    "cannot write %s", what);
	return 0;
}

int pv_xmlw_document_file(FILE *out, int indent, pv_xmlw_body_fn body,
			  const void *ctx, const char *what,
			  struct pv_error *err)
{
	xmlTextWriterPtr w = pv_xmlw_writer(out, indent);
	int rc;

	if (!w)
		return pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET,
				    "out of memory");
	rc = pv_xmlw_document(w, body, ctx, what, err);
	xmlFreeTextWriter(w);   /* flushes; out stays open */
	if (rc == 0 && ferror(out))
		rc = pv_error_set(err, PV_EWRITE, PV_NO_OFFSET,
				  "cannot write %s", what);
	return rc;
}
