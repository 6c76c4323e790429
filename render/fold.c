/* fold.c - folded stacks, the interchange format of flamegraph.pl,
 * inferno and speedscope (pv_fold.h). */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "profile/pv_buf.h"
#include "render/pv_fold.h"
#include "render/pv_textsafe.h"

struct fold_ctx {
	const struct pv_profile *p;
	FILE *out;
	struct pv_buf path; /* the nodes (uint32_t) from the root to the one
			     * visited */
	int oom;
};

#define PATH(f) PV_BUF_ITEMS(&(f)->path, uint32_t)

/* A frame's text with the format's separator ';' replaced by ':' and
 * control characters (a newline would end the line) shown escaped
 * (pv_textsafe.h). */
static void put_name(FILE *out, const char *s)
{
	for (;;) {
		size_t n = strcspn(s, ";");
		pv_text_put(out, s, n);
		if (!s[n])
			break;
		putc(':', out);
		s += n + 1;
	}
}

static void put_frame(struct fold_ctx *f, const struct pv_calltree *t,
		      uint32_t node)
{
	const struct pv_cnode *n = &t->nodes[node];
	const struct pv_func *fn;
	char buf[64];

	if (n->func == PV_NONE) {
		put_name(f->out, pv_cnode_name(f->p, t, node, buf));
		return;
	}
	fn = &f->p->funcs[n->func];
	put_name(f->out, pv_func_label(fn));
	if (fn->file[0]) {   /* read back as a Python frame with its location */
		fputs(" (", f->out);
		put_name(f->out, fn->file);
		fprintf(f->out, ":%" PRIu32 ")", fn->line);
	}
}

static int visit(void *ctx, const struct pv_calltree *t, uint32_t node)
{
	struct fold_ctx *f = ctx;
	const struct pv_cnode *n = &t->nodes[node];

	size_t need = ((size_t)n->depth + 1) * sizeof(uint32_t);

	if (f->path.len < need &&
	    !pv_buf_extend(&f->path, need - f->path.len)) {
		f->oom = 1;
		return 1;
	}
	PATH(f)[n->depth] = node;
	if (!n->self)
		return 0;
	for (uint32_t d = 0; d <= n->depth; d++) {
		if (d)
			putc(';', f->out);
		put_frame(f, t, PATH(f)[d]);
	}
	fprintf(f->out, " %" PRIu64 "\n", n->self);
	return 0;
}

int pv_render_fold_text(FILE *out, const struct pv_profile *p,
			const struct pv_tree_opts *to, struct pv_error *err)
{
	struct fold_ctx f = { .p = p, .out = out };
	struct pv_calltree *t = NULL;
	int rc;

	rc = pv_calltree_build(&t, p, to, err);
	if (rc == 0 && pv_calltree_sort(t, p, pv_cnode_cmp_name) < 0)
		rc = pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET,
				  "out of memory");
	if (rc == 0)
		rc = pv_calltree_walk(t, visit, &f, err);
	if (rc == 0 && f.oom)
		rc = pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET,
				  "out of memory");
	pv_buf_release(&f.path);
	pv_calltree_free(t);
	return rc;
}
