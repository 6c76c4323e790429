/* cmd_tree.c - `profview tree`: the call tree as indented text. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/view.h"
#include "profile/pv_recursion.h"
#include "render/pv_json.h"
#include "render/pv_tree_text.h"

const char cmd_tree_usage[] =
	"usage: profview tree [OPTIONS] LOG...\n"
	"Prints the call tree, callers above callees, heaviest first: total %,\n"
	"self %, samples, name and file:line per node.\n"
	"  --prune PCT           hide subtrees under PCT % of all samples\n"
	"                        (default 1; 0 shows everything)\n"
	"  --depth N             show N levels (default: all)\n"
	"  --collapse-recursion  fold a function calling itself directly into\n"
	"                        one node\n"
	"  --json                the shown nodes as nested JSON objects\n";

enum { O_PRUNE = 2100, O_DEPTH, O_COLLAPSE };

static const struct option tree_opts[] = {
	{ "prune", required_argument, NULL, O_PRUNE },
	{ "depth", required_argument, NULL, O_DEPTH },
	{ "collapse-recursion", no_argument, NULL, O_COLLAPSE },
	{ NULL, 0, NULL, 0 }
};

struct tree_args {
	double prune;
	uint32_t depth;
	int collapse;
};

static int parse(void *ctx, struct cli *c, int opt, const char *arg)
{
	struct tree_args *a = ctx;
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

/* Builds, sorts and prints (or adds to jarr) the tree of one group (g
 * NULL: every sample). */
static int one(const struct pv_profile *p, struct view_group *g,
	       const struct pv_tree_text_opts *to, int json, json_t *jarr,
	       FILE *out)
{
	struct pv_tree_opts o = { 0 };
	struct pv_error err = { 0 };
	struct pv_calltree *t = NULL;
	uint64_t *w = NULL, empty = 0;
	int rc = 0;

	if (g) {
		w = pv_funcstats_weights(p, view_group_keep, g, &empty);
		if (!w) {
			cli_error("out of memory");
			return PV_EXIT_INPUT;
		}
		o.stack_weights = w;
		o.empty_weight = empty;
	}
	if (pv_calltree_build(&t, p, &o, &err) < 0) {
		free(w);
		cli_error("%s", err.msg);
		return PV_EXIT_INPUT;
	}
	pv_calltree_sort(t, p, pv_cnode_cmp_total);
	if (json) {
		json_t *j = pv_tree_json(p, t, to);
		if (g)
			json_object_set_new(j, "group", pv_json_string(g->name));
		json_array_append_new(jarr, j);
	} else {
		if (g)
			fprintf(out, "%s%s%s\n", to->text.color ? "\033[1m" : "",
				g->name, to->text.color ? "\033[0m" : "");
		if (pv_render_tree_text(out, p, t, to) < 0)
			rc = PV_EXIT_INPUT;
	}
	pv_calltree_free(t);
	free(w);
	return rc;
}

static int run(struct cli *c, struct pv_profile *p, const struct tree_args *a,
	       FILE *out)
{
	struct pv_tree_text_opts to = { .prune = a->prune,
					.max_depth = a->depth };
	struct view_group *groups = NULL;
	struct pv_error err = { 0 };
	json_t *jarr = json_array();
	uint32_t ng = 0;
	int rc;

	if (a->collapse && pv_profile_collapse_recursion(p, &err) < 0) {
		json_decref(jarr);
		cli_error("%s", err.msg);
		return PV_EXIT_INPUT;
	}
	view_text_opts(c, out, p, &to.text);
	rc = view_groups(c, p, &groups, &ng);
	if (rc)
		goto out;
	if (!ng)
		rc = one(p, NULL, &to, c->json, jarr, out);
	for (uint32_t i = 0; i < ng && !rc; i++) {
		if (i && !c->json)
			fputc('\n', out);
		rc = one(p, &groups[i], &to, c->json, jarr, out);
	}
	if (!rc && c->json) {
		json_t *j = ng ? json_pack("{sO}", "groups", jarr) :
				 json_incref(json_array_get(jarr, 0));
		if (pv_json_dump_line(j, out))
			rc = PV_EXIT_INPUT;
		json_decref(j);
	}
out:
	json_decref(jarr);
	free(groups);
	return rc;
}

int cmd_tree(int argc, char **argv)
{
	struct tree_args a = { 1.0, 0, 0 };
	struct cmd_opts o = {
		.opts = tree_opts, .parse = parse, .ctx = &a,
		.groups = OPT_OUTPUT | OPT_FILTERS | OPT_SYMBOLS | OPT_FORMAT |
			  OPT_GROUP,
	};
	struct pv_profile *p = NULL;
	struct cli c;
	FILE *out;
	int rc = cli_parse(&c, argc, argv, &o);

	if (rc >= 0)
		goto done;
	if (c.csv) {
		rc = cli_usage_error(&c, "tree has no CSV form (try top --csv)");
		goto done;
	}
	rc = cli_load(&c, &p);
	if (rc)
		goto done;
	out = cli_open_output(&c, "w");
	if (!out) {
		rc = cli_close_output(&c, NULL);
		goto done;
	}
	rc = run(&c, p, &a, out);
	rc = cli_finish_output(&c, out, rc);
done:
	pv_profile_free(p);
	cli_release(&c);
	return rc;
}
