/* vmprof_log.c - writing vmprof logs: record encoders, the copy with name
 * records that `symbolize` makes, and the aggregate log that `merge`
 * makes of a whole profile.
 *
 * The aggregate log.  Every kept stack becomes one 0x01 record per thread
 * id, its count in the count word.  Frames are written so that reading
 * the log back gives the same functions, kinds and lines:
 *   - a frame the reader named from a record ("named") gets a key of the
 *     writer's own and a 0x02 (Python, JIT) or 0x08 (native) record with
 *     its text; keys are handed out in order of (text, kind), so they
 *     depend only on which functions the stacks use;
 *   - a frame the reader had no name for keeps its address and gets no
 *     record, so the reader makes the same stand-in ("<native 0x...>")
 *     and `--maps` can still name it later.
 * Stacks are written in one canonical order (a preorder of the trie of
 * stacks whose children are sorted by their encoded slot), then by thread
 * id: the bytes are a function of the profile's contents, so merging is
 * commutative and associative byte for byte.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "profile/pv_format.h"
#include "profile/pv_hash.h"
#include "profile/pv_sort.h"
#include "reader/pv_reader.h"
#include "render/pv_export.h"
#include "render/pv_textsafe.h"
#include "render/pv_vmlog.h"
#include "symbolizer/pv_symbolizer.h"

/* ---- encoders ---------------------------------------------------------- */

/* v in size bytes of the given byte order at b. */
static void put(unsigned char *b, uint64_t v, int size, int big_endian)
{
	for (int i = 0; i < size; i++) {
		int shift = 8 * (big_endian ? size - 1 - i : i);
		b[i] = (unsigned char)(v >> shift);
	}
}

size_t pv_vmlog_encode_name(const struct pv_vmlog_layout *l, uint8_t marker,
			    uint64_t key, const char *text, size_t len,
			    unsigned char *buf, size_t cap)
{
	size_t A = (size_t)l->addr_size, W = (size_t)l->word_size;
	size_t size = 1 + A + W + len;

	if (cap < size)
		return size;
	buf[0] = marker;
	put(buf + 1, key, (int)A, l->big_endian);
	put(buf + 1 + A, (uint64_t)len, (int)W, l->big_endian);
	memcpy(buf + 1 + A + W, text, len);
	return size;
}

void pv_vmlog_writer_init(struct pv_vmlog_writer *w, FILE *out,
			  const struct pv_vmlog_layout *l)
{
	memset(w, 0, sizeof(*w));
	pv_buf_init(&w->scratch, PV_BUF_NOLIMIT);
	w->out = out;
	w->l = *l;
}

void pv_vmlog_writer_release(struct pv_vmlog_writer *w)
{
	pv_buf_release(&w->scratch);
}

static unsigned char *scratch(struct pv_vmlog_writer *w, size_t n,
			      struct pv_error *err)
{
	pv_buf_reset(&w->scratch);
	if (pv_buf_reserve(&w->scratch, n)) {
		pv_buf_error(&w->scratch, "record", err);
		return NULL;
	}
	return w->scratch.data;
}

static int emit(struct pv_vmlog_writer *w, const void *b, size_t n,
		struct pv_error *err)
{
	if (!w->failed && fwrite(b, 1, n, w->out) != n)
		w->failed = 1;
	if (w->failed)
		return pv_error_set(err, PV_EWRITE, PV_NO_OFFSET,
				    "write failed");
	return 0;
}

int pv_vmlog_static_header(struct pv_vmlog_writer *w, int64_t period_usec,
			   int win64, struct pv_error *err)
{
	int W = w->l.word_size;
	unsigned char b[40];

	memset(b, 0, sizeof(b));
	put(b + W, 3, W, w->l.big_endian);
	put(b + 3 * W, (uint64_t)period_usec, W, w->l.big_endian);
	put(b + 4 * W, win64 ? 1 : 0, W, w->l.big_endian);
	return emit(w, b, 5 * (size_t)W, err);
}

int pv_vmlog_header(struct pv_vmlog_writer *w, int version, uint8_t flags,
		    const char *interp, struct pv_error *err)
{
	unsigned char b[5 + 255];
	size_t len = strlen(interp), n = 0;

	if (len > 255)
		len = 255;
	b[n++] = PV_MARKER_HEADER;
	b[n++] = (unsigned char)(version >> 8);
	b[n++] = (unsigned char)version;
	if (version >= 4)
		b[n++] = flags;
	b[n++] = (unsigned char)len;
	memcpy(b + n, interp, len);
	return emit(w, b, n + len, err);
}

/* 0x06 or 0x03 with a time: i64 sec, i64 usec, 8 zero bytes of zone. */
static int timed(struct pv_vmlog_writer *w, unsigned char marker, int64_t sec,
		 int64_t usec, struct pv_error *err)
{
	unsigned char b[25];

	memset(b, 0, sizeof(b));
	b[0] = marker;
	put(b + 1, (uint64_t)sec, 8, w->l.big_endian);
	put(b + 9, (uint64_t)usec, 8, w->l.big_endian);
	return emit(w, b, sizeof(b), err);
}

int pv_vmlog_time(struct pv_vmlog_writer *w, int64_t sec, int64_t usec,
		  struct pv_error *err)
{
	return timed(w, PV_MARKER_TIME, sec, usec, err);
}

