/* calltree.c - building, sorting and walking call trees (pv_calltree.h).
 *
 * Forward trees cost one pass over the stack table: a stack row's node is
 * the child of its prefix's node keyed by function (or frame).  Reverse
 * trees walk each stack that has samples from its leaf.  Per-thread trees
 * memoise (thread, stack row) pairs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "profile/pv_calltree.h"
#include "profile/pv_hash.h"

struct builder {
	struct pv_calltree *t;
	struct pv_rowindex ix;    /* (parent, key) -> node */
	const struct pv_profile *p;
	int by_frame;
};

struct node_probe {
	const struct pv_calltree *t;
	uint32_t parent, key;
	int by_frame;
};

static uint32_t node_key(const struct pv_cnode *n, int by_frame)
{
	if (n->thread != PV_NONE)
		return n->thread;   /* thread nodes are roots, never mixed */
	return by_frame ? n->frame : n->func;
}

static int node_eq(const void *ctx, uint32_t row)
{
	const struct node_probe *pr = ctx;
	const struct pv_cnode *n = &pr->t->nodes[row];

	return n->parent == pr->parent && node_key(n, pr->by_frame) == pr->key;
}

/* Child of parent for frame (or thread root when frame is PV_NONE);
 * creates it when missing.  Returns PV_NONE when memory runs out. */
static uint32_t child(struct builder *b, uint32_t parent, uint32_t frame,
		      uint32_t thread)
{
	struct pv_calltree *t = b->t;
	const struct pv_frame *f = frame != PV_NONE ? &b->p->frames[frame] : NULL;
	uint32_t key = f ? (b->by_frame ? frame : f->func) : thread;
	struct node_probe pr = { t, parent, key, b->by_frame };
	uint64_t h = pv_hash_mix((uint64_t)parent << 32 | key) ^ (f ? 0 : 1);
	uint32_t row = pv_rowindex_find(&b->ix, h, node_eq, &pr);
	struct pv_cnode *n;

	if (row != UINT32_MAX) {
		if (f)
			t->nodes[row].kinds |= (uint16_t)(1u << f->kind);
		return row;
	}
	if (t->nnodes + 1 >= PV_STACK_DROP)
		return PV_NONE;
	if (t->nnodes == t->cap) {
		uint32_t ncap = t->cap ? t->cap * 2 : 256;
		void *nn = realloc(t->nodes, (size_t)ncap * sizeof(*t->nodes));
		if (!nn)
			return PV_NONE;
		t->nodes = nn;
		t->cap = ncap;
	}
	if (pv_rowindex_insert(&b->ix, h, t->nnodes))
		return PV_NONE;
	row = t->nnodes++;
	n = &t->nodes[row];
	memset(n, 0, sizeof(*n));
	n->parent = parent;
	n->first_child = PV_NONE;
	n->next_sibling = PV_NONE;
	n->func = f ? f->func : PV_NONE;
	n->frame = frame;
	n->thread = f ? PV_NONE : thread;
	n->kinds = f ? (uint16_t)(1u << f->kind) : (uint16_t)(1u << PV_KIND_THREAD);
	n->depth = parent == PV_NONE ? 0 : t->nodes[parent].depth + 1;
	return row;
}

/* Node of a stack row in a forward tree, under root `top` (PV_NONE or a
 * thread node); memo[row] caches it (PV_NONE = not yet). */
static uint32_t forward_node(struct builder *b, uint32_t row, uint32_t top,
			     uint32_t *memo)
{
	uint32_t chain[64], n = 0, node;

	/* walk up to the first memoised ancestor, then come back down */
	while (row != PV_NONE && memo[row] == PV_NONE) {
		if (n == 64) {
			/* deep stacks: resolve the upper part first */
			node = forward_node(b, row, top, memo);
			if (node == PV_NONE)
				return PV_NONE;
			break;
		}
		chain[n++] = row;
		row = b->p->stacks[row].prefix;
	}
	node = row == PV_NONE ? top : memo[row];
	while (n--) {
		node = child(b, node, b->p->stacks[chain[n]].frame, PV_NONE);
		if (node == PV_NONE)
			return PV_NONE;
		memo[chain[n]] = node;
	}
	return node;
}

