/* pv_textsafe.h - text from a log made safe to print: a name, file, meta
 * value or module path is untrusted bytes, and a terminal executes the
 * control sequences in what it is given (an OSC title, ESC[2J).
 *
 * Safe text is valid UTF-8 (each invalid byte becomes U+FFFD) with no C0
 * control (U+0000-U+001F), DEL or C1 control (U+0080-U+009F): each is
 * shown as a visible escape, "\x1b" or "\u009b".  Escapes are ASCII, so
 * shortening safe text by code points never cuts one in half. */
#ifndef PV_TEXTSAFE_H
#define PV_TEXTSAFE_H

#include <stddef.h>
#include <stdio.h>

/* s itself when it is already safe (*owned = NULL), else a safe copy in
 * *owned (free it).  NULL when out of memory.  s NULL reads as "". */
const char *pv_text_safe(const char *s, char **owned);
/* Whether s is safe as it is. */
int pv_text_is_safe(const char *s);
/* Writes the safe form of s[0..n) to out (no allocation). */
void pv_text_put(FILE *out, const char *s, size_t n);

#endif
