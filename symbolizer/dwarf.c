/* dwarf.c - address index over a module's DWARF: unit ranges, line
 * tables and inline chains, answered by binary search.
 *
 * The unit index comes from each unit's own DW_AT_ranges/low_pc/high_pc,
 * never from .debug_aranges: clang emits none, and elfutils 0.188 then
 * fails its own address lookups.  A unit's lines and inline tree are read
 * the first time an address falls into it, and flattened into disjoint
 * segments [lo, hi) -> innermost subroutine, so a lookup is two binary
 * searches plus a walk up the parents.  Results follow llvm-symbolizer:
 * the innermost level's file:line is the line-table row, each outer
 * level's is the DW_AT_call_file/call_line of the level inside it.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <dwarf.h>

#include "profile/pv_buf.h"
#include "symbolizer/sym_internal.h"

#define NONE UINT32_MAX
#define MAX_DIE_DEPTH 256

struct node {
	Dwarf_Off off;          /* the DIE, read again lazily for names */
	const char *name;       /* filled on first use */
	uint32_t parent;        /* enclosing subroutine; NONE for subprograms */
	uint32_t call_file, call_line, call_column;
	uint32_t decl_line;
	uint8_t inlined;
	uint8_t resolved;
};

struct seg {
	uint64_t lo, hi;
	uint32_t node;
};

struct pv_sym__unit {
	Dwarf_Die die;          /* the unit's DIE (a skeleton's for split
				 * DWARF: its line table, comp_dir, ranges) */
	Dwarf_CU *cu;
	Dwarf_Die sdie;         /* where functions are: die, or the split
				 * unit of a skeleton */
	Dwarf *sdbg;            /* the Dwarf holding sdie */
	uint8_t skeleton;
	int8_t split;           /* 0 not looked up, 1 .dwo, 2 .dwp, -1 none */
	int state;              /* 0 not indexed, 1 indexed */
	const char *comp_dir;
	Dwarf_Lines *lines;
	size_t nlines;
	uint64_t *line_addr;    /* copy of the row addresses: a plain array
				 * to bisect */
	Dwarf_Files *files;
	size_t nfiles;
	struct node *nodes;
	size_t nnodes, nodes_cap;
	struct seg *segs;
	size_t nsegs;
};

/* ---- unit ranges -------------------------------------------------------- */

static int in_load_segment(const struct pv_sym__module *m, uint64_t lo)
{
	size_t i;

	if (!m->nphdrs)
		return 1;
	for (i = 0; i < m->nphdrs; i++)
		if (lo >= m->phdrs[i].vaddr &&
		    lo - m->phdrs[i].vaddr < m->phdrs[i].memsz)
			return 1;
	return 0;
}

static int cmp_range(const void *a, const void *b)
{
	const struct pv_sym__range *x = a, *y = b;

	if (x->lo != y->lo)
		return x->lo < y->lo ? -1 : 1;
	return x->unit < y->unit ? -1 : x->unit > y->unit;
}

int pv_sym__dwarf_index(struct pv_sym__module *m, struct pv_error *err)
{
	Dwarf_CU *cu = NULL, *next;
	Dwarf_Half version;
	uint8_t type;
	Dwarf_Die cudie;
	size_t ucap = 0, rcap = 0;

	while (dwarf_get_units(m->dwarf, cu, &next, &version, &type, &cudie,
			       NULL) == 0) {
		ptrdiff_t off = 0;
		Dwarf_Addr base, lo, hi;
		size_t before = m->nranges;

		cu = next;
		if (type != DW_UT_compile && type != DW_UT_skeleton)
			continue;
		while ((off = dwarf_ranges(&cudie, off, &base, &lo, &hi)) > 0) {
			/* ranges of discarded code (address 0, or a
			 * tombstone) lie outside every PT_LOAD */
			if (hi <= lo || !in_load_segment(m, lo))
				continue;
			if (m->nranges == rcap) {
				size_t cap = rcap ? rcap * 2 : 256;
				void *v = realloc(m->ranges, cap *
						  sizeof(*m->ranges));
				if (!v)
					goto oom;
				m->ranges = v;
				rcap = cap;
			}
			m->ranges[m->nranges].lo = lo;
			m->ranges[m->nranges].hi = hi;
			m->ranges[m->nranges].unit = (uint32_t)m->nunits;
			m->nranges++;
		}
		if (m->nranges == before)
			continue;
		if (m->nunits == ucap) {
			size_t cap = ucap ? ucap * 2 : 64;
			void *v = realloc(m->units, cap * sizeof(*m->units));
			if (!v)
				goto oom;
			m->units = v;
			ucap = cap;
		}
		memset(&m->units[m->nunits], 0, sizeof(m->units[0]));
		m->units[m->nunits].die = cudie;
		m->units[m->nunits].cu = cu;
		m->units[m->nunits].skeleton = type == DW_UT_skeleton;
		m->nunits++;
	}
	if (m->nranges)
		qsort(m->ranges, m->nranges, sizeof(*m->ranges), cmp_range);
	return 0;
oom:
	return pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET, "out of memory");
}

