/* pv_xmlsafe.h - text from a log made fit for an XML, HTML or JSON
 * document, and the libxml2 writer every XML-writing view starts from.
 *
 * Names and paths in logs are raw bytes: they may be invalid UTF-8 or
 * hold control characters that XML 1.0 forbids.  libxml2's writer escapes
 * markup but not those, so every such string passes through here first.
 * JSON (render/json.c) takes any valid UTF-8, so it uses the same checker
 * without the XML restrictions.
 */
#ifndef PV_XMLSAFE_H
#define PV_XMLSAFE_H

#include <stddef.h>
#include <stdio.h>

#include <libxml/xmlwriter.h>

/* Bytes in the valid UTF-8 sequence at s (left bytes remain, left > 0),
 * or 0 when it is not one; with xml, also 0 for the characters XML 1.0
 * forbids (control characters but tab, LF, CR; U+FFFE, U+FFFF). */
size_t pv_xmlsafe_charlen(const unsigned char *s, size_t left, int xml);

/* A malloc'd copy of s (NULL gives "") where each byte that does not
 * start a valid sequence (see pv_xmlsafe_charlen) becomes U+FFFD; its
 * length to *len when len is not NULL.  NULL when out of memory. */
char *pv_xmlsafe_clean(const char *s, int xml, size_t *len);

/* pv_xmlsafe_clean(s, 1, NULL): text for an XML or HTML document. */
char *pv_xmlsafe_dup(const char *s);

/* Raw log text as an attribute value or as element content of w, made
 * safe first.  Return <0 on failure (libxml2's convention). */
int pv_xmlsafe_attr(xmlTextWriterPtr w, const char *name, const char *raw);
int pv_xmlsafe_text(xmlTextWriterPtr w, const char *raw);

/* A writer to out (which stays open: freeing the writer flushes it).
 * NULL when out of memory. */
xmlTextWriterPtr pv_xmlsafe_writer(FILE *out);

/* The error for a libxml2 writer call on out that failed: PV_EWRITE with
 * the message what when out has failed, else PV_ENOMEM ("out of
 * memory"): the writer's calls fail otherwise only when an allocation
 * does (libxml2's own, or a pv_xmlsafe copy).  Returns the status. */
struct pv_error;
int pv_xmlsafe_error(FILE *out, const char *what, struct pv_error *err);

/* Writes one XML 1.0 UTF-8 document to out: the declaration, what
 * body(ctx, w, err) writes, then the end.  Returns 0, body's own error,
 * PV_ENOMEM, or PV_EWRITE when a write fails. */
struct pv_error;
typedef int (*pv_xml_body_fn)(const void *ctx, xmlTextWriterPtr w,
			      struct pv_error *err);
int pv_xmlsafe_document(FILE *out, pv_xml_body_fn body, const void *ctx,
			struct pv_error *err);

#endif
