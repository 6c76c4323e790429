/* pv_table.h - the `top` table: text for people, JSON and CSV for
 * programs.  Renderers write to a FILE and never close it. */
#ifndef PV_TABLE_H
#define PV_TABLE_H

#include <stdio.h>

#include <jansson.h>

#include "profile/pv_funcstats.h"
#include "render/pv_text.h"

/* Rows [0, limit) of fs (limit 0: all), under a header line.  Names are
 * shortened in the middle only when width is set.  Returns 0 or PV_EWRITE. */
int pv_render_top_text(FILE *out, const struct pv_profile *p,
		       const struct pv_funcstats *fs, uint32_t limit,
		       const struct pv_text_opts *o);

/* {"total_samples": N, "unit": ..., "rows": [...]} for rows [0, limit).
 * Each row has function, file, line, kind, self, total, self_percent,
 * total_percent (and module, self_jit).  Returns a new reference or NULL
 * when out of memory. */
json_t *pv_render_top_json(const struct pv_profile *p, const struct pv_funcstats *fs,
		    uint32_t limit, int time);

/* CSV (RFC 4180 quoting) with the JSON row's columns; group, when not
 * NULL, becomes a first column.  header: print the column names first. */
int pv_render_top_csv(FILE *out, const struct pv_profile *p,
		      const struct pv_funcstats *fs, uint32_t limit,
		      const char *group, int header);

/* The JSON kind name of a row: "python", "jit", "native" or "other". */
const char *pv_fstat_kind(const struct pv_profile *p,
			  const struct pv_fstat *r);

#endif