void pv_sym__dwarf_free(struct pv_sym__module *m)
{
	size_t i;

	for (i = 0; i < m->nunits; i++) {
		free(m->units[i].line_addr);
		free(m->units[i].nodes);
		free(m->units[i].segs);
	}
	free(m->units);
	free(m->ranges);
	m->units = NULL;
	m->ranges = NULL;
	m->nunits = m->nranges = 0;
}

/* ---- per-unit index: inline tree flattened into segments ---------------- */

struct interval {
	uint64_t lo, hi;
	uint32_t node, depth;
};

struct walk {
	struct pv_sym__module *m;
	struct pv_sym__unit *u;
	uint32_t node, depth;   /* what add_range adds for */
	struct pv_buf iv;       /* struct interval */
};

#define IV(w) PV_BUF_ITEMS(&(w)->iv, struct interval)
#define NIV(w) PV_BUF_COUNT(&(w)->iv, struct interval)

static int add_node(struct walk *w, Dwarf_Die *die, uint32_t parent,
		    int inlined, uint32_t *out)
{
	struct pv_sym__unit *u = w->u;
	struct node *n;

	if (u->nnodes == u->nodes_cap) {
		size_t cap = u->nodes_cap ? u->nodes_cap * 2 : 64;
		void *v = realloc(u->nodes, cap * sizeof(*u->nodes));

		if (!v)
			return PV_ENOMEM;
		u->nodes = v;
		u->nodes_cap = cap;
	}
	n = &u->nodes[u->nnodes];
	memset(n, 0, sizeof(*n));
	n->off = dwarf_dieoffset(die);
	n->parent = inlined ? parent : NONE;
	n->inlined = (uint8_t)inlined;
	*out = (uint32_t)u->nnodes++;
	return 0;
}

static int add_interval(struct walk *w, uint64_t lo, uint64_t hi,
			uint32_t node, uint32_t depth)
{
	struct interval *iv = pv_buf_extend(&w->iv, sizeof(*iv));

	if (!iv)
		return PV_ENOMEM;
	iv->lo = lo;
	iv->hi = hi;
	iv->node = node;
	iv->depth = depth;
	return 0;
}

static int add_range(void *ctx, uint64_t lo, uint64_t hi)
{
	struct walk *w = ctx;

	return add_interval(w, lo, hi, w->node, w->depth);
}

/* A subroutine DIE: one node and the intervals of its code.  Returns 1
 * when it has code, 0 when not, or an error. */
static int add_subroutine(struct walk *w, Dwarf_Die *die, uint32_t encl,
			  uint32_t depth, int inlined, uint32_t *node)
{
	ptrdiff_t off = 0;
	Dwarf_Addr base, lo, hi;
	int any = 0, rc;

	PV_TRY(add_node(w, die, encl, inlined, node));
	if (w->u->split == 2) {
		/* a unit from a .dwp: range lists are read there */
		w->node = *node;
		w->depth = depth;
		rc = pv_sym__dwp_ranges(w->m, die, add_range, w);
		if (rc != -1)
			return rc < 0 ? rc : rc > 0;
	}
	while ((off = dwarf_ranges(die, off, &base, &lo, &hi)) > 0) {
		if (hi <= lo)
			continue;
		any = 1;
		PV_TRY(add_interval(w, lo, hi, *node, depth));
	}
	return any;
}

