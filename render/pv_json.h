/* pv_json.h - jansson helpers shared by every JSON-writing view. */
#ifndef PV_JSON_H
#define PV_JSON_H

#include <stdio.h>

#include <jansson.h>

struct pv_error;

/* A JSON string from arbitrary bytes: invalid UTF-8 (names are raw bytes
 * from the log) becomes U+FFFD instead of failing.  NULL gives "". */
json_t *pv_json_string(const char *s);

/* Writes s as a JSON string (quoted, escaped; invalid UTF-8 becomes
 * U+FFFD, as pv_json_string does), for views that stream their JSON. */
void pv_json_put_string(FILE *out, const char *s);

/* Makes jansson's allocations tracked: called once at start (main), so
 * that a set or append that failed for memory (jansson drops the value
 * and its callers rarely look) is never dumped as if complete. */
void pv_json_init(void);
/* Whether a jansson allocation has failed since pv_json_init. */
int pv_json_failed(void);

/* Dumps v (compact, keys in insertion order) followed by a newline.
 * Returns 0, PV_ENOMEM (v NULL, or any jansson allocation failed: the
 * value may be missing parts) or PV_EWRITE. */
int pv_json_dump_line(json_t *v, FILE *out);
/* The same with jansson's dump flags. */
int pv_json_dump_line_flags(json_t *v, FILE *out, size_t flags);
/* A table's JSON line: compact, keys in order, reals to 10 significant
 * digits (25.4, not 25.399999999999999).  Returns 0, or PV_ENOMEM or
 * PV_EWRITE with err filled. */
int pv_json_write_table(json_t *v, FILE *out, struct pv_error *err);
/* json_dumps(v, flags) for a <script> block of an HTML page: every '<'
 * written as \u003c, so neither "</script>" nor "<!--" in a name can end
 * or change the block.  malloc'ed; NULL when out of memory. */
char *pv_json_dumps_html(json_t *v, size_t flags);

#endif