int pv_vmlog_meta(struct pv_vmlog_writer *w, const char *key,
		  const char *value, struct pv_error *err)
{
	size_t W = (size_t)w->l.word_size, kl = strlen(key),
	       vl = strlen(value), n = 1 + 2 * W + kl + vl;
	unsigned char *b = scratch(w, n, err);

	if (!b)
		return err->code;
	b[0] = PV_MARKER_META;
	put(b + 1, kl, (int)W, w->l.big_endian);
	memcpy(b + 1 + W, key, kl);
	put(b + 1 + W + kl, vl, (int)W, w->l.big_endian);
	memcpy(b + 1 + 2 * W + kl, value, vl);
	return emit(w, b, n, err);
}

int pv_vmlog_name(struct pv_vmlog_writer *w, uint8_t marker, uint64_t key,
		  const char *text, size_t len, struct pv_error *err)
{
	size_t n = pv_vmlog_encode_name(&w->l, marker, key, text, len, NULL, 0);
	unsigned char *b = scratch(w, n, err);

	if (!b)
		return err->code;
	pv_vmlog_encode_name(&w->l, marker, key, text, len, b, n);
	return emit(w, b, n, err);
}

int pv_vmlog_sample(struct pv_vmlog_writer *w, int64_t count,
		    const uint64_t *slots, size_t nslots, uint64_t thread,
		    struct pv_error *err)
{
	size_t W = (size_t)w->l.word_size, A = (size_t)w->l.addr_size;
	size_t n = 1 + 2 * W + A * (nslots + 1);
	unsigned char *b = scratch(w, n, err), *at;
	int be = w->l.big_endian;

	if (!b)
		return err->code;
	b[0] = PV_MARKER_STACK;
	put(b + 1, (uint64_t)count, (int)W, be);
	put(b + 1 + W, nslots, (int)W, be);
	at = b + 1 + 2 * W;
	for (size_t i = 0; i < nslots; i++, at += A)
		put(at, slots[i], (int)A, be);
	put(at, thread, (int)A, be);
	return emit(w, b, n, err);
}

int pv_vmlog_trailer(struct pv_vmlog_writer *w, int has_time, int64_t sec,
		     int64_t usec, struct pv_error *err)
{
	unsigned char t = PV_MARKER_TRAILER;

	if (has_time)
		return timed(w, PV_MARKER_TRAILER, sec, usec, err);
	return emit(w, &t, 1, err);
}

/* ---- copy with names ---------------------------------------------------- */

static int write_names(struct pv_vmlog_writer *w,
		       const struct pv_sym_record *recs, size_t n,
		       struct pv_error *err)
{
	for (size_t i = 0; i < n; i++)
		PV_TRY(pv_vmlog_name(w, PV_MARKER_NATIVE_SYMBOL, recs[i].key, recs[i].text,
				     recs[i].len, err));
	return 0;
}

void pv_render_symbolize_text(FILE *out, const struct pv_sym_record *recs,
			      size_t n)
{
	for (size_t i = 0; i < n; i++) {
		fprintf(out, "0x%" PRIx64 "\t", recs[i].key);
		pv_text_put(out, recs[i].text, recs[i].len);
		fputc('\n', out);
	}
}

int pv_render_symbolize_vmprof(FILE *out, struct pv_reader_stream *in,
			       const struct pv_source *src,
			       const struct pv_sym_record *recs, size_t n,
			       struct pv_error *err)
{
	enum { CHUNK = 1 << 20 };
	struct pv_vmlog_layout l = { src->word_size, src->addr_size,
				     src->big_endian };
	struct pv_vmlog_writer w;
	unsigned char *buf = malloc(CHUNK);
	uint64_t pos = 0, split = src->records_end;
	int inserted = 0, rc = 0;

	if (!buf)
		return pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET,
				    "out of memory");
	pv_vmlog_writer_init(&w, out, &l);
	for (;;) {
		size_t got, head;

		rc = pv_reader_stream_read(in, buf, CHUNK, &got, err);
		if (rc < 0) {
			if (err->offset == PV_NO_OFFSET)
				err->offset = pos;
			break;
		}
		if (!got)
			break;
		head = pos >= split ? 0 :
		       split - pos < got ? (size_t)(split - pos) : got;
		if (head && (rc = emit(&w, buf, head, err)) < 0)
			break;
		pos += got;
		if (!inserted && pos >= split) {
			if ((rc = write_names(&w, recs, n, err)) < 0)
				break;
			inserted = 1;
		}
		if (inserted && !src->trailer)
			break;
		if (got > head &&
		    (rc = emit(&w, buf + head, got - head, err)) < 0)
			break;
	}
	free(buf);
	pv_vmlog_writer_release(&w);
	if (!rc && !inserted)
		rc = pv_error_set(err, PV_EIO, PV_NO_OFFSET,
				  "the log changed while it was read");
	return rc;
}

/* ---- a profile as an aggregate log ------------------------------------- */

/* Stack layouts: version 0-1 raw machine stacks (native PCs untagged,
 * written as version 1), plain (native start|1), lines (line, code)
 * pairs, PyPy (kind, value) pairs; the last three written as version 6. */
