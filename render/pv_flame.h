/* pv_flame.h - flame graphs: one layout, drawn as interactive SVG or, via
 * cairo, as static PNG/PDF.
 *
 * The layout turns a call tree into rectangles once; the SVG writer and
 * the cairo renderer both draw from it, so every format shows the same
 * frames at the same widths.  Callers that need their own colours or
 * tooltip text (a differential flame graph) supply hooks; callers that
 * embed the graph in a larger document (an HTML report) write it into
 * their own xmlTextWriter, with ids and script scoped by a prefix.
 *
 * Ownership: a layout borrows the profile and the call tree it was built
 * from; both must outlive it.  Writers free their libxml2/cairo objects
 * before they return.  Errors: 0, or PV_ENOMEM / PV_EWRITE / PV_EUSAGE with
 * err filled in.
 */
#ifndef PV_FLAME_H
#define PV_FLAME_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <libxml/xmlwriter.h>

#include "profile/pv_calltree.h"
#include "profile/pv_error.h"
#include "profile/pv_profile.h"

/* Width limits of a flame graph, the same for every command that draws
 * one (flame, diff --flame) and every format: cairo draws PNG and PDF up
 * to 32767 pixels, and SVG keeps to the same range. */
#define PV_FLAME_MIN_WIDTH 100
#define PV_FLAME_MAX_WIDTH 32767

enum pv_flame_palette {
	PV_FLAME_KIND = 0,   /* hue family by frame kind, shade by name hash */
	PV_FLAME_HOT, PV_FLAME_MEM, PV_FLAME_IO,
	PV_FLAME_BLUE, PV_FLAME_GREEN, PV_FLAME_AQUA
};

/* Parses "kind", "hot", ... into *out; returns 0 or -1. */
int pv_flame_palette_parse(const char *name, enum pv_flame_palette *out);

/* Per-node hooks; any may be NULL.  node is a row of the call tree, or
 * PV_NONE for the synthetic root frame ("all"). */
struct pv_flame_hooks {
	/* Colour of a node as 0xRRGGBB; return nonzero to use it, 0 for
	 * the palette's colour. */
	int (*color)(void *ctx, const struct pv_calltree *t, uint32_t node,
		     uint32_t *rgb);
	/* Extra tooltip text (one line, raw bytes: made valid UTF-8 and
	 * escaped by the writer) into buf[0..len); return its length, 0
	 * for none. */
	size_t (*tooltip)(void *ctx, const struct pv_calltree *t,
			  uint32_t node, char *buf, size_t len);
	void *ctx;
};

/* A line of text drawn under the graph (e.g. frames that vanished). */
struct pv_flame_note {
	const char *text;    /* raw bytes, made valid UTF-8 by the writer */
	uint32_t rgb;        /* colour of the swatch before it, 0xRRGGBB */
};

/* One entry of the colour legend drawn under the graph: a swatch and
 * what its colour means. */
struct pv_flame_key {
	const char *text;    /* raw bytes, made valid UTF-8 by the writer */
	uint32_t rgb;        /* 0xRRGGBB */
};

#define PV_FLAME_MAX_KEYS 8

struct pv_flame_opts {
	const char *title;        /* NULL: "Flame Graph" ("Icicle Graph") */
	const char *subtitle;     /* NULL: none */
	double width;             /* px; 0 = 1200 */
	double frame_height;      /* px; 0 = 16 */
	double minwidth;          /* px; frames narrower are left out (their
				     weight stays in the parent); <0 = 0.1 */
	size_t max_size;          /* SVG byte budget; 0 = 5 MB.  The layout
				     raises minwidth until the frames fit */
	int icicle;               /* root at the top */
	int truncate_start;       /* cut long labels at the start ("..xyz") */
	enum pv_flame_palette palette;
	const char *unit;         /* "samples" (NULL) or e.g. "us" */
	const char *id_prefix;    /* ids, CSS and script scope; NULL = "pvf" */
	struct pv_flame_hooks hooks;
	const struct pv_flame_note *notes;
	size_t nnotes;
	/* The colour legend (at most PV_FLAME_MAX_KEYS entries).  NULL: by
	 * kind (Python, JIT, native, thread, other), listing only the
	 * kinds of the frames drawn, when the palette is "kind" and no
	 * colour hook is set; no legend otherwise. */
	const struct pv_flame_key *keys;
	size_t nkeys;
};

