/* pv_filter.h - the filters every view shares, as transforms on the model.
 *
 * Applied once, in place, before any renderer, in this order: threads,
 * time window, ignore, focus, hide.  Each is one pass over the samples or
 * over the stack table.  Patterns are POSIX extended regexes matched
 * against a function's name, and against "name file:line" so a file or a
 * module can be named too.
 */
#ifndef PV_FILTER_H
#define PV_FILTER_H

#include "profile/pv_profile.h"

#define PV_FILTER_MAX 64

struct pv_filter {
	/* threads: a display number ("2") or a raw id ("0x7f..", decimal
	 * raw ids too when they are not a thread number) */
	const char *threads[PV_FILTER_MAX];
	int nthreads;
	const char *focus[PV_FILTER_MAX];   /* keep samples through a match */
	int nfocus;
	const char *ignore[PV_FILTER_MAX];  /* drop samples through a match */
	int nignore;
	const char *hide[PV_FILTER_MAX];    /* remove matching frames */
	int nhide;
	/* time window: seconds since each log's start, or with *_pct a
	 * percentage of each log's duration (pv_source_duration) */
	double from, to;
	int has_from, has_to;
	int from_pct, to_pct;
};

/* Parses a --from/--to value: seconds ("1.5", "1.5s"), "1500ms",
 * "250us" (also "µs"), or a share of the log's duration ("10%", 0 to
 * 100).  *value gets seconds, or the percentage with *pct set.  Returns
 * 0, or -1 when s is none of these (negative times included). */
int pv_filter_parse_time(const char *s, double *value, int *pct);

/* Duration of log src in seconds: end minus start when the log records
 * both, else the time of its last sample plus one period (logs cut short,
 * whose sample times are index x period).  One pass over the samples
 * when the header does not say. */
double pv_source_duration(const struct pv_profile *p, uint32_t src);

/* Returns 0, PV_EUSAGE (bad regex, unknown thread, a window whose start
 * lies after its end: err says which) or PV_ENOMEM. */
int pv_profile_filter(struct pv_profile *p, const struct pv_filter *f,
		      struct pv_error *err);

/* Whether function func matches a compiled pattern set (helper shared
 * with views that highlight or search). */
struct pv_matcher;
int pv_matcher_new(struct pv_matcher **out, const char *const *patterns,
		   int n, struct pv_error *err);
int pv_matcher_func(struct pv_matcher *m, const struct pv_profile *p,
		    uint32_t func);
void pv_matcher_free(struct pv_matcher *m);

#endif
