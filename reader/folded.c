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
#include <stdlib.h>
#include <string.h>

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
	uint32_t off;         /* the text, in fold.text */
	uint32_t frame;       /* frame row */
};

/* One frame of the line being read, between the reading phases. */
struct seg {
	uint32_t pos, len;    /* in the line */
	uint32_t tag;
	uint32_t cand;        /* slot whose text may match, or PV_NONE */
};

struct fold {
	struct rd *r;
	struct name_slot *slots;
	size_t slots_cap;     /* power of two, at most half full */
	uint32_t nnames;
	char *text;
	size_t text_len, text_cap;
	uint32_t thread;

	/* previous line: its stack text and, per frame, where it ends and
	 * the stack row it gave */
	char *prev;
	size_t prev_len, prev_cap;
	uint32_t *prev_end, *prev_stack;
	size_t prev_depth, depth_cap;
	/* this line's frames after the shared prefix (depth_cap each) */
	struct seg *segs;
	uint32_t *chain;

	uint64_t bad_lines, first_bad;
	uint64_t huge_lines, first_huge;
	uint64_t line_no;
};

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

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

static int grow_names(struct fold *f)
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

static int slot_is(const struct fold *f, size_t i, const char *s,
		   uint32_t n, uint32_t tag)
{
	const struct name_slot *sl = &f->slots[i];

	return sl->tag == tag && sl->len == n &&
	       !memcmp(f->text + sl->off, s, n);
}

/* Frame row for the frame text s[0..n) with hash tag: one per distinct
 * text.  cand is a slot found earlier that may hold it (PV_NONE: none). */
static int frame_of(struct fold *f, const char *s, uint32_t n, uint32_t tag,
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
		return pv_error_set(f->r->err, PV_ELIMIT, PV_NO_OFFSET,
				    "frame names longer than 4 GB in all");
	has_file = split_location(s, n, &name_len, &file, &file_len, &line);
	fn.name = pv_profile_intern(p, s, name_len);
	fn.file = pv_profile_intern(p, file, file_len);
	fn.line = line;
	fr.kind = (uint8_t)guess_kind(s, n, has_file);
	fn.lang = has_file ? PV_LANG_PYTHON :
		  fr.kind == PV_KIND_UNKNOWN ? PV_LANG_OTHER : PV_LANG_NATIVE;
	if (!fn.name || !fn.file || !(fn.module = pv_profile_intern(p, "", 0)))
		return pv_error_set(f->r->err, PV_ENOMEM, PV_NO_OFFSET,
				    "out of memory");
	PV_TRY(pv_profile_add_func(p, &fn, &func, f->r->err));
	fr.addr = f->nnames;
	fr.func = func;
	fr.source = (uint16_t)f->r->src;
	PV_TRY(pv_profile_add_frame(p, &fr, out, f->r->err));
	if (f->text_len + n > f->text_cap) {
		size_t ncap = f->text_cap ? f->text_cap * 2 : 65536;
		void *nt;
		while (ncap < f->text_len + n)
			ncap *= 2;
		nt = realloc(f->text, ncap);
		if (!nt)
			return pv_error_set(f->r->err, PV_ENOMEM,
					    PV_NO_OFFSET, "out of memory");
		f->text = nt;
		f->text_cap = ncap;
	}
	memcpy(f->text + f->text_len, s, n);
	f->slots[i] = (struct name_slot){ tag, n, (uint32_t)f->text_len,
					  *out };
	f->text_len += n;
	f->nnames++;
	if ((size_t)f->nnames * 2 > f->slots_cap && grow_names(f))
		return pv_error_set(f->r->err, PV_ENOMEM, PV_NO_OFFSET,
				    "out of memory");
	return 0;
}

static int grow_prev(struct fold *f, size_t len, size_t depth)
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
		uint32_t *a, *b, *c;
		struct seg *sg;
		while (ncap < depth)
			ncap *= 2;
		a = realloc(f->prev_end, ncap * sizeof(*a));
		if (a)
			f->prev_end = a;
		b = realloc(f->prev_stack, ncap * sizeof(*b));
		if (b)
			f->prev_stack = b;
		c = realloc(f->chain, ncap * sizeof(*c));
		if (c)
			f->chain = c;
		sg = realloc(f->segs, ncap * sizeof(*sg));
		if (sg)
			f->segs = sg;
		if (!a || !b || !c || !sg)
			return -1;
		f->depth_cap = ncap;
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

