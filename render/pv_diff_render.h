/* pv_diff_render.h - writing a pv_diff: the one-line verdict, a text
 * table, a markdown table for pull-request comments, and JSON for bots. */
#ifndef PV_DIFF_RENDER_H
#define PV_DIFF_RENDER_H

#include <stdio.h>

#include "profile/pv_diff.h"
#include "render/pv_flame.h"
#include "render/pv_text.h"

struct pv_diff_view {
	const struct pv_diff *d;
	const struct pv_profile *a, *b;   /* base and new */
	char *const *base_files;          /* log names, for the heading */
	int nbase;
	char *const *new_files;
	int nnew;
	size_t limit;          /* rows shown (0: all) */
	int has_fail_above;    /* the verdict judges growth above fail_above */
	double fail_above;     /* points */
	int color;             /* ANSI colours in the text table */
};

/* Rows whose growth fails the verdict (pv_diff_failures with v's
 * fail_above; 0 without has_fail_above). */
size_t pv_render_diff_failures(const struct pv_diff_view *v);

/* The verdict, one line without a newline, into buf. */
void pv_render_diff_verdict(const struct pv_diff_view *v, char *buf, size_t len);

/* Each writes the verdict as its first line.  Return 0, or -1 when
 * writing failed (the caller checks the stream too). */
int pv_render_diff_text(FILE *out, const struct pv_diff_view *v);
int pv_render_diff_markdown(FILE *out, const struct pv_diff_view *v);
/* One JSON object on one line; its first key is "verdict". */
int pv_render_diff_json(FILE *out, const struct pv_diff_view *v);

/* The differential flame graph of b (new) against a (base), as SVG.
 * fo's title, width and the like apply; its hooks and notes are the
 * diff's own.  Returns 0 or a PV_E* code with err filled in. */
struct pv_diff_flame_opts {
	struct pv_flame_opts fo;
	int absolute;          /* colour by time, not share */
	size_t max_notes;      /* vanished paths listed (0: 20) */
};
int pv_render_diff_flame(FILE *out, const struct pv_profile *a,
			 const struct pv_profile *b,
			 const struct pv_diff_flame_opts *o,
			 struct pv_error *err);


#endif