enum mode { MODE_LEGACY, MODE_PLAIN, MODE_LINES, MODE_PAIRS };
enum { K_CODE = 1, K_BLACKHOLE = 2, K_JITTED = 3, K_GC = 5, K_NATIVE = 7 };
#define SKIP_FRAME (UINT32_MAX - 1)   /* inline level: not written */

/* One symbol of the output: a (kind, key) the stacks use. */
struct osym {
	uint8_t kind;          /* enum pv_kind */
	uint8_t named;         /* key assigned by the writer, record written */
	uint32_t func;         /* named: row in p->funcs */
	uint32_t extra;        /* PV_KIND_UNKNOWN: the PyPy kind */
	uint64_t key;          /* address (raw) or assigned key (named) */
	char *text;            /* named: record text (malloc'ed) */
	size_t len;
};

/* One node of the output stack trie. */
struct onode {
	uint32_t parent;       /* PV_NONE at the root */
	uint32_t sym;
	uint32_t line;         /* lines mode: the frame's current line */
	uint32_t rank;         /* preorder position, assigned at the end */
};

struct oentry {
	uint32_t node;         /* PV_NONE: empty stack */
	uint64_t thread;       /* raw thread id */
	uint64_t weight;
	uint64_t rank;
};

struct agg {
	const struct pv_profile *p;
	struct pv_error *err;
	enum mode mode;
	struct pv_profile *scratch;   /* texts parsed back, to check them */

	struct osym *sym;
	uint32_t nsym, sym_cap;
	struct pv_rowindex sym_ix;

	struct onode *node;
	uint32_t nnode, node_cap;
	struct pv_rowindex node_ix;

	struct oentry *ent;
	uint32_t nent, ent_cap;
	struct pv_rowindex ent_ix;

	/* probe keys for the eq callbacks */
	struct osym probe_sym;
	struct onode probe_node;
	struct oentry probe_ent;
};

static int grow(void **arr, uint32_t *cap, uint32_t n, size_t size)
{
	uint32_t ncap;
	void *na;

	if (n < *cap)
		return 0;
	ncap = *cap ? *cap * 2 : 256;
	if (ncap <= *cap)
		return -1;
	na = realloc(*arr, (size_t)ncap * size);
	if (!na)
		return -1;
	*arr = na;
	*cap = ncap;
	return 0;
}

static int nomem(struct agg *a)
{
	return pv_error_set(a->err, PV_ENOMEM, PV_NO_OFFSET, "out of memory");
}

static const char *src_name(const struct pv_source *s)
{
	return s->path && *s->path ? s->path : "(log)";
}

static enum mode source_mode(const struct pv_source *s)
{
	if (s->version <= 1)
		return MODE_LEGACY;
	if (s->version == 2 ||
	    (s->version >= 4 && (s->flags & PV_FLAG_RPYTHON)))
		return MODE_PAIRS;
	if (s->version >= 4 && (s->flags & PV_FLAG_LINES))
		return MODE_LINES;
	return MODE_PLAIN;
}

static const char *mode_name(enum mode m)
{
	return m == MODE_PAIRS ? "PyPy pair mode" :
	       m == MODE_LINES ? "lines mode" :
	       m == MODE_LEGACY ? "raw machine stacks of versions 0-1" :
	       "plain mode";
}

/* Every log must fit the layout of the first: one line naming both. */
static int check_sources(const struct pv_profile *p, struct pv_error *err)
{
	const struct pv_source *a;

	if (!p->nsources)
		return pv_error_set(err, PV_EUSAGE, PV_NO_OFFSET,
				    "no log to write");
	a = &p->sources[0];
	for (uint32_t i = 0; i < p->nsources; i++) {
		const struct pv_source *b = &p->sources[i];

		if (!b->records_end)   /* not a vmprof log */
			return pv_error_set(err, PV_EUSAGE, PV_NO_OFFSET,
				"%s: folded stacks, not a vmprof log: a vmprof "
				"log is written from vmprof logs only",
				src_name(b));
		if (b->word_size != a->word_size ||
		    b->addr_size != a->addr_size)
			return pv_error_set(err, PV_EUSAGE, PV_NO_OFFSET,
				"%s and %s: different word sizes (%d/%d and "
				"%d/%d bytes): cannot share one log",
				src_name(a), src_name(b), a->word_size,
				a->addr_size, b->word_size, b->addr_size);
		if (b->big_endian != a->big_endian)
			return pv_error_set(err, PV_EUSAGE, PV_NO_OFFSET,
				"%s and %s: different byte orders: cannot "
				"share one log", src_name(a), src_name(b));
		if (strcmp(b->interpreter, a->interpreter))
			return pv_error_set(err, PV_EUSAGE, PV_NO_OFFSET,
				"%s and %s: different interpreters ('%s' and "
				"'%s'): cannot share one log", src_name(a),
				src_name(b), a->interpreter, b->interpreter);
		if (source_mode(b) != source_mode(a))
			return pv_error_set(err, PV_EUSAGE, PV_NO_OFFSET,
				"%s and %s: different stack layouts (%s and "
				"%s): cannot share one log", src_name(a),
				src_name(b), mode_name(source_mode(a)),
				mode_name(source_mode(b)));
	}
	return 0;
}