/* One line without its newline.  Returns 0 or a negative code. */
static int fold_line(struct fold *f, const char *s, size_t n, uint64_t off)
{
	struct pv_source *src = &f->r->p->sources[f->r->src];
	size_t sp, stack_len, common = 0, k = 0, pos, depth;
	uint64_t count = 0;
	uint32_t stack = PV_NONE;
	size_t nseg, nfresh = 0;
	int fresh = 0;

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

	/* frames shared with the previous line keep its stack rows */
	common = common_prefix(s, f->prev, stack_len < f->prev_len ?
					   stack_len : f->prev_len);
	while (k < f->prev_depth && f->prev_end[k] <= common &&
	       (f->prev_end[k] == stack_len || s[f->prev_end[k]] == ';'))
		k++;
	if (k) {
		stack = f->prev_stack[k - 1];
		pos = f->prev_end[k - 1] + 1;
	} else {
		pos = 0;
	}
	depth = k;
	if (grow_prev(f, stack_len, depth + 1))
		return pv_error_set(f->r->err, PV_ENOMEM, PV_NO_OFFSET,
				    "out of memory");
	/* The rest goes in phases, so that the cache misses of a line's
	 * frames overlap instead of queueing one behind the other: split
	 * and hash every frame and prefetch its name slot; find the slots
	 * whose text may match and prefetch the text; then settle frames
	 * and stack rows in order. */
	nseg = 0;
	while (pos < stack_len) {
		const char *semi = memchr(s + pos, ';', stack_len - pos);
		size_t end = semi ? (size_t)(semi - s) : stack_len;
		if (end > pos) {   /* empty frames (";;") are skipped */
			struct seg *g;
			if (depth + nseg >= f->r->max_depth)
				return pv_error_set(f->r->err, PV_ELIMIT, off,
						    "stack deeper than %u frames",
						    f->r->max_depth);
			if (end - pos > f->r->max_string)
				return pv_error_set(f->r->err, PV_ELIMIT, off,
						    "frame name longer than %u bytes",
						    f->r->max_string);
			if (grow_prev(f, stack_len, depth + nseg + 1))
				return pv_error_set(f->r->err, PV_ENOMEM,
						    PV_NO_OFFSET,
						    "out of memory");
			g = &f->segs[nseg++];
			g->pos = (uint32_t)pos;
			g->len = (uint32_t)(end - pos);
			g->tag = (uint32_t)pv_hash_bytes(s + pos, end - pos,
							 0x5f0d);
			PREFETCH(&f->slots[g->tag & (f->slots_cap - 1)]);
		}
		pos = end + 1;
	}
	for (size_t i = 0; i < nseg; i++) {
		struct seg *g = &f->segs[i];
		size_t mask = f->slots_cap - 1, j;
		g->cand = PV_NONE;
		for (j = g->tag & mask; f->slots[j].len; j = (j + 1) & mask) {
			if (f->slots[j].tag == g->tag &&
			    f->slots[j].len == g->len) {
				const char *t = f->text + f->slots[j].off;
				g->cand = (uint32_t)j;
				PREFETCH(t);
				PREFETCH(t + g->len - 1);
				break;
			}
		}
	}
	for (size_t i = 0; i < nseg; i++) {
		const struct seg *g = &f->segs[i];
		uint32_t frame, had = f->r->p->nstacks;
		PV_TRY(frame_of(f, s + g->pos, g->len, g->tag, g->cand,
				&frame));
		if (fresh) {   /* under a row this line made: new too */
			f->chain[nfresh++] = frame;
		} else {
			PV_TRY(pv_profile_add_stack(f->r->p, stack, frame,
						    &stack, f->r->err));
			fresh = f->r->p->nstacks != had;
		}
		f->prev_end[depth] = g->pos + g->len;
		f->prev_stack[depth] = stack;
		depth++;
	}
	if (nfresh) {
		uint32_t first;
		PV_TRY(pv_profile_add_new_stacks(f->r->p, stack, f->chain,
						 nfresh, &first, f->r->err));
		stack = first + (uint32_t)(nfresh - 1);
		for (size_t i = 0; i < nfresh; i++)
			f->prev_stack[depth - 1 - i] = stack - (uint32_t)i;
	}
	if (stack_len)   /* a line with a count only has no stack */
		memcpy(f->prev, s, stack_len);
	f->prev_len = stack_len;
	f->prev_depth = depth;
	if (depth > src->max_depth)
		src->max_depth = (uint32_t)depth;
	if (!depth)
		src->empty_samples += count;
	src->samples += count;
	src->folded_lines++;
	f->r->p->threads[f->thread].samples += count;
	/* a row's count is 32 bits; bigger counts take several rows */
	PV_TRY(pv_profile_add_samples(f->r->p, stack, f->thread, 0, 0, count,
				      f->r->err));
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

int rd__read_folded(struct rd *r)
{
	struct pv_profile *p = r->p;
	struct pv_source *src = &p->sources[r->src];
	struct fold f = { .r = r };
	int rc = 0;

	src->interpreter = pv_profile_intern_str(p, "");
	src->word_size = src->addr_size = 8;
	src->trailer = 1;   /* text has no trailer to miss */
	src->time_basis = PV_TIME_PERIOD;
	src->meta = calloc(1, sizeof(*src->meta));
	if (!src->meta || !src->interpreter)
		return pv_error_set(r->err, PV_ENOMEM, PV_NO_OFFSET,
				    "out of memory");
	src->meta[0].key = pv_profile_intern_str(p, "format");
	src->meta[0].value = pv_profile_intern_str(p, "folded stacks");
	src->nmeta = 1;
	if (!src->meta[0].key || !src->meta[0].value)
		return pv_error_set(r->err, PV_ENOMEM, PV_NO_OFFSET,
				    "out of memory");
	rc = grow_names(&f) ? pv_error_set(r->err, PV_ENOMEM, PV_NO_OFFSET,
					   "out of memory") :
	     pv_profile_add_thread(p, (uint16_t)r->src, 0, &f.thread, r->err);
	while (rc == 0) {
		const char *s = (const char *)r->buf + r->pos;
		const char *nl = memchr(s, '\n', r->end - r->pos);
		if (!nl) {
			rc = refill(r);
			if (rc > 0) {
				rc = 0;
				continue;
			}
			if (rc == 0 && r->end > r->pos)   /* last line, no \n */
				rc = fold_line(&f, s, r->end - r->pos,
					       r->base + r->pos);
			r->pos = r->end;
			break;
		}
		rc = fold_line(&f, s, (size_t)(nl - s), r->base + r->pos);
		r->pos += (size_t)(nl - s) + 1;
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
	free(f.slots);
	free(f.text);
	free(f.segs);
	free(f.chain);
	free(f.prev);
	free(f.prev_end);
	free(f.prev_stack);
	return rc;
}
