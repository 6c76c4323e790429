/* timeline_int.h - private to render/: what the timeline and heatmap
 * renderers share (timeline.c defines the helpers). */
#ifndef PV_TIMELINE_INT_H
#define PV_TIMELINE_INT_H

#include <stddef.h>

#include "render/pv_timeline.h"

#define TL_TITLE_NAME 48     /* bytes of a name in a tooltip line */
#define TL_RECT_BYTES 90     /* an SVG <rect> with its tooltip line, upper */
#define TL_CELL_BYTES 140    /* a bucket's <g> and tooltip head, upper */
#define TL_FONT "DejaVu Sans, Helvetica, Arial, sans-serif"

/* "10 ms", "1.5 s", "250 µs". */
void tl__duration_text(double sec, char *buf, size_t n);
/* "0.120000–0.130000 s". */
void tl__range_text(double a, double b, char *buf, size_t n);
/* The next round step (1, 2, 5 x 10^k) after step; twice step when it
 * is not round. */
double tl__wider_step(double step);
/* Heatmap: every how many columns a time label goes; the axis caption. */
uint32_t hm__label_every(const struct pv_heatmap *h);
const char *hm__axis_text(const struct pv_heatmap *h);
/* s cut to at most max bytes (with ".." when cut) into buf. */
const char *tl__short(const char *s, size_t max, char *buf, size_t n);

#endif
