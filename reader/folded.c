/* folded.c - folded stacks text ("main;f;g 42" per line, as flamegraph.pl's
 * stackcollapse tools, perf pipelines and `profview fold` write it) read
 * into the same profile model as a vmprof log.
 *
 * Files of this kind reach hundreds of MB, so the reader scans with
 * memchr, interns each distinct frame text once, and reuses the stack
 * rows of the previous line's common prefix (collapsed output is sorted,
 * so neighbouring lines share most of their frames).  What is left of a
 * line is mostly cache misses (a name slot, its text, a slot of the big
 * stack index per frame), so a line is read in phases that prefetch them
 * together.  One sample row per line carries the line's count.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "profile/profile_int.h"
#include "profile/pv_hash.h"
#include "reader/reader_int.h"

#define MAX_LINE ((size_t)256 << 20)
/* rows one folded line may take (its count split in 32-bit parts) */
#define FOLD_MAX_ROWS 16

#if defined(__GNUC__) || defined(__clang__)
#define PREFETCH(addr) __builtin_prefetch(addr)
#else
#define PREFETCH(addr) ((void)(addr))
#endif

/* The frame texts seen so far: an open-addressing table of slots that
 * hold what a probe needs (hash bits, length, where the text is, the
 * frame), and every distinct text back to back in one buffer.  A lookup
 * then touches one slot and one dense run of text, which stay cached
 * while millions of stack rows stream past. */
struct name_slot {
	uint32_t tag;         /* low 32 bits of the text's hash */
	uint32_t len;         /* 0: empty slot */
	uint32_t off;         /* the text, in names.text */
	uint32_t frame;       /* frame row */
};

/* One frame of the line being parsed, between the parsing phases. */
struct seg {
	uint32_t pos, len;    /* in the line */
	uint64_t hash;        /* of its text */
	uint32_t cand;        /* slot whose text may match, or PV_NONE */
};

/* A parsed line: what interning it needs, without its text.  Its frames
 * after the first `shared` (the frames it has in common with the previous
 * parsed line) are the next `nnew` entries of the batch's frame and path
 * arrays. */
struct pline {
	uint64_t count;
	uint32_t shared, nnew;
};

/* Parsed lines on their way from the parsing stage to the interning
 * stage: a few thousand whole lines of the input. */
struct batch {
	struct pline *line;
	size_t nline, line_cap;
	uint32_t *frame;      /* frame row */
	uint64_t *path;       /* path hash of the stack ending there */
	size_t nframe, frame_cap;
	int last;             /* the input ends after this batch */
	int rc;               /* parsing failed after this batch's lines */
	struct pv_error err;  /* ... with this error */
};

#define BATCH_LINES 4096
#define NBATCH 3

/* The parsing stage: reads lines, names their frames (frame rows are
 * made here, in order of first appearance) and hashes their paths. */
struct parse {
	struct rd *r;
	struct pv_error *err;     /* the stage's own error (its batch's) */
	struct name_slot *slots;
	size_t slots_cap;         /* power of two, at most half full */
	uint32_t nnames;
	char *text;
	size_t text_len, text_cap;

	/* previous parsed line: its stack text and, per frame, where it
	 * ends, its frame row and its path hash */
	char *prev;
	size_t prev_len, prev_cap;
	uint32_t *prev_end, *prev_frame;
	uint64_t *prev_path;
	size_t prev_depth, depth_cap;
	struct seg *segs;         /* depth_cap of them */

	uint64_t bad_lines, first_bad;
	uint64_t huge_lines, first_huge;
};

/* The interning stage: stack rows and samples.  Its index maps the hash
 * of a whole path (root to frame) to the stack row, so the probes of a
 * line's frames can all be started before the first is settled; with a
 * (prefix, frame) key each probe would wait for the one above it. */
struct intern {
	struct pv_profile *p;
	uint32_t src, thread;
	struct pv_rowindex ix;    /* path hash -> stack row */
	uint32_t *prev_stack;     /* previous line's stack row per depth */
	size_t depth_cap;
	uint32_t *cand;           /* hints of a few lines (scan_hints) */
	size_t cand_cap;
	uint32_t *at;             /* where each line of a batch starts */
	size_t at_cap;
};

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Path hash of the stack `frame hash h` under a stack of path hash up:
 * the same path (the same frame texts from the root) gives the same
 * hash, whatever the row numbers. */
static inline uint64_t path_step(uint64_t up, uint64_t h)
{
	return pv_hash_mix(up * 0x9e3779b97f4a7c15ULL ^ h);
}

#define PATH_ROOT 0x6a09e667f3bcc909ULL

