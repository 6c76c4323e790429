/* run.c - the one run path of a command (git's run_builtin is the model):
 * parse, check, load and filter, open the output, call the view, close
 * the output; every error becomes an exit status through
 * cli_exit_status(). */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

int cli_run(const struct cli_command *cmd, int argc, char **argv)
{
	struct pv_profile *p = NULL;
	struct pv_error err = { 0 };
	struct cli c;
	void *args;
	FILE *out;
	int rc, binary;

	args = calloc(1, cmd->args_size ? cmd->args_size : 1);
	if (!args)
		return cli_nomem();
	if (cmd->args_init)
		memcpy(args, cmd->args_init, cmd->args_size);
	rc = cli_parse(&c, cmd, args, argc, argv);
	if (rc >= 0)
		goto done;
	rc = 0;
	if (cmd->check)
		rc = cmd->check(args, &c);
	if (!rc && cmd->outputs)
		rc = cli_check_output_name(&c, cmd->outputs(args, &c));
	if (rc)
		goto done;
	if (cmd->run) {
		rc = cmd->run(&c, args);
		goto done;
	}
	if ((cmd->needs & CLI_NEED_LOGS) && !c.nfiles) {
		rc = cli_usage_error(&c, "no log given");
		goto done;
	}
	if (cmd->needs & (CLI_NEED_PROFILE | CLI_NEED_RAW)) {
		rc = cli_load(&c, !(cmd->needs & CLI_NEED_PROFILE), &p);
		if (rc)
			goto done;
	}
	/* merge's output keeps one record per stack: no time order, no
	 * memory curve */
	if ((cmd->needs & CLI_NEED_TIME) && p && pv_profile_aggregate(p)) {
		cli_error("%s: an aggregate (merged) log has no sample times "
			  "and no memory curve: '%s' needs them",
			  pv_profile_aggregate(p)->path, cmd->name);
		rc = PV_EXIT_USAGE;
		goto done;
	}
	binary = (cmd->needs & CLI_NEED_BINARY) &&
		 (!cmd->binary || cmd->binary(args, &c));
	out = cli_open_output(&c, binary ? "wb" : "w");
	if (!out) {
		rc = cli_close_output(&c, NULL);
		goto done;
	}
	rc = cmd->view(&c, args, p, out, &err);
	if (rc < 0) {
		if (!err.code)   /* a status without a message */
			err.code = rc;
		/* a failed write is said once, by cli_finish_output */
		if (cli_output_failed(out))
			rc = PV_EXIT_WRITE;
		else
			rc = cli_report(NULL, &err);
	}
	rc = cli_finish_output(&c, out, rc);
done:
	pv_profile_free(p);
	cli_release(&c);
	free(args);
	return rc;
}
