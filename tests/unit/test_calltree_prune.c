/* test_calltree_prune.c - call trees built with min_total (the flame
 * graph's cut of subtrees too narrow to draw) against full trees of the
 * same random profiles: the same nodes in the same order wherever the cut
 * keeps them, and the same flame graph. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reader/pv_reader.h"
#include "render/pv_flame.h"

static uint64_t rng;

static uint32_t below(uint32_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng % n);
}

/* Folded text of n lines over nf function names, each line branching
 * from a random earlier one (so rows with samples come in no tree
 * order), counts skewed so that a few stacks dominate.  alias adds a
 * second spelling of one function ("f1 (m.py:01)" next to "f1
 * (m.py:1)"), so that two frames share a function. */
static char *random_folded(uint32_t n, uint32_t nf, int alias)
{
	size_t cap = (size_t)n * 64 * 24 + 64, len = 0;
	char *s = malloc(cap);
	uint32_t (*lines)[24] = calloc(n, sizeof(*lines));
	uint32_t *depth = calloc(n, sizeof(*depth));

	assert_non_null(s);
	assert_non_null(lines);
	assert_non_null(depth);
	for (uint32_t i = 0; i < n; i++) {
		uint32_t d = 1 + below(20), share = 0;
		if (i) {
			uint32_t from = below(i);
			share = below(depth[from] + 1);
			memcpy(lines[i], lines[from],
			       share * sizeof(uint32_t));
		}
		for (uint32_t k = share; k < d; k++)
			lines[i][k] = below(nf);
		depth[i] = d > share ? d : share;
		for (uint32_t k = 0; k < depth[i]; k++) {
			uint32_t f = lines[i][k];
			len += (size_t)snprintf(s + len, cap - len,
						alias && f == 1 && k % 2 ?
						"%sf%u (m.py:0%u)" :
						"%sf%u (m.py:%u)",
						k ? ";" : "", f, f);
		}
		len += (size_t)snprintf(s + len, cap - len, " %u\n",
					below(8) ? 1 + below(3) :
						   1 + below(2000));
	}
	free(lines);
	free(depth);
	return s;
}

static struct pv_profile *parse(const char *text)
{
	struct pv_profile *p = pv_profile_new();
	struct pv_error err = { 0 };

	assert_non_null(p);
	assert_int_equal(pv_reader_parse(p, text, strlen(text), NULL, NULL,
					 &err), 0);
	return p;
}

static struct pv_calltree *tree(const struct pv_profile *p, uint64_t min)
{
	struct pv_tree_opts o = { .min_total = min };
	struct pv_error err = { 0 };
	struct pv_calltree *t = NULL;

	assert_int_equal(pv_calltree_build(&t, p, &o, &err), 0);
	return t;
}

/* The full tree's node for each pruned node, matched by parent and
 * function; asserts the nodes agree and are numbered in the same order. */
static void same_nodes(const struct pv_calltree *full,
		       const struct pv_calltree *cut, uint64_t min)
{
	uint32_t *match = malloc((cut->nnodes + 1) * sizeof(*match));
	uint32_t kept = 0;

	assert_non_null(match);
	assert_int_equal(full->total, cut->total);
	assert_int_equal(full->empty, cut->empty);
	for (uint32_t i = 0; i < cut->nnodes; i++) {
		const struct pv_cnode *c = &cut->nodes[i], *f;
		uint32_t m;
		for (m = 0; m < full->nnodes; m++) {
			f = &full->nodes[m];
			if (f->func == c->func &&
			    (c->parent == PV_NONE ? f->parent == PV_NONE :
			     f->parent == match[c->parent]))
				break;
		}
		assert_true(m < full->nnodes);
		f = &full->nodes[m];
		assert_int_equal(f->total, c->total);
		assert_int_equal(f->self, c->self);
		assert_int_equal(f->depth, c->depth);
		assert_int_equal(f->kinds, c->kinds);
		assert_int_equal(f->frame, c->frame);
		if (i)
			assert_true(m > match[i - 1]);   /* same order */
		match[i] = m;
	}
	/* every full node whose ancestors are all wide enough is there */
	for (uint32_t m = 0; m < full->nnodes; m++) {
		uint32_t up = full->nodes[m].parent;
		while (up != PV_NONE && full->nodes[up].total >= min)
			up = full->nodes[up].parent;
		kept += up == PV_NONE;
	}
	assert_int_equal(kept, cut->nnodes);
	free(match);
}

