/* pv_callgraph.h - who calls whom: per function its self and total
 * weight, and the weight of every caller -> callee edge, from the
 * profile's distinct stacks (cost grows with distinct stacks and their
 * depth, never with samples).
 *
 * A sample counts once per function (total), and once per edge under one
 * of two rules:
 *   PV_CG_PAIRS      every distinct (caller, callee) pair of adjacent
 *                    frames on its stack, and a (PV_NONE, root function)
 *                    pair for the root: what `peek` shows.  A function
 *                    that does not call itself then has callers summing
 *                    to its total, and self plus callees summing to it;
 *                    a recursive one lists itself among its callers and
 *                    callees, and those sums exceed its total.
 *   PV_CG_OUTERMOST  for each function on the stack, one edge into its
 *                    outermost frame from the frame above it (none
 *                    for the root): the calls into a function that is
 *                    not a root then add up to its total, recursive or
 *                    not (callgrind readers take a called function's
 *                    inclusive cost from the calls into it); a root
 *                    that does not recurse has self plus calls out
 *                    equal to its total.
 */
#ifndef PV_CALLGRAPH_H
#define PV_CALLGRAPH_H

#include <stdint.h>

#include "profile/pv_profile.h"

enum pv_cg_rule { PV_CG_PAIRS = 0, PV_CG_OUTERMOST };

struct pv_cg_edge {
	uint32_t caller;      /* func row; PV_NONE: the stack's root */
	uint32_t callee;      /* func row */
	uint64_t weight;
};

struct pv_callgraph {
	uint64_t *self;       /* nfuncs entries */
	uint64_t *total;      /* nfuncs entries */
	struct pv_cg_edge *edges;   /* sorted by caller, then callee */
	size_t nedges;
	uint64_t all;         /* weight of every sample, empty stacks too */
	uint64_t empty;       /* weight of samples with no frame */
};

/* w: weight per stack row (NULL: every sample of p) and empty the weight
 * of empty samples that goes with it.  Returns 0 or PV_ENOMEM. */
int pv_callgraph_build(struct pv_callgraph **out, const struct pv_profile *p,
		       const uint64_t *w, uint64_t empty,
		       enum pv_cg_rule rule, struct pv_error *err);
void pv_callgraph_free(struct pv_callgraph *g);

#endif
