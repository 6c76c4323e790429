/* profile_int.h - private to profile/: the interning indexes behind a
 * profile's tables (profile.c builds them, absorb.c reads them). */
#ifndef PV_PROFILE_INT_H
#define PV_PROFILE_INT_H

#include <stddef.h>
#include <stdint.h>

#include "profile/pv_hash.h"

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
};

#endif
