/* pv_xmlsafe.h - text from a log made fit for an XML or HTML document.
 *
 * Names and paths in logs are raw bytes: they may be invalid UTF-8 or
 * hold control characters that XML 1.0 forbids.  libxml2's writer escapes
 * markup but not those, so every such string passes through here first.
 */
#ifndef PV_XMLSAFE_H
#define PV_XMLSAFE_H

/* A malloc'd copy of s (NULL gives "") where each byte that does not
 * start valid UTF-8 becomes U+FFFD and each forbidden control character
 * becomes U+FFFD too.  Returns NULL when out of memory. */
char *pv_xmlsafe_dup(const char *s);

#endif
