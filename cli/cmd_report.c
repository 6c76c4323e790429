/* cmd_report.c - `profview report`: every view of a profile on one
 * self-contained HTML page. */
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "render/pv_report.h"

enum { O_TITLE = 1 };

static const struct cli_option report_options[] = {
	CLI_OPT_ARG(0, "title", O_TITLE, "TEXT",
		    "page title instead of the log's name"),
	CLI_OPT_END
};

static int parse(void *args, struct cli *c, int opt, const char *arg)
{
	struct pv_report_opts *ro = args;

	if (opt == O_TITLE) {
		ro->title = arg;
		return 0;
	}
	return cli_usage_error(c, "unknown option");
}

static int view(struct cli *c, void *args, struct pv_profile *p, FILE *out,
		struct pv_error *err)
{
	(void)c;
	return pv_render_report_html(p, out, args, err);
}

static const struct cli_outputs *outputs(const void *args, const struct cli *c)
{
	static const char *const ok[] = { "html", "htm", NULL };
	static const struct cli_outputs o = { ok, CLI_OUT_STRICT,
		"one HTML page (.html, .htm)" };

	(void)args;
	(void)c;
	return &o;
}

const struct cli_command cmd_report = {
	.name = "report",
	.summary = "every view on one self-contained HTML page",
	.synopsis = "report [OPTIONS] LOG... -o report.html",
	.about =
	"Writes one self-contained HTML page (no network, no other file):\n"
	"a summary of each log, the flame graph of `profview flame` (hover,\n"
	"click to zoom, Search or Ctrl-F), the function table (click a header\n"
	"to sort, type to filter), the memory curve when a log was recorded\n"
	"in memory mode, and the call tree with collapsible nodes.  Several\n"
	"logs are merged into one profile.\n"
	"\n",
	.options = report_options,
	.groups = CLI_G_OUTPUT | CLI_G_FILTERS | CLI_G_SYMBOLS,
	/* the page shows the memory curve, the timeline and the heatmap */
	.needs = CLI_NEED_LOGS | CLI_NEED_PROFILE | CLI_NEED_TIME_IF_ANY,
	.args_size = sizeof(struct pv_report_opts),
	.parse = parse,
	.view = view,
	.outputs = outputs,
};
