/* pv_fold.h - `fold`: folded stacks ("main;f;g 42" per line), the
 * interchange format of flamegraph.pl, inferno and speedscope. */
#ifndef PV_FOLD_H
#define PV_FOLD_H

#include <stdio.h>

#include "profile/pv_calltree.h"

/* One line per call path that has self weight, in the order of the call
 * tree sorted by name (so the output is stable and diffs well): the
 * frames root first, ';'-separated, a space and the self weight.  A
 * Python frame is "name (file:line)"; ';' inside a name becomes ':' and
 * control characters are shown escaped (pv_textsafe.h), so every line
 * reads back as written.  to: the tree options (per_thread starts each
 * path with a 'thread N' frame).
 *
 * Each function's text is made once and a line is built by appending to
 * its path's prefix, so the cost is the bytes written, whatever the
 * depth.  Returns 0, PV_ENOMEM, PV_EWRITE (the write failed; out's error
 * flag says why) or the call tree's error. */
int pv_render_fold_text(FILE *out, const struct pv_profile *p,
			const struct pv_tree_opts *to, struct pv_error *err);

#endif