/* Kind of a frame from its text alone: folded stacks carry no kinds.
 * "name (file.py:12)" (py-spy, profview fold) is Python; perf's "_[j]",
 * "_[k]", "_[i]" suffixes mark JIT, kernel and inlined code; "[lib.so]",
 * "<native 0x..>", C++ "::" and module paths are native. */
static enum pv_kind guess_kind(const char *s, size_t n, int has_file)
{
	if (has_file)
		return PV_KIND_PYTHON;
	if (n > 4 && s[n - 4] == '_' && s[n - 3] == '[' && s[n - 1] == ']') {
		if (s[n - 2] == 'j')
			return PV_KIND_JIT;
		if (s[n - 2] == 'i')
			return PV_KIND_INLINE;
		return PV_KIND_NATIVE;
	}
	if ((n && s[0] == '[') || (n > 7 && !memcmp(s, "<native", 7)))
		return PV_KIND_NATIVE;
	for (size_t i = 0; i + 2 < n; i++)
		if ((s[i] == ':' && s[i + 1] == ':') ||
		    (s[i] == '.' && s[i + 1] == 's' && s[i + 2] == 'o'))
			return PV_KIND_NATIVE;
	return PV_KIND_UNKNOWN;
}

/* Splits "name (file:line)" into its parts; returns 1 when it has them. */
static int split_location(const char *s, size_t n, size_t *name_len,
			  const char **file, size_t *file_len, uint32_t *line)
{
	size_t close = n - 1, colon, open;
	uint64_t v = 0;

	if (n < 6 || s[close] != ')')
		return 0;
	colon = close;
	while (colon > 0 && is_digit(s[colon - 1]))
		colon--;
	if (colon == close || colon < 2 || s[--colon] != ':' ||
	    close - colon > 10)
		return 0;
	for (size_t i = colon + 1; i < close; i++)
		v = v * 10 + (uint64_t)(s[i] - '0');
	for (open = colon; open > 0; open--)
		if (s[open - 1] == '(' && open >= 2 && s[open - 2] == ' ')
			break;
	if (!open || open - 2 == 0)
		return 0;
	*name_len = open - 2;
	*file = s + open;
	*file_len = colon - open;
	*line = v > UINT32_MAX ? 0 : (uint32_t)v;
	return 1;
}

static int nomem(struct pv_error *err)
{
	return pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET, "out of memory");
}

/* ---- parsing: text -> frames and path hashes ------------------------- */

static int grow_names(struct parse *f)
{
	size_t ncap = f->slots_cap ? f->slots_cap * 2 : 4096;
	struct name_slot *ns = calloc(ncap, sizeof(*ns));

	if (!ns)
		return -1;
	for (size_t i = 0; i < f->slots_cap; i++) {
		size_t j;
		if (!f->slots[i].len)
			continue;
		for (j = f->slots[i].tag & (ncap - 1); ns[j].len;
		     j = (j + 1) & (ncap - 1))
			;
		ns[j] = f->slots[i];
	}
	free(f->slots);
	f->slots = ns;
	f->slots_cap = ncap;
	return 0;
}

static int slot_is(const struct parse *f, size_t i, const char *s,
		   uint32_t n, uint32_t tag)
{
	const struct name_slot *sl = &f->slots[i];

	return sl->tag == tag && sl->len == n &&
	       !memcmp(f->text + sl->off, s, n);
}

/* Frame row for the frame text s[0..n) with hash tag: one per distinct
 * text, made (with its function) the first time the text is seen.  cand
 * is a slot found earlier that may hold it (PV_NONE: none). */
