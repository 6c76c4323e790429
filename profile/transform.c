/* transform.c - in-place, one-pass rewrites of a profile: the stack map
 * (every stack-shaped filter is one), sample compaction, the harness strip
 * and merge weights. */
#include <regex.h>
#include <stdlib.h>
#include <string.h>

#include "profile/profile_int.h"
#include "profile/pv_hash.h"
#include "profile/pv_profile.h"

struct pv_stackmap {
	struct pv_profile *p;
	struct pv_stack *rows;
	uint32_t n, cap;
	struct pv_rowindex ix;
};

int64_t pv_stackmap_push(struct pv_stackmap *m, uint32_t prefix,
			 uint32_t frame)
{
	uint32_t out;

	if (pv_profile__intern_stack(&m->rows, &m->n, &m->cap, &m->ix, prefix,
				     frame, &out))
		return PV_ENOMEM;
	return out;
}

struct pv_profile *pv_stackmap_profile(struct pv_stackmap *m)
{
	return m->p;
}

int pv_profile_map_stacks(struct pv_profile *p, pv_stackmap_fn fn, void *ctx,
			  struct pv_error *err)
{
	struct pv_stackmap m = { .p = p };
	uint32_t *map = malloc((p->nstacks ? p->nstacks : 1) * sizeof(*map));
	size_t j = 0;

	if (!map)
		return pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET,
				    "out of memory");
	pv_rowindex_init(&m.ix);
	for (uint32_t i = 0; i < p->nstacks; i++) {
		uint32_t old_prefix = p->stacks[i].prefix;
		uint32_t np = old_prefix == PV_NONE ? PV_NONE : map[old_prefix];
		int64_t r;

		if (np == PV_STACK_DROP) {
			map[i] = PV_STACK_DROP;
			continue;
		}
		r = fn(ctx, &m, i, np);
		if (r < 0) {
			free(map);
			free(m.rows);
			pv_rowindex_release(&m.ix);
			if (r == PV_ENOMEM)
				return pv_error_set(err, PV_ENOMEM,
						    PV_NO_OFFSET,
						    "out of memory");
			return (int)r;   /* fn filled err through ctx */
		}
		map[i] = (uint32_t)r;
	}
	/* remap the sample column, dropping what maps to PV_STACK_DROP */
	for (size_t i = 0; i < p->nsamples; i++) {
		uint32_t s = p->sample_stack[i];
		uint32_t ns = s == PV_NONE ? PV_NONE : map[s];
		if (ns == PV_STACK_DROP)
			continue;
		p->sample_stack[j] = ns;
		p->sample_thread[j] = p->sample_thread[i];
		if (p->sample_time)
			p->sample_time[j] = p->sample_time[i];
		if (p->sample_mem)
			p->sample_mem[j] = p->sample_mem[i];
		if (p->sample_count)
			p->sample_count[j] = p->sample_count[i];
		j++;
	}
	p->nsamples = j;
	pv_profile__samples_changed(p);
	free(map);
	pv_profile__set_stacks(p, m.rows, m.n, m.cap, &m.ix);
	return 0;
}

void pv_profile_keep_samples(struct pv_profile *p, pv_sample_pred keep,
			     void *ctx)
{
	size_t j = 0;

	for (size_t i = 0; i < p->nsamples; i++) {
		if (!keep(ctx, p, i))
			continue;
		p->sample_stack[j] = p->sample_stack[i];
		p->sample_thread[j] = p->sample_thread[i];
		if (p->sample_time)
			p->sample_time[j] = p->sample_time[i];
		if (p->sample_mem)
			p->sample_mem[j] = p->sample_mem[i];
		if (p->sample_count)
			p->sample_count[j] = p->sample_count[i];
		j++;
	}
	p->nsamples = j;
	pv_profile__samples_changed(p);
}

/* ---- harness ------------------------------------------------------------
 * Files of the frames that start every stack but are not the user's code:
 * python -c (<string>), runpy, PyPy's app_main.py, vmprof's own modules and
 * the recording driver. */
const char pv_harness_default_re[] =
	"^<string>$|(^|/)runpy\\.py$|^<frozen runpy>$|(^|/)app_main\\.py$|"
	"(^|/)vmprof/[^/]*\\.py$|(^|/)tools/record\\.py$";

