/* pv_info.h - `info`: what one log (a source row of the profile) holds,
 * for people and for programs.  Renderers write to a FILE and never
 * close it. */
#ifndef PV_INFO_H
#define PV_INFO_H

#include <stdio.h>

#include "profile/pv_profile.h"

/* Aligned "  name  value" lines about source src: interpreter, format,
 * mode, period, samples, threads, symbols, times, meta, compression,
 * trailer, damage and the oddities the reader counted.  Returns 0 or
 * PV_EWRITE. */
int pv_render_info_text(FILE *out, const struct pv_profile *p, uint32_t src);
/* The same as one JSON object on one line.  Returns 0, PV_ENOMEM or
 * PV_EWRITE. */
int pv_render_info_json(FILE *out, const struct pv_profile *p, uint32_t src);

/* Nonzero when source s was read from folded stacks text. */
int pv_source_is_folded(const struct pv_source *s);

#endif
