/* cmd_fold.c - `profview fold`: folded stacks ("main;f;g 42" per line),
 * the interchange format of flamegraph.pl, inferno and speedscope (the
 * view: render/pv_fold.h). */
#include "cli/cli.h"
#include "cli/commands.h"
#include "render/pv_fold.h"

enum { F_PER_THREAD = 1 };

static const struct cli_option fold_options[] = {
	CLI_OPT_FLAG(0, "per-thread", F_PER_THREAD,
		     "start each path with a 'thread N' frame"),
	CLI_OPT_END
};

struct fold_args {
	struct pv_tree_opts to;
};

static int parse(void *args, struct cli *c, int opt, const char *arg)
{
	struct fold_args *f = args;

	(void)arg;
	if (opt == F_PER_THREAD) {
		f->to.per_thread = 1;
		c->needs_threads = 1;
		return 0;
	}
	return cli_usage_error(c, "unknown option");
}

static int view(struct cli *c, void *args, struct pv_profile *p, FILE *out,
		struct pv_error *err)
{
	struct fold_args *f = args;

	(void)c;
	return pv_render_fold_text(out, p, &f->to, err);
}

static const struct cli_outputs *outputs(const void *args, const struct cli *c)
{
	static const char *const ok[] = { "folded", "txt", NULL };
	static const struct cli_outputs o = { ok, 0, "folded stacks text " \
		"(.folded, .txt or a name that names no other format)" };

	(void)args;
	(void)c;
	return &o;
}

const struct cli_command cmd_fold = {
	.name = "fold",
	.summary = "folded stacks for flamegraph.pl, inferno, speedscope",
	.synopsis = "fold [OPTIONS] LOG...",
	.about =
	"Prints one line per distinct call path: the functions root first,\n"
	"';'-separated, then a space and the samples that ended there.  Python\n"
	"functions are written 'name (file:line)'; ';' inside a name becomes\n"
	"':' and control characters are shown escaped (a line break as\n"
	"'\\x0a').  Lines come sorted by name, so the output is\n"
	"stable and diffs well.  'profview flame' reads it back.\n",
	.options = fold_options,
	.groups = CLI_G_OUTPUT | CLI_G_FILTERS | CLI_G_SYMBOLS,
	.needs = CLI_NEED_LOGS | CLI_NEED_PROFILE |
		 CLI_POOL_THREADS,
	.args_size = sizeof(struct fold_args),
	.parse = parse,
	.view = view,
	.outputs = outputs,
};
