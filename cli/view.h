/* view.h - private to cli/: what the text views (top, tree, lines) share:
 * terminal detection, colour choice, and --group-by groups. */
#ifndef PV_CLI_VIEW_H
#define PV_CLI_VIEW_H

#include <stdio.h>

#include "cli/cli.h"
#include "render/pv_table.h"

/* Whether to colour out, per --color: always, never, or auto (out is a
 * terminal and NO_COLOR is unset or empty). */
int view_color(const struct cli *c, FILE *out);

/* Colour, Unicode and width for out: colour per --color (auto: a terminal
 * and NO_COLOR unset or empty), Unicode when the locale says UTF-8, width
 * from the terminal (COLUMNS, then the tty) only when out is one. */
void view_text_opts(const struct cli *c, FILE *out, const struct pv_profile *p,
		    struct pv_text_opts *o);

/* One group of --group-by: a log (source row) or a thread (thread row). */
struct view_group {
	int by_thread;
	uint32_t id;
	char name[160];
};

/* The groups of p for c->group_by (log or thread), in order; *n = 0 and
 * *out = NULL without --group-by.  Returns 0 or PV_ENOMEM. */
int view_groups(const struct cli *c, const struct pv_profile *p,
		struct view_group **out, uint32_t *n, struct pv_error *err);
/* Sample predicate for pv_funcstats_weights: ctx is a struct view_group. */
int view_group_keep(void *ctx, const struct pv_profile *p, size_t i);
/* Group of sample i for pv_funcstats_build_groups: ctx is the array
 * view_groups made (group g has id g). */
uint32_t view_group_of(void *ctx, const struct pv_profile *p, size_t i);


#endif