static void same_graph(const struct pv_profile *p, struct pv_calltree *full,
		       struct pv_calltree *cut, const struct pv_flame_opts *o)
{
	struct pv_flame_layout *a = NULL, *b = NULL;
	struct pv_error err = { 0 };

	assert_int_equal(pv_calltree_sort(full, p, pv_cnode_cmp_name), 0);
	assert_int_equal(pv_calltree_sort(cut, p, pv_cnode_cmp_name), 0);
	assert_int_equal(pv_flame_layout_new(&a, p, full, o, &err), 0);
	assert_int_equal(pv_flame_layout_new(&b, p, cut, o, &err), 0);
	assert_int_equal(a->nrects, b->nrects);
	assert_int_equal(a->omitted, b->omitted);
	assert_int_equal(a->raised, b->raised);
	assert_true(a->minwidth == b->minwidth);
	for (uint32_t i = 0; i < a->nrects; i++) {
		const struct pv_flame_rect *x = &a->rects[i];
		const struct pv_flame_rect *y = &b->rects[i];
		assert_int_equal(x->start, y->start);
		assert_int_equal(x->weight, y->weight);
		assert_int_equal(x->depth, y->depth);
		assert_int_equal(x->parent, y->parent);
		assert_true(x->x == y->x && x->w == y->w);
		if (x->node != PV_NONE)
			assert_int_equal(full->nodes[x->node].func,
					 cut->nodes[y->node].func);
	}
	pv_flame_layout_free(a);
	pv_flame_layout_free(b);
}

static void check(struct pv_profile *p, int expect_cut)
{
	static const double widths[] = { 0.1, 1, 7, 0 };
	struct pv_calltree *full = tree(p, 0);

	for (size_t i = 0; i < sizeof(widths) / sizeof(widths[0]); i++) {
		struct pv_flame_opts o = { .minwidth = widths[i] };
		uint64_t min = pv_flame_min_weight(&o, full->total);
		struct pv_calltree *cut = tree(p, min);
		struct pv_calltree *all = tree(p, 0);

		if (widths[i] == 0)
			assert_int_equal(min, 0);
		if (expect_cut && widths[i] >= 1)
			assert_true(cut->nnodes < full->nnodes);
		else if (!expect_cut)
			assert_int_equal(cut->nnodes, full->nnodes);
		if (expect_cut)
			same_nodes(all, cut, min);
		same_graph(p, all, cut, &o);
		/* a budget that raises minwidth over the cut tree */
		o.max_size = 60000;
		same_graph(p, all, cut, &o);
		pv_calltree_free(cut);
		pv_calltree_free(all);
	}
	pv_calltree_free(full);
}

static void test_prune__matches_full_tree(void **state)
{
	(void)state;
	for (uint64_t seed = 1; seed <= 6; seed++) {
		char *text;
		struct pv_profile *p;
		rng = 0x9e3779b97f4a7c15ULL * seed;
		text = random_folded(400 + 300 * (uint32_t)seed,
				     5 + 7 * (uint32_t)seed, 0);
		p = parse(text);
		check(p, 1);
		pv_profile_free(p);
		free(text);
	}
}

static int keep_odd(void *ctx, const struct pv_profile *p, size_t i)
{
	(void)ctx;
	(void)p;
	return i % 3 != 0;
}

/* Stack rows left with no samples (a filter) are no nodes. */
static void test_prune__rows_without_samples(void **state)
{
	char *text;
	struct pv_profile *p;

	(void)state;
	rng = 77;
	text = random_folded(1500, 30, 0);
	p = parse(text);
	pv_profile_keep_samples(p, keep_odd, NULL);
	check(p, 1);
	pv_profile_free(p);
	free(text);
}

/* Two frames of one function: merging matters, nothing may be cut. */
static void test_prune__shared_function_keeps_all(void **state)
{
	char *text;
	struct pv_profile *p;
	int shared = 0;

	(void)state;
	rng = 4242;
	text = random_folded(1200, 12, 1);
	p = parse(text);
	for (uint32_t i = 0; i < p->nframes; i++)
		for (uint32_t j = i + 1; j < p->nframes; j++)
			shared += p->frames[i].func == p->frames[j].func;
	assert_true(shared > 0);
	check(p, 0);
	pv_profile_free(p);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_prune__matches_full_tree),
		cmocka_unit_test(test_prune__rows_without_samples),
		cmocka_unit_test(test_prune__shared_function_keeps_all),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
