/* pv_json.h - jansson helpers shared by every JSON-writing view. */
#ifndef PV_JSON_H
#define PV_JSON_H

#include <stdio.h>

#include <jansson.h>

/* A JSON string from arbitrary bytes: invalid UTF-8 (names are raw bytes
 * from the log) becomes U+FFFD instead of failing.  NULL gives "". */
json_t *pv_json_string(const char *s);

/* Dumps v (compact, keys in insertion order) followed by a newline. */
int pv_json_dump_line(json_t *v, FILE *out);

#endif
