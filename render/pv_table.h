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

/* --group-by (by: "log" or "thread"): the table of every sample comes
 * first, then one table per group.  In text the first is headed by the
 * line "all logs" or "all threads" (nothing when by is NULL, no groups),
 * and each group's by a blank line and its name (escaped, bold).  In JSON
 * the object of every sample has a "groups" member: an array (grouped,
 * which pv_render_top_json_group fills in order) or null.  The text forms
 * return what pv_render_top_text does; _json_all returns a new reference
 * or NULL, _json_group 0 or PV_ENOMEM. */
int pv_render_top_text_all(FILE *out, const struct pv_profile *p,
			   const struct pv_funcstats *fs, uint32_t limit,
			   const char *by, const struct pv_text_opts *o);
int pv_render_top_text_group(FILE *out, const struct pv_profile *p,
			     const struct pv_funcstats *fs, uint32_t limit,
			     const char *group, const struct pv_text_opts *o);
json_t *pv_render_top_json_all(const struct pv_profile *p,
			       const struct pv_funcstats *fs, uint32_t limit,
			       int time, int grouped);
int pv_render_top_json_group(json_t *all, const struct pv_profile *p,
			     const struct pv_funcstats *fs, uint32_t limit,
			     int time, const char *group);

/* The JSON kind name of a row: "python", "jit", "native" or "other". */
const char *pv_fstat_kind(const struct pv_profile *p,
			  const struct pv_fstat *r);

#endif
