/* pv_funcstats.h - self and total weight per function (or per file, per
 * source line, per module), the figures of `top` and of a diff.
 *
 * Self is the weight of samples whose innermost frame belongs to the row.
 * Total is the weight of samples with the row anywhere on their stack,
 * counted once per sample even when the row appears several times
 * (recursion): each distinct stack is walked once, so the cost grows with
 * distinct stacks, not samples.
 */
#ifndef PV_FUNCSTATS_H
#define PV_FUNCSTATS_H

#include <stdint.h>

#include "profile/pv_profile.h"

enum pv_fs_by {
	PV_FS_FUNCTION = 0,  /* one row per function */
	PV_FS_FILE,          /* per source file (native: per module) */
	PV_FS_LINE,          /* per function and current line (lines mode) */
	PV_FS_MODULE         /* per Python file or native library */
};

enum pv_fs_sort {
	PV_FS_SORT_SELF = 0, /* self, then total, then name */
	PV_FS_SORT_TOTAL,    /* total, then self, then name */
	PV_FS_SORT_NAME      /* name, file, line */
};

struct pv_fstat {
	uint32_t func;       /* first function merged into the row */
	uint32_t line;       /* PV_FS_LINE: current line; else the func's */
	const char *file;    /* file (or module for native code), "" if none */
	uint16_t kinds;      /* bit (1 << kind) of every frame counted */
	uint8_t native;      /* the row is native code */
	uint64_t self;
	uint64_t total;
	uint64_t self_jit;   /* part of self spent in JIT-compiled frames */
};

struct pv_funcstats {
	struct pv_fstat *rows;
	uint32_t nrows;
	enum pv_fs_by by;
	uint64_t total;      /* weight of every counted sample, empty too */
	uint64_t empty;      /* weight of samples with no frame */
};

/* Weights per stack row of the samples for which keep(ctx, p, i) says
 * yes (keep NULL: every sample), as pv_profile_stack_weights does; the
 * weight of kept samples with an empty stack goes to *empty.  Returns an
 * array of p->nstacks entries (caller frees) or NULL when out of memory. */
uint64_t *pv_funcstats_weights(const struct pv_profile *p,
			       pv_sample_pred keep, void *ctx,
			       uint64_t *empty);

/* Builds the rows from per-stack weights w (NULL: every sample of p) and
 * the weight of empty samples.  Rows with zero total are left out.
 * Returns 0 or PV_ENOMEM. */
int pv_funcstats_build(struct pv_funcstats **out, const struct pv_profile *p,
		       enum pv_fs_by by, const uint64_t *w, uint64_t empty,
		       struct pv_error *err);
void pv_funcstats_free(struct pv_funcstats *fs);

/* The group of sample i (a number below ngroups; another value leaves
 * the sample out). */
typedef uint32_t (*pv_sample_group)(void *ctx, const struct pv_profile *p,
				    size_t i);
/* Receives group g's rows (it owns fs: free it); returns 0 to go on or
 * a negative PV_E* code to stop. */
typedef int (*pv_group_stats)(void *ctx, uint32_t g, struct pv_funcstats *fs);
/* pv_funcstats_build for each of ngroups groups of samples (group(gctx,
 * p, i) names sample i's), handed to each(ctx, g, rows) in group order.  One
 * pass over the samples, then each group costs what its own samples'
 * stacks hold, and only one group's rows exist at a time: linear in the
 * samples however many groups (threads) there are.  Returns 0, PV_ENOMEM,
 * or what each returned. */
int pv_funcstats_build_groups(uint32_t ngroups, const struct pv_profile *p,
			      enum pv_fs_by by, pv_sample_group group,
			      void *gctx, pv_group_stats each, void *ctx,
			      struct pv_error *err);

/* Sorts the rows (stable, deterministic: ties fall back to name, file,
 * line). */
void pv_funcstats_sort(struct pv_funcstats *fs, const struct pv_profile *p,
		       enum pv_fs_sort how);

/* Row label: function name (by function or line), or the file/module. */
const char *pv_fstat_label(const struct pv_funcstats *fs,
			   const struct pv_profile *p,
			   const struct pv_fstat *r);

#endif
