/* pv_timeline.h - "when": samples over time, per thread (the timeline)
 * and folded into one second (the subsecond heatmap).
 *
 * Both need each sample's time, so they refuse profiles whose samples
 * have none (folded stacks, aggregated logs): pv_time_less_source says
 * which log that is.  Times are seconds since each log's start, so
 * merged logs line up at 0.
 *
 * Timeline: one lane per thread (threads of one log form a group), time
 * cut into buckets of equal width; per bucket the samples of the N
 * functions with the most self samples overall, and the rest as
 * "other".  Counts are samples (rows of a counted profile count their
 * count), never period weights: a lane's buckets sum to its thread's
 * samples.  Functions are coloured as the flame graph colours them.
 *
 * Heatmap: FlameScope's subsecond offset map: a column per second, a row
 * per slice of the second, the colour the samples in that cell.
 *
 * Ownership: a built timeline or heatmap borrows the profile, which must
 * outlive it.  Errors: 0, or PV_ENOMEM / PV_EUSAGE / PV_EWRITE / PV_ERR with
 * err filled in.
 */
#ifndef PV_TIMELINE_H
#define PV_TIMELINE_H

#include <stdint.h>
#include <stdio.h>

#include <libxml/xmlwriter.h>

#include "profile/pv_profile.h"
#include "render/pv_flame.h"

#define PV_TL_MAX_TOP 30        /* --top at most */
#define PV_TL_MAX_LANES 64      /* lanes drawn (JSON has every thread) */
#define PV_TL_MAX_MEM 4         /* memory curves drawn (the first logs) */

/* Row of profile p's log src whose samples carry no time of their own
 * (input that is not a vmprof log: folded stacks; aggregated rows), or
 * PV_NONE when every sample has a time. */
uint32_t pv_time_less_source(const struct pv_profile *p);

/* How the times of p's samples are known, for a subtitle: "recorded
 * with each sample", "spread evenly over the recorded duration", "index
 * x period (the log has no end time)", or a mix when merged logs differ. */
const char *pv_time_basis_text(const struct pv_profile *p);

/* Picks a round bucket width (1, 2 or 5 x 10^k seconds) giving at most
 * `target` buckets over span seconds. */
double pv_time_round_step(double span, double target);

struct pv_timeline_opts {
	uint32_t top;           /* functions shown; 0 = 8 */
	double bucket;          /* seconds; 0 = chosen from the duration */
	int width;              /* px; 0 = 1200 */
	const char *title;      /* NULL: "Timeline" and the log's name */
	enum pv_flame_palette palette;
	size_t max_size;        /* SVG budget; 0 = 1 MB: buckets widen (auto
				   width) or the subtitle says so */
	int from_set, to_set;   /* a --from/--to window was applied: the
				   axis spans the samples, not 0..duration */
	int fixed_bucket;       /* bucket is the user's: keep it for JSON */
};

struct pv_tl_lane {
	uint32_t thread;        /* row in threads */
	uint64_t samples;
	uint32_t *counts;       /* nbuckets x (ntop + 1): top, then other */
	uint32_t max;           /* largest bucket total */
	int drawn;              /* among the PV_TL_MAX_LANES drawn */
	double y;               /* top edge, px (drawn lanes) */
};

struct pv_tl_mem {             /* memory curve of one log, per px column */
	uint32_t source;
	uint32_t *lo, *hi;      /* KiB per column, 0 = no sample there */
};

struct pv_timeline {
	const struct pv_profile *p;
	struct pv_timeline_opts o;  /* with defaults filled in */
	double bucket, t0, t1;      /* axis: t0 + k * bucket, k < nbuckets */
	uint32_t nbuckets;
	uint32_t ntop;
	uint32_t top_func[PV_TL_MAX_TOP];
	uint32_t top_rgb[PV_TL_MAX_TOP + 1];   /* the last is "other" */
	uint64_t top_self[PV_TL_MAX_TOP];
	uint64_t samples, other;    /* all samples; those in "other" */
	struct pv_tl_lane *lanes;
	uint32_t nlanes, ndrawn;
	uint32_t cellmax;           /* largest bucket total of any lane */
	int widened;                /* bucket widened to fit max_size */
	struct pv_tl_mem *mem;
	uint32_t nmem;
	uint32_t mem_max;           /* KiB */
	char title[320];
	char subtitle[480];
	/* geometry, px */
	int width, height;
	double px, pw;              /* plot area x and width */
	double legend_y, mem_y, mem_h, lanes_y, lane_h, axis_y;
	uint32_t legend_rows;
};

/* Builds the timeline of p.  PV_EUSAGE when p has no per-sample times
 * or the bucket is too narrow for the span (err says so). */
int pv_timeline_build(struct pv_timeline **out, const struct pv_profile *p,
		      const struct pv_timeline_opts *o, struct pv_error *err);
void pv_timeline_free(struct pv_timeline *t);

/* Label of top function i ("name"), and its JSON key "name file:line"
 * into buf (n bytes). */
const char *pv_timeline_func_label(const struct pv_timeline *t, uint32_t i);
void pv_timeline_func_key(const struct pv_timeline *t, uint32_t i,
			  char *buf, size_t n);

/* The JSON form (README "timeline"), one line. */
int pv_render_timeline_json(const struct pv_timeline *t, FILE *out,
			   struct pv_error *err);
/* SVG document, or the <svg> element into an open writer (HTML). */
int pv_render_timeline_svg(const struct pv_timeline *t, FILE *out,
			  struct pv_error *err);
int pv_render_timeline_svg_element(const struct pv_timeline *t,
				   xmlTextWriterPtr w, const char *id,
				   struct pv_error *err);
/* PNG (pdf 0) or PDF (pdf 1) through cairo. */
int pv_render_timeline_cairo(const struct pv_timeline *t, FILE *out, int pdf,
			    struct pv_error *err);

/* ---- heatmap ---------------------------------------------------------- */

struct pv_heatmap_opts {
	uint32_t rows;          /* slices of a column; 0 = 50 */
	int width;              /* px; 0 = chosen from the columns */
	const char *title;
	size_t max_size;        /* SVG budget; 0 = 1 MB: columns widen to
				   2, 5, 10... seconds to fit */
};

struct pv_heatmap {
	const struct pv_profile *p;
	struct pv_heatmap_opts o;
	double column;          /* seconds per column (1 unless widened) */
	double t0;              /* start of the first column */
	uint32_t ncols, rows;
	uint32_t *counts;       /* ncols x rows, row 0 = start of the column */
	uint32_t max;
	uint64_t samples;
	char title[320];
	char subtitle[480];
	int width, height;
	double px, py, cw, ch;  /* plot origin, cell size, px */
};

int pv_heatmap_build(struct pv_heatmap **out, const struct pv_profile *p,
		     const struct pv_heatmap_opts *o, struct pv_error *err);
void pv_heatmap_free(struct pv_heatmap *h);
/* Colour of a cell holding n samples (0xRRGGBB; white for 0). */
uint32_t pv_heatmap_color(const struct pv_heatmap *h, uint32_t n);
int pv_render_heatmap_svg(const struct pv_heatmap *h, FILE *out,
			 struct pv_error *err);
int pv_render_heatmap_svg_element(const struct pv_heatmap *h,
				  xmlTextWriterPtr w, const char *id,
				  struct pv_error *err);
int pv_render_heatmap_cairo(const struct pv_heatmap *h, FILE *out, int pdf,
			   struct pv_error *err);

#endif