/* The name the reader gives a frame it has no record for (reader/names.c);
 * a func equal to it is written as the bare address. */
static int is_reader_standin(const struct pv_frame *f,
			     const struct pv_func *fn)
{
	char name[64];

	if (*fn->file || *fn->module || fn->line)
		return 0;
	switch (f->kind) {
	case PV_KIND_NATIVE:
		snprintf(name, sizeof(name), "<native 0x%llx>",
			 (unsigned long long)f->addr);
		break;
	case PV_KIND_UNKNOWN:
		snprintf(name, sizeof(name), "<kind %u 0x%llx>", f->line,
			 (unsigned long long)f->addr);
		break;
	case PV_KIND_GC:
		snprintf(name, sizeof(name), "<gc 0x%llx>",
			 (unsigned long long)f->addr);
		break;
	case PV_KIND_BLACKHOLE:
		snprintf(name, sizeof(name), "<blackhole 0x%llx>",
			 (unsigned long long)f->addr);
		break;
	default:
		snprintf(name, sizeof(name), "<unknown 0x%llx>",
			 (unsigned long long)f->addr);
		break;
	}
	return !strcmp(name, fn->name);
}

static int sym_eq(const void *ctx, uint32_t row)
{
	const struct agg *a = ctx;
	const struct osym *x = &a->sym[row], *y = &a->probe_sym;

	return x->kind == y->kind && x->named == y->named &&
	       x->extra == y->extra &&
	       (x->named ? x->func == y->func : x->key == y->key);
}

static uint64_t sym_hash(const struct osym *s)
{
	uint64_t h = pv_hash_combine(s->kind, s->named);

	h = pv_hash_combine(h, s->extra);
	return pv_hash_combine(h, s->named ? s->func : s->key);
}

/* malloc'ed "lang:name:line:file", "lang:name", or "name" (lang ""). */
static char *join(const char *lang, const char *name, int with_rest,
		  uint32_t line, const char *file)
{
	size_t n = strlen(lang) + strlen(name) + strlen(file) + 16;
	char *t = malloc(n);

	if (!t)
		return NULL;
	if (with_rest)
		snprintf(t, n, "%s:%s:%u:%s", lang, name, line, file);
	else if (*lang)
		snprintf(t, n, "%s:%s", lang, name);
	else
		snprintf(t, n, "%s", name);
	return t;
}

/* Text of a record that reads back as fn, or NULL (err set). */
static char *symbol_text(struct agg *a, const struct pv_func *fn,
			 size_t *len)
{
	const char *file = *fn->file ? fn->file :
			   *fn->module ? fn->module : "";
	const char *lang = fn->lang == PV_LANG_PYTHON ? "py" :
			   fn->lang == PV_LANG_NATIVE ? "n" : "x";
	char *cand[2], *pick = NULL;

	/* the full form, and the verbatim one a parse failure leaves */
	cand[0] = join(lang, fn->name, 1, fn->line,
		       fn->lang == PV_LANG_NATIVE && !*file ? "-" : file);
	cand[1] = join(fn->lang == PV_LANG_OTHER ? "" : lang, fn->name, 0, 0,
		       "");
	if (!cand[0] || !cand[1]) {
		free(cand[0]);
		free(cand[1]);
		nomem(a);
		return NULL;
	}
	for (int i = 0; i < 2 && !pick; i++) {
		struct pv_func back;
		struct pv_error e;

		if (pv_func_parse_symbol(a->scratch, cand[i], strlen(cand[i]),
					 &back, &e) < 0) {
			if (e.code == PV_ENOMEM) {
				free(cand[0]);
				free(cand[1]);
				nomem(a);
				return NULL;
			}
			break;
		}
		if (back.lang == fn->lang && back.line == fn->line &&
		    !strcmp(back.name, fn->name) && !strcmp(back.file, file) &&
		    !(back.placeholder && !fn->placeholder))
			pick = cand[i];
	}
	if (!pick) {
		free(cand[0]);
		free(cand[1]);
		pv_error_set(a->err, PV_EFORMAT, PV_NO_OFFSET,
			     "the name '%.120s' cannot be written so that it "
			     "reads back the same", fn->name);
		return NULL;
	}
	free(pick == cand[0] ? cand[1] : cand[0]);
	*len = strlen(pick);
	return pick;
}

static int kind_fits(enum mode m, uint8_t kind)
{
	switch (kind) {
	case PV_KIND_PYTHON:
	case PV_KIND_NATIVE:
		return 1;
	case PV_KIND_JIT:
	case PV_KIND_GC:
	case PV_KIND_BLACKHOLE:
	case PV_KIND_UNKNOWN:
		return m == MODE_PAIRS;
	default:
		return 0;
	}
}

