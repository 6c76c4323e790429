/* fold.c - folded stacks, the interchange format of flamegraph.pl,
 * inferno and speedscope (pv_fold.h). */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "render/pv_fold.h"
#include "render/pv_textsafe.h"

/* A growable byte buffer. */
struct bytes {
	char *p;
	size_t len, cap;
};

static int reserve(struct bytes *b, size_t more)
{
	size_t cap = b->cap ? b->cap : 4096;
	char *np;

	if (more <= b->cap - b->len)
		return 0;
	while (more > cap - b->len) {
		if (cap > SIZE_MAX / 2)
			return -1;
		cap *= 2;
	}
	np = realloc(b->p, cap);
	if (!np)
		return -1;
	b->p = np;
	b->cap = cap;
	return 0;
}

struct fold {
	const struct pv_profile *p;
	const struct pv_calltree *t;
	FILE *out;
	char **name;          /* per function: its text, made once */
	size_t *namelen;
	/* buf holds whole lines waiting to be written, then the current
	 * path, root first, from line (its names end at end[depth]); once
	 * the path's line is ended (done), the next path starts after it
	 * with a copy of the prefix it shares, so each byte written is
	 * copied once */
	struct bytes buf;
	size_t line;
	size_t *end;
	uint32_t cap;         /* entries in end */
	int done;
	int oom, failed;
};

/* Appends s made safe, with ';' as ':'. */
static int put_name(struct bytes *b, const char *s)
{
	char *owned;
	const char *safe = pv_text_safe(s, &owned);
	size_t n;

	if (!safe)
		return -1;
	n = strlen(safe);
	if (reserve(b, n) < 0) {
		free(owned);
		return -1;
	}
	for (size_t i = 0; i < n; i++)
		b->p[b->len + i] = safe[i] == ';' ? ':' : safe[i];
	b->len += n;
	free(owned);
	return 0;
}

/* The text of func, made on first use. */
static const char *func_text(struct fold *f, uint32_t func, size_t *len)
{
	const struct pv_func *fn = &f->p->funcs[func];
	struct bytes b = { 0 };
	char tail[16];
	int n;

	if (f->name[func]) {
		*len = f->namelen[func];
		return f->name[func];
	}
	if (put_name(&b, pv_func_label(fn)) < 0)
		goto oom;
	if (fn->file[0]) {
		if (reserve(&b, 2) < 0)
			goto oom;
		memcpy(b.p + b.len, " (", 2);
		b.len += 2;
		if (put_name(&b, fn->file) < 0)
			goto oom;
		n = snprintf(tail, sizeof(tail), ":%" PRIu32 ")", fn->line);
		if (reserve(&b, (size_t)n) < 0)
			goto oom;
		memcpy(b.p + b.len, tail, (size_t)n);
		b.len += (size_t)n;
	}
	if (!b.p && reserve(&b, 1) < 0)
		goto oom;
	{
		/* only its bytes: the names stay close together in memory,
		 * as they are copied for every line */
		char *np = realloc(b.p, b.len ? b.len : 1);
		if (np)
			b.p = np;
	}
	f->name[func] = b.p;
	f->namelen[func] = b.len;
	*len = b.len;
	return b.p;
oom:
	free(b.p);
	return NULL;
}

/* Writes the ended lines; the current path stays at the start of buf. */
static int flush(struct fold *f)
{
	size_t keep = f->buf.len - f->line;

	if (fwrite(f->buf.p, 1, f->buf.len, f->out) != f->buf.len)
		f->failed = 1;
	memmove(f->buf.p, f->buf.p + f->line, keep);
	f->line = 0;
	f->buf.len = 0;   /* the path is kept but ended (done) */
	return f->failed;
}

/* Writes v in decimal at the end of b (room for 20 digits reserved). */
static void put_u64(struct bytes *b, uint64_t v)
{
	char tmp[20];
	int n = 0;

	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n)
		b->p[b->len++] = tmp[--n];
}

enum { FLUSH_AT = 1 << 20 };

