/* pv_text.h - what the text views share: the terminal options, the one
 * set of ANSI styles, and UTF-8 aware shortening and cleaning.  Views
 * style text only through PV_STYLE(), so colours are chosen here. */
#ifndef PV_TEXT_H
#define PV_TEXT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct pv_text_opts {
	int color;        /* ANSI colours */
	int unicode;      /* UTF-8 output: "…" and box-drawing guides */
	int width;        /* columns to fit (a terminal's), 0 = no limit */
	int time;         /* weights are microseconds, not samples */
};

/* The styles (SGR sequences) the views use. */
#define PV_SGR_RESET  "\033[0m"
#define PV_SGR_BOLD   "\033[1m"
#define PV_SGR_DIM    "\033[2m"
#define PV_SGR_RED    "\033[31m"
#define PV_SGR_GREEN  "\033[32m"
#define PV_SGR_YELLOW "\033[33m"
#define PV_SGR_HOT    "\033[31;1m"   /* red bold: a hot line or node */

/* sgr when colouring (on), else "": printf("%s%s%s", PV_STYLE(c, BOLD),
 * text, PV_STYLE(c, RESET)). */
#define PV_STYLE(on, name) ((on) ? PV_SGR_##name : "")

/* Writes s into buf (size n) shortened to at most cols display columns by
 * cutting its middle ("…" when unicode, else "...").  Counts UTF-8
 * sequences as one column each.  Returns buf. */
char *pv_text_shorten(char *buf, size_t n, const char *s, int cols,
		      int unicode);
/* Writes the path s (a file name, maybe with ":LINE" after it) into buf
 * shortened to at most cols display columns from the left, where a path
 * says the least: whole leading directories give way to "…/" ("...",
 * ASCII) first ("…/pkg/mod.py:12"), and only a last part that still does
 * not fit is cut inside ("…od.py:12").  Returns buf. */
char *pv_text_shorten_path(char *buf, size_t n, const char *s, int cols,
			   int unicode);
/* Display columns of a UTF-8 string (one per code point). */
int pv_text_cols(const char *s);
/* s as printable UTF-8 (bad bytes become U+FFFD, control characters
 * '?') in buf, cut at a character boundary to fit.  Returns buf. */
const char *pv_text_clean(const char *s, char *buf, size_t len);
/* ISO 8601 UTC with microseconds, "2026-11-21T13:37:45.583718+00:00",
 * from seconds and microseconds since the epoch ("?" when out of range). */
void pv_text_iso_time(int64_t sec, int64_t usec, char *buf, size_t len);

/* When the filters dropped samples (p->filtered_from), the header line a
 * text view starts with: "312 of 499 samples (62.5%) kept by the
 * filters" ("ms" for a time-weighted profile); nothing otherwise. */
struct pv_profile;
void pv_text_filter_note(FILE *out, const struct pv_profile *p, int color);

#endif
