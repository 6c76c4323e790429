/* cmd_memory.c - `profview memory`: the resident-memory curve of
 * memory-mode logs as SVG, PNG, PDF or CSV. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "render/pv_memory.h"

const char cmd_memory_usage[] =
	"usage: profview memory [OPTIONS] LOG... > memory.svg\n"
	"Draws the process's resident memory (MiB) over time from logs recorded\n"
	"in memory mode (vmprof.enable(memory=True)): time axis in seconds, the\n"
	"peak marked with its value and time, several logs overlaid with a\n"
	"legend.  Long logs keep the lowest and highest value of every pixel\n"
	"column, so peaks survive and the file stays small.  A log without\n"
	"memory data is an error (exit status 2).\n"
	"\n"
	"  --format FMT          svg (default), png, pdf or csv; without it the\n"
	"                        extension of -o decides (.png, .pdf, .csv)\n"
	"  --per-thread          one series per thread instead of per log\n"
	"  --width PX            image width (default 1200)\n"
	"  --height PX           image height (default 600)\n"
	"  --title TEXT          title instead of the log's name and interpreter\n"
	"  CSV output: header time_s,rss_kib,thread and one row per sample,\n"
	"  unreduced (thread is the 1..N number shown by info).\n";

enum { O_FORMAT = 2000, O_PER_THREAD, O_WIDTH, O_HEIGHT, O_TITLE };

static const struct option memory_opts[] = {
	{ "format", required_argument, NULL, O_FORMAT },
	{ "per-thread", no_argument, NULL, O_PER_THREAD },
	{ "width", required_argument, NULL, O_WIDTH },
	{ "height", required_argument, NULL, O_HEIGHT },
	{ "title", required_argument, NULL, O_TITLE },
	{ NULL, 0, NULL, 0 }
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

static int parse(void *ctx, struct cli *c, int opt, const char *arg)
{
	struct memory_args *a = ctx;

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

int cmd_memory(int argc, char **argv)
{
	struct memory_args a = { F_NONE, { 0 } };
	/* the memory curve is per-sample times and memory */
	struct cmd_opts o = { memory_opts, NULL, parse, &a,
			      OPT_OUTPUT | OPT_FILTERS | OPT_SYMBOLS,
			      CLI_NEEDS_ORDER };
	struct pv_memchart *chart = NULL;
	struct pv_profile *p = NULL;
	struct pv_error err = { 0 };
	struct cli c;
	enum fmt f;
	FILE *out = NULL;
	int any = 0;
	int rc = cli_parse(&c, argc, argv, &o);

	if (rc >= 0)
		goto done;
	rc = cli_load(&c, &p);
	if (rc)
		goto done;
	f = fmt_of(&a, &c);
	for (uint32_t s = 0; s < p->nsources; s++)
		any |= pv_memory_source_has(p, s);
	if (!any)
		goto nodata;
	if (f != F_CSV && pv_memory_build(&chart, p, &a.mo, &err) < 0) {
		cli_error("%s", err.msg);
		rc = err.code == PV_ENOTFOUND ? PV_EXIT_USAGE : PV_EXIT_INPUT;
		goto done;
	}
	out = cli_open_output(&c, f == F_CSV || f == F_SVG ? "w" : "wb");
	if (!out) {
		rc = cli_close_output(&c, NULL);
		goto done;
	}
	if (f == F_CSV)
		rc = pv_memory_write_csv(p, out, &err);
	else if (f == F_SVG)
		rc = pv_memory_write_svg(chart, out, &err);
	else
		rc = pv_memory_write_cairo(chart, out, f == F_PDF, &err);
	if (rc < 0) {
		if (!cli_output_failed(out))
			cli_error("%s", err.msg);
		rc = PV_EXIT_INPUT;
	}
	rc = cli_finish_output(&c, out, rc);
	goto done;
nodata:
	/* a usage error: the command was pointed at the wrong kind of log */
	if (c.nfiles == 1)
		cli_error("%s: no memory data: the log was not recorded in "
			  "memory mode (vmprof.enable(memory=True))",
			  c.files[0]);
	else
		cli_error("no memory data: none of the %d logs was recorded "
			  "in memory mode (vmprof.enable(memory=True))",
			  c.nfiles);
	rc = PV_EXIT_USAGE;
done:
	pv_memory_free(chart);
	pv_profile_free(p);
	cli_release(&c);
	return rc;
}
