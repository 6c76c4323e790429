/* cmd_diff.c - `profview diff`: which functions changed between two runs,
 * with a significance test a CI job can rely on. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "render/pv_json.h"
#include "cli/commands.h"
#include "cli/view.h"
#include "profile/pv_diff.h"
#include "render/pv_diff_render.h"

enum { O_BASE = 1, O_FAIL_ABOVE, O_THRESHOLD, O_ALPHA, O_CORRECTION,
       O_ABSOLUTE, O_LIMIT, O_MARKDOWN, O_FLAME, O_TITLE, O_WIDTH };

static const struct cli_option diff_options[] = {
	CLI_OPT_ARG(0, "base", O_BASE, "LOG",
		    "a base log (repeatable); every positional log\n"
		    "is then a new one"),
	CLI_OPT_ARG(0, "fail-above", O_FAIL_ABOVE, "PCT",
		    "exit 1 when a function's total share grows by\n"
		    "more than PCT points and the change is\n"
		    "significant (0 otherwise)"),
	CLI_OPT_ARG(0, "threshold", O_THRESHOLD, "PCT",
		    "flag changes above PCT points (default 1, or\n"
		    "the --fail-above value)"),
	CLI_OPT_ARG(0, "alpha", O_ALPHA, "A",
		    "significance level after correction (0.05)"),
	CLI_OPT_ARG(0, "correction", O_CORRECTION, "holm|bh|none",
		    "Holm (family-wise, default), Benjamini-\n"
		    "Hochberg (false discovery rate) or none"),
	CLI_OPT_FLAG(0, "absolute", O_ABSOLUTE,
		     "compare time (samples x period) instead of\n"
		     "shares, for runs that did the same work;\n"
		     "changes are then in percent of the base's time"),
	CLI_OPT_ARG(0, "limit", O_LIMIT, "N",
		    "rows shown (default 25; 0 all; --json: all)"),
	CLI_OPT_FLAG(0, "markdown", O_MARKDOWN,
		     "a markdown table for a pull-request comment"),
	CLI_OPT_FLAG(0, "flame", O_FLAME,
		     "a differential flame graph of NEW as SVG\n"
		     "(to standard output or -o FILE): red frames\n"
		     "grew, blue shrank, deeper for larger changes,\n"
		     "before/after in each tooltip, vanished call\n"
		     "paths listed under the graph; the verdict goes\n"
		     "to standard error"),
	CLI_OPT_ARG(0, "title", O_TITLE, "TEXT", "title of the flame graph"),
	CLI_OPT_ARG(0, "width", O_WIDTH, "PX",
		    "width of the flame graph, 100 to 32767\n"
		    "(default 1200)"),
	CLI_OPT_END
};

struct diff_args {
	char *base[CLI_MAX_LIST];
	int nbase;
	struct pv_diff_opts o;
	int has_threshold, has_fail_above, has_limit;
	double fail_above;
	long limit;
	int markdown;
	int flame;
	struct pv_diff_flame_opts fl;
	char title[400];   /* the default flame graph title */
};

