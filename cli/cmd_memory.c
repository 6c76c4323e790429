/* cmd_memory.c - `profview memory`: the resident-memory curve of
 * memory-mode logs as SVG, PNG, PDF or CSV. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "render/pv_memory.h"

enum { O_FORMAT = 1, O_PER_THREAD, O_WIDTH, O_HEIGHT, O_TITLE };

static const struct cli_option memory_options[] = {
	CLI_OPT_ARG(0, "format", O_FORMAT, "svg|png|pdf|csv",
		    "svg (default), png, pdf or csv; without it the\n"
		    "extension of -o decides (.png, .pdf, .csv)"),
	CLI_OPT_FLAG(0, "per-thread", O_PER_THREAD,
		     "one series per thread instead of per log"),
	CLI_OPT_ARG(0, "width", O_WIDTH, "PX", "image width (default 1200)"),
	CLI_OPT_ARG(0, "height", O_HEIGHT, "PX", "image height (default 600)"),
	CLI_OPT_ARG(0, "title", O_TITLE, "TEXT",
		    "title instead of the log's name and interpreter"),
	CLI_OPT_END
};

enum fmt { F_NONE, F_SVG, F_PNG, F_PDF, F_CSV };

struct memory_args {
	enum fmt fmt;
	struct pv_memory_opts mo;
};

static enum fmt fmt_named(const char *s)
{
	if (!strcmp(s, "svg"))
		return F_SVG;
	if (!strcmp(s, "png"))
		return F_PNG;
	if (!strcmp(s, "pdf"))
		return F_PDF;
	if (!strcmp(s, "csv"))
		return F_CSV;
	return F_NONE;
}

static int pixels(struct cli *c, const char *name, const char *arg, int *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(arg, &end, 10);
	if (errno || end == arg || *end || v < 200 || v > 20000)
		return cli_usage_error(c, "--%s takes 200 to 20000 pixels, "
				       "not '%s'", name, arg);
	*out = (int)v;
	return 0;
}

static int parse(void *args, struct cli *c, int opt, const char *arg)
{
	struct memory_args *a = args;

	switch (opt) {
	case O_FORMAT:
		a->fmt = fmt_named(arg);
		if (a->fmt == F_NONE)
			return cli_usage_error(c, "--format takes svg, png, pdf "
					       "or csv, not '%s'", arg);
		return 0;
	case O_PER_THREAD:
		a->mo.per_thread = 1;
		return 0;
	case O_WIDTH:
		return pixels(c, "width", arg, &a->mo.width);
	case O_HEIGHT:
		return pixels(c, "height", arg, &a->mo.height);
	case O_TITLE:
		a->mo.title = arg;
		return 0;
	}
	return cli_usage_error(c, "unknown option");
}

/* Without --format, -o's extension decides; SVG otherwise. */
static enum fmt fmt_of(const struct memory_args *a, const struct cli *c)
{
	const char *dot;

	if (a->fmt != F_NONE)
		return a->fmt;
	dot = c->output ? strrchr(c->output, '.') : NULL;
	if (dot && fmt_named(dot + 1) != F_NONE)
		return fmt_named(dot + 1);
	return F_SVG;
}

/* With several logs: one line per log the chart leaves out, and why (no
 * memory data, or beyond the series drawn), so a chart of 5 curves from
 * 36 logs says which 31 are missing.  Per thread, only logs without
 * memory data are named (threads beyond the cap are in the legend). */
static void say_skipped(const struct pv_profile *p,
			const struct pv_memchart *chart, int per_thread)
{
	for (uint32_t s = 0; s < p->nsources && p->nsources > 1; s++) {
		int drawn = 0;

		if (!pv_memory_source_has(p, s)) {
			cli_error("%s: warning: not drawn: no memory data (not recorded "
				  "in memory mode)", p->sources[s].path);
			continue;
		}
		if (per_thread)
			continue;
		for (uint32_t i = 0; i < chart->nseries && !drawn; i++)
			drawn = chart->series[i].source == s;
		if (drawn)
			continue;
		if (chart->hidden)
			cli_error("%s: warning: not drawn: only the %d logs with the "
				  "most memory samples are drawn",
				  p->sources[s].path, PV_MEM_MAX_SERIES);
		else
			cli_error("%s: warning: not drawn: no sample with a memory "
				  "value (after the filters)",
				  p->sources[s].path);
	}
}

