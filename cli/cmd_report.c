/* cmd_report.c - `profview report`: every view of a profile on one
 * self-contained HTML page. */
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "render/pv_report.h"

const char cmd_report_usage[] =
	"usage: profview report [OPTIONS] LOG... -o report.html\n"
	"Writes one self-contained HTML page (no network, no other file):\n"
	"a summary of each log, the flame graph of `profview flame` (hover,\n"
	"click to zoom, Search or Ctrl-F), the function table (click a header\n"
	"to sort, type to filter), the memory curve when a log was recorded\n"
	"in memory mode, and the call tree with collapsible nodes.  Several\n"
	"logs are merged into one profile.\n"
	"\n"
	"  --title TEXT          page title instead of the log's name\n";

enum { O_TITLE = 2100 };

static const struct option report_opts[] = {
	{ "title", required_argument, NULL, O_TITLE },
	{ NULL, 0, NULL, 0 }
};

static int parse(void *ctx, struct cli *c, int opt, const char *arg)
{
	struct pv_report_opts *ro = ctx;

	if (opt == O_TITLE) {
		ro->title = arg;
		return 0;
	}
	return cli_usage_error(c, "unknown option");
}

int cmd_report(int argc, char **argv)
{
	struct pv_report_opts ro = { 0 };
	/* the page shows the memory curve */
	struct cmd_opts o = { report_opts, NULL, parse, &ro,
			      OPT_OUTPUT | OPT_FILTERS | OPT_SYMBOLS,
			      CLI_NEEDS_ORDER };
	struct pv_profile *p = NULL;
	struct pv_error err = { 0 };
	struct cli c;
	FILE *out;
	int rc = cli_parse(&c, argc, argv, &o);

	if (rc >= 0)
		goto done;
	rc = cli_load(&c, &p);
	if (rc)
		goto done;
	out = cli_open_output(&c, "w");
	if (!out) {
		rc = cli_close_output(&c, NULL);
		goto done;
	}
	rc = 0;
	if (pv_report_write_html(p, out, &ro, &err) < 0) {
		if (!cli_output_failed(out))
			cli_error("%s", err.msg);
		rc = PV_EXIT_INPUT;
	}
	rc = cli_finish_output(&c, out, rc);
done:
	pv_profile_free(p);
	cli_release(&c);
	return rc;
}