/* Walks the children of parent.  encl is the innermost enclosing
 * subroutine node (NONE outside functions), depth its nesting depth. */
static int walk_children(struct walk *w, Dwarf_Die *parent, uint32_t encl,
			 uint32_t depth, int level)
{
	Dwarf_Die child;

	if (level > MAX_DIE_DEPTH || dwarf_child(parent, &child) != 0)
		return 0;
	do {
		uint32_t node;
		int rc;

		switch (dwarf_tag(&child)) {
		case DW_TAG_subprogram:
		case DW_TAG_inlined_subroutine:
			/* a subroutine without code still counts: gcc
			 * sometimes emits an empty range list for an inlined
			 * call whose inlined callees do have code, and the
			 * chain follows the DIE tree (as llvm-symbolizer
			 * does), not range containment */
			rc = add_subroutine(w, &child, encl, depth,
					    dwarf_tag(&child) ==
					    DW_TAG_inlined_subroutine, &node);
			if (rc < 0)
				return rc;
			PV_TRY(walk_children(w, &child, node, depth + 1,
					     level + 1));
			/* nothing below had code either: forget it */
			if (!rc && w->u->nnodes == (size_t)node + 1 &&
			    (!NIV(w) || IV(w)[NIV(w) - 1].node != node))
				w->u->nnodes--;
			break;
		case DW_TAG_lexical_block:
		case DW_TAG_try_block:
		case DW_TAG_catch_block:
		case DW_TAG_namespace:
		case DW_TAG_class_type:
		case DW_TAG_structure_type:
		case DW_TAG_union_type:
		case DW_TAG_module:
			/* may hold subprograms (C++ methods, nested
			 * functions) or inlined calls */
			PV_TRY(walk_children(w, &child, encl, depth,
					     level + 1));
			break;
		default:
			break;
		}
	} while (dwarf_siblingof(&child, &child) == 0);
	return 0;
}

/* Start ascending, outer before inner, longer before shorter. */
static int cmp_interval(const void *a, const void *b)
{
	const struct interval *x = a, *y = b;

	if (x->lo != y->lo)
		return x->lo < y->lo ? -1 : 1;
	if (x->depth != y->depth)
		return x->depth < y->depth ? -1 : 1;
	if (x->hi != y->hi)
		return x->hi > y->hi ? -1 : 1;
	return x->node < y->node ? -1 : x->node > y->node;
}

static void emit(struct pv_sym__unit *u, uint64_t lo, uint64_t hi,
		 uint32_t node)
{
	struct seg *last = u->nsegs ? &u->segs[u->nsegs - 1] : NULL;

	if (last && last->hi == lo && last->node == node) {
		last->hi = hi;
		return;
	}
	u->segs[u->nsegs].lo = lo;
	u->segs[u->nsegs].hi = hi;
	u->segs[u->nsegs].node = node;
	u->nsegs++;
}

/* Sweeps the sorted intervals with a stack of open ones: the top of the
 * stack is the innermost subroutine at the current position.  Nested
 * intervals (what DWARF promises) give exact results; overlapping
 * siblings from broken producers give the later one, without harm. */
static int flatten(struct pv_sym__unit *u, struct interval *iv, size_t n)
{
	uint32_t *stack;
	size_t sp = 0, i = 0;
	uint64_t pos = 0;

	if (!n)
		return 0;
	qsort(iv, n, sizeof(*iv), cmp_interval);
	stack = malloc(n * sizeof(*stack));
	/* each interval adds at most two boundaries */
	u->segs = malloc((2 * n + 1) * sizeof(*u->segs));
	if (!stack || !u->segs) {
		free(stack);
		return PV_ENOMEM;
	}
	pos = iv[0].lo;
	for (;;) {
		uint64_t next;

		while (i < n && iv[i].lo <= pos) {
			if (iv[i].hi > pos)
				stack[sp++] = (uint32_t)i;
			i++;
		}
		while (sp && iv[stack[sp - 1]].hi <= pos)
			sp--;
		if (!sp) {
			if (i >= n)
				break;
			pos = iv[i].lo;
			continue;
		}
		next = iv[stack[sp - 1]].hi;
		if (i < n && iv[i].lo < next)
			next = iv[i].lo;
		emit(u, pos, next, iv[stack[sp - 1]].node);
		pos = next;
	}
	free(stack);
	return 0;
}