/* Output symbol of frame fi, or SKIP_FRAME. */
static int frame_sym(struct agg *a, uint32_t fi, uint32_t *out)
{
	const struct pv_frame *f = &a->p->frames[fi];
	const struct pv_func *fn = &a->p->funcs[f->func];
	struct osym *s = &a->probe_sym;
	uint64_t h;
	uint32_t row;

	if (f->kind == PV_KIND_INLINE) {
		*out = SKIP_FRAME;
		return 0;
	}
	if (!kind_fits(a->mode, f->kind))
		return pv_error_set(a->err, PV_EUSAGE, PV_NO_OFFSET,
				    "a %s frame cannot be written in a %s log",
				    pv_kind_name(f->kind), mode_name(a->mode));
	memset(s, 0, sizeof(*s));
	s->kind = f->kind;
	s->extra = f->kind == PV_KIND_UNKNOWN ? f->line : 0;
	/* the reader names only Python, JIT and native frames */
	s->named = (f->kind == PV_KIND_PYTHON || f->kind == PV_KIND_JIT ||
		    f->kind == PV_KIND_NATIVE) && !is_reader_standin(f, fn);
	if (s->named)
		s->func = f->func;
	else
		s->key = f->addr;
	h = sym_hash(s);
	row = pv_rowindex_find(&a->sym_ix, h, sym_eq, a);
	if (row == UINT32_MAX) {
		if (grow((void **)&a->sym, &a->sym_cap, a->nsym,
			 sizeof(*a->sym)))
			return nomem(a);
		row = a->nsym;
		a->sym[row] = *s;
		if (s->named) {
			a->sym[row].text = symbol_text(a, fn, &a->sym[row].len);
			if (!a->sym[row].text)
				return a->err->code;
		}
		a->nsym++;
		if (pv_rowindex_insert(&a->sym_ix, h, row))
			return nomem(a);
	}
	*out = row;
	return 0;
}

static int node_eq(const void *ctx, uint32_t row)
{
	const struct agg *a = ctx;
	const struct onode *x = &a->node[row], *y = &a->probe_node;

	return x->parent == y->parent && x->sym == y->sym &&
	       x->line == y->line;
}

static int add_node(struct agg *a, uint32_t parent, uint32_t sym,
		    uint32_t line, uint32_t *out)
{
	uint64_t h = pv_hash_combine(pv_hash_combine(parent, sym), line);
	uint32_t row;

	a->probe_node = (struct onode){ parent, sym, line, 0 };
	row = pv_rowindex_find(&a->node_ix, h, node_eq, a);
	if (row == UINT32_MAX) {
		if (grow((void **)&a->node, &a->node_cap, a->nnode,
			 sizeof(*a->node)))
			return nomem(a);
		row = a->nnode++;
		a->node[row] = a->probe_node;
		if (pv_rowindex_insert(&a->node_ix, h, row))
			return nomem(a);
	}
	*out = row;
	return 0;
}

static int ent_eq(const void *ctx, uint32_t row)
{
	const struct agg *a = ctx;

	return a->ent[row].node == a->probe_ent.node &&
	       a->ent[row].thread == a->probe_ent.thread;
}

static int add_weight(struct agg *a, uint32_t node, uint64_t thread,
		      uint64_t weight)
{
	uint64_t h = pv_hash_combine(pv_hash_mix(node), thread);
	uint32_t row;

	a->probe_ent.node = node;
	a->probe_ent.thread = thread;
	row = pv_rowindex_find(&a->ent_ix, h, ent_eq, a);
	if (row == UINT32_MAX) {
		if (grow((void **)&a->ent, &a->ent_cap, a->nent,
			 sizeof(*a->ent)))
			return nomem(a);
		row = a->nent++;
		a->ent[row] = (struct oentry){ node, thread, 0, 0 };
		if (pv_rowindex_insert(&a->ent_ix, h, row))
			return nomem(a);
	}
	a->ent[row].weight += weight;
	return 0;
}

/* ---- canonical keys and order ------------------------------------------ */

static int cmp_u64(const void *x, const void *y, void *ctx)
{
	(void)ctx;
	uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;

	return a < b ? -1 : a > b;
}

static int cmp_named(const void *x, const void *y, void *ctx)
{
	const struct agg *g = ctx;
	const struct osym *a = &g->sym[*(const uint32_t *)x];
	const struct osym *b = &g->sym[*(const uint32_t *)y];
	size_t n = a->len < b->len ? a->len : b->len;
	int c = memcmp(a->text, b->text, n);

	if (c)
		return c;
	if (a->len != b->len)
		return a->len < b->len ? -1 : 1;
	return a->kind < b->kind ? -1 : a->kind > b->kind;
}

/* Keys for named symbols: multiples of 16 in order of (text, kind),
 * stepping over every address a stand-in keeps. */
static int assign_keys(struct agg *a, int addr_size)
{
	uint64_t *raw = malloc(((size_t)a->nsym + 1) * sizeof(*raw));
	uint32_t *named = malloc(((size_t)a->nsym + 1) * sizeof(*named));
	uint64_t limit = addr_size == 8 ? UINT64_MAX : UINT32_MAX;
	uint64_t next = 16;
	size_t nraw = 0, nnamed = 0, r = 0;

	if (!raw || !named) {
		free(raw);
		free(named);
		return nomem(a);
	}
	for (uint32_t i = 0; i < a->nsym; i++) {
		if (a->sym[i].named)
			named[nnamed++] = i;
		else
			raw[nraw++] = a->sym[i].key & ~(uint64_t)1;
	}
	pv_sort(raw, nraw, sizeof(*raw), cmp_u64, NULL);
	pv_sort(named, nnamed, sizeof(*named), cmp_named, a);
	for (size_t i = 0; i < nnamed; i++) {
		for (;;) {
			while (r < nraw && raw[r] < next)
				r++;
			if (r < nraw && raw[r] == next)
				next += 16;
			else
				break;
		}
		if (next > limit - 16) {
			free(raw);
			free(named);
			return pv_error_set(a->err, PV_ELIMIT, PV_NO_OFFSET,
					    "too many names for %d-byte "
					    "addresses", addr_size);
		}
		a->sym[named[i]].key = next;
		next += 16;
	}
	free(raw);
	free(named);
	return 0;
}