static int view(struct cli *c, void *args, struct pv_profile *p, FILE *out,
		struct pv_error *err)
{
	struct memory_args *a = args;
	struct pv_memchart *chart = NULL;
	enum fmt f = fmt_of(a, c);
	int any = 0, rc;

	for (uint32_t s = 0; s < p->nsources; s++)
		any |= pv_memory_source_has(p, s);
	/* a usage error: the command was pointed at the wrong kind of log */
	if (!any && c->nfiles == 1)
		return pv_error_set(err, PV_EUSAGE, PV_NO_OFFSET,
				    "%s: no memory data: the log was not "
				    "recorded in memory mode "
				    "(vmprof.enable(memory=True))",
				    c->files[0]);
	if (!any)
		return pv_error_set(err, PV_EUSAGE, PV_NO_OFFSET,
				    "no memory data: none of the %d logs was "
				    "recorded in memory mode "
				    "(vmprof.enable(memory=True))", c->nfiles);
	if (f == F_CSV)
		return pv_render_memory_csv(p, out, err);
	rc = pv_memory_build(&chart, p, &a->mo, err);
	if (rc == PV_ENOTFOUND)   /* nothing to draw: the wrong kind of log */
		err->code = rc = PV_EUSAGE;
	if (rc == 0 && !c->quiet)
		say_skipped(p, chart, a->mo.per_thread);
	if (rc == 0 && f == F_SVG)
		rc = pv_render_memory_svg(chart, out, err);
	else if (rc == 0)
		rc = pv_render_memory_cairo(chart, out, f == F_PDF, err);
	pv_memory_free(chart);
	return rc;
}

static int binary(const void *args, const struct cli *c)
{
	enum fmt f = fmt_of(args, c);

	return f == F_PNG || f == F_PDF;
}

static const struct memory_args memory_defaults = { F_NONE, { 0 } };

/* -o's extension picks the format, unless --format does. */
static const struct cli_outputs *outputs(const void *args, const struct cli *c)
{
	static const char *const ok[] = { "svg", "png", "pdf", "csv", NULL };
	static const struct cli_outputs o = { ok, CLI_OUT_STRICT, "SVG (.svg), PNG " \
		"(.png), PDF (.pdf) or CSV (.csv); --format picks one " \
		"whatever the name" };

	(void)c;
	return ((const struct memory_args *)args)->fmt != F_NONE ? NULL : &o;
}

const struct cli_command cmd_memory = {
	.name = "memory",
	.summary = "resident memory over time: SVG, PNG, PDF or CSV",
	.synopsis = "memory [OPTIONS] LOG... > memory.svg",
	.about =
	"Draws the process's resident memory (MiB) over time from logs recorded\n"
	"in memory mode (vmprof.enable(memory=True)): time axis in seconds, the\n"
	"peak marked with its value and time, several logs overlaid with a\n"
	"legend.  Long logs keep the lowest and highest value of every pixel\n"
	"column, so peaks survive and the file stays small.  A log without\n"
	"memory data is an error (exit status 2).\n"
	"\n",
	.options = memory_options,
	.notes =
	"  CSV output: header time_s,rss_kib,thread and one row per sample,\n"
	"  unreduced (thread is the 1..N number shown by info).\n",
	.groups = CLI_G_OUTPUT | CLI_G_FILTERS | CLI_G_SYMBOLS,
	.needs = CLI_NEED_LOGS | CLI_NEED_PROFILE | CLI_NEED_BINARY |
		 CLI_NEED_TIME,
	.args_size = sizeof(struct memory_args),
	.args_init = &memory_defaults,
	.parse = parse,
	.view = view,
	.binary = binary,
	.outputs = outputs,
};