/* Links sibling lists; with sum, adds self and descendants into total. */
static void link_children(struct pv_calltree *t, int sum)
{
	/* node ids are parents-first; link in reverse so lists end up in
	 * creation order */
	t->first_root = PV_NONE;
	for (uint32_t i = t->nnodes; i-- > 0;) {
		struct pv_cnode *n = &t->nodes[i];
		if (n->parent == PV_NONE) {
			n->next_sibling = t->first_root;
			t->first_root = i;
		} else {
			n->next_sibling = t->nodes[n->parent].first_child;
			t->nodes[n->parent].first_child = i;
		}
	}
	for (uint32_t i = t->nnodes; sum && i-- > 0;) {
		struct pv_cnode *n = &t->nodes[i];
		n->total += n->self;
		if (n->parent != PV_NONE)
			t->nodes[n->parent].total += n->total;
	}
}

static int build_forward(struct builder *b, const uint64_t *w)
{
	const struct pv_profile *p = b->p;
	uint32_t *memo = malloc((p->nstacks ? p->nstacks : 1) * sizeof(*memo));

	if (!memo)
		return -1;
	memset(memo, 0xff, (p->nstacks ? p->nstacks : 1) * sizeof(*memo));
	for (uint32_t s = 0; s < p->nstacks; s++) {
		uint32_t node;
		if (!w[s])
			continue;
		node = forward_node(b, s, PV_NONE, memo);
		if (node == PV_NONE) {
			free(memo);
			return -1;
		}
		b->t->nodes[node].self += w[s];
	}
	free(memo);
	return 0;
}

/* Whether every stack row is its own node: by frame always (the table
 * interns (prefix, frame)), by function when no two frames share one. */
static int rows_are_nodes(const struct pv_profile *p, int by_frame, int *ok)
{
	uint8_t *seen;

	*ok = 1;
	if (by_frame)
		return 0;
	seen = calloc(p->nfuncs ? p->nfuncs : 1, 1);
	if (!seen)
		return -1;
	for (uint32_t i = 0; i < p->nframes && *ok; i++) {
		uint32_t fn = p->frames[i].func;
		if (fn >= p->nfuncs || seen[fn])
			*ok = 0;
		else
			seen[fn] = 1;
	}
	free(seen);
	return 0;
}

/* Renumbers the nodes in the order build_forward would have created
 * them (by first stack row with samples below, then depth), so sorting
 * ties, which fall back to node ids, come out the same.  Nodes that share
 * a first row all hold that row, so they lie on one root path, and a
 * parent's id is below its children's: a stable counting sort by first
 * row (first[i] < nrows) keeps them by depth.  Linear in nodes and rows;
 * the nodes are moved in place, cycle by cycle. */
static int renumber(struct pv_calltree *t, const uint32_t *first,
		    uint32_t nrows)
{
	uint32_t n = t->nnodes, *map, *start;

	map = malloc((n ? n : 1) * sizeof(*map));
	start = calloc((size_t)nrows + 1, sizeof(*start));
	if (!start || !map) {
		free(start);
		free(map);
		return -1;
	}
	for (uint32_t i = 0; i < n; i++)
		start[first[i] + 1]++;
	for (uint32_t r = 0; r < nrows; r++)
		start[r + 1] += start[r];
	for (uint32_t i = 0; i < n; i++)
		map[i] = start[first[i]]++;
	free(start);
	for (uint32_t i = 0; i < n; i++)
		if (t->nodes[i].parent != PV_NONE)
			t->nodes[i].parent = map[t->nodes[i].parent];
	/* node i goes to map[i]; a moved node's map entry becomes PV_NONE */
	for (uint32_t i = 0; i < n; i++) {
		struct pv_cnode carry;
		uint32_t j = map[i];
		if (j == PV_NONE || j == i)
			continue;
		carry = t->nodes[i];
		map[i] = PV_NONE;
		while (j != i) {
			struct pv_cnode next = t->nodes[j];
			uint32_t k = map[j];
			t->nodes[j] = carry;
			map[j] = PV_NONE;
			carry = next;
			j = k;
		}
		t->nodes[i] = carry;
	}
	free(map);
	return 0;
}

