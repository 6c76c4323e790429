/* pv_xmlsafe.h - text from a log made fit for an XML, HTML or JSON
 * document (the SVG and HTML views write it through render/pv_xmlw.h).
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

#endif
