/* pv_memory.h - the resident-memory curve of memory-mode logs.
 *
 * pv_memory_build turns a profile's memory column into a chart: one series
 * per log (or per thread), reduced to the lowest and highest value of each
 * pixel column so peaks survive and the output stays small however long
 * the log, plus the axes (round ticks) and the exact per-series figures
 * (min, max, first, last, peak time) taken from every sample.  The
 * renderers draw that chart as SVG (libxml2), PNG or PDF (cairo); CSV is
 * written from the profile itself, unreduced.
 */
#ifndef PV_MEMORY_H
#define PV_MEMORY_H

#include <stdint.h>
#include <stdio.h>

#include <libxml/xmlwriter.h>

#include "profile/pv_profile.h"

#define PV_MEM_MAX_SERIES 16   /* more are counted in `hidden`, not drawn */

struct pv_mem_point {
	float t;          /* seconds since its log's start */
	uint32_t kib;
};

struct pv_mem_series {
	char label[192];       /* legend text (raw bytes of the log path) */
	uint32_t source;       /* row in sources */
	uint32_t thread;       /* row in threads, PV_NONE for a whole log */
	uint64_t samples;      /* samples with a memory value */
	uint32_t first_kib, last_kib, min_kib, max_kib;
	double peak_time;      /* time of the first sample at max_kib */
	double t_min, t_max;
	struct pv_mem_point *pts;   /* what is drawn, in sample order */
	size_t npts, cap;
};

struct pv_memchart {
	struct pv_mem_series *series;
	uint32_t nseries;
	uint32_t hidden;           /* series left out beyond the cap */
	uint32_t peak;             /* series holding the highest value */
	uint64_t samples;          /* samples drawn from, all series */
	int reduced;               /* some column held more than 2 samples */
	char title[320];
	char subtitle[320];
	int width, height;         /* whole image, px */
	double px, py, pw, ph;     /* plot area, px */
	double t0, t1, tstep;      /* x axis: seconds, tick step */
	double m0, m1, mstep;      /* y axis: MiB, tick step */
};

struct pv_memory_opts {
	int per_thread;            /* one series per thread */
	int width, height;         /* 0: 1200 x 600 */
	const char *title;         /* NULL: made from the logs */
};

/* Whether source row src carries a memory word in its samples. */
int pv_memory_source_has(const struct pv_profile *p, uint32_t src);

/* Builds the chart.  Samples whose memory word was missing (value 0) are
 * skipped.  Returns 0, PV_ENOTFOUND when no sample carries memory (err
 * says why: no memory-mode log, or none left after the filters) or
 * PV_ENOMEM.  *out is freed with pv_memory_free (NULL accepted). */
int pv_memory_build(struct pv_memchart **out, const struct pv_profile *p,
		    const struct pv_memory_opts *o, struct pv_error *err);
void pv_memory_free(struct pv_memchart *c);

/* Number of ticks on an axis from lo to hi by step (both ends included). */
int pv_memory_nticks(double lo, double hi, double step);
/* Tick label for value v on an axis of the given step ("0.5", "120"). */
void pv_memory_tick_label(double v, double step, char *buf, size_t n);
/* Pixel position of a time and a KiB value in the plot area. */
double pv_memory_x(const struct pv_memchart *c, double t);
double pv_memory_y(const struct pv_memchart *c, double kib);
/* Colour of series i as "#rrggbb" (fixed palette). */
const char *pv_memory_color(uint32_t i);

/* The chart as a standalone SVG document.  Deterministic.  Returns 0 or
 * PV_EWRITE. */
int pv_render_memory_svg(const struct pv_memchart *c, FILE *out,
			struct pv_error *err);
/* The <svg> element alone, into an open writer (for HTML pages). */
int pv_render_memory_svg_element(const struct pv_memchart *c,
				 xmlTextWriterPtr w, struct pv_error *err);

/* The chart as PNG (pdf = 0) or PDF (pdf = 1) through cairo.  Returns 0,
 * PV_EWRITE or PV_ERR (cairo failed: err says why). */
int pv_render_memory_cairo(const struct pv_memchart *c, FILE *out, int pdf,
			  struct pv_error *err);

/* CSV: header "time_s,rss_kib,thread", one row per sample with memory, in
 * log order; thread is the 1..N thread number.  Returns 0, PV_ENOTFOUND
 * (no memory data) or PV_EWRITE. */
int pv_render_memory_csv(const struct pv_profile *p, FILE *out,
			struct pv_error *err);

#endif