/* Finds the split unit of a skeleton: libdw looks for its .dwo (beside
 * the binary, or at DW_AT_comp_dir/DW_AT_dwo_name); else the .dwp
 * package.  Without either, the unit keeps its line table (from the
 * skeleton) and the symbol table names its functions. */
static int find_split(struct pv_sym__module *m, struct pv_sym__unit *u)
{
	Dwarf_Die sub;
	int rc;

	if (u->split)
		return 0;
	u->split = -1;
	u->sdie = u->die;
	u->sdbg = m->dwarf;
	if (!u->skeleton)
		return 0;
	memset(&sub, 0, sizeof(sub));
	if (dwarf_cu_info(u->cu, NULL, NULL, NULL, &sub, NULL, NULL,
			  NULL) == 0 && sub.cu) {
		u->split = 1;
	} else {
		rc = pv_sym__dwp_unit(m, u->cu, &sub);
		if (rc < 0)
			return rc;
		if (rc)
			return 0;
		u->split = 2;
	}
	u->sdie = sub;
	u->sdbg = dwarf_cu_getdwarf(sub.cu);
	return 0;
}

void pv_sym__dwarf_split_stats(struct pv_sym__module *m, uint32_t *units,
			       uint32_t *found, uint32_t *from_dwp)
{
	size_t i;

	*units = *found = *from_dwp = 0;
	for (i = 0; i < m->nunits; i++) {
		struct pv_sym__unit *u = &m->units[i];

		if (!u->skeleton)
			continue;
		(*units)++;
		if (find_split(m, u))
			continue;
		*found += u->split > 0;
		*from_dwp += u->split == 2;
	}
}

static int index_unit(struct pv_sym__module *m, struct pv_sym__unit *u)
{
	struct walk w = { m, u, 0, 0, PV_BUF_INIT(0) };
	Dwarf_Attribute attr;
	size_t i;
	int rc;

	u->state = 1;
	PV_TRY(find_split(m, u));
	u->comp_dir = dwarf_formstring(dwarf_attr(&u->die, DW_AT_comp_dir,
						  &attr));
	if (dwarf_getsrclines(&u->die, &u->lines, &u->nlines) != 0) {
		u->lines = NULL;
		u->nlines = 0;
	}
	/* a split unit's call_file indexes its own file table when it has
	 * one (.debug_line.dwo), libdw falls back to the skeleton's */
	if (dwarf_getsrcfiles(&u->sdie, &u->files, &u->nfiles) != 0 &&
	    dwarf_getsrcfiles(&u->die, &u->files, &u->nfiles) != 0) {
		u->files = NULL;
		u->nfiles = 0;
	}
	if (u->nlines) {
		u->line_addr = malloc(u->nlines * sizeof(*u->line_addr));
		if (!u->line_addr)
			return PV_ENOMEM;
		for (i = 0; i < u->nlines; i++) {
			Dwarf_Addr a = 0;

			dwarf_lineaddr(dwarf_onesrcline(u->lines, i), &a);
			u->line_addr[i] = a;
		}
	}
	rc = walk_children(&w, &u->sdie, NONE, 0, 0);
	if (!rc)
		rc = flatten(u, IV(&w), NIV(&w));
	pv_buf_release(&w.iv);
	return rc;
}

/* ---- lookup ------------------------------------------------------------- */

static const char *die_name(Dwarf_Die *die)
{
	static const int attrs[] = {
		DW_AT_linkage_name, DW_AT_MIPS_linkage_name, DW_AT_name
	};
	Dwarf_Attribute a;
	size_t i;

	for (i = 0; i < sizeof(attrs) / sizeof(attrs[0]); i++) {
		const char *s;

		if (dwarf_attr_integrate(die, attrs[i], &a) &&
		    (s = dwarf_formstring(&a)))
			return s;
	}
	return NULL;
}

static uint32_t udata(Dwarf_Die *die, int name)
{
	Dwarf_Attribute a;
	Dwarf_Word w;

	if (!dwarf_attr(die, name, &a) || dwarf_formudata(&a, &w) ||
	    w > UINT32_MAX)
		return 0;
	return (uint32_t)w;
}

