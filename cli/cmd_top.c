/* cmd_top.c - `profview top`: the hottest functions as a table. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/view.h"
#include "render/pv_json.h"

enum { O_SORT = 1, O_LIMIT, O_BY };

static const struct cli_option top_options[] = {
	CLI_OPT_ARG(0, "sort", O_SORT, "self|total|name",
		    "order of the rows (default self)"),
	CLI_OPT_ARG(0, "limit", O_LIMIT, "N",
		    "show the first N rows (default 25; 0 = all)"),
	CLI_OPT_ARG(0, "by", O_BY, "function|file|line|module",
		    "one row per function (default), per source\n"
		    "file, per source line (lines-mode logs), or per\n"
		    "Python file / native library"),
	CLI_OPT_END
};

struct top_args {
	enum pv_fs_sort sort;
	enum pv_fs_by by;
	uint32_t limit;
};

static int parse(void *args, struct cli *c, int opt, const char *arg)
{
	struct top_args *a = args;
	double d;

	switch (opt) {
	case O_SORT:
		if (!strcmp(arg, "self"))
			a->sort = PV_FS_SORT_SELF;
		else if (!strcmp(arg, "total"))
			a->sort = PV_FS_SORT_TOTAL;
		else if (!strcmp(arg, "name"))
			a->sort = PV_FS_SORT_NAME;
		else
			return cli_usage_error(c, "--sort takes self, total or name");
		return 0;
	case O_LIMIT:
		if (cli_number(c, "limit", arg, 0, HUGE_VAL, &d))
			return PV_EXIT_USAGE;
		a->limit = d > 1e9 ? 1000000000u : (uint32_t)d;
		return 0;
	case O_BY:
		if (!strcmp(arg, "function"))
			a->by = PV_FS_FUNCTION;
		else if (!strcmp(arg, "file"))
			a->by = PV_FS_FILE;
		else if (!strcmp(arg, "line"))
			a->by = PV_FS_LINE;
		else if (!strcmp(arg, "module"))
			a->by = PV_FS_MODULE;
		else
			return cli_usage_error(c,
				"--by takes function, file, line or module");
		return 0;
	}
	return cli_usage_error(c, "unknown option");
}

/* Stats of one group (g NULL: every sample), sorted. */
static int stats(const struct pv_profile *p, const struct top_args *a,
		 struct view_group *g, struct pv_funcstats **out,
		 struct pv_error *err)
{
	uint64_t empty = 0, *w = NULL;
	int rc;

	if (g) {
		w = pv_funcstats_weights(p, view_group_keep, g, &empty);
		if (!w)
			return pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET,
					    "out of memory");
	}
	rc = pv_funcstats_build(out, p, a->by, w, empty, err);
	free(w);
	if (rc < 0)
		return rc;
	pv_funcstats_sort(*out, p, a->sort);
	return 0;
}

struct group_out {
	const struct cli *c;
	const struct top_args *a;
	const struct pv_profile *p;
	FILE *out;
	const struct pv_text_opts *to;
	const struct view_group *groups;
	json_t *j;
};

/* One --group-by table, rendered as soon as it is built. */
static int group_one(void *ctx, uint32_t i, struct pv_funcstats *gs)
{
	const struct group_out *g = ctx;
	int rc = 0;

	pv_funcstats_sort(gs, g->p, g->a->sort);
	if (g->c->json)
		rc = pv_render_top_json_group(g->j, g->p, gs, g->a->limit,
					      g->p->weighted,
					      g->groups[i].name);
	else if (g->c->csv)
		rc = pv_render_top_csv(g->out, g->p, gs, g->a->limit,
				       g->groups[i].name, i == 0);
	else
		rc = pv_render_top_text_group(g->out, g->p, gs, g->a->limit,
					      g->groups[i].name, g->to);
	pv_funcstats_free(gs);
	return rc == PV_ENOMEM ? PV_ENOMEM : 0;
}

static int view(struct cli *c, void *args, struct pv_profile *p, FILE *out,
		struct pv_error *err)
{
	const struct top_args *a = args;
	struct pv_funcstats *fs = NULL;
	struct view_group *groups = NULL;
	struct pv_text_opts to;
	json_t *j = NULL;
	uint32_t ng = 0;
	int rc;

	if (a->by == PV_FS_LINE && !c->quiet) {
		int lines = 0;
		for (uint32_t i = 0; i < p->nsources; i++)
			lines |= p->sources[i].flags & PV_FLAG_LINES;
		if (!lines)
			cli_error("warning: no log was recorded in lines mode; "
				  "--by line shows one row per function");
	}
	rc = view_groups(c, p, &groups, &ng, err);
	if (rc < 0)
		return rc;
	rc = stats(p, a, NULL, &fs, err);
	if (rc < 0)
		goto out;
	view_text_opts(c, out, p, &to);
	if (c->json) {
		j = pv_render_top_json_all(p, fs, a->limit, p->weighted,
					   ng > 0);
		if (!j)
			goto nomem;
	} else if (c->csv) {
		if (!ng && pv_render_top_csv(out, p, fs, a->limit, NULL, 1) ==
			   PV_ENOMEM)
			goto nomem;
	} else {
		if (pv_render_top_text_all(out, p, fs, a->limit,
					   ng ? c->group_by : NULL, &to) ==
		    PV_ENOMEM)
			goto nomem;
	}
	if (ng) {
		/* every group in one pass over the samples, each rendered
		 * as it comes (linear however many threads) */
		struct group_out go = { c, a, p, out, &to, groups, j };
		rc = pv_funcstats_build_groups(ng, p, a->by, view_group_of,
					       groups, group_one, &go, err);
		if (rc == PV_ENOMEM)
			goto nomem;
		if (rc < 0)
			goto out;
	}
	if (j)
		rc = pv_json_write_table(j, out, err);
	goto out;
nomem:
	rc = pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET, "out of memory");
out:
	json_decref(j);
	pv_funcstats_free(fs);

	free(groups);
	return rc;
}

static int check(void *args, struct cli *c)
{
	(void)args;
	if (c->json && c->csv)
		return cli_usage_error(c, "--json and --csv exclude each other");
	return 0;
}

static const struct top_args top_defaults = {
	PV_FS_SORT_SELF, PV_FS_FUNCTION, 25
};

const struct cli_command cmd_top = {
	.name = "top",
	.summary = "hottest functions: self and total samples",
	.synopsis = "top [OPTIONS] LOG...",
	.about =
	"Prints one row per function: self samples (the function was running),\n"
	"self %, total samples (it was on the stack; a recursive function counts\n"
	"once per sample), total %, name and file:line.  Several logs are merged.\n",
	.options = top_options,
	.groups = CLI_G_OUTPUT | CLI_G_FILTERS | CLI_G_SYMBOLS | CLI_G_FORMAT |
		  CLI_G_GROUP,
	.needs = CLI_NEED_LOGS | CLI_NEED_PROFILE |
		 CLI_POOL_THREADS,
	.args_size = sizeof(struct top_args),
	.args_init = &top_defaults,
	.parse = parse,
	.check = check,
	.view = view,
	.outputs = cli_table_outputs,
};