static int frame_of(struct parse *f, const char *s, uint32_t n, uint32_t tag,
		    uint32_t cand, uint32_t *out)
{
	struct pv_profile *p = f->r->p;
	struct pv_func fn = { 0 };
	struct pv_frame fr = { 0 };
	const char *file = "";
	size_t name_len = n, file_len = 0, i, mask = f->slots_cap - 1;
	uint32_t line = 0, func;
	int has_file;

	if (cand != PV_NONE && slot_is(f, cand, s, n, tag)) {
		*out = f->slots[cand].frame;
		return 0;
	}
	for (i = tag & mask; f->slots[i].len; i = (i + 1) & mask) {
		if (slot_is(f, i, s, n, tag)) {
			*out = f->slots[i].frame;
			return 0;
		}
	}
	if (f->text_len + n > UINT32_MAX)
		return pv_error_set(f->err, PV_ELIMIT, PV_NO_OFFSET,
				    "frame names longer than 4 GB in all");
	has_file = split_location(s, n, &name_len, &file, &file_len, &line);
	fn.name = pv_profile_intern(p, s, name_len);
	fn.file = pv_profile_intern(p, file, file_len);
	fn.line = line;
	fr.kind = (uint8_t)guess_kind(s, n, has_file);
	fn.lang = has_file ? PV_LANG_PYTHON :
		  fr.kind == PV_KIND_UNKNOWN ? PV_LANG_OTHER : PV_LANG_NATIVE;
	if (!fn.name || !fn.file || !(fn.module = pv_profile_intern(p, "", 0)))
		return nomem(f->err);
	PV_TRY(pv_profile_add_func(p, &fn, &func, f->err));
	fr.addr = f->nnames;
	fr.func = func;
	fr.source = f->r->src;
	PV_TRY(pv_profile_add_frame(p, &fr, out, f->err));
	if (f->text_len + n > f->text_cap) {
		size_t ncap = f->text_cap ? f->text_cap * 2 : 65536;
		void *nt;
		while (ncap < f->text_len + n)
			ncap *= 2;
		nt = realloc(f->text, ncap);
		if (!nt)
			return nomem(f->err);
		f->text = nt;
		f->text_cap = ncap;
	}
	memcpy(f->text + f->text_len, s, n);
	f->slots[i] = (struct name_slot){ tag, n, (uint32_t)f->text_len,
					  *out };
	f->text_len += n;
	f->nnames++;
	if ((size_t)f->nnames * 2 > f->slots_cap && grow_names(f))
		return nomem(f->err);
	return 0;
}

/* Room for a stack text of len bytes and depth frames in the previous
 * line's arrays.  Returns 0 or -1. */
static int grow_prev(struct parse *f, size_t len, size_t depth)
{
	if (len > f->prev_cap) {
		size_t ncap = f->prev_cap ? f->prev_cap : 4096;
		char *nb;
		while (ncap < len)
			ncap *= 2;
		nb = realloc(f->prev, ncap);
		if (!nb)
			return -1;
		f->prev = nb;
		f->prev_cap = ncap;
	}
	if (depth > f->depth_cap) {
		size_t ncap = f->depth_cap ? f->depth_cap * 2 : 256;
		uint32_t *a, *b;
		uint64_t *c;
		struct seg *sg;
		while (ncap < depth)
			ncap *= 2;
		a = realloc(f->prev_end, ncap * sizeof(*a));
		if (a)
			f->prev_end = a;
		b = realloc(f->prev_frame, ncap * sizeof(*b));
		if (b)
			f->prev_frame = b;
		c = realloc(f->prev_path, ncap * sizeof(*c));
		if (c)
			f->prev_path = c;
		sg = realloc(f->segs, ncap * sizeof(*sg));
		if (sg)
			f->segs = sg;
		if (!a || !b || !c || !sg)
			return -1;
		f->depth_cap = ncap;
	}
	return 0;
}

/* Room for one more line of up to nframe new frames in batch b. */
static int batch_room(struct batch *b, size_t nframe)
{
	if (b->nline == b->line_cap) {
		size_t ncap = b->line_cap ? b->line_cap * 2 : BATCH_LINES;
		struct pline *nl = realloc(b->line, ncap * sizeof(*nl));
		if (!nl)
			return -1;
		b->line = nl;
		b->line_cap = ncap;
	}
	if (b->nframe + nframe > b->frame_cap) {
		size_t ncap = b->frame_cap ? b->frame_cap * 2 : 65536;
		uint32_t *fr;
		uint64_t *pa;
		while (ncap < b->nframe + nframe)
			ncap *= 2;
		fr = realloc(b->frame, ncap * sizeof(*fr));
		if (fr)
			b->frame = fr;
		pa = realloc(b->path, ncap * sizeof(*pa));
		if (pa)
			b->path = pa;
		if (!fr || !pa)
			return -1;
		b->frame_cap = ncap;
	}
	return 0;
}

/* Length of the common prefix of a and b (n bytes each at most): eight
 * bytes a step, as neighbouring lines share kilobytes. */
static size_t common_prefix(const char *a, const char *b, size_t n)
{
	size_t i = 0;

	for (; i + 8 <= n; i += 8) {
		uint64_t x, y;
		memcpy(&x, a + i, 8);
		memcpy(&y, b + i, 8);
		if (x != y)
			break;
	}
	while (i < n && a[i] == b[i])
		i++;
	return i;
}

