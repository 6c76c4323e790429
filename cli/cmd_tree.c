/* cmd_tree.c - `profview tree`: the call tree as indented text. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/view.h"
#include "profile/pv_recursion.h"
#include "render/pv_tree_text.h"

enum { O_PRUNE = 1, O_DEPTH, O_COLLAPSE };

static const struct cli_option tree_options[] = {
	CLI_OPT_ARG(0, "prune", O_PRUNE, "PCT",
		    "hide subtrees under PCT % of all samples\n"
		    "(default 1; 0 shows everything)"),
	CLI_OPT_ARG(0, "depth", O_DEPTH, "N",
		    "show N levels (default: all)"),
	CLI_OPT_FLAG(0, "collapse-recursion", O_COLLAPSE,
		     "fold a function calling itself directly into\n"
		     "one node"),
	CLI_OPT_END
};

struct tree_args {
	double prune;
	uint32_t depth;
	int collapse;
};

static int parse(void *args, struct cli *c, int opt, const char *arg)
{
	struct tree_args *a = args;
	double d;

	switch (opt) {
	case O_PRUNE:
		if (cli_number(c, "prune", arg, 0, HUGE_VAL, &d))
			return PV_EXIT_USAGE;
		if (d > 100)
			return cli_usage_error(c, "--prune takes 0 to 100");
		a->prune = d;
		return 0;
	case O_DEPTH:
		if (cli_number(c, "depth", arg, 0, HUGE_VAL, &d))
			return PV_EXIT_USAGE;
		if (d < 1)
			return cli_usage_error(c, "--depth takes 1 or more");
		a->depth = d > 1e6 ? 1000000u : (uint32_t)d;
		return 0;
	case O_COLLAPSE:
		a->collapse = 1;
		return 0;
	}
	return cli_usage_error(c, "unknown option");
}

/* Builds, sorts and prints the tree of every sample (g NULL) or of
 * group i of n, as text or as JSON. */
static int one(const struct pv_profile *p, struct view_group *g,
	       uint32_t i, uint32_t n, const struct pv_tree_text_opts *to,
	       int json, FILE *out, struct pv_error *err)
{
	struct pv_tree_opts o = { 0 };
	struct pv_calltree *t = NULL;
	uint64_t *w = NULL, empty = 0;
	int rc = 0;

	if (g) {
		w = pv_funcstats_weights(p, view_group_keep, g, &empty);
		if (!w)
			return pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET,
					    "out of memory");
		o.stack_weights = w;
		o.empty_weight = empty;
	}
	rc = pv_calltree_build(&t, p, &o, err);
	if (rc < 0) {
		free(w);
		return rc;
	}
	pv_calltree_sort(t, p, pv_cnode_cmp_total);
	if (json && g)
		rc = pv_render_tree_json_group(out, p, t, to, g->name, i, n);
	else if (json)
		rc = pv_render_tree_json(out, p, t, to);
	else if (g)
		rc = pv_render_tree_text_group(out, p, t, to, g->name, i);
	else
		rc = pv_render_tree_text(out, p, t, to);
	if (rc == PV_ENOMEM)
		rc = pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET,
				  "out of memory");
	else if (rc)
		rc = pv_error_set(err, PV_EWRITE, PV_NO_OFFSET,
				  "write failed");
	pv_calltree_free(t);
	free(w);
	return rc;
}

static int view(struct cli *c, void *args, struct pv_profile *p, FILE *out,
		struct pv_error *err)
{
	const struct tree_args *a = args;
	struct pv_tree_text_opts to = { .prune = a->prune,
					.max_depth = a->depth };
	struct view_group *groups = NULL;
	uint32_t ng = 0;
	int rc;

	if (a->collapse) {
		rc = pv_profile_collapse_recursion(p, err);
		if (rc < 0)
			goto out;
	}
	view_text_opts(c, out, p, &to.text);
	rc = view_groups(c, p, &groups, &ng, err);
	if (rc < 0)
		goto out;
	if (!ng)
		rc = one(p, NULL, 0, 0, &to, c->json, out, err);
	for (uint32_t i = 0; i < ng && !rc; i++)
		rc = one(p, &groups[i], i, ng, &to, c->json, out, err);
out:
	free(groups);
	return rc;
}

static int check(void *args, struct cli *c)
{
	(void)args;
	if (c->csv)
		return cli_usage_error(c, "tree has no CSV form (try top --csv)");
	return 0;
}

static const struct tree_args tree_defaults = { 1.0, 0, 0 };

const struct cli_command cmd_tree = {
	.name = "tree",
	.summary = "call tree as indented text",
	.synopsis = "tree [OPTIONS] LOG...",
	.about =
	"Prints the call tree, callers above callees, heaviest first: total %,\n"
	"self %, samples, name and file:line per node.\n",
	.options = tree_options,
	.groups = CLI_G_OUTPUT | CLI_G_FILTERS | CLI_G_SYMBOLS | CLI_G_FORMAT |
		  CLI_G_GROUP,
	.needs = CLI_NEED_LOGS | CLI_NEED_PROFILE |
		 CLI_POOL_THREADS,
	.args_size = sizeof(struct tree_args),
	.args_init = &tree_defaults,
	.parse = parse,
	.check = check,
	.view = view,
	.outputs = cli_text_outputs,
};
