/* cmd_heatmap.c - `profview heatmap`: FlameScope's subsecond offset
 * heatmap as SVG (default), PNG or PDF; parsed and drawn by the view it
 * shares with timeline (cli/cmd_timeline.c). */
#include "cli/cli.h"
#include "cli/commands.h"

static const struct cli_option heatmap_options[] = {
	CLI_OPT_ARG(0, "rows", O_TL_ROWS, "N",
		    "slices per column (default 50, 2 to 1000)"),
	CLI_OPT_ARG(0, "format", O_TL_FORMAT, "svg|png|pdf",
		    "svg (default), png or pdf; without it the\n"
		    "extension of -o decides"),
	CLI_OPT_ARG(0, "width", O_TL_WIDTH, "PX",
		    "image width (default: from the columns)"),
	CLI_OPT_ARG(0, "title", O_TL_TITLE, "TEXT",
		    "title instead of the log's name"),
	CLI_OPT_END
};

static const struct time_args heatmap_defaults = { .heatmap = 1 };

const struct cli_command cmd_heatmap = {
	.name = "heatmap",
	.summary = "subsecond offset heatmap (FlameScope): bursts and stalls",
	.synopsis = "heatmap [OPTIONS] LOG... > heatmap.svg",
	.about =
	"FlameScope's subsecond offset heatmap: a column per second, a row per\n"
	"slice of the second (50 rows of 20 ms by default), the colour the\n"
	"samples in the cell; hover a cell for its time range and count.\n"
	"Bursts show as hot columns, periodic work as horizontal bands.  Long\n"
	"logs widen the columns (2, 5, 10 s...) to keep the SVG under 1 MB.\n"
	"Needs per-sample times (exit status 2 otherwise).\n"
	"\n",
	.options = heatmap_options,
	.groups = CLI_G_OUTPUT | CLI_G_FILTERS | CLI_G_SYMBOLS,
	.needs = CLI_NEED_LOGS | CLI_NEED_PROFILE | CLI_NEED_BINARY |
		 CLI_NEED_TIME,
	.args_size = sizeof(struct time_args),
	.args_init = &heatmap_defaults,
	.parse = cli_time_parse,
	.view = cli_time_view,
	.binary = cli_time_binary,
	.outputs = cli_time_outputs,
};