struct harness_ctx {
	regex_t re, extra;
	int has_extra;
	int8_t *is_harness;    /* per func: -1 unknown, 0, 1 */
	uint8_t *all_harness;  /* per old stack row: every frame is harness */
	struct pv_error *err;
};

static int func_is_harness(struct harness_ctx *h, const struct pv_profile *p,
			   uint32_t func)
{
	const char *file;

	if (func == PV_NONE || func >= p->nfuncs)
		return 0;
	if (h->is_harness[func] < 0) {
		file = p->funcs[func].file;
		h->is_harness[func] =
			(file && file[0] &&
			 (regexec(&h->re, file, 0, NULL, 0) == 0 ||
			  (h->has_extra &&
			   regexec(&h->extra, file, 0, NULL, 0) == 0)));
	}
	return h->is_harness[func];
}

static int64_t harness_map(void *ctx, struct pv_stackmap *m, uint32_t old,
			   uint32_t new_prefix)
{
	struct harness_ctx *h = ctx;
	const struct pv_profile *p = m->p;
	const struct pv_stack *row = &p->stacks[old];
	int prefix_all = row->prefix == PV_NONE || h->all_harness[row->prefix];
	int me = func_is_harness(h, p, p->frames[row->frame].func);

	h->all_harness[old] = prefix_all && me;
	/* Inside the leading harness run, each row's image is its own frame
	 * alone: a stack made only of harness frames keeps its last one, and
	 * the first user frame becomes a root. */
	if (prefix_all)
		return pv_stackmap_push(m, PV_NONE, row->frame);
	return pv_stackmap_push(m, new_prefix, row->frame);
}

int pv_profile_strip_harness(struct pv_profile *p, const char *extra,
			     struct pv_error *err)
{
	struct harness_ctx h = { .err = err };
	int rc;

	if (regcomp(&h.re, pv_harness_default_re, REG_EXTENDED | REG_NOSUB))
		return pv_error_set(err, PV_ERR, PV_NO_OFFSET,
				    "cannot compile the harness pattern");
	if (extra && *extra) {
		if (regcomp(&h.extra, extra, REG_EXTENDED | REG_NOSUB)) {
			regfree(&h.re);
			return pv_error_set(err, PV_EUSAGE, PV_NO_OFFSET,
					    "invalid regular expression '%s'",
					    extra);
		}
		h.has_extra = 1;
	}
	h.is_harness = malloc(p->nfuncs ? p->nfuncs : 1);
	h.all_harness = malloc(p->nstacks ? p->nstacks : 1);
	if (!h.is_harness || !h.all_harness) {
		rc = pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET,
				  "out of memory");
	} else {
		int any = 0;
		memset(h.is_harness, -1, p->nfuncs);
		/* nothing to strip (folded input, --keep-root style logs): skip
		 * the rebuild, which would briefly double the stack table */
		for (uint32_t f = 0; f < p->nfuncs && !any; f++)
			any = func_is_harness(&h, p, f);
		rc = any ? pv_profile_map_stacks(p, harness_map, &h, err) : 0;
	}
	free(h.is_harness);
	free(h.all_harness);
	regfree(&h.re);
	if (h.has_extra)
		regfree(&h.extra);
	return rc;
}

void pv_profile_update_weights(struct pv_profile *p)
{
	int64_t period = -1;
	int differ = 0;

	for (uint32_t i = 0; i < p->nsources; i++) {
		if (!p->sources[i].samples)
			continue;
		if (period < 0)
			period = p->sources[i].period_usec;
		else if (p->sources[i].period_usec != period)
			differ = 1;
		if (p->sources[i].aggregate == PV_AGGREGATE_USEC)
			differ = 1;
	}
	p->weighted = differ;
	for (uint32_t i = 0; i < p->nsources; i++) {
		int64_t per = p->sources[i].period_usec;
		p->sources[i].weight = differ ? (per > 0 ? (uint64_t)per : 1) : 1;
	}
}

const struct pv_source *pv_profile_aggregate(const struct pv_profile *p)
{
	for (uint32_t i = 0; i < p->nsources; i++)
		if (p->sources[i].aggregate)
			return &p->sources[i];
	return NULL;
}
