/* pv_peek.h - `peek`: for chosen functions, their self and total weight,
 * their callers and their callees (pprof -peek), from a call graph built
 * with the PV_CG_PAIRS rule (profile/pv_callgraph.h): a caller or callee
 * counts once per sample.  A function that is the root of some stacks has
 * the caller "(root)" for them, so the callers of a function that does
 * not call itself add up to its total, and its self plus callees too. */
#ifndef PV_PEEK_H
#define PV_PEEK_H

#include <stdio.h>

#include "profile/pv_callgraph.h"
#include "render/pv_table.h"

/* Puts funcs[0..n) in the order peek shows them: the highest total in g
 * first, ties by name, file, line (then function row). */
void pv_peek_order(const struct pv_profile *p, const struct pv_callgraph *g,
		   uint32_t *funcs, uint32_t n);

/* Text: one block per function of funcs[0..n): a heading with self and
 * total (share of all samples), then callers and callees, each row with
 * its samples and share of the function's total, heaviest first, limit
 * rows per list (0: all).  Columns align like top's.  Returns 0, PV_EWRITE
 * or PV_ENOMEM. */
int pv_render_peek_text(FILE *out, const struct pv_profile *p,
			const struct pv_callgraph *g, const uint32_t *funcs,
			uint32_t n, uint32_t limit,
			const struct pv_text_opts *o);

/* {"total_samples": N, "unit", "functions": [{"function", "file", "line",
 * "self", "total", "callers": [{"function", "file", "line", "samples"}],
 * "callees": [...]}]}, streamed. */
int pv_render_peek_json(FILE *out, const struct pv_profile *p,
			const struct pv_callgraph *g, const uint32_t *funcs,
			uint32_t n, uint32_t limit);

/* The label shown for the root pseudo-caller. */
#define PV_PEEK_ROOT "(root)"

#endif