static struct node *resolve_node(struct pv_sym__unit *u, uint32_t i)
{
	struct node *n = &u->nodes[i];
	Dwarf_Die die;
	int decl;

	if (n->resolved)
		return n;
	n->resolved = 1;
	if (!dwarf_offdie(u->sdbg, n->off, &die))
		return n;
	n->name = die_name(&die);
	if (dwarf_decl_line(&die, &decl) == 0 && decl > 0)
		n->decl_line = (uint32_t)decl;
	if (n->inlined) {
		n->call_file = udata(&die, DW_AT_call_file);
		n->call_line = udata(&die, DW_AT_call_line);
		n->call_column = udata(&die, DW_AT_call_column);
	}
	return n;
}

static const char *file_name(struct pv_sym__unit *u, uint32_t idx)
{
	if (!u->files || idx >= u->nfiles)
		return NULL;
	return dwarf_filesrc(u->files, idx, NULL, NULL);
}

static struct pv_sym__unit *find_unit(struct pv_sym__module *m,
				      uint64_t vaddr)
{
	size_t lo = 0, hi = m->nranges, k;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (m->ranges[mid].lo <= vaddr)
			lo = mid + 1;
		else
			hi = mid;
	}
	/* a few steps back cover overlapping unit ranges */
	for (k = 0; k < 8 && lo > k; k++) {
		const struct pv_sym__range *r = &m->ranges[lo - 1 - k];

		if (vaddr < r->hi)
			return &m->units[r->unit];
	}
	return NULL;
}

/* Index of the last row at or below vaddr, or -1 (none, or the end of a
 * sequence). */
static ptrdiff_t find_row(const struct pv_sym__unit *u, uint64_t vaddr)
{
	size_t lo = 0, hi = u->nlines;
	bool end = false;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (u->line_addr[mid] <= vaddr)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (!lo)
		return -1;
	if (dwarf_lineendsequence(dwarf_onesrcline(u->lines, lo - 1), &end) ||
	    end)
		return -1;
	return (ptrdiff_t)(lo - 1);
}

static uint32_t find_seg(const struct pv_sym__unit *u, uint64_t vaddr)
{
	size_t lo = 0, hi = u->nsegs;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (u->segs[mid].lo <= vaddr)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (!lo || vaddr >= u->segs[lo - 1].hi)
		return NONE;
	return u->segs[lo - 1].node;
}

int pv_sym__dwarf_lookup(struct pv_sym__module *m, uint64_t vaddr,
			 struct pv_sym__level *lv, int max, uint32_t *indexed)
{
	struct pv_sym__unit *u;
	uint32_t ni;
	ptrdiff_t row;
	int n = 0;

	if (!m->dwarf || max < 1 || !(u = find_unit(m, vaddr)))
		return 0;
	if (!u->state) {
		PV_TRY(index_unit(m, u));
		(*indexed)++;
	}
	memset(&lv[0], 0, sizeof(lv[0]));
	lv[0].comp_dir = u->comp_dir;
	row = find_row(u, vaddr);
	if (row >= 0) {
		Dwarf_Line *l = dwarf_onesrcline(u->lines, (size_t)row);
		int line = 0, col = 0;

		lv[0].file = dwarf_linesrc(l, NULL, NULL);
		dwarf_lineno(l, &line);
		dwarf_linecol(l, &col);
		lv[0].line = line > 0 ? (uint32_t)line : 0;
		lv[0].column = col > 0 ? (uint32_t)col : 0;
	}
	ni = find_seg(u, vaddr);
	if (ni == NONE)
		return row >= 0 ? 1 : 0;
	for (;;) {
		struct node *nd = resolve_node(u, ni);

		lv[n].name = nd->name;
		lv[n].decl_line = nd->decl_line;
		n++;
		if (!nd->inlined || nd->parent == NONE || n == max)
			break;
		memset(&lv[n], 0, sizeof(lv[n]));
		lv[n].comp_dir = u->comp_dir;
		lv[n].file = file_name(u, nd->call_file);
		lv[n].line = nd->call_line;
		lv[n].column = nd->call_column;
		ni = nd->parent;
	}
	return n;
}