/* parse_line: the first job of a folded line.  Reads the text s[0..n)
 * (one line without its newline, found at byte off of the input) and, if
 * it carries samples, appends its record to b: its count, how many
 * leading frames it shares with the previous line that carried samples,
 * and for each further frame its frame row (made here the first time a
 * text is seen) and the hash of its path from the root.  Comments, blank
 * lines, lines without a count and lines with a count of 0 add nothing;
 * lines without a count or with one too big to hold are counted for the
 * warnings.  Touches only the parsing state, the profile's strings,
 * functions and frames, and b.  Returns 0 or a negative code (PV_ELIMIT
 * for a stack too deep or a frame name too long, PV_ENOMEM) with f->err
 * set. */
static int parse_line(struct parse *f, struct batch *b, const char *s,
		      size_t n, uint64_t off)
{
	const struct rd *r = f->r;
	size_t sp, stack_len, common, k = 0, pos, depth;
	uint64_t count = 0, path;
	size_t nseg = 0;
	struct pline *pl;

	if (n && s[n - 1] == '\r')
		n--;
	if (!n || s[0] == '#')
		return 0;
	sp = n;
	while (sp > 0 && is_digit(s[sp - 1]))
		sp--;
	if (sp == n || sp == 0 || (s[sp - 1] != ' ' && s[sp - 1] != '\t') ||
	    n - sp > 19) {
		if (!f->bad_lines++)
			f->first_bad = off;
		return 0;
	}
	for (size_t i = sp; i < n; i++)
		count = count * 10 + (uint64_t)(s[i] - '0');
	stack_len = sp - 1;
	while (stack_len > 0 && (s[stack_len - 1] == ' ' ||
				 s[stack_len - 1] == '\t'))
		stack_len--;
	if (!count)
		return 0;
	/* a row holds 32 bits of count; a line takes at most FOLD_MAX_ROWS
	 * rows, so memory follows the input's size, not the numbers in it */
	if (count > (uint64_t)FOLD_MAX_ROWS * UINT32_MAX) {
		if (!f->huge_lines++)
			f->first_huge = off;
		return 0;
	}

	/* frames shared with the previous line keep what it found */
	common = common_prefix(s, f->prev, stack_len < f->prev_len ?
					   stack_len : f->prev_len);
	while (k < f->prev_depth && f->prev_end[k] <= common &&
	       (f->prev_end[k] == stack_len || s[f->prev_end[k]] == ';'))
		k++;
	pos = k ? f->prev_end[k - 1] + 1 : 0;
	path = k ? f->prev_path[k - 1] : PATH_ROOT;
	depth = k;
	if (grow_prev(f, stack_len, depth + 1))
		return nomem(f->err);
	/* The rest goes in phases, so that the cache misses of a line's
	 * frames overlap instead of queueing one behind the other: split
	 * and hash every frame and prefetch its name slot; find the slots
	 * whose text may match and prefetch the text; then settle frames
	 * in order. */
	while (pos < stack_len) {
		const char *semi = memchr(s + pos, ';', stack_len - pos);
		size_t end = semi ? (size_t)(semi - s) : stack_len;
		if (end > pos) {   /* empty frames (";;") are skipped */
			struct seg *g;
			if (depth + nseg >= r->max_depth)
				return pv_error_set(f->err, PV_ELIMIT, off,
						    "stack deeper than %u frames",
						    r->max_depth);
			if (end - pos > r->max_string)
				return pv_error_set(f->err, PV_ELIMIT, off,
						    "frame name longer than %u bytes",
						    r->max_string);
			if (grow_prev(f, stack_len, depth + nseg + 1))
				return nomem(f->err);
			g = &f->segs[nseg++];
			g->pos = (uint32_t)pos;
			g->len = (uint32_t)(end - pos);
			g->hash = pv_hash_bytes(s + pos, end - pos, 0x5f0d);
			PREFETCH(&f->slots[(uint32_t)g->hash &
					   (f->slots_cap - 1)]);
		}
		pos = end + 1;
	}
	for (size_t i = 0; i < nseg; i++) {
		struct seg *g = &f->segs[i];
		size_t mask = f->slots_cap - 1, j;
		uint32_t tag = (uint32_t)g->hash;
		g->cand = PV_NONE;
		for (j = tag & mask; f->slots[j].len; j = (j + 1) & mask) {
			if (f->slots[j].tag == tag &&
			    f->slots[j].len == g->len) {
				const char *t = f->text + f->slots[j].off;
				g->cand = (uint32_t)j;
				PREFETCH(t);
				PREFETCH(t + g->len - 1);
				break;
			}
		}
	}
	if (batch_room(b, nseg))
		return nomem(f->err);
	for (size_t i = 0; i < nseg; i++) {
		const struct seg *g = &f->segs[i];
		uint32_t frame;
		PV_TRY(frame_of(f, s + g->pos, g->len, (uint32_t)g->hash,
				g->cand, &frame));
		path = path_step(path, g->hash);
		b->frame[b->nframe + i] = frame;
		b->path[b->nframe + i] = path;
		f->prev_end[depth] = g->pos + g->len;
		f->prev_frame[depth] = frame;
		f->prev_path[depth] = path;
		depth++;
	}
	pl = &b->line[b->nline++];
	pl->count = count;
	pl->shared = (uint32_t)k;
	pl->nnew = (uint32_t)nseg;
	b->nframe += nseg;
	if (stack_len)   /* a line with a count only has no stack */
		memcpy(f->prev, s, stack_len);
	f->prev_len = stack_len;
	f->prev_depth = depth;
	return 0;
}

