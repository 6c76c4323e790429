/* pv_export.h - a profile in other tools' formats, built with jansson.
 * Each returns a new JSON value (NULL when out of memory); the caller
 * dumps and frees it. */
#ifndef PV_EXPORT_H
#define PV_EXPORT_H

#include <jansson.h>

#include "profile/pv_profile.h"

/* speedscope's file format (https://www.speedscope.app/file-format-schema.json):
 * shared frames (one per function), one "sampled" profile per thread,
 * samples root first in time order; consecutive equal stacks of a thread
 * are merged into one sample with their summed weight.  name names the
 * whole file. */
json_t *pv_export_speedscope(const struct pv_profile *p, const char *name);

/* The vmprof web service's flame graph answer:
 * {"data": {"VM", "profiles": TREE, "argv", "version": 2}}, TREE nodes
 * being [symbol text, address as a decimal string, inclusive count,
 * meta, children]; several roots hang under one synthetic root. */
json_t *pv_export_vmprof(const struct pv_profile *p);

/* profview's own JSON: sources, funcs, frames, stacks as a prefix tree
 * and the samples of each thread (README, "profview JSON"). */
json_t *pv_export_json(const struct pv_profile *p);

#endif
