/* report_time.c - the report's "when" sections: the timeline and the
 * subsecond heatmap (render/timeline.c, render/heatmap.c), and the data
 * the page's script needs to redraw the flame graph and the function
 * table for a dragged time range without a server.
 *
 * The data (#pv-time, JSON) is the profile cut into the timeline's
 * buckets: per bucket, the weight of every sample in it and, per call
 * tree row of #pv-data, the weight of the samples that end there:
 *   {"t0": T, "b": B, "k": [[weight, row, w, row, w, ...], ...]}
 * Bucket k covers [t0 + k*b, t0 + (k+1)*b) seconds since each log's
 * start, exactly what --from/--to select.  When the pairs would be many,
 * buckets are joined in twos (boundaries stay the timeline's) so the page
 * stays small.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "render/pv_json.h"
#include "render/pv_timeline.h"
#include "render/report_int.h"

#define MAX_PAIRS 300000

/* Call-tree node of every stack row: the child of its prefix's node with
 * its function (the tree merges stacks by function under a parent). */
static uint32_t *stack_nodes(const struct pv_profile *p,
			     const struct pv_calltree *t)
{
	uint32_t *node = malloc((p->nstacks ? p->nstacks : 1) *
				sizeof(uint32_t));

	if (!node)
		return NULL;
	for (uint32_t s = 0; s < p->nstacks; s++) {
		uint32_t pre = p->stacks[s].prefix;
		uint32_t f = p->frames[p->stacks[s].frame].func;
		uint32_t c = pre == PV_NONE ? t->first_root :
			     node[pre] == PV_NONE ? PV_NONE :
			     t->nodes[node[pre]].first_child;
		while (c != PV_NONE && t->nodes[c].func != f)
			c = t->nodes[c].next_sibling;
		node[s] = c;
	}
	return node;
}

struct cell {
	uint64_t key;    /* bucket << 32 | row + 1; 0 = free */
	uint64_t w;
};

struct cells {
	struct cell *c;
	size_t cap, n;
};

static int cells_add(struct cells *h, uint64_t key, uint64_t w)
{
	size_t i;

	if (2 * (h->n + 1) > h->cap) {
		size_t ncap = h->cap ? 2 * h->cap : 4096;
		struct cell *nc = calloc(ncap, sizeof(*nc));
		if (!nc)
			return -1;
		for (size_t j = 0; j < h->cap; j++) {
			if (!h->c[j].key)
				continue;
			i = (size_t)(h->c[j].key * 0x9e3779b97f4a7c15ull >> 20) &
			    (ncap - 1);
			while (nc[i].key)
				i = (i + 1) & (ncap - 1);
			nc[i] = h->c[j];
		}
		free(h->c);
		h->c = nc;
		h->cap = ncap;
	}
	i = (size_t)(key * 0x9e3779b97f4a7c15ull >> 20) & (h->cap - 1);
	while (h->c[i].key && h->c[i].key != key)
		i = (i + 1) & (h->cap - 1);
	if (!h->c[i].key) {
		h->c[i].key = key;
		h->n++;
	}
	h->c[i].w += w;
	return 0;
}

static int cmp_cell(const void *a, const void *b)
{
	uint64_t x = ((const struct cell *)a)->key;
	uint64_t y = ((const struct cell *)b)->key;

	return x < y ? -1 : x > y;
}

/* Weight per (bucket, row) of every sample into h. */
static int fill(struct cells *h, const struct pv_profile *p,
		const uint32_t *row_of_stack, double t0, double b,
		uint32_t nb)
{
	for (size_t i = 0; i < p->nsamples; i++) {
		uint32_t s = p->sample_stack[i];
		double k = floor(((double)p->sample_time[i] - t0) / b);
		uint64_t kk = !(k >= 0) ? 0 : k >= nb ? nb - 1 :
			      (uint64_t)k;   /* NaN: 0 */
		uint64_t w = pv_sample_weight(p, i);
		uint32_t row = s == PV_NONE ? PV_NONE : row_of_stack[s];
		/* row + 1 == 0 keeps the bucket's total only */
		if (cells_add(h, kk << 32 | (uint32_t)(row + 1), w))
			return -1;
	}
	return 0;
}

int report__time_data(struct report_time *rt, const struct pv_profile *p,
		      const struct pv_calltree *t, const uint32_t *row_of_node,
		      char **json, struct pv_error *err)
{
	uint32_t *node = stack_nodes(p, t), *row = NULL;
	struct cells h = { 0 };
	json_t *root = NULL, *ks = NULL;
	double b = rt->bucket;
	uint32_t nb = rt->nbuckets;
	int rc = 0;

	*json = NULL;
	row = malloc((p->nstacks ? p->nstacks : 1) * sizeof(uint32_t));
	if (!node || !row)
		goto nomem;
	for (uint32_t s = 0; s < p->nstacks; s++)
		row[s] = node[s] == PV_NONE ? PV_NONE : row_of_node[node[s]];
	for (;;) {
		if (fill(&h, p, row, rt->t0, b, nb))
			goto nomem;
		if (h.n <= MAX_PAIRS || nb == 1)
			break;
		free(h.c);
		memset(&h, 0, sizeof(h));
		b *= 2;
		nb = (nb + 1) / 2;
	}
	/* compact the table and sort by bucket, then row */
	{
		size_t n = 0;
		for (size_t i = 0; i < h.cap; i++)
			if (h.c[i].key)
				h.c[n++] = h.c[i];
		if (n)
			qsort(h.c, n, sizeof(*h.c), cmp_cell);
		root = json_object();
		ks = json_array();
		if (!root || !ks)
			goto nomem;
		json_object_set_new(root, "t0", json_real(rt->t0));
		json_object_set_new(root, "b", json_real(b));
		for (uint32_t k = 0, i = 0; k < nb; k++) {
			json_t *a = json_array();
			uint64_t sum = 0;
			json_array_append_new(a, json_integer(0));
			for (; i < n && h.c[i].key >> 32 == k; i++) {
				uint32_t r = (uint32_t)h.c[i].key;
				sum += h.c[i].w;
				if (!r)
					continue;   /* empty stack */
				json_array_append_new(a, json_integer(r - 1));
				json_array_append_new(a,
					json_integer((json_int_t)h.c[i].w));
			}
			json_array_set_new(a, 0, json_integer((json_int_t)sum));
			json_array_append_new(ks, a);
		}
		json_object_set_new(root, "k", ks);
		ks = NULL;
	}
	/* a jansson append or set above that failed left it short */
	*json = pv_json_failed() ? NULL :
		json_dumps(root, JSON_COMPACT | JSON_PRESERVE_ORDER |
			   JSON_REAL_PRECISION(12));
	if (!*json || pv_json_failed()) {
		free(*json);
		*json = NULL;
		goto nomem;
	}
	goto done;
nomem:
	rc = pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET, "out of memory");
done:
	json_decref(ks);
	json_decref(root);
	free(h.c);
	free(node);
	free(row);
	return rc;
}