static int cmp_slot(const struct agg *a, const struct onode *x,
		    const struct onode *y)
{
	const struct osym *s = &a->sym[x->sym], *t = &a->sym[y->sym];

	if (s->kind != t->kind)
		return s->kind < t->kind ? -1 : 1;
	if (s->extra != t->extra)
		return s->extra < t->extra ? -1 : 1;
	if (s->key != t->key)
		return s->key < t->key ? -1 : 1;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return 0;
}

static int cmp_children(const void *x, const void *y, void *ctx)
{
	const struct agg *g = ctx;
	const struct onode *a = &g->node[*(const uint32_t *)x];
	const struct onode *b = &g->node[*(const uint32_t *)y];

	if (a->parent != b->parent)   /* PV_NONE (roots) sorts last */
		return a->parent < b->parent ? -1 : 1;
	return cmp_slot(g, a, b);
}

/* rank = preorder position in the trie whose children are sorted by slot:
 * the order of the stacks' slot sequences, root first. */
static int rank_nodes(struct agg *a)
{
	uint32_t n = a->nnode, *ord, *first, *stack, top = 0, rank = 1;

	ord = malloc(((size_t)n + 1) * sizeof(*ord));
	first = malloc(((size_t)n + 2) * sizeof(*first));
	stack = malloc(((size_t)n + 1) * sizeof(*stack));
	if (!ord || !first || !stack) {
		free(ord);
		free(first);
		free(stack);
		return nomem(a);
	}
	for (uint32_t i = 0; i < n; i++)
		ord[i] = i;
	pv_sort(ord, n, sizeof(*ord), cmp_children, a);
	/* first[v]: where v's children start in ord (first[n]: the roots) */
	for (uint32_t i = 0; i <= n; i++)
		first[i] = UINT32_MAX;
	for (uint32_t i = n; i-- > 0;) {
		uint32_t par = a->node[ord[i]].parent;
		first[par == PV_NONE ? n : par] = i;
	}
	/* iterative preorder: push children in reverse so the first pops
	 * first */
#define PUSH_CHILDREN(v) do { \
		uint32_t f_ = first[v], e_ = f_; \
		uint32_t pv_ = (v) == n ? PV_NONE : (v); \
		if (f_ != UINT32_MAX) { \
			while (e_ < n && a->node[ord[e_]].parent == pv_) \
				e_++; \
			while (e_-- > f_) \
				stack[top++] = ord[e_]; \
		} \
	} while (0)
	PUSH_CHILDREN(n);
	while (top) {
		uint32_t v = stack[--top];

		a->node[v].rank = rank++;
		PUSH_CHILDREN(v);
	}
#undef PUSH_CHILDREN
	free(ord);
	free(first);
	free(stack);
	return 0;
}

static int cmp_entries(const void *x, const void *y, void *ctx)
{
	(void)ctx;
	const struct oentry *a = x, *b = y;

	if (a->rank != b->rank)
		return a->rank < b->rank ? -1 : 1;
	return a->thread < b->thread ? -1 : a->thread > b->thread;
}

/* ---- header facts that hold for every source --------------------------- */

static uint64_t gcd(uint64_t x, uint64_t y)
{
	while (y) {
		uint64_t t = x % y;
		x = y;
		y = t;
	}
	return x;
}

static int meta_common(const struct pv_profile *p, const char *key,
		       const char **value)
{
	*value = NULL;
	for (uint32_t i = 0; i < p->nsources; i++) {
		const struct pv_source *s = &p->sources[i];
		const char *v = NULL;

		for (uint32_t k = 0; k < s->nmeta; k++)
			if (!strcmp(s->meta[k].key, key))
				v = s->meta[k].value;
		if (!v || (*value && strcmp(v, *value)))
			return 0;
		*value = v;
	}
	return 1;
}

static int cmp_str(const void *x, const void *y, void *ctx)
{
	(void)ctx;
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

static int write_meta(struct pv_vmlog_writer *w, const struct pv_profile *p,
		      const char *aggregate, struct pv_error *err)
{
	const struct pv_source *s0 = &p->sources[0];
	const char **keys = malloc(((size_t)s0->nmeta + 1) * sizeof(*keys));
	size_t n = 0;
	int rc = 0;

	if (!keys)
		return pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET,
				    "out of memory");
	for (uint32_t k = 0; k < s0->nmeta; k++) {
		const char *key = s0->meta[k].key, *v;

		/* times of one run, and our own marker, are not common */
		if (!strcmp(key, "start_time_offset") ||
		    !strncmp(key, "profview.", 9))
			continue;
		if (meta_common(p, key, &v))
			keys[n++] = key;
	}
	keys[n++] = PV_AGGREGATE_KEY;
	pv_sort(keys, n, sizeof(*keys), cmp_str, NULL);
	for (size_t i = 0; i < n && !rc; i++) {
		const char *v;

		if (!strcmp(keys[i], PV_AGGREGATE_KEY))
			v = aggregate;
		else
			meta_common(p, keys[i], &v);
		rc = pv_vmlog_meta(w, keys[i], v, err);
	}
	free(keys);
	return rc;
}

