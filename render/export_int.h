/* export_int.h - private to render/: what the exporters share.
 *
 * Samples by thread: one counting pass groups the sample rows of every
 * thread (in file order, which is time order within a log), so a writer
 * walks each thread once instead of scanning every sample per thread.
 *
 * Sample spans: the time each sample stands for, for the formats that
 * place samples on a time line (chrome-trace, speedscope).  A sample
 * starts at its time (or where the thread's previous sample ended, if
 * later) and lasts until the thread's next sample when that comes within
 * 1.5 slots, else one slot: the period for recorded times (version 7),
 * the spacing of the spread otherwise; a log's last sample is cut at the
 * log's end.  So a thread that keeps running has no holes, and idle time
 * is not charged to the function that ran before it.
 */
#ifndef PV_EXPORT_INT_H
#define PV_EXPORT_INT_H

#include <stdint.h>
#include <stdio.h>

#include "profile/pv_profile.h"

struct ex_bythread {
	size_t *start;     /* nthreads + 1: thread th's rows are */
	size_t *rows;      /* rows[start[th] .. start[th + 1]) */
};

int ex_bythread_build(struct ex_bythread *b, const struct pv_profile *p,
		      struct pv_error *err);
void ex_bythread_free(struct ex_bythread *b);

/* Root-first function rows of stack s into buf (which holds
 * ex_max_depth(p) entries); returns the depth. */
uint32_t ex_path(const struct pv_profile *p, uint32_t s, uint32_t *buf);
uint32_t ex_max_depth(const struct pv_profile *p);

/* Nonzero when stacks a and b name the same functions root to leaf. */
int ex_same_funcs(const struct pv_profile *p, uint32_t a, uint32_t b);

/* How a log's samples are placed in time. */
enum ex_times {
	EX_TIMES_RECORDED,   /* version 7: each sample's own time */
	EX_TIMES_SPREAD,     /* spread evenly over start..end */
	EX_TIMES_PERIOD,     /* no end time: index x period */
	EX_TIMES_COUNTS      /* folded text or an aggregate log: one slot
				per sample counted, back to back */
};
const char *ex_times_name(enum ex_times t);
enum ex_times ex_source_times(const struct pv_profile *p, uint32_t source);
/* Nonzero when every log has a real time base (recorded or spread). */
int ex_profile_timed(const struct pv_profile *p);

/* Walks one thread's samples and gives each its span in nanoseconds
 * since its log's start (see the header comment). */
struct ex_spans {
	const struct pv_profile *p;
	const size_t *rows;
	size_t n, i;
	int64_t slot_ns, end_ns, cursor;
	enum ex_times times;
};
void ex_spans_init(struct ex_spans *sp, const struct pv_profile *p,
		   const struct ex_bythread *b, uint32_t thread);
/* Next sample: its row, start and end; 0 at the end. */
int ex_spans_next(struct ex_spans *sp, size_t *row, int64_t *start,
		  int64_t *end);
/* Nanoseconds of one slot of a log (see the header comment). */
int64_t ex_slot_ns(const struct pv_profile *p, uint32_t source);

/* Frame label fields shared by the writers: "name" for Python and native
 * functions; the file, or the module for native code without one. */
const char *ex_func_file(const struct pv_func *f);

#endif
