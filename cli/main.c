/* main.c - the profview command: dispatch through the command table. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"

static const char help_usage[] =
	"usage: profview help [COMMAND]\n"
	"Shows the list of commands, or one command's options.\n";

/* One line per command; keep them in the order `profview help` shows. */
const struct pv_cmd pv_commands[] = {
	{ "info", cmd_info, "what is in a log: format, mode, counts, times", cmd_info_usage },
	{ "top", cmd_top, "hottest functions: self and total samples", cmd_top_usage },
	{ "tree", cmd_tree, "call tree as indented text", cmd_tree_usage },
	{ "lines", cmd_lines, "samples per source line of a function (lines mode)", cmd_lines_usage },
	{ "export", cmd_export, "write speedscope, vmprof-viewer or profview JSON", cmd_export_usage },
	{ "memory", cmd_memory, "resident memory over time: SVG, PNG, PDF or CSV", cmd_memory_usage },
	{ "timeline", cmd_timeline, "samples per thread over time: when did it slow down", cmd_timeline_usage },
	{ "heatmap", cmd_heatmap, "subsecond offset heatmap (FlameScope): bursts and stalls", cmd_heatmap_usage },
	{ "report", cmd_report, "every view on one self-contained HTML page", cmd_report_usage },
	{ "diff", cmd_diff, "compare two runs: which functions changed, with significance", cmd_diff_usage },
	{ "flame", cmd_flame, "flame graph: interactive SVG, PNG or PDF", cmd_flame_usage },
	{ "symbolize", cmd_symbolize, "copy of a log with its native frames named (offline)", cmd_symbolize_usage },
	{ "fold", cmd_fold, "folded stacks for flamegraph.pl, inferno, speedscope", cmd_fold_usage },
	{ "help", cmd_help, "show help for a command", help_usage },
	{ NULL, NULL, NULL, NULL }
};

const struct pv_cmd *cli_find_command(const char *name)
{
	for (const struct pv_cmd *c = pv_commands; c->name; c++)
		if (!strcmp(c->name, name))
			return c;
	return NULL;
}

static void overview(FILE *out)
{
	fputs("usage: profview COMMAND [OPTIONS] LOG...\n"
	      "\n"
	      "Turns vmprof profile logs (CPython and PyPy, any version, word size\n"
	      "and byte order, gzip or zstd compressed) into answers.\n"
	      "\n"
	      "Commands:\n", out);
	for (const struct pv_cmd *c = pv_commands; c->name; c++)
		fprintf(out, "  %-10s %s\n", c->name, c->summary);
	fputs("\n'profview help COMMAND' or 'profview COMMAND --help' shows a\n"
	      "command's options.  Exit status: 0 success, 1 a regression verdict\n"
	      "(diff), 2 usage error, 3 unreadable or malformed input,\n"
	      "5 the output could not be written.\n", out);
}

int cmd_help(int argc, char **argv)
{
	const struct pv_cmd *c;

	if (argc < 2) {
		overview(stdout);
		return PV_EXIT_OK;
	}
	c = cli_find_command(argv[1]);
	if (!c) {
		cli_error("no command '%s'; see 'profview help'", argv[1]);
		return PV_EXIT_USAGE;
	}
	/* every command answers --help with its usage and shared options */
	{
		char help[] = "--help";
		char *args[] = { argv[1], help, NULL };
		return c->run(2, args);
	}
}

int main(int argc, char **argv)
{
	const struct pv_cmd *c;
	int rc;

	if (argc < 2) {
		overview(stderr);
		return PV_EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "version")) {
		printf("profview %s\n", PV_VERSION);
		return PV_EXIT_OK;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))
		return cmd_help(1, argv);
	c = cli_find_command(argv[1]);
	if (!c) {
		cli_error("'%s' is not a command; see 'profview help'", argv[1]);
		return PV_EXIT_USAGE;
	}
	rc = c->run(argc - 1, argv + 1);
	/* a full disk or closed pipe must not pass for success */
	return cli_flush_stdout(rc);
}