/* ---- interning: frames and path hashes -> stack rows and samples ----- */

struct path_probe {
	const struct pv_stack *rows;
	uint32_t prefix, frame;
};

static int path_eq(const void *ctx, uint32_t row)
{
	const struct path_probe *pr = ctx;

	return pr->rows[row].prefix == pr->prefix &&
	       pr->rows[row].frame == pr->frame;
}

/* Room for n hints in t->cand. */
static int grow_intern(struct intern *t, size_t n)
{
	size_t ncap = t->cand_cap ? t->cand_cap : 512;
	uint32_t *c;

	if (n <= t->cand_cap)
		return 0;
	while (ncap < n)
		ncap *= 2;
	c = realloc(t->cand, ncap * sizeof(*c));
	if (!c)
		return -1;
	t->cand = c;
	t->cand_cap = ncap;
	return 0;
}

/* Room for n line offsets in t->at. */
static int grow_at(struct intern *t, size_t n)
{
	size_t ncap = t->at_cap ? t->at_cap : 4096;
	uint32_t *a;

	if (n <= t->at_cap)
		return 0;
	while (ncap < n)
		ncap *= 2;
	a = realloc(t->at, ncap * sizeof(*a));
	if (!a)
		return -1;
	t->at = a;
	t->at_cap = ncap;
	return 0;
}

/* Room for a line of depth frames in t->prev_stack. */
static int grow_depth(struct intern *t, size_t depth)
{
	size_t ncap = t->depth_cap ? t->depth_cap : 256;
	uint32_t *a;

	if (depth <= t->depth_cap)
		return 0;
	while (ncap < depth)
		ncap *= 2;
	a = realloc(t->prev_stack, ncap * sizeof(*a));
	if (!a)
		return -1;
	t->prev_stack = a;
	t->depth_cap = ncap;
	return 0;
}

/* Hints for one parsed line's probes: per new frame, the row of the
 * first slot whose tag matches its path hash (PV_NONE: none), whose
 * stack row is asked for from memory.  Only a hint: rows made after the
 * scan are not in it, and tags may collide. */
static void scan_hints(struct intern *t, const uint64_t *path, size_t n,
		       uint32_t *cand)
{
	const struct pv_rowindex *ix = &t->ix;
	size_t mask = ix->cap - 1;

	for (size_t i = 0; i < n; i++) {
		uint32_t tag = (uint32_t)path[i];
		cand[i] = PV_NONE;
		for (size_t j = tag & mask; ix->slot[j].row;
		     j = (j + 1) & mask) {
			if (ix->slot[j].tag == tag) {
				cand[i] = ix->slot[j].row - 1;
				PREFETCH(&t->p->stacks[cand[i]]);
				break;
			}
		}
	}
}

/* intern_line: the second job of a folded line.  Turns the parsed line
 * pl, whose new frames and path hashes are frame[0..pl->nnew) and
 * path[0..pl->nnew), into its stack row: the first pl->shared frames are
 * the previous line's rows, the rest are found through the path index
 * (cand holds a hint per new frame, see scan_hints) or appended (in
 * order, so rows appear in order of first appearance in the input);
 * then adds the line's samples and counts it in its source and thread.
 * The index must have room for pl->nnew more rows.  Touches only the
 * interning state and the profile's stacks, samples, source counters
 * and thread.  Returns 0 or PV_ENOMEM with err set. */
