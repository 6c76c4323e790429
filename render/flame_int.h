/* flame_int.h - private to render/: geometry and text helpers the flame
 * renderers share (flame_layout.c defines them). */
#ifndef PV_FLAME_INT_H
#define PV_FLAME_INT_H

#include <stddef.h>

#include "render/pv_flame.h"

#define FLAME_TOP 66.0       /* title, subtitle, controls */
#define FLAME_BOTTOM 34.0    /* detail line */
#define FLAME_FONT 12.0
#define FLAME_LEGEND 20.0   /* the legend row, when there is one */

/* Top edge of a frame at depth (root 0), px. */
double flame__rect_y(const struct pv_flame_layout *l, uint32_t depth);
/* Baseline of the legend row (under the frames, above the notes), and
 * the x after a key's swatch and text that starts at x. */
double flame__legend_y(const struct pv_flame_layout *l);
double flame__key_next(const struct pv_flame_key *k, double x);
/* The label that fits w px: the whole name, or cut with ".." at the end
 * (or the start); never splits a UTF-8 sequence.  Returns its length, 0
 * when nothing readable fits. */
size_t flame__label(const char *name, double w, double font, int start,
		    char *buf, size_t cap);
#endif
