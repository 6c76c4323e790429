/* readcheck.h - helpers for the reader tests: parse a logwriter buffer
 * into a fresh profile, collect the warnings, and spell a sample's stack
 * as text so a test compares one string instead of walking rows.
 */
#ifndef PV_TEST_READCHECK_H
#define PV_TEST_READCHECK_H

#include <stddef.h>
#include <stdint.h>

#include "profile/pv_profile.h"
#include "reader/pv_reader.h"

struct rc_warns {
	int n;
	uint64_t offset[8];   /* the first 8 */
	char msg[8][240];
};

struct rc_read {
	struct pv_profile *p;
	struct pv_error err;
	struct rc_warns warns;
	struct pv_source *s;  /* the log's source row (NULL on failure) */
	int rc;
};

/* Parses buf[0..len) with opts (may be NULL) into a new profile. */
void rc_parse(struct rc_read *r, const void *buf, size_t len,
	      const struct pv_read_opts *opts);
void rc_release(struct rc_read *r);

/* "root;...;leaf" of stack row (function names), "" for PV_NONE.
 * With kinds, each name is followed by "/kind" (pv_kind_name). */
const char *rc_stack(const struct pv_profile *p, uint32_t stack, int kinds,
		     char *buf, size_t size);
/* The same for sample i. */
const char *rc_sample(const struct pv_profile *p, size_t i, int kinds,
		      char *buf, size_t size);
/* Whether any collected warning contains text. */
int rc_warned(const struct rc_warns *w, const char *text);

#endif
