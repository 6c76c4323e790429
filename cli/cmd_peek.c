/* cmd_peek.c - `profview peek REGEX LOG...`: callers and callees of the
 * functions REGEX matches (pprof -peek). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/view.h"
#include "profile/pv_callgraph.h"
#include "profile/pv_filter.h"
#include "render/pv_peek.h"

enum { O_LIMIT = 1 };

static const struct cli_option peek_options[] = {
	CLI_OPT_ARG(0, "limit", O_LIMIT, "N",
		    "callers and callees shown per function\n"
		    "(default 25; 0 = all)"),
	CLI_OPT_END
};

struct peek_args {
	uint32_t limit;
	const char *pattern;
};

static const struct peek_args peek_defaults = { 25, NULL };

static int parse(void *args, struct cli *c, int opt, const char *arg)
{
	struct peek_args *a = args;
	double d;

	if (opt != O_LIMIT)
		return cli_usage_error(c, "unknown option");
	if (cli_number(c, "limit", arg, 0, HUGE_VAL, &d))
		return PV_EXIT_USAGE;
	a->limit = d > 1e9 ? 1000000000u : (uint32_t)d;
	return 0;
}

/* The first positional argument is the pattern; the logs follow. */
static int check(void *args, struct cli *c)
{
	struct peek_args *a = args;

	if (c->nfiles < 2)
		return cli_usage_error(c, "give a REGEX and at least one log");
	a->pattern = c->files[0];
	memmove(c->files, c->files + 1, (size_t)(c->nfiles - 1) *
		sizeof(*c->files));
	c->files[--c->nfiles] = NULL;
	return 0;
}

static int view(struct cli *c, void *args, struct pv_profile *p, FILE *out,
		struct pv_error *err)
{
	struct peek_args *a = args;
	struct pv_callgraph *g = NULL;
	struct pv_matcher *m = NULL;
	struct pv_text_opts to;
	uint32_t n = 0, *funcs = NULL;
	int rc;

	rc = pv_matcher_new(&m, &a->pattern, 1, err);
	if (rc < 0)
		return rc;
	rc = pv_callgraph_build(&g, p, NULL, 0, PV_CG_PAIRS, err);
	if (rc < 0)
		goto done;
	funcs = malloc((p->nfuncs + 1) * sizeof(*funcs));
	if (!funcs) {
		rc = pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET, "out of memory");
		goto done;
	}
	for (uint32_t f = 0; f < p->nfuncs; f++)
		if (g->total[f] && pv_matcher_func(m, p, f))
			funcs[n++] = f;
	if (!n) {
		rc = pv_error_set(err, PV_EUSAGE, PV_NO_OFFSET,
				  "no function with samples matches '%s'",
				  a->pattern);
		goto done;
	}
	pv_peek_order(p, g, funcs, n);
	view_text_opts(c, out, p, &to);
	rc = c->json ? pv_render_peek_json(out, p, g, funcs, n, a->limit) :
	     pv_render_peek_text(out, p, g, funcs, n, a->limit, &to);
	if (rc == PV_ENOMEM)
		pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET, "out of memory");
	else if (rc < 0)
		rc = pv_error_set(err, PV_EWRITE, PV_NO_OFFSET, "write failed");
done:
	free(funcs);
	pv_callgraph_free(g);
	pv_matcher_free(m);
	return rc;
}

const struct cli_command cmd_peek = {
	.name = "peek",
	.summary = "callers and callees of functions (pprof -peek)",
	.synopsis = "peek [OPTIONS] REGEX LOG...",
	.about =
	"For each function REGEX matches (a POSIX extended regex, matched\n"
	"against the name and against 'name file:line'), hottest first: its\n"
	"self and total samples, the functions that call it and those it\n"
	"calls, each with samples and share of its total.  A caller or callee\n"
	"counts once per sample; \"(root)\" stands for the stacks it starts.\n",
	.options = peek_options,
	.groups = CLI_G_OUTPUT | CLI_G_FILTERS | CLI_G_SYMBOLS | CLI_G_JSON |
		  CLI_G_COLOR,
	.needs = CLI_NEED_LOGS | CLI_NEED_PROFILE |
		 CLI_POOL_THREADS,
	.args_size = sizeof(struct peek_args),
	.args_init = &peek_defaults,
	.parse = parse,
	.check = check,
	.view = view,
	.outputs = cli_text_outputs,
};
