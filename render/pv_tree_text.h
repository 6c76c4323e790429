/* pv_tree_text.h - a call tree as indented text (and as nested JSON). */
#ifndef PV_TREE_TEXT_H
#define PV_TREE_TEXT_H

#include <stdio.h>

#include <jansson.h>

#include "profile/pv_calltree.h"
#include "render/pv_table.h"

struct pv_tree_text_opts {
	struct pv_text_opts text;
	double prune;        /* hide subtrees under this % of the total */
	uint32_t max_depth;  /* show nodes of depth < max_depth; 0: all */
};

/* One line per node shown, parents first, siblings in the tree's order
 * (sort it first): total %, self %, samples (or ms), guides, name and
 * file:line.  Children hidden by --prune/--depth are summed up in one
 * "(N more ...)" line under their parent.  Returns 0 or PV_EWRITE. */
int pv_render_tree_text(FILE *out, const struct pv_profile *p,
			const struct pv_calltree *t,
			const struct pv_tree_text_opts *o);

/* The nodes shown as nested objects {function, file, line, kind, self,
 * total, children}; NULL when out of memory. */
json_t *pv_tree_json(const struct pv_profile *p, const struct pv_calltree *t,
		     const struct pv_tree_text_opts *o);

#endif
