/* cmd_heatmap.c - `profview heatmap`: FlameScope's subsecond offset
 * heatmap as SVG (default), PNG or PDF; runs through cli_time_view. */
#include "cli/cli.h"
#include "cli/commands.h"

const char cmd_heatmap_usage[] =
	"usage: profview heatmap [OPTIONS] LOG... > heatmap.svg\n"
	"FlameScope's subsecond offset heatmap: a column per second, a row per\n"
	"slice of the second (50 rows of 20 ms by default), the colour the\n"
	"samples in the cell; hover a cell for its time range and count.\n"
	"Bursts show as hot columns, periodic work as horizontal bands.  Long\n"
	"logs widen the columns (2, 5, 10 s...) to keep the SVG under 1 MB.\n"
	"Needs per-sample times (exit status 2 otherwise).\n"
	"\n"
	"  --rows N              slices per column (default 50, 2 to 1000)\n"
	"  --format FMT          svg (default), png or pdf; without it the\n"
	"                        extension of -o decides\n"
	"  --width PX            image width (default: from the columns)\n"
	"  --title TEXT          title instead of the log's name\n";

static const struct option heatmap_opts[] = {
	{ "rows", required_argument, NULL, O_TL_ROWS },
	{ "format", required_argument, NULL, O_TL_FORMAT },
	{ "width", required_argument, NULL, O_TL_WIDTH },
	{ "title", required_argument, NULL, O_TL_TITLE },
	{ NULL, 0, NULL, 0 }
};

int cmd_heatmap(int argc, char **argv)
{
	return cli_time_view(argc, argv, heatmap_opts, 1);
}