static int intern_line(struct intern *t, const struct pline *pl,
		       const uint32_t *frame, const uint64_t *path,
		       const uint32_t *cand, struct pv_error *err)
{
	struct pv_profile *p = t->p;
	struct pv_source *src = &p->sources[t->src];
	struct pv_rowindex *ix = &t->ix;
	size_t depth = pl->shared, n = pl->nnew, i;
	uint32_t stack = depth ? t->prev_stack[depth - 1] : PV_NONE;

	if (grow_depth(t, depth + n + 1))
		return nomem(err);
	for (i = 0; i < n; i++) {
		struct path_probe pr = { p->stacks, stack, frame[i] };
		uint32_t c = cand[i], row;
		if (c != PV_NONE && path_eq(&pr, c))
			row = c;
		else if ((row = pv_rowindex_find(ix, path[i], path_eq,
						  &pr)) == UINT32_MAX)
			break;   /* new here, so new below too */
		stack = row;
		t->prev_stack[depth++] = stack;
	}
	if (i < n) {   /* frames i.. make new rows, each under the last */
		uint32_t first;
		if (pv_profile__append_stacks(p, stack, frame + i, n - i,
					      &first))
			return nomem(err);
		for (size_t k = i; k < n; k++) {
			stack = first + (uint32_t)(k - i);
			pv_rowindex_insert(ix, path[k], stack);
			t->prev_stack[depth++] = stack;
		}
	}
	if (depth > src->max_depth)
		src->max_depth = (uint32_t)depth;
	if (!depth)
		src->empty_samples += pl->count;
	src->samples += pl->count;
	src->folded_lines++;
	p->threads[t->thread].samples += pl->count;
	/* a row's count is 32 bits; bigger counts take several rows */
	return pv_profile_add_samples(p, stack, t->thread, 0, 0, pl->count,
				      err);
}

/* Lines between asking for a line's index slots and reading its hints,
 * and between reading its hints and settling it: enough work to cover a
 * miss to memory (and a page walk) of the big index. */
#define SLOTS_AHEAD 6
#define HINTS_AHEAD 3

/* Interns every line of batch b, in order.  The probes are pipelined
 * over lines, so that their cache misses overlap the work of the lines
 * before: the index slots of line i + SLOTS_AHEAD are asked for, the
 * hints of line i + HINTS_AHEAD read from them (asking for the rows they
 * name), and line i is settled. */
static int intern_batch(struct intern *t, const struct batch *b,
			struct pv_error *err)
{
	size_t maxnew = 0, n = b->nline, stride;
	uint32_t *at;

	if (grow_at(t, n + 1))
		return nomem(err);
	at = t->at;
	at[0] = 0;
	for (size_t i = 0; i < n; i++) {
		if (b->line[i].nnew > maxnew)
			maxnew = b->line[i].nnew;
		at[i + 1] = at[i] + b->line[i].nnew;
	}
	stride = maxnew + 1;
	/* room for the batch's rows: the index does not move below */
	if (grow_intern(t, (HINTS_AHEAD + 1) * stride) ||
	    pv_rowindex_reserve(&t->ix, t->ix.n + b->nframe))
		return nomem(err);
	for (size_t i = 0; i < n + SLOTS_AHEAD; i++) {
		if (i < n)
			for (uint32_t k = at[i]; k < at[i + 1]; k++)
				pv_rowindex_prefetch(&t->ix, b->path[k]);
		if (i >= SLOTS_AHEAD - HINTS_AHEAD &&
		    i - (SLOTS_AHEAD - HINTS_AHEAD) < n) {
			size_t h = i - (SLOTS_AHEAD - HINTS_AHEAD);
			scan_hints(t, b->path + at[h], at[h + 1] - at[h],
				   t->cand + (h % (HINTS_AHEAD + 1)) * stride);
		}
		if (i >= SLOTS_AHEAD && i - SLOTS_AHEAD < n) {
			size_t l = i - SLOTS_AHEAD;
			PV_TRY(intern_line(t, &b->line[l],
					   b->frame + at[l], b->path + at[l],
					   t->cand + (l % (HINTS_AHEAD + 1)) *
						     stride, err));
		}
	}
	return 0;
}

/* Reads more input after buf[pos..end), moving it to the front first.
 * Returns 1 when bytes came, 0 at the end, or a negative code. */
static int refill(struct rd *r)
{
	size_t got;

	if (r->eof)
		return 0;
	if (r->pos) {
		memmove(r->buf, r->buf + r->pos, r->end - r->pos);
		r->base += r->pos;
		r->end -= r->pos;
		r->pos = 0;
	}
	if (r->end == r->cap) {
		unsigned char *nb;
		if (r->cap >= MAX_LINE)
			return pv_error_set(r->err, PV_ELIMIT, r->base,
					    "line longer than %zu bytes",
					    MAX_LINE);
		nb = realloc(r->buf, r->cap * 2);
		if (!nb)
			return pv_error_set(r->err, PV_ENOMEM, PV_NO_OFFSET,
					    "out of memory");
		r->buf = nb;
		r->cap *= 2;
	}
	PV_TRY(input__read(&r->in, r->buf + r->end, r->cap - r->end, &got,
			   r->err));
	if (!got)
		r->eof = 1;
	r->end += got;
	return got != 0;
}

