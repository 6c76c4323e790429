/* profile_int.h - the profile's internals: the interning indexes behind
 * its tables (profile.c builds them, absorb.c reads them), and the
 * functions below, which the rest of the library (profile/transform.c,
 * reader/) uses to rewrite tables in place.  Never included by cli/ or
 * render/: views see a profile only through pv_profile.h. */
#ifndef PV_PROFILE_INT_H
#define PV_PROFILE_INT_H

#include <stddef.h>
#include <stdint.h>

#include "profile/pv_hash.h"
#include "profile/pv_profile.h"

struct str_row {
	const char *s;
	uint32_t len;
};

struct pv_index {
	struct pv_rowindex strings, funcs, frames, stacks, threads;
	struct str_row *str;   /* every interned string, in intern order */
	uint32_t nstr, str_cap;
	/* aggregated profiles: (stack, thread) -> the pair's open row;
	 * valid for rows [0, samples_indexed) */
	struct pv_rowindex samples;
	size_t samples_indexed;
	size_t last_row;   /* row of the previous add, if < nsamples */
	/* pv_profile_absorb: (addr, kind, line, func) -> frame row, valid
	 * for frames [0, canon_indexed) */
	struct pv_rowindex canon;
	uint32_t canon_indexed;
	/* pool_threads: one source row per (period, aggregate kind), the
	 * first such (absorb.c, weight_class) */
	uint32_t *classes;
	uint32_t nclasses, classes_cap;
};

/* Interns (prefix, frame) into the stack table rows[0, *n) with index
 * ix, growing it (*cap); *out is the row.  Shared by the profile and the
 * stack map of pv_profile_map_stacks, which builds a second table.
 * Returns 0 or PV_ENOMEM. */
int pv_profile__intern_stack(struct pv_stack **rows, uint32_t *n,
			     uint32_t *cap, struct pv_rowindex *ix,
			     uint32_t prefix, uint32_t frame, uint32_t *out);
/* Appends the chain of n new stack rows frames[0] under prefix,
 * frames[1] under that, ...; *first is the row of frames[0].  For a
 * reader that knows the rows are new (it keeps an index of its own): the
 * profile's (prefix, frame) index takes them in only when something
 * interns a stack later.  Returns 0 or -1 (out of memory). */
int pv_profile__append_stacks(struct pv_profile *p, uint32_t prefix,
			      const uint32_t *frames, size_t n,
			      uint32_t *first);
/* Replaces p's stack table by rows[0, n) and its index (taking both). */
void pv_profile__set_stacks(struct pv_profile *p, struct pv_stack *rows,
			    uint32_t n, uint32_t cap, struct pv_rowindex *ix);
/* Rebuilds the frame index after frames changed a key field in place (the
 * reader learns a legacy frame's kind only once names are known).
 * Returns 0 or PV_ENOMEM. */
int pv_profile__rehash_frames(struct pv_profile *p);
/* Forgets the (stack, thread) index of an aggregated profile after its
 * sample columns were rewritten in place; it is rebuilt on next use. */
void pv_profile__samples_changed(struct pv_profile *p);

#endif
