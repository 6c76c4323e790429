/* main.c - the profview command: the command table and the dispatch. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "render/pv_json.h"

#include "version.h"   /* generated: PV_VERSION from git describe */

const char cli_version[] = PV_VERSION;

/* Every command, in the order `profview help` lists them.  Adding a
 * command is one line here plus its cli/cmd_NAME.c. */
const struct cli_command *const cli_commands[] = {
	&cmd_info,
	&cmd_top,
	&cmd_tree,
	&cmd_peek,
	&cmd_lines,
	&cmd_export,
	&cmd_memory,
	&cmd_timeline,
	&cmd_heatmap,
	&cmd_report,
	&cmd_diff,
	&cmd_flame,
	&cmd_symbolize,
	&cmd_fold,
	&cmd_merge,
	&cmd_help,
	NULL
};

const struct cli_command *cli_find_command(const char *name)
{
	for (const struct cli_command *const *c = cli_commands; *c; c++)
		if (!strcmp((*c)->name, name))
			return *c;
	return NULL;
}

/* `profview help [COMMAND]`: from the table, without running COMMAND. */
static int help_run(struct cli *c, void *args)
{
	const struct cli_command *cmd;

	(void)args;
	if (!c->nfiles) {
		cli_print_overview(stdout);
		return PV_EXIT_OK;
	}
	if (c->nfiles > 1)
		return cli_usage_error(c, "one command at a time");
	cmd = cli_find_command(c->files[0]);
	if (!cmd) {
		const char *near = cli_suggest_command(c->files[0]);

		if (near)
			cli_error("no command '%s'; did you mean '%s'? See "
				  "'profview help'", c->files[0], near);
		else
			cli_error("no command '%s'; see 'profview help'",
				  c->files[0]);
		return PV_EXIT_USAGE;
	}
	cli_print_help(stdout, cmd);
	return PV_EXIT_OK;
}

const struct cli_command cmd_help = {
	.name = "help",
	.summary = "show help for a command",
	.synopsis = "help [COMMAND]",
	.about = "Shows the list of commands, or one command's options.\n",
	.run = help_run,
};

int main(int argc, char **argv)
{
	const struct cli_command *c;
	int rc;

	pv_json_init();   /* a failed jansson allocation is an error */
	if (argc < 2) {
		cli_print_overview(stderr);
		return PV_EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V") ||
	    !strcmp(argv[1], "version")) {
		printf("profview %s\n", cli_version);
		rc = PV_EXIT_OK;
		goto flush;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		cli_print_overview(stdout);
		rc = PV_EXIT_OK;
		goto flush;
	}
	/* hidden: what `make install` writes, from the same tables */
	if (!strcmp(argv[1], "--gen-man")) {
		rc = cli_exit_status(cli_print_man(stdout));
		goto flush;
	}
	if (!strcmp(argv[1], "--gen-completion")) {
		rc = argc == 3 ? cli_print_completion(stdout, argv[2]) :
				 PV_EUSAGE;
		if (rc == PV_EUSAGE)
			cli_error("--gen-completion takes bash or zsh");
		rc = cli_exit_status(rc);
		goto flush;
	}
	c = cli_find_command(argv[1]);
	if (!c) {
		const char *near = cli_suggest_command(argv[1]);

		if (near)
			cli_error("'%s' is not a command; did you mean '%s'? "
				  "See 'profview help'", argv[1], near);
		else
			cli_error("'%s' is not a command; see 'profview help'",
				  argv[1]);
		return PV_EXIT_USAGE;
	}
	rc = cli_run(c, argc - 1, argv + 1);
flush:
	/* a full disk or closed pipe must not pass for success */
	return cli_flush_stdout(rc);
}
