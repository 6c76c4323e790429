/* cmd_timeline.c - `profview timeline`: samples per thread over time as
 * SVG (default), PNG, PDF or JSON; and the run shared with `profview
 * heatmap` (cmd_heatmap.c). */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "profile/pv_filter.h"
#include "render/pv_timeline.h"

const char cmd_timeline_usage[] =
	"usage: profview timeline [OPTIONS] LOG... > timeline.svg\n"
	"When did it slow down?  One lane per thread (each log's threads in a\n"
	"group), time in buckets; per bucket the samples of the functions with\n"
	"the most self samples overall, stacked, the rest as \"other\", coloured\n"
	"as in the flame graph.  The memory curve is drawn above the lanes\n"
	"when the log has memory data.  Hover a bucket for its time range and\n"
	"counts.  Needs per-sample times: folded stacks and aggregated logs\n"
	"are refused (exit status 2).\n"
	"\n"
	"  --top N               functions shown (default 8, at most 30)\n"
	"  --bucket T            bucket width: 10ms, 0.5s, 250us (default: a\n"
	"                        round width giving about 200 buckets; the SVG\n"
	"                        widens it to stay under 1 MB)\n"
	"  --format FMT          svg (default), png or pdf; without it the\n"
	"                        extension of -o decides\n"
	"  --json                {\"bucket_sec\", \"duration_sec\", \"threads\":\n"
	"                        [{\"thread\", \"id\", \"samples\", \"buckets\":\n"
	"                        [{\"start\", \"samples\", \"functions\"}]}]}\n"
	"  --width PX            image width (default 1200)\n"
	"  --title TEXT          title instead of the log's name\n"
	"  --colors PALETTE      as for flame (default kind)\n";


static const struct option timeline_opts[] = {
	{ "top", required_argument, NULL, O_TL_TOP },
	{ "bucket", required_argument, NULL, O_TL_BUCKET },
	{ "format", required_argument, NULL, O_TL_FORMAT },
	{ "width", required_argument, NULL, O_TL_WIDTH },
	{ "title", required_argument, NULL, O_TL_TITLE },
	{ "colors", required_argument, NULL, O_TL_COLORS },
	{ NULL, 0, NULL, 0 }
};

enum fmt { F_NONE, F_SVG, F_PNG, F_PDF };

struct time_args {
	enum fmt fmt;
	struct pv_timeline_opts tl;
	struct pv_heatmap_opts hm;
};

static enum fmt fmt_named(const char *s)
{
	if (!strcmp(s, "svg"))
		return F_SVG;
	if (!strcmp(s, "png"))
		return F_PNG;
	if (!strcmp(s, "pdf"))
		return F_PDF;
	return F_NONE;
}

static int parse(void *ctx, struct cli *c, int opt, const char *arg)
{
	struct time_args *a = ctx;
	double d;
	int pct;

	switch (opt) {
	case O_TL_TOP:
		if (cli_number(c, "top", arg, 1, PV_TL_MAX_TOP, &d))
			return PV_EXIT_USAGE;
		if (d != floor(d))
			return cli_usage_error(c, "--top takes a whole number");
		a->tl.top = (uint32_t)d;
		return 0;
	case O_TL_ROWS:
		if (cli_number(c, "rows", arg, 2, 1000, &d))
			return PV_EXIT_USAGE;
		if (d != floor(d))
			return cli_usage_error(c, "--rows takes a whole number");
		a->hm.rows = (uint32_t)d;
		return 0;
	case O_TL_BUCKET:
		if (pv_filter_parse_time(arg, &d, &pct) || pct || !(d > 0))
			return cli_usage_error(c, "--bucket takes a width above "
					       "0: 10ms, 0.5s, 250us; not '%s'",
					       arg);
		a->tl.bucket = d;
		return 0;
	case O_TL_FORMAT:
		a->fmt = fmt_named(arg);
		if (a->fmt == F_NONE)
			return cli_usage_error(c, "--format takes svg, png or "
					       "pdf, not '%s'", arg);
		return 0;
	case O_TL_WIDTH:
		if (cli_number(c, "width", arg, 400, 20000, &d))
			return PV_EXIT_USAGE;
		a->tl.width = a->hm.width = (int)d;
		return 0;
	case O_TL_TITLE:
		a->tl.title = a->hm.title = arg;
		return 0;
	case O_TL_COLORS:
		if (pv_flame_palette_parse(arg, &a->tl.palette))
			return cli_usage_error(c, "--colors takes kind, hot, "
					       "mem, io, blue, green or aqua");
		return 0;
	}
	return cli_usage_error(c, "unknown option");
}

static enum fmt fmt_of(const struct time_args *a, const struct cli *c)
{
	const char *dot;

	if (a->fmt != F_NONE)
		return a->fmt;
	dot = c->output ? strrchr(c->output, '.') : NULL;
	if (dot && fmt_named(dot + 1) != F_NONE)
		return fmt_named(dot + 1);
	return F_SVG;
}

static int exit_of(const struct pv_error *err)
{
	return err->code == PV_EUSAGE ? PV_EXIT_USAGE : PV_EXIT_INPUT;
}

int cli_time_view(int argc, char **argv, const struct option *opts,
		  int heatmap)
{
	struct time_args a = { 0 };
	struct cmd_opts o = { opts, NULL,
			      parse, &a,
			      OPT_OUTPUT | OPT_FILTERS | OPT_SYMBOLS |
			      (heatmap ? 0 : OPT_JSON),
			      CLI_NEEDS_ORDER };   /* per-sample times */
	struct pv_timeline *t = NULL;
	struct pv_heatmap *h = NULL;
	struct pv_profile *p = NULL;
	struct pv_error err = { 0 };
	struct cli c;
	FILE *out;
	enum fmt f;
	int rc = cli_parse(&c, argc, argv, &o);

	if (rc >= 0)
		goto done;
	rc = cli_load(&c, &p);
	if (rc)
		goto done;
	f = fmt_of(&a, &c);
	a.tl.from_set = c.has_from;
	a.tl.to_set = c.has_to;
	a.tl.fixed_bucket = c.json;
	if (heatmap ? pv_heatmap_build(&h, p, &a.hm, &err) :
		      pv_timeline_build(&t, p, &a.tl, &err)) {
		cli_error("%s", err.msg);
		rc = exit_of(&err);
		goto done;
	}
	out = cli_open_output(&c, c.json || f == F_SVG ? "w" : "wb");
	if (!out) {
		rc = PV_EXIT_INPUT;
		goto done;
	}
	if (c.json)
		rc = pv_timeline_write_json(t, out, &err);
	else if (f == F_SVG)
		rc = heatmap ? pv_heatmap_write_svg(h, out, &err) :
			       pv_timeline_write_svg(t, out, &err);
	else {
		rc = heatmap ? pv_heatmap_write_cairo(h, out, f == F_PDF, &err) :
			       pv_timeline_write_cairo(t, out, f == F_PDF,
						       &err);
		pv_flame_cairo_shutdown();   /* the program ends next */
	}
	if (rc < 0)
		cli_error("%s", err.msg);
	rc = cli_finish_output(&c, out, rc < 0 ? PV_EXIT_INPUT : 0);
done:
	pv_timeline_free(t);
	pv_heatmap_free(h);
	pv_profile_free(p);
	cli_release(&c);
	return rc;
}

int cmd_timeline(int argc, char **argv)
{
	return cli_time_view(argc, argv, timeline_opts, 0);
}
