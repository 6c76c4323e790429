/* pv_tree_text.h - a call tree as indented text (and as nested JSON). */
#ifndef PV_TREE_TEXT_H
#define PV_TREE_TEXT_H

#include <stdio.h>

#include "profile/pv_calltree.h"
#include "render/pv_table.h"

struct pv_tree_text_opts {
	struct pv_text_opts text;
	double prune;        /* hide subtrees under this % of the total */
	uint32_t max_depth;  /* show nodes of depth < max_depth; 0: all */
};

/* Levels of guides drawn at most: a deeper line draws this many and names
 * its depth ("[depth 14003] name"), so text stays linear in the lines
 * shown however deep the stacks. */
#define PV_TREE_MAX_INDENT 48

/* One line per node shown, parents first, siblings in the tree's order
 * (sort it first): total %, self %, samples (or ms), guides, name and
 * file:line.  Children hidden by --prune/--depth are summed up in one
 * "(N more ...)" line under their parent.  Returns 0, PV_ENOMEM or
 * PV_EWRITE. */
int pv_render_tree_text(FILE *out, const struct pv_profile *p,
			const struct pv_calltree *t,
			const struct pv_tree_text_opts *o);

/* The nodes shown as one JSON object {total_samples, unit, roots} on a
 * line of its own, each node nested as {function, file, line, kind,
 * self, total, children}; streamed with an explicit stack, so any depth
 * works in constant C stack.  Returns 0, PV_ENOMEM or PV_EWRITE. */
int pv_render_tree_json(FILE *out, const struct pv_profile *p,
			const struct pv_calltree *t,
			const struct pv_tree_text_opts *o);

/* --group-by: the tree of group i of n, called for i = 0 .. n-1 in
 * order.  In text, the group's name (escaped, bold) over its tree, with a
 * blank line between groups.  In JSON, the objects of pv_render_tree_json
 * with a "group" member after "roots", as one line {"groups":[...]}.
 * Return as the ungrouped forms do. */
int pv_render_tree_text_group(FILE *out, const struct pv_profile *p,
			      const struct pv_calltree *t,
			      const struct pv_tree_text_opts *o,
			      const char *group, uint32_t i);
int pv_render_tree_json_group(FILE *out, const struct pv_profile *p,
			      const struct pv_calltree *t,
			      const struct pv_tree_text_opts *o,
			      const char *group, uint32_t i, uint32_t n);

#endif
