/* pv_xmlw.h - the one element writer of the SVG and HTML views: a thin
 * layer over libxml2's xmlTextWriter with a sticky error.
 *
 * Every call takes the writer and returns nothing; the first failure is
 * kept in the writer (PV_EWRITE when libxml2 could not write, PV_ENOMEM
 * when an allocation failed) and later calls still run but change
 * nothing that matters: the view checks once, at the end, with
 * pv_xmlw_finish().  Every text and attribute value may be raw log bytes:
 * it is made valid UTF-8 without the characters XML 1.0 forbids
 * (render/pv_xmlsafe.h) before libxml2 escapes it, copying only when it
 * must.  The bytes written are those of the matching xmlTextWriter call.
 */
#ifndef PV_XMLW_H
#define PV_XMLW_H

#include <stdint.h>
#include <stdio.h>

#include <libxml/xmlwriter.h>

struct pv_error;

struct pv_xmlw {
	xmlTextWriterPtr w;   /* borrowed: the caller creates and frees it */
	int status;           /* 0, or the first failure (PV_E*) */
};

#define PV_XMLW_INIT(writer) { (writer), 0 }

/* Keeps status as the writer's failure unless one is already kept. */
void pv_xmlw_fail(struct pv_xmlw *x, int status);

/* <el ...>; pv_xmlw_end() closes it as "<el/>" when it is empty (SVG,
 * and HTML's void elements), pv_xmlw_end_full() always as "</el>" (the
 * HTML elements that may not be self-closed). */
void pv_xmlw_start(struct pv_xmlw *x, const char *el);
void pv_xmlw_end(struct pv_xmlw *x);
void pv_xmlw_end_full(struct pv_xmlw *x);

/* An attribute of the element just started: a string, a printf format
 * (its result made safe like any value), a number as "%.2f" (the
 * coordinates of every SVG view), a colour as "#rrggbb". */
void pv_xmlw_attr(struct pv_xmlw *x, const char *name, const char *value);
void pv_xmlw_attrf(struct pv_xmlw *x, const char *name, const char *fmt,
		   ...) __attribute__((format(printf, 3, 4)));
void pv_xmlw_num(struct pv_xmlw *x, const char *name, double v);
void pv_xmlw_rgb(struct pv_xmlw *x, const char *name, uint32_t rgb);

/* Element content: text (escaped) or raw markup (written as it is). */
void pv_xmlw_text(struct pv_xmlw *x, const char *text);
void pv_xmlw_raw(struct pv_xmlw *x, const char *markup);

/* <el>text</el>, with the end tag even when text is empty (valid XML,
 * and what HTML needs). */
void pv_xmlw_el_text(struct pv_xmlw *x, const char *el, const char *text);

/* <text x=.. y=.. [text-anchor=..] [font-size=..]>text</text>, the one
 * text element of the SVG views (anchor and size may be NULL). */
void pv_xmlw_svg_text(struct pv_xmlw *x, double px, double py,
		      const char *anchor, const char *size, const char *text);

/* The heading of a chart width px wide: its title (class "title", 17 px,
 * at y 24) and subtitle (class "subtitle", grey, sub_size px at sub_y),
 * both centred. */
void pv_xmlw_svg_heading(struct pv_xmlw *x, double width, const char *title,
			 const char *subtitle, double sub_y,
			 const char *sub_size);

/* 0 when every call succeeded; else the kept status, set in err with
 * "out of memory" or "cannot write WHAT" (WHAT: "the SVG", ...). */
int pv_xmlw_finish(const struct pv_xmlw *x, const char *what,
		   struct pv_error *err);

/* A writer to out (which stays open: freeing the writer flushes it),
 * indented by one space per level when indent is set.  NULL when out of
 * memory.  libxml2 says nothing on standard error about a failed write:
 * the caller sees it (a negative return, ferror on out) and says it. */
xmlTextWriterPtr pv_xmlw_writer(FILE *out, int indent);

/* What writes a document's root element to w (an SVG view's
 * pv_*_svg_element), with the status convention of pv_error.h. */
typedef int (*pv_xmlw_body_fn)(const void *ctx, xmlTextWriterPtr w,
			       struct pv_error *err);

/* One XML 1.0 UTF-8 document to w: the declaration, what body writes,
 * then the end.  Returns 0, body's own error, or PV_EWRITE ("cannot
 * write WHAT"). */
int pv_xmlw_document(xmlTextWriterPtr w, pv_xmlw_body_fn body,
		     const void *ctx, const char *what, struct pv_error *err);

/* The same document to out through a writer of its own (see
 * pv_xmlw_writer); also PV_ENOMEM, and PV_EWRITE when out has failed. */
int pv_xmlw_document_file(FILE *out, int indent, pv_xmlw_body_fn body,
			  const void *ctx, const char *what,
			  struct pv_error *err);

#endif
