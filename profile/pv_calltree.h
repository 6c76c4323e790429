/* pv_calltree.h - a call tree built from a profile's stacks in one pass.
 *
 * Nodes merge stack rows with the same function under the same parent (or
 * the same frame, with by_frame), so a flame graph or a text tree reads it
 * directly.  Node ids are ordered parents first.  The tree is a view: it
 * owns its nodes, borrows nothing it cannot outlive except the profile it
 * was built from (names are looked up there).
 */
#ifndef PV_CALLTREE_H
#define PV_CALLTREE_H

#include <stdint.h>

#include "profile/pv_profile.h"

struct pv_cnode {
	uint32_t parent;        /* PV_NONE for a root */
	uint32_t first_child;   /* PV_NONE when none */
	uint32_t next_sibling;  /* PV_NONE at the end */
	uint32_t func;          /* row in funcs; PV_NONE for a thread node */
	uint32_t frame;         /* first frame merged here (PV_NONE: thread) */
	uint32_t thread;        /* thread row of a thread node, else PV_NONE */
	uint32_t depth;         /* 0 for roots */
	uint16_t kinds;         /* bit (1 << kind) of every frame merged here */
	uint64_t self;          /* weight of samples ending here */
	uint64_t total;         /* self plus all descendants */
};

struct pv_calltree {
	struct pv_cnode *nodes;
	uint32_t nnodes, cap;
	uint32_t first_root;    /* PV_NONE when empty; roots are siblings */
	uint64_t total;         /* weight of every sample, empty stacks too */
	uint64_t empty;         /* weight of samples with no frame */
};

struct pv_tree_opts {
	int by_frame;     /* key nodes on frames (address, kind, line), not funcs */
	int reverse;      /* leaf first: roots are the functions that ran */
	int per_thread;   /* one root per thread, its stacks under it */
	/* Optional, forward and reverse trees only: weight per stack row
	 * (nstacks entries) to use instead of the profile's samples, e.g.
	 * one log's or one thread's (pv_funcstats_weights), and the weight
	 * of the chosen samples with an empty stack. */
	const uint64_t *stack_weights;
	uint64_t empty_weight;
	/* Forward trees only: the children of a node whose total is below
	 * this may be left out, with everything under them (the node keeps
	 * its total and self).  A narrow node is still there, so siblings
	 * keep their order and place; only subtrees too narrow to draw are
	 * cut, which saves a flame graph of millions of distinct stacks
	 * nearly all of its call tree.  They are left out when each stack
	 * row is its own node (by_frame, or functions 1:1 with frames) and
	 * kept otherwise.  0 keeps every node. */
	uint64_t min_total;
};

int pv_calltree_build(struct pv_calltree **out, const struct pv_profile *p,
		      const struct pv_tree_opts *o, struct pv_error *err);
void pv_calltree_free(struct pv_calltree *t);

/* Re-links every sibling list in the order cmp gives (stable). */
typedef int (*pv_cnode_cmp)(const struct pv_profile *p,
			    const struct pv_calltree *t, uint32_t a,
			    uint32_t b);
int pv_calltree_sort(struct pv_calltree *t, const struct pv_profile *p,
		     pv_cnode_cmp cmp);
/* Ready comparators: by name (then file, line), by total descending. */
int pv_cnode_cmp_name(const struct pv_profile *p, const struct pv_calltree *t,
		      uint32_t a, uint32_t b);
int pv_cnode_cmp_total(const struct pv_profile *p,
		       const struct pv_calltree *t, uint32_t a, uint32_t b);

/* Name of a node: its function's name, or "thread N" for thread nodes
 * (written into buf, which must hold 64 bytes). */
const char *pv_cnode_name(const struct pv_profile *p,
			  const struct pv_calltree *t, uint32_t node,
			  char *buf);

/* Depth-first, parents before children, siblings in list order.  The
 * callback returns nonzero to skip the node's children. */
typedef int (*pv_cnode_visit)(void *ctx, const struct pv_calltree *t,
			      uint32_t node);
int pv_calltree_walk(const struct pv_calltree *t, pv_cnode_visit visit,
		     void *ctx, struct pv_error *err);

#endif