/* Slots of node v, leaf first, into slots (an array of uint64_t). */
static int node_slots(struct agg *a, uint32_t v, struct pv_buf *slots)
{
	pv_buf_reset(slots);
	for (; v != PV_NONE; v = a->node[v].parent) {
		const struct onode *nd = &a->node[v];
		const struct osym *s = &a->sym[nd->sym];
		uint64_t key = s->kind == PV_KIND_NATIVE &&
			       a->mode != MODE_LEGACY ? s->key | 1 : s->key;
		uint64_t first = 0;
		int two = a->mode == MODE_LINES || a->mode == MODE_PAIRS;

		if (a->mode == MODE_LINES) {
			first = s->kind == PV_KIND_NATIVE ? 0 : nd->line;
		} else if (a->mode == MODE_PAIRS) {
			switch (s->kind) {
			case PV_KIND_PYTHON: first = K_CODE; break;
			case PV_KIND_JIT: first = K_JITTED; break;
			case PV_KIND_NATIVE: first = K_NATIVE; break;
			case PV_KIND_GC: first = K_GC; break;
			case PV_KIND_BLACKHOLE: first = K_BLACKHOLE; break;
			default: first = s->extra; break;
			}
		}
		if (two)
			pv_buf_add(slots, &first, sizeof(first));
		pv_buf_add(slots, &key, sizeof(key));
	}
	return pv_buf_status(slots) ? nomem(a) : 0;
}

static int write_log(struct agg *a, FILE *out,
		     const struct pv_vmlog_opts *opts, uint64_t unit,
		     struct pv_error *err)
{
	const struct pv_profile *p = a->p;
	const struct pv_source *s0 = &p->sources[0];
	struct pv_vmlog_layout l = { s0->word_size, s0->addr_size,
				     s0->big_endian };
	struct pv_vmlog_writer w;
	uint8_t flags = 0xff & ~(PV_FLAG_MEMORY | PV_FLAG_LINES |
				 PV_FLAG_RPYTHON);
	int version = a->mode == MODE_LEGACY ? 1 : 6;
	int has_start = 0, has_end = 0, rc;
	int64_t ssec = 0, susec = 0, esec = 0, eusec = 0, period = 0;
	uint64_t max_count = l.word_size == 4 ? INT32_MAX : UINT32_MAX;
	struct pv_buf slots = PV_BUF_INIT(PV_BUF_NOLIMIT);
	uint32_t *names;
	size_t nnames = 0;

	for (uint32_t i = 0; i < p->nsources; i++) {
		const struct pv_source *s = &p->sources[i];

		flags &= s->version >= 4 ? s->flags : 0;
		if (s->has_start && (!has_start || s->start_sec < ssec ||
				     (s->start_sec == ssec &&
				      s->start_usec < susec))) {
			ssec = s->start_sec;
			susec = s->start_usec;
			has_start = 1;
		}
		if (s->has_end && (!has_end || s->end_sec > esec ||
				   (s->end_sec == esec &&
				    s->end_usec > eusec))) {
			esec = s->end_sec;
			eusec = s->end_usec;
			has_end = 1;
		}
		if (s->samples && (!period || s->period_usec < period))
			period = s->period_usec;
	}
	if (!period)
		period = s0->period_usec;
	if (p->weighted)
		period = (int64_t)unit;
	flags |= a->mode == MODE_PAIRS ? PV_FLAG_RPYTHON :
		 a->mode == MODE_LINES ? PV_FLAG_LINES : 0;

	pv_vmlog_writer_init(&w, out, &l);
	rc = pv_vmlog_static_header(&w, period, s0->win64, err);
	if (!rc)
		rc = pv_vmlog_header(&w, version, flags, s0->interpreter, err);
	if (!rc && has_start)
		rc = pv_vmlog_time(&w, ssec, susec, err);
	if (!rc)
		rc = write_meta(&w, p, p->weighted ? "microseconds" :
				"samples", err);
	names = malloc(((size_t)a->nsym + 1) * sizeof(*names));
	if (!names && !rc)
		rc = nomem(a);
	for (uint32_t i = 0; i < a->nsym && !rc; i++)
		if (a->sym[i].named)
			names[nnames++] = i;
	if (!rc)
		pv_sort(names, nnames, sizeof(*names), cmp_named, a);
	/* names go out in key order, which is text order */
	for (size_t i = 0; i < nnames && !rc; i++) {
		const struct osym *s = &a->sym[names[i]];

		rc = s->kind == PV_KIND_NATIVE ?
			pv_vmlog_name(&w, PV_MARKER_NATIVE_SYMBOL, a->mode == MODE_LEGACY ?
				      s->key : s->key | 1, s->text, s->len,
				      err) :
			pv_vmlog_name(&w, PV_MARKER_CODE_NAME, s->key, s->text, s->len, err);
	}
	free(names);
	for (uint32_t i = 0; i < a->nent && !rc; i++) {
		const struct oentry *e = &a->ent[i];
		uint64_t left = e->weight / unit;

		rc = node_slots(a, e->node, &slots);
		while (!rc && left) {
			uint64_t c = opts && opts->expand ? 1 :
				     left < max_count ? left : max_count;

			rc = pv_vmlog_sample(&w, (int64_t)c,
					     PV_BUF_ITEMS(&slots, uint64_t),
					     PV_BUF_COUNT(&slots, uint64_t),
					     e->thread, err);
			left -= c;
		}
	}
	if (!rc)
		/* version 5+ readers (vmprof's too) read the end time: an
		 * unknown one is written as 0, which profview reads as
		 * unknown in an aggregate */
		rc = pv_vmlog_trailer(&w, version >= 5, has_end ? esec : 0,
				      has_end ? eusec : 0, err);
	pv_buf_release(&slots);
	pv_vmlog_writer_release(&w);
	return rc;
}