/* Room for one more node (and its first row). */
static int add_node(struct pv_calltree *t, uint32_t **first)
{
	uint32_t ncap;
	void *nn, *nf;

	if (t->nnodes + 1 >= PV_STACK_DROP)
		return -1;
	if (t->nnodes < t->cap)
		return 0;
	ncap = t->cap ? t->cap * 2 : 256;
	nn = realloc(t->nodes, (size_t)ncap * sizeof(*t->nodes));
	if (nn)
		t->nodes = nn;
	nf = realloc(*first, (size_t)ncap * sizeof(**first));
	if (nf)
		*first = nf;
	if (!nn || !nf)
		return -1;
	t->cap = ncap;
	return 0;
}

/* A forward tree whose nodes are the stack rows themselves, without the
 * rows under a node lighter than min_total: the tree of a profile with
 * millions of distinct stacks then holds only what a flame graph can
 * draw and the narrow frames beside it.  w (weight per row) becomes the
 * totals, then node ids, in place; ids come out as build_forward gives
 * them. */
static int build_pruned(struct builder *b, uint64_t *w, uint64_t min_total)
{
	const struct pv_profile *p = b->p;
	struct pv_calltree *t = b->t;
	uint32_t *first = malloc((p->nstacks ? p->nstacks : 1) *
				 sizeof(*first));
	uint32_t *node_first = NULL;
	int rc = -1;

	if (!first)
		return -1;
	/* totals and first weighted row of each subtree, children first */
	for (uint32_t s = 0; s < p->nstacks; s++)
		first[s] = w[s] ? s : PV_NONE;
	for (uint32_t s = p->nstacks; s-- > 0;) {
		uint32_t up = p->stacks[s].prefix;
		if (up == PV_NONE)
			continue;
		w[up] += w[s];
		if (first[s] < first[up])
			first[up] = first[s];
	}
	/* parents come first in the table: when a row is reached, w of its
	 * parent row already holds the parent's node id (or PV_NONE) */
	for (uint32_t s = 0; s < p->nstacks; s++) {
		uint32_t up = p->stacks[s].prefix, parent = PV_NONE, me;
		uint64_t tot = w[s];
		const struct pv_frame *f = &p->frames[p->stacks[s].frame];

		w[s] = PV_NONE;
		if (!tot)
			continue;
		if (up != PV_NONE) {
			parent = (uint32_t)w[up];
			if (parent == PV_NONE)
				continue;   /* under a row left out */
			t->nodes[parent].self -= tot;
			if (t->nodes[parent].total < min_total)
				continue;   /* under a narrow node */
		}
		if (add_node(t, &node_first))
			goto out;
		me = t->nnodes++;
		t->nodes[me] = (struct pv_cnode){
			.parent = parent, .first_child = PV_NONE,
			.next_sibling = PV_NONE, .func = f->func,
			.frame = p->stacks[s].frame, .thread = PV_NONE,
			.depth = parent == PV_NONE ? 0 :
				 t->nodes[parent].depth + 1,
			.kinds = (uint16_t)(1u << f->kind),
			.self = tot, .total = tot };
		node_first[me] = first[s];
		w[s] = me;
	}
	rc = renumber(t, node_first, p->nstacks);
out:
	free(first);
	free(node_first);
	return rc;
}

static int build_reverse(struct builder *b, const uint64_t *w)
{
	const struct pv_profile *p = b->p;

	for (uint32_t s = 0; s < p->nstacks; s++) {
		uint32_t node = PV_NONE, row;
		if (!w[s])
			continue;
		for (row = s; row != PV_NONE; row = p->stacks[row].prefix) {
			node = child(b, node, p->stacks[row].frame, PV_NONE);
			if (node == PV_NONE)
				return -1;
		}
		/* in a reverse tree, "self" is where the path ends: the
		 * outermost caller */
		b->t->nodes[node].self += w[s];
	}
	return 0;
}