static int visit(void *ctx, const struct pv_calltree *t, uint32_t node)
{
	struct fold *f = ctx;
	const struct pv_cnode *n = &t->nodes[node];
	const char *s;
	char tbuf[64];
	size_t len;

	if (f->oom || f->failed)
		return 1;
	if (n->depth >= f->cap) {
		uint32_t ncap = f->cap ? f->cap * 2 : 256;
		void *np;
		while (ncap <= n->depth)
			ncap *= 2;
		np = realloc(f->end, ncap * sizeof(*f->end));
		if (!np)
			goto oom;
		f->end = np;
		f->cap = ncap;
	}
	/* the path down to the parent starts the node's line */
	len = n->depth ? f->end[n->depth - 1] : 0;
	if (f->done) {
		if (reserve(&f->buf, len) < 0)
			goto oom;
		if (f->buf.len != f->line)
			memcpy(f->buf.p + f->buf.len, f->buf.p + f->line, len);
		f->line = f->buf.len;
		f->done = 0;
	}
	f->buf.len = f->line + len;
	if (n->func != PV_NONE) {
		s = func_text(f, n->func, &len);
		if (!s || reserve(&f->buf, len + 1) < 0)
			goto oom;
		if (n->depth)
			f->buf.p[f->buf.len++] = ';';
		memcpy(f->buf.p + f->buf.len, s, len);
		f->buf.len += len;
	} else {
		if (reserve(&f->buf, 1) < 0)
			goto oom;
		if (n->depth)
			f->buf.p[f->buf.len++] = ';';
		if (put_name(&f->buf, pv_cnode_name(f->p, t, node, tbuf)) < 0)
			goto oom;
	}
	f->end[n->depth] = f->buf.len - f->line;
	if (!n->self)
		return 0;
	if (reserve(&f->buf, 22) < 0)
		goto oom;
	f->buf.p[f->buf.len++] = ' ';
	put_u64(&f->buf, n->self);
	f->buf.p[f->buf.len++] = '\n';
	f->done = 1;
	if (f->buf.len >= FLUSH_AT && flush(f))
		return 1;
	return 0;
oom:
	f->oom = 1;
	return 1;
}

static int write_tree(FILE *out, const struct pv_profile *p,
		      const struct pv_calltree *t, struct pv_error *err)
{
	struct fold f = { .p = p, .t = t, .out = out };
	int rc;

	f.name = calloc(p->nfuncs + 1, sizeof(*f.name));
	f.namelen = calloc(p->nfuncs + 1, sizeof(*f.namelen));
	if (!f.name || !f.namelen || reserve(&f.buf, FLUSH_AT + 4096) < 0) {
		rc = pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET,
				  "out of memory");
		goto done;
	}
	f.done = 1;
	rc = pv_calltree_walk(t, visit, &f, err);
	if (rc == 0 && !f.oom) {
		f.buf.len = f.done ? f.buf.len : f.line;   /* ended lines */
		f.line = f.buf.len;
		flush(&f);
	}
	if (rc == 0 && f.oom)
		rc = pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET,
				  "out of memory");
	else if (rc == 0 && f.failed)
		rc = pv_error_set(err, PV_EWRITE, PV_NO_OFFSET,
				  "write failed");
done:
	if (f.name)
		for (uint32_t i = 0; i < p->nfuncs; i++)
			free(f.name[i]);
	free(f.name);
	free(f.namelen);
	free(f.end);
	free(f.buf.p);
	return rc;
}

int pv_render_fold_text(FILE *out, const struct pv_profile *p,
			const struct pv_tree_opts *to, struct pv_error *err)
{
	struct pv_tree_opts o = to ? *to : (struct pv_tree_opts){ 0 };
	struct pv_calltree *t = NULL;
	int rc;

	/* only nodes with samples under them: lets the tree be built
	 * straight from the stack table when it can (pv_calltree.h) */
	o.min_total = 1;
	rc = pv_calltree_build(&t, p, &o, err);
	if (rc == 0 && pv_calltree_sort(t, p, pv_cnode_cmp_name) < 0)
		rc = pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET,
				  "out of memory");
	if (rc == 0)
		rc = write_tree(out, p, t, err);
	pv_calltree_free(t);
	return rc;
}