static void agg_release(struct agg *a)
{
	for (uint32_t i = 0; i < a->nsym; i++)
		free(a->sym[i].text);
	free(a->sym);
	free(a->node);
	free(a->ent);
	pv_rowindex_release(&a->sym_ix);
	pv_rowindex_release(&a->node_ix);
	pv_rowindex_release(&a->ent_ix);
	pv_profile_free(a->scratch);
}

int pv_render_merge_vmprof(FILE *out, const struct pv_profile *p,
			   const struct pv_vmlog_opts *opts,
			   struct pv_error *err)
{
	struct agg a;
	uint32_t *fsym = NULL, *snode = NULL;
	uint64_t unit = 0;
	int rc;

	PV_TRY(check_sources(p, err));
	memset(&a, 0, sizeof(a));
	a.p = p;
	a.err = err;
	a.mode = source_mode(&p->sources[0]);
	pv_rowindex_init(&a.sym_ix);
	pv_rowindex_init(&a.node_ix);
	pv_rowindex_init(&a.ent_ix);
	a.scratch = pv_profile_new();
	fsym = malloc(((size_t)p->nframes + 1) * sizeof(*fsym));
	snode = malloc(((size_t)p->nstacks + 1) * sizeof(*snode));
	if (!a.scratch || !fsym || !snode) {
		rc = nomem(&a);
		goto out;
	}
	for (uint32_t i = 0; i < p->nframes; i++)
		fsym[i] = PV_NONE;
	/* the weight unit: 1 sample, or the largest period dividing every
	 * log's (merged periods are weighted by microseconds) */
	for (uint32_t i = 0; i < p->nsources; i++)
		if (p->sources[i].samples)
			unit = gcd(unit, p->sources[i].weight);
	if (!p->weighted || !unit)
		unit = 1;
	/* only rows some sample reaches are written (filters leave others):
	 * mark them, PV_NONE in snode meaning "not reached" until mapped */
	for (uint32_t i = 0; i < p->nstacks; i++)
		snode[i] = PV_NONE;
	for (size_t i = 0; i < p->nsamples; i++)
		for (uint32_t st = p->sample_stack[i];
		     st != PV_NONE && snode[st] == PV_NONE;
		     st = p->stacks[st].prefix)
			snode[st] = SKIP_FRAME;
	/* stack rows to trie nodes: a row's prefix comes before it */
	rc = 0;
	for (uint32_t i = 0; i < p->nstacks && !rc; i++) {
		const struct pv_stack *st = &p->stacks[i];
		uint32_t parent = st->prefix == PV_NONE ? PV_NONE :
				  snode[st->prefix];
		uint32_t fr = st->frame, sym, line;

		if (snode[i] == PV_NONE)
			continue;
		if (fsym[fr] == PV_NONE)
			rc = frame_sym(&a, fr, &fsym[fr]);
		if (rc)
			break;
		sym = fsym[fr];
		if (sym == SKIP_FRAME) {
			snode[i] = parent;
			continue;
		}
		line = a.mode == MODE_LINES &&
		       p->frames[fr].kind == PV_KIND_PYTHON ?
			p->frames[fr].line : 0;
		rc = add_node(&a, parent, sym, line, &snode[i]);
	}
	for (size_t i = 0; i < p->nsamples && !rc; i++) {
		uint32_t st = p->sample_stack[i];

		rc = add_weight(&a, st == PV_NONE ? PV_NONE : snode[st],
				p->threads[p->sample_thread[i]].raw_id,
				pv_sample_weight(p, i));
	}
	if (!rc)
		rc = assign_keys(&a, p->sources[0].addr_size);
	if (!rc)
		rc = rank_nodes(&a);
	if (!rc) {
		for (uint32_t i = 0; i < a.nent; i++)
			a.ent[i].rank = a.ent[i].node == PV_NONE ? 0 :
					a.node[a.ent[i].node].rank;
		pv_sort(a.ent, a.nent, sizeof(*a.ent), cmp_entries, NULL);
		rc = write_log(&a, out, opts, unit, err);
	}
out:
	free(fsym);
	free(snode);
	agg_release(&a);
	return rc;
}

int pv_render_export_vmprof(const struct pv_profile *p,
			    const struct pv_export_opts *o, FILE *out,
			    struct pv_error *err)
{
	(void)o;
	return pv_render_merge_vmprof(out, p, NULL, err);
}