/* Per-thread: one pass over samples with a memo per (thread, row). */
static int build_per_thread(struct builder *b)
{
	const struct pv_profile *p = b->p;
	size_t nmemo = (size_t)p->nstacks * (p->nthreads ? p->nthreads : 1);
	uint32_t *roots, *memo = NULL;
	int rc = -1;

	/* a dense memo is fine for the usual few threads; fall back to
	 * rebuilding per thread when it would be large */
	roots = malloc((p->nthreads ? p->nthreads : 1) * sizeof(*roots));
	if (!roots)
		return -1;
	for (uint32_t th = 0; th < p->nthreads; th++)
		roots[th] = PV_NONE;
	if (nmemo <= (size_t)64 << 20)
		memo = malloc((nmemo ? nmemo : 1) * sizeof(*memo));
	if (memo)
		memset(memo, 0xff, (nmemo ? nmemo : 1) * sizeof(*memo));
	for (size_t i = 0; i < p->nsamples; i++) {
		uint32_t th = p->sample_thread[i], s = p->sample_stack[i];
		uint64_t wi = pv_profile_has_weights(p) ?
			      pv_sample_weight(p, i) : 1;
		uint32_t node;
		if (roots[th] == PV_NONE) {
			roots[th] = child(b, PV_NONE, PV_NONE, th);
			if (roots[th] == PV_NONE)
				goto out;
		}
		if (s == PV_NONE) {
			node = roots[th];
		} else if (memo) {
			node = forward_node(b, s, roots[th],
					    memo + (size_t)th * p->nstacks);
		} else {
			uint32_t path[1024], n = 0, row;
			node = roots[th];
			for (row = s; row != PV_NONE && n < 1024;
			     row = p->stacks[row].prefix)
				path[n++] = row;
			while (n-- && node != PV_NONE)
				node = child(b, node, p->stacks[path[n]].frame,
					     PV_NONE);
		}
		if (node == PV_NONE)
			goto out;
		b->t->nodes[node].self += wi;
	}
	rc = 0;
out:
	free(memo);
	free(roots);
	return rc;
}

int pv_calltree_build(struct pv_calltree **out, const struct pv_profile *p,
		      const struct pv_tree_opts *o, struct pv_error *err)
{
	struct pv_tree_opts none = { 0 };
	struct builder b = { .p = p };
	uint64_t *w = NULL, framed = 0;
	int rc, pruned = 0;

	if (!o)
		o = &none;
	*out = NULL;
	b.t = calloc(1, sizeof(*b.t));
	if (!b.t)
		return pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET,
				    "out of memory");
	b.by_frame = o->by_frame;
	b.t->first_root = PV_NONE;
	pv_rowindex_init(&b.ix);
	w = o->stack_weights && !o->per_thread ? NULL :
	    pv_profile_stack_weights(p);
	if (!w && !(o->stack_weights && !o->per_thread))
		goto nomem;
	if (!w) {
		/* the caller's weights: copied, so every path frees w */
		w = malloc((p->nstacks ? p->nstacks : 1) * sizeof(*w));
		if (!w)
			goto nomem;
		memcpy(w, o->stack_weights, p->nstacks * sizeof(*w));
	}
	if (!o->per_thread) {
		for (uint32_t s = 0; s < p->nstacks; s++)
			framed += w[s];
	}
	if (!o->per_thread && !o->reverse && o->min_total &&
	    rows_are_nodes(p, o->by_frame, &pruned))
		goto nomem;
	pruned = pruned && !o->per_thread && !o->reverse && o->min_total;
	if (o->per_thread)
		rc = build_per_thread(&b);
	else if (o->reverse)
		rc = build_reverse(&b, w);
	else if (pruned)
		rc = build_pruned(&b, w, o->min_total);
	else
		rc = build_forward(&b, w);
	if (rc)
		goto nomem;
	b.t->total = pv_profile_total_weight(p);
	if (!o->per_thread) {
		if (o->stack_weights)
			b.t->total = framed + o->empty_weight;
		b.t->empty = b.t->total - framed;
	}
	link_children(b.t, !pruned);
	free(w);
	pv_rowindex_release(&b.ix);
	*out = b.t;
	return 0;
nomem:
	free(w);
	pv_rowindex_release(&b.ix);
	pv_calltree_free(b.t);
	return pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET, "out of memory");
}

void pv_calltree_free(struct pv_calltree *t)
{
	if (!t)
		return;
	free(t->nodes);
	free(t);
}

const char *pv_cnode_name(const struct pv_profile *p,
			  const struct pv_calltree *t, uint32_t node,
			  char *buf)
{
	const struct pv_cnode *n = &t->nodes[node];

	if (n->func != PV_NONE)
		return pv_func_label(&p->funcs[n->func]);
	if (n->thread != PV_NONE) {
		const struct pv_thread *th = &p->threads[n->thread];
		snprintf(buf, 64, "thread %u (0x%llx)", th->number,
			 (unsigned long long)th->raw_id);
		return buf;
	}
	return "?";
}

