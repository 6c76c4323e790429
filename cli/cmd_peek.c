/* cmd_peek.c - `profview peek RE`: callers and callees of the functions
 * RE matches (pprof -peek). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/view.h"
#include "profile/pv_callgraph.h"
#include "profile/pv_filter.h"
#include "render/pv_peek.h"

const char cmd_peek_usage[] =
	"usage: profview peek [OPTIONS] REGEX LOG...\n"
	"For each function REGEX matches (a POSIX extended regex, matched\n"
	"against the name and against 'name file:line'), hottest first: its\n"
	"self and total samples, the functions that call it and those it\n"
	"calls, each with samples and share of its total.  A caller or callee\n"
	"counts once per sample; \"(root)\" stands for the stacks it starts.\n"
	"  --limit N             callers and callees shown per function\n"
	"                        (default 25; 0 = all)\n";

enum { O_LIMIT = 2400 };

static const struct option peek_opts[] = {
	{ "limit", required_argument, NULL, O_LIMIT },
	{ NULL, 0, NULL, 0 }
};

static int parse(void *ctx, struct cli *c, int opt, const char *arg)
{
	uint32_t *limit = ctx;
	double d;

	if (opt != O_LIMIT)
		return cli_usage_error(c, "unknown option");
	if (cli_number(c, "limit", arg, 0, HUGE_VAL, &d))
		return PV_EXIT_USAGE;
	*limit = d > 1e9 ? 1000000000u : (uint32_t)d;
	return 0;
}

static const struct pv_callgraph *order_g;
static const struct pv_profile *order_p;

/* hottest first; ties by name, file, line */
static int cmp_func(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	const struct pv_func *fx = &order_p->funcs[x], *fy = &order_p->funcs[y];
	int c;

	if (order_g->total[x] != order_g->total[y])
		return order_g->total[x] > order_g->total[y] ? -1 : 1;
	c = strcmp(pv_func_label(fx), pv_func_label(fy));
	if (!c)
		c = strcmp(fx->file, fy->file);
	if (!c)
		c = fx->line < fy->line ? -1 : fx->line > fy->line;
	return c;
}

int cmd_peek(int argc, char **argv)
{
	uint32_t limit = 25, n = 0, *funcs = NULL;
	struct cmd_opts o = {
		.opts = peek_opts, .parse = parse, .ctx = &limit,
		.groups = OPT_OUTPUT | OPT_FILTERS | OPT_SYMBOLS | OPT_JSON |
			  OPT_COLOR,
	};
	struct pv_profile *p = NULL;
	struct pv_callgraph *g = NULL;
	struct pv_matcher *m = NULL;
	struct pv_error err = { 0 };
	struct pv_text_opts to;
	const char *pattern;
	struct cli c;
	FILE *out = NULL;
	int rc = cli_parse(&c, argc, argv, &o);

	if (rc >= 0)
		goto done;
	if (c.nfiles < 2) {
		rc = cli_usage_error(&c, "peek needs a REGEX and at least one log");
		goto done;
	}
	pattern = c.files[0];
	if (pv_matcher_new(&m, &pattern, 1, &err) < 0) {
		rc = cli_usage_error(&c, "%s", err.msg);
		goto done;
	}
	/* the logs follow the pattern */
	c.files++;
	c.nfiles--;
	rc = cli_load(&c, &p);
	c.files--;
	c.nfiles++;
	if (rc)
		goto done;
	if (pv_callgraph_build(&g, p, NULL, 0, PV_CG_PAIRS, &err) < 0 ||
	    !(funcs = malloc((p->nfuncs + 1) * sizeof(*funcs)))) {
		cli_error("out of memory");
		rc = PV_EXIT_INPUT;
		goto done;
	}
	for (uint32_t f = 0; f < p->nfuncs; f++)
		if (g->total[f] && pv_matcher_func(m, p, f))
			funcs[n++] = f;
	if (!n) {
		cli_error("no function with samples matches '%s'", pattern);
		rc = PV_EXIT_USAGE;
		goto done;
	}
	order_g = g;
	order_p = p;
	qsort(funcs, n, sizeof(*funcs), cmp_func);
	out = cli_open_output(&c, "w");
	if (!out) {
		rc = cli_close_output(&c, NULL);
		goto done;
	}
	view_text_opts(&c, out, p, &to);
	rc = c.json ? pv_render_peek_json(out, p, g, funcs, n, limit) :
	     pv_render_peek_text(out, p, g, funcs, n, limit, &to);
	if (rc == PV_ENOMEM)
		cli_error("out of memory");
	/* a failed write is said once, by cli_finish_output */
	rc = cli_finish_output(&c, out, !rc ? 0 : rc == PV_ENOMEM ?
			       PV_EXIT_INPUT : PV_EXIT_WRITE);
done:
	free(funcs);
	pv_callgraph_free(g);
	pv_matcher_free(m);
	pv_profile_free(p);
	cli_release(&c);
	return rc;
}