static int parse(void *args, struct cli *c, int opt, const char *arg)
{
	struct diff_args *a = args;
	double v;
	int rc = 0;

	switch (opt) {
	case O_BASE:
		if (a->nbase == CLI_MAX_LIST)
			return cli_usage_error(c, "too many --base logs");
		a->base[a->nbase++] = (char *)arg;
		break;
	case O_FAIL_ABOVE:
		rc = cli_number(c, "fail-above", arg, 0, 100, &a->fail_above);
		a->has_fail_above = 1;
		break;
	case O_THRESHOLD:
		rc = cli_number(c, "threshold", arg, 0, 100, &a->o.threshold);
		a->has_threshold = 1;
		break;
	case O_ALPHA:
		rc = cli_number(c, "alpha", arg, 0, 1, &a->o.alpha);
		if (!rc && !(a->o.alpha > 0 && a->o.alpha < 1))
			rc = cli_usage_error(c, "--alpha must lie between 0 "
					     "and 1");
		break;
	case O_CORRECTION:
		if (!strcmp(arg, "holm"))
			a->o.correction = PV_DIFF_HOLM;
		else if (!strcmp(arg, "bh"))
			a->o.correction = PV_DIFF_BH;
		else if (!strcmp(arg, "none"))
			a->o.correction = PV_DIFF_NONE;
		else
			rc = cli_usage_error(c, "--correction takes holm, bh "
					     "or none");
		break;
	case O_ABSOLUTE:
		a->o.absolute = 1;
		break;
	case O_LIMIT:
		rc = cli_number(c, "limit", arg, 0, 1e9, &v);
		a->limit = (long)v;
		a->has_limit = 1;
		if (!rc && (double)a->limit != v)
			rc = cli_usage_error(c, "--limit needs a whole "
					     "number");
		break;
	case O_MARKDOWN:
		a->markdown = 1;
		break;
	case O_FLAME:
		a->flame = 1;
		break;
	case O_TITLE:
		a->fl.fo.title = arg;
		break;
	case O_WIDTH:
		rc = cli_number(c, "width", arg, PV_FLAME_MIN_WIDTH,
				PV_FLAME_MAX_WIDTH, &a->fl.fo.width);
		break;
	default:
		rc = cli_usage_error(c, "unknown option");
	}
	return rc;
}

/* The flame graph goes to the output; the verdict, which CI logs need
 * whatever the format, to standard error. */
static int render_flame(struct cli *c, struct diff_args *a,
			struct pv_diff_view *v)
{
	struct pv_error err = { 0 };
	char verdict[1024];
	FILE *out = cli_open_output(c, "w");
	int rc;

	if (!out)
		return cli_close_output(c, NULL);
	a->fl.absolute = a->o.absolute;
	if (!a->fl.fo.title) {
		char base[160], new[160];

		cli_logs_label(base, sizeof(base), v->base_files, v->nbase);
		cli_logs_label(new, sizeof(new), v->new_files, v->nnew);
		snprintf(a->title, sizeof(a->title), "base: %s, new: %s", base,
			 new);
		a->fl.fo.title = a->title;
	}
	rc = pv_render_diff_flame(out, v->a, v->b, &a->fl, &err);
	if (rc < 0) {
		if (!err.code)
			err.code = rc;
		/* a failed write is said once, by cli_finish_output */
		rc = cli_output_failed(out) ? PV_EXIT_WRITE :
					      cli_report(NULL, &err);
		return cli_finish_output(c, out, rc);
	}
	/* said once the graph is written: a failed write is its one line */
	pv_render_diff_verdict(v, verdict, sizeof(verdict));
	rc = cli_close_output(c, out);
	if (rc == 0)
		fprintf(stderr, "%s\n", verdict);
	return rc;
}

static int render(struct cli *c, struct diff_args *a,
		  struct pv_diff_view *v)
{
	FILE *out;

	if (a->flame)
		return render_flame(c, a, v);
	out = cli_open_output(c, "w");
	if (!out)
		return cli_close_output(c, NULL);
	v->color = !c->json && !a->markdown && view_color(c, out);
	if (c->json) {
		if (pv_render_diff_json(out, v) < 0 && pv_json_failed()) {
			cli_error("out of memory");
			return cli_finish_output(c, out, PV_EXIT_NOMEM);
		}
	} else if (a->markdown) {
		pv_render_diff_markdown(out, v);
	} else {
		pv_render_diff_text(out, v);
	}
	return cli_close_output(c, out);
}

static int check(void *args, struct cli *c)
{
	struct diff_args *a = args;

	if (c->csv)
		return cli_usage_error(c, "diff writes text, --markdown or "
				       "--json, not --csv");
	if (c->json + a->markdown + a->flame > 1)
		return cli_usage_error(c, "choose one of --json, --markdown "
				       "and --flame");
	if (a->has_fail_above && !a->has_threshold)
		a->o.threshold = a->fail_above;
	return 0;
}