/* One drawn frame.  x and w are in px inside the graph area; start and
 * weight are in samples (or weight units), so a viewer can rescale. */
struct pv_flame_rect {
	uint32_t node;       /* call tree row, PV_NONE for the root frame */
	uint32_t parent;     /* index of the parent rect, UINT32_MAX for root */
	uint32_t depth;      /* 0 for the root frame */
	uint64_t start;      /* weight to the left of it within the root */
	uint64_t weight;     /* node total */
	double x, w;
};

struct pv_flame_layout {
	const struct pv_profile *p;
	const struct pv_calltree *t;
	struct pv_flame_opts o;     /* with defaults filled in */
	struct pv_flame_rect *rects;  /* parents before children, children
					 in the tree's sibling order */
	uint32_t nrects;
	uint32_t max_depth;         /* deepest drawn depth */
	uint64_t total;             /* the root frame's weight */
	uint64_t omitted;           /* nodes left out as too narrow */
	double minwidth;            /* effective: >= the requested one */
	int raised;                 /* minwidth was raised to fit max_size */
	struct pv_flame_key keys[PV_FLAME_MAX_KEYS];  /* the legend */
	size_t nkeys;               /* 0: no legend row */
	double graph_x, graph_y;    /* top-left of the frame area, px */
	double height;              /* whole image, px */
};

/* Lays out t (built from p; sort it first, e.g. by pv_cnode_cmp_name).
 * The root frame spans the whole width and weighs t->total. */
int pv_flame_layout_new(struct pv_flame_layout **out,
			const struct pv_profile *p,
			const struct pv_calltree *t,
			const struct pv_flame_opts *o, struct pv_error *err);
void pv_flame_layout_free(struct pv_flame_layout *l);
/* The weight below which no frame can be drawn at o's minwidth in a
 * graph whose root weighs total: a call tree built with it as min_total
 * (pv_tree_opts) lays out to the same graph with a fraction of the
 * nodes.  0 when every frame may be drawn. */
uint64_t pv_flame_min_weight(const struct pv_flame_opts *o, uint64_t total);

/* Frame label, tooltip and colour as every renderer shows them. */
const char *pv_flame_name(const struct pv_flame_layout *l, uint32_t rect,
			  char *buf);  /* buf: 64 bytes */
uint32_t pv_flame_color(const struct pv_flame_layout *l, uint32_t rect);
/* The colour a frame of function `name` drawn as `kind` gets under pal
 * (0xRRGGBB): what pv_flame_color gives without hooks, so other views
 * (the timeline) colour a function as the flame graph does. */
uint32_t pv_flame_palette_color(enum pv_flame_palette pal, enum pv_kind kind,
				const char *name);
/* The kind a frame merging the kinds in mask kinds (bit 1 << kind) is
 * drawn as: JIT wins over interpreted, then the lowest kind. */
enum pv_kind pv_flame_pick_kind(uint32_t kinds);
/* "python", "jit", "native", "python+jit", ... into buf (64 bytes). */
const char *pv_flame_kind_text(const struct pv_flame_layout *l,
			       uint32_t rect, char *buf);

/* The SVG: a whole document (XML declaration, <svg> root) to out. */
int pv_render_flame_svg(const struct pv_flame_layout *l, FILE *out,
		       struct pv_error *err);
/* Just the <svg> element, into a writer the caller owns (an HTML page):
 * no declaration, no DOCTYPE; every id and CSS rule is scoped by
 * o.id_prefix, so several graphs may share one page. */
int pv_render_flame_svg_element(const struct pv_flame_layout *l,
				xmlTextWriterPtr w, struct pv_error *err);
/* The whole document as a malloc'd string (*out, *len; caller frees). */
int pv_render_flame_svg_string(const struct pv_flame_layout *l, char **out,
			       size_t *len, struct pv_error *err);

enum pv_flame_format { PV_FLAME_SVG = 0, PV_FLAME_PNG, PV_FLAME_PDF };

/* Static PNG or PDF of the same layout through cairo, to out. */
int pv_render_flame_cairo(const struct pv_flame_layout *l,
			 enum pv_flame_format fmt, FILE *out,
			 struct pv_error *err);

/* Frees cairo's and fontconfig's process-wide caches; call once, at
 * program end, after the last pv_render_flame_cairo (leak checkers). */
void pv_flame_cairo_shutdown(void);

#endif