/* ---- the two stages, on one thread or two ---------------------------- */

/* Batches between the stages: the parser fills batch[produced % NBATCH]
 * while the interner empties batch[consumed % NBATCH]. */
struct pipe {
	struct parse *f;
	struct batch batch[NBATCH];
	size_t produced, consumed;
	int stop;                 /* the interner failed: parse no more */
	pthread_mutex_t mu;
	pthread_cond_t filled, emptied;
};

/* Parses whole lines into b (emptied first) until it holds BATCH_LINES
 * lines or the input ends; sets b->last at the end and b->rc on an
 * error. */
static void parse_batch(struct parse *f, struct batch *b)
{
	struct rd *r = f->r;
	int rc = 0;

	b->nline = b->nframe = 0;
	f->err = &b->err;
	while (rc == 0 && b->nline < BATCH_LINES) {
		const char *s = (const char *)r->buf + r->pos;
		const char *nl = memchr(s, '\n', r->end - r->pos);
		if (!nl) {
			rc = refill(r);
			if (rc > 0) {
				rc = 0;
				continue;
			}
			if (rc == 0 && r->end > r->pos)   /* last line, no \n */
				rc = parse_line(f, b, s, r->end - r->pos,
						r->base + r->pos);
			r->pos = r->end;
			b->last = 1;
			break;
		}
		rc = parse_line(f, b, s, (size_t)(nl - s), r->base + r->pos);
		r->pos += (size_t)(nl - s) + 1;
	}
	if (rc) {
		b->rc = rc;
		b->last = 1;
	}
}

static void *parser(void *arg)
{
	struct pipe *pp = arg;
	int last = 0;

	while (!last) {
		struct batch *b;
		pthread_mutex_lock(&pp->mu);
		while (!pp->stop && pp->produced - pp->consumed == NBATCH)
			pthread_cond_wait(&pp->emptied, &pp->mu);
		if (pp->stop) {
			pthread_mutex_unlock(&pp->mu);
			break;
		}
		b = &pp->batch[pp->produced % NBATCH];
		pthread_mutex_unlock(&pp->mu);
		parse_batch(pp->f, b);
		last = b->last;
		pthread_mutex_lock(&pp->mu);
		pp->produced++;
		pthread_cond_signal(&pp->filled);
		pthread_mutex_unlock(&pp->mu);
	}
	return NULL;
}

/* Interns the batches the parser thread fills, in order, until the last
 * (batch 0 is filled already).  Returns 0 or a negative code; *started
 * is 0 when no thread could be started (nothing was done then). */
static int run_two(struct pipe *pp, struct intern *t, int *started,
		   struct pv_error *err)
{
	pthread_t tid;
	int rc = 0, last = 0;

	*started = !pthread_create(&tid, NULL, parser, pp);
	if (!*started)
		return 0;
	while (!last && !rc) {
		struct batch *b;
		pthread_mutex_lock(&pp->mu);
		while (pp->consumed == pp->produced)
			pthread_cond_wait(&pp->filled, &pp->mu);
		b = &pp->batch[pp->consumed % NBATCH];
		pthread_mutex_unlock(&pp->mu);
		rc = intern_batch(t, b, err);
		if (!rc && b->rc) {
			*err = b->err;
			rc = b->rc;
		}
		last = b->last;
		pthread_mutex_lock(&pp->mu);
		pp->consumed++;
		if (rc)
			pp->stop = 1;
		pthread_cond_signal(&pp->emptied);
		pthread_mutex_unlock(&pp->mu);
	}
	pthread_join(tid, NULL);
	return rc;
}

/* Both stages on this thread, a batch at a time; batch 0 already holds
 * the first when have_first is set. */
static int run_one(struct pipe *pp, struct intern *t, int have_first,
		   struct pv_error *err)
{
	struct batch *b = &pp->batch[0];
	int rc = 0;

	while (!rc) {
		if (!have_first)
			parse_batch(pp->f, b);
		have_first = 0;
		rc = intern_batch(t, b, err);
		if (!rc && b->rc) {
			*err = b->err;
			rc = b->rc;
		}
		if (b->last)
			break;
	}
	return rc;
}

