/* cmd_fold.c - `profview fold`: folded stacks ("main;f;g 42" per line),
 * the interchange format of flamegraph.pl, inferno and speedscope. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "profile/pv_buf.h"
#include "render/pv_textsafe.h"
#include "cli/commands.h"
#include "profile/pv_calltree.h"

enum { F_PER_THREAD = 1 };

static const struct cli_option fold_options[] = {
	CLI_OPT_FLAG(0, "per-thread", F_PER_THREAD,
		     "start each path with a 'thread N' frame"),
	CLI_OPT_END
};

struct fold_ctx {
	struct pv_tree_opts to;
	const struct pv_profile *p;
	FILE *out;
	struct pv_buf path;   /* node per depth (uint32_t), root first */
	int oom;
};

#define PATH(f) PV_BUF_ITEMS(&(f)->path, uint32_t)

static int parse(void *args, struct cli *c, int opt, const char *arg)
{
	struct fold_ctx *f = args;

	(void)arg;
	if (opt == F_PER_THREAD) {
		f->to.per_thread = 1;
		return 0;
	}
	return cli_usage_error(c, "unknown option");
}

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

	if (f->path.len < need && !pv_buf_extend(&f->path, need - f->path.len)) {
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

static int view(struct cli *c, void *args, struct pv_profile *p, FILE *out,
		struct pv_error *err)
{
	struct fold_ctx *f = args;
	struct pv_calltree *t = NULL;
	int rc;

	(void)c;
	f->p = p;
	f->out = out;
	rc = pv_calltree_build(&t, p, &f->to, err);
	if (rc == 0)
		rc = pv_calltree_sort(t, p, pv_cnode_cmp_name);
	if (rc == 0)
		rc = pv_calltree_walk(t, visit, f, err);
	if (rc == 0 && f->oom)
		rc = pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET,
				  "out of memory");
	pv_buf_release(&f->path);
	pv_calltree_free(t);
	return rc;
}

const struct cli_command cmd_fold = {
	.name = "fold",
	.summary = "folded stacks for flamegraph.pl, inferno, speedscope",
	.synopsis = "fold [OPTIONS] LOG...",
	.about =
	"Prints one line per distinct call path: the functions root first,\n"
	"';'-separated, then a space and the samples that ended there.  Python\n"
	"functions are written 'name (file:line)'; ';' and line breaks inside a\n"
	"name become ':' and ' '.  Lines come sorted by name, so the output is\n"
	"stable and diffs well.  'profview flame' reads it back.\n",
	.options = fold_options,
	.groups = CLI_G_OUTPUT | CLI_G_FILTERS | CLI_G_SYMBOLS,
	.needs = CLI_NEED_LOGS | CLI_NEED_PROFILE,
	.args_size = sizeof(struct fold_ctx),
	.parse = parse,
	.view = view,
};