int pv_cnode_cmp_name(const struct pv_profile *p, const struct pv_calltree *t,
		      uint32_t a, uint32_t b)
{
	const struct pv_cnode *x = &t->nodes[a], *y = &t->nodes[b];
	char bx[64], by[64];
	int c;

	if (x->thread != PV_NONE || y->thread != PV_NONE) {
		uint32_t nx = x->thread != PV_NONE ? p->threads[x->thread].number : 0;
		uint32_t ny = y->thread != PV_NONE ? p->threads[y->thread].number : 0;
		return nx < ny ? -1 : nx > ny;
	}
	c = strcmp(pv_cnode_name(p, t, a, bx), pv_cnode_name(p, t, b, by));
	if (c)
		return c;
	if (x->func != PV_NONE && y->func != PV_NONE) {
		c = pv_func_cmp_location(&p->funcs[x->func],
					 &p->funcs[y->func]);
		if (c)
			return c;
	}
	return a < b ? -1 : a > b;
}

int pv_cnode_cmp_total(const struct pv_profile *p,
		       const struct pv_calltree *t, uint32_t a, uint32_t b)
{
	const struct pv_cnode *x = &t->nodes[a], *y = &t->nodes[b];

	if (x->total != y->total)
		return x->total > y->total ? -1 : 1;
	return pv_cnode_cmp_name(p, t, a, b);
}

/* Merge sort of one sibling list. */
static uint32_t sort_list(struct pv_calltree *t, const struct pv_profile *p,
			  pv_cnode_cmp cmp, uint32_t head)
{
	uint32_t a, b, slow, fast, *tail, out = PV_NONE;

	if (head == PV_NONE || t->nodes[head].next_sibling == PV_NONE)
		return head;
	slow = head;
	fast = t->nodes[head].next_sibling;
	while (fast != PV_NONE && t->nodes[fast].next_sibling != PV_NONE) {
		slow = t->nodes[slow].next_sibling;
		fast = t->nodes[t->nodes[fast].next_sibling].next_sibling;
	}
	b = t->nodes[slow].next_sibling;
	t->nodes[slow].next_sibling = PV_NONE;
	a = sort_list(t, p, cmp, head);
	b = sort_list(t, p, cmp, b);
	tail = &out;
	while (a != PV_NONE && b != PV_NONE) {
		if (cmp(p, t, a, b) <= 0) {
			*tail = a;
			a = t->nodes[a].next_sibling;
		} else {
			*tail = b;
			b = t->nodes[b].next_sibling;
		}
		tail = &t->nodes[*tail].next_sibling;
	}
	*tail = a != PV_NONE ? a : b;
	return out;
}

int pv_calltree_sort(struct pv_calltree *t, const struct pv_profile *p,
		     pv_cnode_cmp cmp)
{
	t->first_root = sort_list(t, p, cmp, t->first_root);
	for (uint32_t i = 0; i < t->nnodes; i++)
		t->nodes[i].first_child =
			sort_list(t, p, cmp, t->nodes[i].first_child);
	return 0;
}

int pv_calltree_walk(const struct pv_calltree *t, pv_cnode_visit visit,
		     void *ctx, struct pv_error *err)
{
	uint32_t *stack, sp = 0;

	if (t->first_root == PV_NONE)
		return 0;
	stack = malloc((t->nnodes + 1) * sizeof(*stack));
	if (!stack)
		return pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET,
				    "out of memory");
	/* explicit stack: call trees of recursive programs are deep */
	stack[sp++] = t->first_root;
	while (sp) {
		uint32_t n = stack[--sp];
		const struct pv_cnode *node = &t->nodes[n];
		int skip;
		if (node->next_sibling != PV_NONE)
			stack[sp++] = node->next_sibling;
		skip = visit(ctx, t, n);
		if (skip < 0) {
			free(stack);
			return skip;
		}
		if (!skip && node->first_child != PV_NONE)
			stack[sp++] = node->first_child;
	}
	free(stack);
	return 0;
}