int rd__looks_folded(struct rd *r)
{
	const char *s, *nl;
	size_t n;

	/* the header check may have seen only a few bytes of a pipe */
	for (;;) {
		s = (const char *)r->buf + r->pos;
		n = r->end - r->pos;
		if (memchr(s, '\n', n) || r->eof || n >= 65536)
			break;
		if (refill(r) < 0)
			return 0;
	}
	s = (const char *)r->buf + r->pos;
	n = r->end - r->pos;
	if (!n || memchr(s, '\0', n < 4096 ? n : 4096))
		return 0;
	/* the first line that is not a comment must end in " COUNT" */
	while (n && *s == '#' && (nl = memchr(s, '\n', n))) {
		n -= (size_t)(nl + 1 - s);
		s = nl + 1;
	}
	nl = memchr(s, '\n', n);
	if (nl)
		n = (size_t)(nl - s);
	if (n && s[n - 1] == '\r')
		n--;
	if (!n || !is_digit(s[n - 1]))
		return 0;
	while (n && is_digit(s[n - 1]))
		n--;
	return n > 1 && (s[n - 1] == ' ' || s[n - 1] == '\t');
}

/* The whole input is read in batches of lines, each parsed (parse_line)
 * and then interned (intern_line) in input order.  With two threads
 * allowed and more than one batch of input, a thread of its own parses
 * the next batches while this one interns: the stages share no state but
 * the batches (the parser owns the profile's strings, functions and
 * frames, the interner its stacks, samples and counters), so the profile
 * is the same row for row either way. */
int rd__read_folded(struct rd *r)
{
	struct pv_profile *p = r->p;
	struct pv_source *src = &p->sources[r->src];
	struct parse f = { .r = r };
	struct intern t = { .p = p, .src = r->src };
	struct pipe pp = { .f = &f };
	int rc = 0;

	src->interpreter = pv_profile_intern_str(p, "");
	src->word_size = src->addr_size = 8;
	src->trailer = 1;   /* text has no trailer to miss */
	src->time_basis = PV_TIME_PERIOD;
	src->meta = pv_arena_alloc(&p->arena, sizeof(*src->meta));
	if (!src->meta || !src->interpreter)
		return nomem(r->err);
	src->meta[0].key = pv_profile_intern_str(p, "format");
	src->meta[0].value = pv_profile_intern_str(p, "folded stacks");
	src->nmeta = 1;
	if (!src->meta[0].key || !src->meta[0].value)
		return nomem(r->err);
	pv_rowindex_init(&t.ix);
	f.err = r->err;
	rc = grow_names(&f) ? nomem(r->err) :
	     pv_profile_add_thread(p, r->src, 0, &t.thread, r->err);
	if (rc == 0 && r->opts->threads > 1) {
		/* a second thread only for input longer than one batch */
		int started = 0;
		parse_batch(&f, &pp.batch[0]);
		pp.produced = 1;
		if (!pp.batch[0].last && !pthread_mutex_init(&pp.mu, NULL)) {
			pthread_cond_init(&pp.filled, NULL);
			pthread_cond_init(&pp.emptied, NULL);
			rc = run_two(&pp, &t, &started, r->err);
			pthread_cond_destroy(&pp.emptied);
			pthread_cond_destroy(&pp.filled);
			pthread_mutex_destroy(&pp.mu);
		}
		if (!started)
			rc = run_one(&pp, &t, 1, r->err);
	} else if (rc == 0) {
		rc = run_one(&pp, &t, 0, r->err);
	}
	if (rc == 0 && r->in.damaged)
		pv_warn(&r->opts->warn, r->base + r->pos, "%s", r->in.why);
	if (rc == 0 && f.huge_lines)
		pv_warn(&r->opts->warn, f.first_huge,
			"%llu lines with a sample count over %llu were skipped",
			(unsigned long long)f.huge_lines,
			(unsigned long long)FOLD_MAX_ROWS * UINT32_MAX);
	if (rc == 0 && f.bad_lines)
		pv_warn(&r->opts->warn, f.first_bad,
			"%llu lines without a trailing sample count were skipped",
			(unsigned long long)f.bad_lines);
	src->bytes = r->base + r->end;
	for (int i = 0; i < NBATCH; i++) {
		free(pp.batch[i].line);
		free(pp.batch[i].frame);
		free(pp.batch[i].path);
	}
	pv_rowindex_release(&t.ix);
	free(t.prev_stack);
	free(t.cand);
	free(t.at);
	free(f.slots);
	free(f.text);
	free(f.segs);
	free(f.prev);
	free(f.prev_end);
	free(f.prev_frame);
	free(f.prev_path);
	return rc;
}
