/* pv_export.h - a profile in other tools' formats, streamed.
 *
 * Every exporter writes to a FILE as it goes: per-sample data is written
 * element by element, so memory grows with distinct stacks and names,
 * never with samples (only the per-thread order of the samples is kept,
 * one index per sample, where a format lists samples in time order).
 * Each returns 0, or a negative PV_E* code with err set (out of memory,
 * or PV_EWRITE when a write failed): a failed export never passes for a
 * whole one.
 */
#ifndef PV_EXPORT_H
#define PV_EXPORT_H

#include <stdint.h>
#include <stdio.h>

#include "profile/pv_profile.h"

/* Where a native address was loaded, for formats that keep mappings
 * (pprof): module path, offset of addr in the module's file address
 * space, and its GNU build id as hex ("" when unknown).  Returns nonzero
 * when a module covers addr. */
typedef int (*pv_module_fn)(void *ctx, uint64_t addr, const char **path,
			    uint64_t *offset, uint64_t *start,
			    uint64_t *limit, const char **build_id);

struct pv_export_opts {
	const char *name;         /* the document's name (a log's path) */
	pv_module_fn module;      /* NULL: mappings from the names alone */
	void *module_ctx;
};

typedef int (*pv_export_fn)(const struct pv_profile *p,
			    const struct pv_export_opts *o, FILE *out,
			    struct pv_error *err);

struct pv_export_format {
	const char *name;         /* --format NAME */
	const char *help;         /* one line: what it is, what opens it */
	pv_export_fn write;       /* NULL: named here, written elsewhere */
	int binary;               /* refuses a terminal */
	int time_order;           /* needs every sample, in time order */
	int threads;              /* tells threads apart (labels, lanes) */
};

/* Every format, in the order help lists them; ends with a NULL name. */
extern const struct pv_export_format pv_export_formats[];
const struct pv_export_format *pv_export_find(const char *name);

/* speedscope's file format (https://www.speedscope.app/file-format-schema.json):
 * shared frames (one per function), one "sampled" profile per thread,
 * samples root first in time order; consecutive samples with the same
 * functions are merged into one with their summed weight.  Weights are
 * milliseconds when every log has a time base (the sample spans of
 * export_int.h), else sample counts (microseconds for merged logs of
 * different periods). */
int pv_render_export_speedscope(const struct pv_profile *p,
				const struct pv_export_opts *o, FILE *out,
				struct pv_error *err);

/* The vmprof web service's flame graph answer:
 * {"data": {"VM", "profiles": TREE, "argv", "version": 2}}, TREE nodes
 * being [symbol text, address as a decimal string, inclusive count,
 * meta, children]; several roots hang under one synthetic root.  Written
 * depth first without recursion, so any depth works. */
int pv_render_export_vmprof_web(const struct pv_profile *p,
				const struct pv_export_opts *o, FILE *out,
				struct pv_error *err);

/* A vmprof log: the aggregate `profview merge` writes
 * (pv_render_merge_vmprof in render/pv_vmlog.h), one record per distinct
 * stack and thread with its count. */
int pv_render_export_vmprof(const struct pv_profile *p,
			    const struct pv_export_opts *o, FILE *out,
			    struct pv_error *err);

/* profview's own JSON: sources, funcs, frames, stacks as a prefix tree
 * and the samples of each thread (README, "profview JSON"). */
int pv_render_export_json(const struct pv_profile *p,
			  const struct pv_export_opts *o, FILE *out,
			  struct pv_error *err);

/* The Trace Event Format (JSON object form) that Perfetto and
 * chrome://tracing open: a process per log, a track per thread, and
 * complete ("X") events for runs of consecutive samples with the same
 * function at the same depth (under the same callers), ts/dur in
 * microseconds.  otherData says how times were found. */
int pv_render_export_chrome_trace(const struct pv_profile *p,
				  const struct pv_export_opts *o, FILE *out,
				  struct pv_error *err);

/* valgrind's callgrind format (event Samples): per function its self
 * samples, per call edge the calls and inclusive samples, counted so that
 * the calls into a function add up to its total (a sample counts once
 * per function, on the call into its outermost frame). */
int pv_render_export_callgrind(const struct pv_profile *p,
			       const struct pv_export_opts *o, FILE *out,
			       struct pv_error *err);

/* pprof's profile.proto, gzipped (render/profile.proto). */
int pv_render_export_pprof(const struct pv_profile *p,
			   const struct pv_export_opts *o, FILE *out,
			   struct pv_error *err);

#endif
