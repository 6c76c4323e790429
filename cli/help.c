/* help.c - every text generated from the command table and the option
 * declarations: a command's help, the overview of `profview help`. */
#include <string.h>

#include "cli/cli.h"

#define HELP_COL 24   /* where an option's help text starts */

/* Writes text, each line after the first preceded by indent spaces. */
static void put_lines(FILE *out, const char *text, int indent)
{
	for (const char *s = text; *s; s++) {
		fputc(*s, out);
		if (*s == '\n' && s[1])
			fprintf(out, "%*s", indent, "");
	}
	fputc('\n', out);
}

static void put_option(void *ctx, const struct cli_group *g,
		       const struct cli_option *o)
{
	FILE *out = ctx;
	int n;

	(void)g;
	n = fprintf(out, "  ");
	if (o->short_name)
		n += fprintf(out, "-%c, ", o->short_name);
	n += fprintf(out, "--%s", o->long_name);
	if (o->argh)
		n += fprintf(out, " %s", o->argh);
	if (n <= HELP_COL - 2)
		fprintf(out, "%*s", HELP_COL - n, "");
	else
		fprintf(out, "\n%*s", HELP_COL, "");
	put_lines(out, o->help, HELP_COL);
}

struct help_walk {
	FILE *out;
	const struct cli_group *last;
	int own_done;
	const struct cli_command *cmd;
};

static void group_end(struct help_walk *w)
{
	if (w->last && w->last->footer) {
		fputs("  ", w->out);
		put_lines(w->out, w->last->footer, 2);
	}
}

static void walk_option(void *ctx, const struct cli_group *g,
			const struct cli_option *o)
{
	struct help_walk *w = ctx;

	if (g && !w->own_done) {
		w->own_done = 1;
		if (w->cmd->notes)
			fputs(w->cmd->notes, w->out);
	}
	if (g != w->last) {
		group_end(w);
		if (g && g->heading)
			fprintf(w->out, "%s\n", g->heading);
		w->last = g;
	}
	put_option(w->out, g, o);
}

void cli_print_help(FILE *out, const struct cli_command *cmd)
{
	struct help_walk w = { out, NULL, 0, cmd };
	const char *s = cmd->synopsis;

	/* one "usage:" line per alternative */
	fputs("usage: ", out);
	while (s) {
		const char *nl = strchr(s, '\n');
		int len = nl ? (int)(nl - s) : (int)strlen(s);

		fprintf(out, "%sprofview %.*s\n", s == cmd->synopsis ? "" :
			"       ", len, s);
		s = nl ? nl + 1 : NULL;
	}
	if (cmd->about)
		fputs(cmd->about, out);
	cli_each_option(cmd, walk_option, &w);
	group_end(&w);
}

void cli_print_overview(FILE *out)
{
	fputs("usage: profview COMMAND [OPTIONS] LOG...\n"
	      "       profview --version | -V\n"
	      "\n"
	      "Turns vmprof profile logs (CPython and PyPy, any version, word size\n"
	      "and byte order, gzip or zstd compressed) into answers.\n"
	      "\n"
	      "Commands:\n", out);
	for (const struct cli_command *const *c = cli_commands; *c; c++)
		fprintf(out, "  %-10s %s\n", (*c)->name, (*c)->summary);
	fputs("\n"
	      "'profview help COMMAND' or 'profview COMMAND --help' shows a\n"
	      "command's options; 'profview --version' (-V) the version.\n"
	      "Exit status: 0 success, 1 a regression verdict (diff), 2 usage\n"
	      "error, 3 unreadable or malformed input, 4 out of memory, 5 the\n"
	      "output could not be written.\n", out);
}
