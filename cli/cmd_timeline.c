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

static const struct cli_option timeline_options[] = {
	CLI_OPT_ARG(0, "top", O_TL_TOP, "N",
		    "functions shown (default 8, at most 30)"),
	CLI_OPT_ARG(0, "bucket", O_TL_BUCKET, "T",
		    "bucket width: 10ms, 0.5s, 250us (default: a\n"
		    "round width giving about 200 buckets; the SVG\n"
		    "widens it to stay under 1 MB)"),
	CLI_OPT_ARG(0, "format", O_TL_FORMAT, "svg|png|pdf",
		    "svg (default), png or pdf; without it the\n"
		    "extension of -o decides"),
	CLI_OPT_ARG(0, "width", O_TL_WIDTH, "PX",
		    "image width (default 1200)"),
	CLI_OPT_ARG(0, "title", O_TL_TITLE, "TEXT",
		    "title instead of the log's name"),
	CLI_OPT_ARG(0, "colors", O_TL_COLORS, "PALETTE",
		    "as for flame (default kind)"),
	CLI_OPT_END
};

static enum time_fmt fmt_named(const char *s)
{
	if (!strcmp(s, "svg"))
		return TF_SVG;
	if (!strcmp(s, "png"))
		return TF_PNG;
	if (!strcmp(s, "pdf"))
		return TF_PDF;
	return TF_NONE;
}

int cli_time_parse(void *args, struct cli *c, int opt, const char *arg)
{
	struct time_args *a = args;
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
		if (a->fmt == TF_NONE)
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

static enum time_fmt fmt_of(const struct time_args *a, const struct cli *c)
{
	const char *dot;

	if (a->fmt != TF_NONE)
		return a->fmt;
	dot = c->output ? strrchr(c->output, '.') : NULL;
	if (dot && fmt_named(dot + 1) != TF_NONE)
		return fmt_named(dot + 1);
	return TF_SVG;
}

int cli_time_binary(const void *args, const struct cli *c)
{
	enum time_fmt f = fmt_of(args, c);

	return !c->json && (f == TF_PNG || f == TF_PDF);
}

int cli_time_view(struct cli *c, void *args, struct pv_profile *p,
		  FILE *out, struct pv_error *err)
{
	struct time_args *a = args;
	struct pv_timeline *t = NULL;
	struct pv_heatmap *h = NULL;
	enum time_fmt f = fmt_of(a, c);
	int rc;

	a->tl.from_set = c->has_from;
	a->tl.to_set = c->has_to;
	a->tl.fixed_bucket = c->json;
	rc = a->heatmap ? pv_heatmap_build(&h, p, &a->hm, err) :
			  pv_timeline_build(&t, p, &a->tl, err);
	if (rc < 0)
		goto done;
	if (c->json)
		rc = pv_render_timeline_json(t, out, err);
	else if (f == TF_SVG)
		rc = a->heatmap ? pv_render_heatmap_svg(h, out, err) :
				  pv_render_timeline_svg(t, out, err);
	else {
		rc = a->heatmap ?
		     pv_render_heatmap_cairo(h, out, f == TF_PDF, err) :
		     pv_render_timeline_cairo(t, out, f == TF_PDF, err);
		pv_flame_cairo_shutdown();   /* the program ends next */
	}
done:
	pv_timeline_free(t);
	pv_heatmap_free(h);
	return rc;
}

static const struct time_args timeline_defaults = { .heatmap = 0 };

/* -o's extension picks the format, unless --format (or --json) does. */
const struct cli_outputs *cli_time_outputs(const void *args,
					   const struct cli *c)
{
	static const char *const ok[] = { "svg", "png", "pdf", NULL };
	static const char *const json[] = { "json", "txt", NULL };
	static const struct cli_outputs img = { ok, CLI_OUT_STRICT, "SVG (.svg), PNG (.png) or PDF (.pdf); --format picks one " \
	"whatever the name" };
	static const struct cli_outputs js = { json, 0, "JSON with --json " \
		"(.json, .txt or a name that names no other format)" };

	if (c->json)
		return &js;
	return ((const struct time_args *)args)->fmt != TF_NONE ? NULL : &img;
}

const struct cli_command cmd_timeline = {
	.name = "timeline",
	.summary = "samples per thread over time: when did it slow down",
	.synopsis = "timeline [OPTIONS] LOG... > timeline.svg",
	.about =
	"When did it slow down?  One lane per thread (each log's threads in a\n"
	"group), time in buckets; per bucket the samples of the functions with\n"
	"the most self samples overall, stacked, the rest as \"other\", coloured\n"
	"as in the flame graph.  The memory curve is drawn above the lanes\n"
	"when the log has memory data.  Hover a bucket for its time range and\n"
	"counts.  Needs per-sample times: folded stacks and aggregated logs\n"
	"are refused (exit status 2).\n"
	"\n",
	.options = timeline_options,
	.notes =
	"  --json gives {\"bucket_sec\", \"duration_sec\", \"threads\":\n"
	"  [{\"thread\", \"id\", \"samples\", \"buckets\": [{\"start\",\n"
	"  \"samples\", \"functions\"}]}]}\n",
	.groups = CLI_G_OUTPUT | CLI_G_FILTERS | CLI_G_SYMBOLS | CLI_G_JSON,
	.needs = CLI_NEED_LOGS | CLI_NEED_PROFILE | CLI_NEED_BINARY |
		 CLI_NEED_TIME,
	.args_size = sizeof(struct time_args),
	.args_init = &timeline_defaults,
	.parse = cli_time_parse,
	.view = cli_time_view,
	.binary = cli_time_binary,
	.outputs = cli_time_outputs,
};