/* Two sides to load and compare: diff's own run. */
static int run(struct cli *c, void *args)
{
	struct diff_args *a = args;
	struct pv_profile *pa = NULL, *pb = NULL;
	struct pv_diff *d = NULL;
	struct pv_diff_view v = { 0 };
	struct pv_error err = { 0 };
	int rc = 0;

	if (a->nbase) {
		v.base_files = a->base;
		v.nbase = a->nbase;
		v.new_files = c->files;
		v.nnew = c->nfiles;
	} else if (c->nfiles == 2) {
		v.base_files = c->files;
		v.nbase = 1;
		v.new_files = c->files + 1;
		v.nnew = 1;
	} else if (c->nfiles > 2) {
		rc = cli_usage_error(c, "which logs are the base? give them "
				     "with --base");
		goto done;
	}
	if (!v.nbase || !v.nnew) {
		rc = cli_usage_error(c, "diff needs a base log and a new "
				     "log");
		goto done;
	}
	rc = cli_load_files(c, a->nbase ? a->base : c->files, v.nbase, &pa);
	if (!rc)
		rc = cli_load_files(c, a->nbase ? c->files : c->files + 1, v.nnew,
			       &pb);
	if (rc)
		goto done;
	if (pv_diff_build(&d, pa, pb, &a->o, &err) < 0) {
		rc = cli_report(NULL, &err);
		goto done;
	}
	/* nothing to compare: a verdict either way would be a guess */
	if (!d->samples_a || !d->samples_b) {
		cli_error("the %s side has no samples%s; nothing to compare",
			  d->samples_a ? "new" : "base",
			  c->focus.n || c->ignore.n || c->threads.n ||
			  c->has_from || c->has_to ? " left after the filters" : "");
		rc = PV_EXIT_INPUT;
		goto done;
	}
	v.d = d;
	v.a = pa;
	v.b = pb;
	v.limit = a->has_limit ? (size_t)a->limit : c->json ? 0 : 25;
	v.has_fail_above = a->has_fail_above;
	v.fail_above = a->fail_above;
	rc = render(c, a, &v);
	if (!rc && pv_render_diff_failures(&v))
		rc = PV_EXIT_VERDICT;
done:
	pv_diff_free(d);
	pv_profile_free(pa);
	pv_profile_free(pb);
	return rc;
}

static const struct diff_args diff_defaults = {
	.o = { .alpha = 0.05, .threshold = 1.0 },
	.fl = { .fo = { .minwidth = -1 } }
};

static const struct cli_outputs *outputs(const void *args, const struct cli *c)
{
	static const char *const text[] = { "txt", "md", NULL };
	static const char *const json[] = { "json", "txt", NULL };
	static const char *const svg[] = { "svg", NULL };
	static const char *what = "text or Markdown (.txt, .md), JSON with " \
		"--json (.json), an SVG flame graph with --flame (.svg)";
	static const struct cli_outputs t = { text, 0, NULL }, j = { json, 0,
		NULL }, f = { svg, 1, NULL };
	static struct cli_outputs o;

	o = ((const struct diff_args *)args)->flame ? f : c->json ? j : t;
	o.formats = what;
	return &o;
}

const struct cli_command cmd_diff = {
	.name = "diff",
	.summary = "compare two runs: which functions changed, with significance",
	.synopsis = "diff [OPTIONS] BASE.log NEW.log\n"
		    "diff [OPTIONS] --base A.log [--base B.log...] NEW.log...",
	.about =
	"Compares two runs function by function: total and self share before,\n"
	"after and the change in points, the samples on each side, and a p-value\n"
	"from a two-proportion z-test, corrected for the number of functions\n"
	"tested (Holm).  A change is flagged only when it is larger than the\n"
	"threshold and significant.  Several logs on a side are merged; the\n"
	"filters apply to both sides.  The first line is a one-line verdict.\n",
	.options = diff_options,
	.groups = CLI_G_OUTPUT | CLI_G_FILTERS | CLI_G_SYMBOLS | CLI_G_FORMAT,
	.needs = CLI_NEED_LOGS | CLI_NEED_PROFILE | CLI_NEED_SEVERAL |
		 CLI_POOL_THREADS,
	.args_size = sizeof(struct diff_args),
	.args_init = &diff_defaults,
	.parse = parse,
	.check = check,
	.run = run,
	.outputs = outputs,
};
