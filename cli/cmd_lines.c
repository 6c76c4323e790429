/* cmd_lines.c - `profview lines`: samples per source line inside the
 * functions a pattern names, beside the source text when it can be read
 * (the view: render/pv_lines.h; which files are read: lines_source.c).
 */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/view.h"
#include "render/pv_lines.h"

enum { O_SOURCE_DIR = 1, O_NO_SOURCE };

static const struct cli_option lines_options[] = {
	CLI_OPT_ARG(0, "source-dir", O_SOURCE_DIR, "DIR",
		    "look source files up under DIR (repeatable):\n"
		    "DIR/PATH, then DIR/ with leading directories of\n"
		    "PATH dropped one by one"),
	CLI_OPT_FLAG(0, "no-source", O_NO_SOURCE,
		     "read no source file: counts per line only"),
	CLI_OPT_END
};

struct lines_args {
	struct cli_list dirs;
	const char *pattern;
	int no_source;
};

static int parse(void *args, struct cli *c, int opt, const char *arg)
{
	struct lines_args *a = args;

	if (opt == O_NO_SOURCE) {
		a->no_source = 1;
		return 0;
	}
	if (opt != O_SOURCE_DIR)
		return cli_usage_error(c, "unknown option");
	if (a->dirs.n == CLI_MAX_LIST)
		return cli_usage_error(c, "too many --source-dir options");
	a->dirs.item[a->dirs.n++] = arg;
	return 0;
}

/* The last positional argument is the pattern. */
static int check(void *args, struct cli *c)
{
	struct lines_args *a = args;

	if (c->nfiles < 2)
		return cli_usage_error(c, "give a log and a FUNCTION pattern");
	a->pattern = c->files[--c->nfiles];
	return 0;
}

static int view(struct cli *c, void *args, struct pv_profile *p, FILE *out,
		struct pv_error *err)
{
	struct lines_args *la = args;
	struct pv_lines_opts lo = {
		.pattern = la->pattern,
		.source = cli_lines_source,
		.source_ctx = &la->dirs,
		.no_source = la->no_source,
		.source_dirs = la->dirs.n > 0,
	};
	struct pv_text_opts to;

	if (c->json)
		return pv_render_lines_json(out, p, &lo, err);
	view_text_opts(c, out, p, &to);
	return pv_render_lines_text(out, p, &lo, &to, err);
}

static const struct lines_args lines_defaults = { .dirs = { .n = 0 } };

const struct cli_command cmd_lines = {
	.name = "lines",
	.summary = "samples per source line of a function (lines mode)",
	.synopsis = "lines [OPTIONS] LOG... FUNCTION",
	.about =
	"For logs recorded in lines mode: samples per source line in every\n"
	"function whose name matches FUNCTION (a POSIX extended regex, also\n"
	"matched against \"name file:line\"), beside the source text.\n",
	.options = lines_options,
	.groups = CLI_G_OUTPUT | CLI_G_FILTERS | CLI_G_JSON | CLI_G_COLOR,
	.needs = CLI_NEED_LOGS | CLI_NEED_PROFILE |
		 CLI_POOL_THREADS,
	.args_size = sizeof(struct lines_args),
	.args_init = &lines_defaults,
	.parse = parse,
	.check = check,
	.view = view,
	.outputs = cli_text_outputs,
};
