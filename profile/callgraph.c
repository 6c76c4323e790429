/* callgraph.c - functions and call edges with per-sample counting rules
 * (see pv_callgraph.h). */
#include <stdlib.h>
#include <string.h>

#include "profile/pv_buf.h"
#include "profile/pv_callgraph.h"
#include "profile/pv_hash.h"

/* Open-addressing map from a (caller, callee) key to an edge row. */
struct edgemap {
	uint64_t *keys;       /* key + 1; 0 = empty */
	uint32_t *rows;
	size_t cap;
	struct pv_buf edges;  /* struct pv_cg_edge */
	struct pv_buf last;   /* uint32_t per edge: 1 + the last stack that
			       * counted it */
	size_t n;
};

#define EDGES(m) PV_BUF_ITEMS(&(m)->edges, struct pv_cg_edge)
#define LAST(m) PV_BUF_ITEMS(&(m)->last, uint32_t)

static int edge_grow(struct edgemap *m)
{
	size_t cap = m->cap ? m->cap * 2 : 1024;
	uint64_t *keys = calloc(cap, sizeof(*keys));
	uint32_t *rows = malloc(cap * sizeof(*rows));

	if (!keys || !rows) {
		free(keys);
		free(rows);
		return -1;
	}
	for (size_t i = 0; i < m->cap; i++) {
		size_t j;
		if (!m->keys[i])
			continue;
		j = pv_hash_mix(m->keys[i]) & (cap - 1);
		while (keys[j])
			j = (j + 1) & (cap - 1);
		keys[j] = m->keys[i];
		rows[j] = m->rows[i];
	}
	free(m->keys);
	free(m->rows);
	m->keys = keys;
	m->rows = rows;
	m->cap = cap;
	return 0;
}

/* Adds w to the edge caller -> callee, unless stack (nonzero) already
 * did. */
static int edge_add(struct edgemap *m, uint32_t caller, uint32_t callee,
		    uint64_t w, uint32_t stack)
{
	uint64_t key = ((uint64_t)caller << 32 | callee) + 1;
	size_t j;

	if ((m->n + 1) * 2 > m->cap && edge_grow(m) < 0)
		return -1;
	j = pv_hash_mix(key) & (m->cap - 1);
	while (m->keys[j] && m->keys[j] != key)
		j = (j + 1) & (m->cap - 1);
	if (m->keys[j]) {
		uint32_t r = m->rows[j];
		if (!stack || LAST(m)[r] != stack) {
			EDGES(m)[r].weight += w;
			LAST(m)[r] = stack;
		}
		return 0;
	}
	{
		struct pv_cg_edge e = { 0 };

		e.caller = caller;
		e.callee = callee;
		e.weight = w;
		if (pv_buf_add(&m->edges, &e, sizeof(e)) ||
		    pv_buf_add(&m->last, &stack, sizeof(stack)))
			return -1;
	}
	m->keys[j] = key;
	m->rows[j] = (uint32_t)m->n;
	m->n++;
	return 0;
}

static int edge_cmp(const void *a, const void *b)
{
	const struct pv_cg_edge *x = a, *y = b;
	/* PV_NONE (the root) sorts first */
	uint32_t xc = x->caller + 1, yc = y->caller + 1;

	if (xc != yc)
		return xc < yc ? -1 : 1;
	return x->callee < y->callee ? -1 : x->callee > y->callee;
}

void pv_callgraph_free(struct pv_callgraph *g)
{
	if (!g)
		return;
	free(g->self);
	free(g->total);
	free(g->edges);
	free(g);
}

int pv_callgraph_build(struct pv_callgraph **out, const struct pv_profile *p,
		       const uint64_t *w, uint64_t empty,
		       enum pv_cg_rule rule, struct pv_error *err)
{
	struct pv_callgraph *g = calloc(1, sizeof(*g));
	struct edgemap m = { 0 };
	uint64_t *own = NULL;
	uint32_t *seen = NULL, *path = NULL, maxd = 1;
	int rc = PV_ENOMEM;

	*out = NULL;
	if (!g)
		goto fail;
	if (!w) {
		own = pv_profile_stack_weights(p);
		if (!own && p->nstacks)
			goto fail;
		w = own;
		empty = 0;
		for (size_t i = 0; i < p->nsamples; i++)
			if (p->sample_stack[i] == PV_NONE)
				empty += pv_sample_weight(p, i);
	}
	for (uint32_t s = 0; s < p->nstacks; s++)
		if (p->stacks[s].depth > maxd)
			maxd = p->stacks[s].depth;
	g->self = calloc(p->nfuncs + 1, sizeof(*g->self));
	g->total = calloc(p->nfuncs + 1, sizeof(*g->total));
	seen = calloc(p->nfuncs + 1, sizeof(*seen));
	path = malloc(maxd * sizeof(*path));
	if (!g->self || !g->total || !seen || !path)
		goto fail;
	g->empty = empty;
	g->all = empty;
	for (uint32_t s = 0; s < p->nstacks; s++) {
		uint32_t d = p->stacks[s].depth, i = d, x = s;
		uint64_t ws = w[s];

		if (!ws)
			continue;
		g->all += ws;
		for (; x != PV_NONE && i > 0; x = p->stacks[x].prefix)
			path[--i] = pv_stack_frame(p, x)->func;
		g->self[path[d - 1]] += ws;
		for (i = 0; i < d; i++) {
			uint32_t f = path[i];
			int first = seen[f] != s + 1;
			seen[f] = s + 1;
			if (first)
				g->total[f] += ws;
			if (rule == PV_CG_OUTERMOST) {
				if (first && i &&
				    edge_add(&m, path[i - 1], f, ws, 0) < 0)
					goto fail;
				continue;
			}
			/* pairs: (caller, f), each distinct pair once */
			if (edge_add(&m, i ? path[i - 1] : PV_NONE, f, ws,
				     s + 1) < 0)
				goto fail;
		}
	}
	if (m.n > 1)
		qsort(EDGES(&m), m.n, sizeof(struct pv_cg_edge), edge_cmp);
	g->edges = pv_buf_detach(&m.edges, NULL);
	g->nedges = m.n;
	*out = g;
	g = NULL;
	rc = 0;
fail:
	free(m.keys);
	free(m.rows);
	pv_buf_release(&m.edges);
	pv_buf_release(&m.last);
	free(own);
	free(seen);
	free(path);
	pv_callgraph_free(g);
	return rc ? pv_error_set(err, rc, PV_NO_OFFSET, "out of memory") : 0;
}
