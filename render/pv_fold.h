/* pv_fold.h - a call tree as folded stacks ("main;f;g 42" per line), the
 * interchange format of flamegraph.pl, inferno and speedscope. */
#ifndef PV_FOLD_H
#define PV_FOLD_H

#include <stdio.h>

#include "profile/pv_calltree.h"

/* One line per node with self weight, parents before children, siblings
 * in the tree's order (sort it first): the names on the path from the
 * root, ';'-separated, a space, the node's self weight, a newline.  A
 * name is its function's label, then " (file:line)" when it has a file
 * (read back as a Python frame with its location), or a thread node's
 * "thread N (0xID)".  Inside a name ';' becomes ':' and the rest is made
 * safe as pv_textsafe.h says (a newline would end the line).
 *
 * Each function's text is made once and lines are built by appending to
 * the path's prefix, so the cost is the bytes written, whatever the
 * depth.  Returns 0, PV_EWRITE (the write failed; see ferror(out)) or
 * PV_ENOMEM. */
int pv_render_fold(FILE *out, const struct pv_profile *p,
		   const struct pv_calltree *t, struct pv_error *err);

#endif
