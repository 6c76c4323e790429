/* cmd_export.c - `profview export`: the (merged, filtered) profile in
 * speedscope's format, the vmprof viewer's JSON tree, or profview's own
 * JSON. */
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "render/pv_export.h"

enum { O_FORMAT = 1 };

static const struct cli_option export_options[] = {
	CLI_OPT_ARG(0, "format", O_FORMAT, "speedscope|vmprof|json",
		    "speedscope: speedscope's file format, one\n"
		    "sampled profile per thread (open it at\n"
		    "speedscope.app); vmprof: the vmprof web viewer's\n"
		    "flame graph tree; json: profview's own JSON:\n"
		    "sources, funcs, frames, stacks and per-thread\n"
		    "samples (see README)"),
	CLI_OPT_END
};

struct export_args {
	const char *format;
};

static int parse(void *args, struct cli *c, int opt, const char *arg)
{
	struct export_args *a = args;

	if (opt != O_FORMAT)
		return cli_usage_error(c, "unknown option");
	if (strcmp(arg, "speedscope") && strcmp(arg, "vmprof") &&
	    strcmp(arg, "json"))
		return cli_usage_error(c, "--format takes speedscope, vmprof or json");
	a->format = arg;
	return 0;
}

static int check(void *args, struct cli *c)
{
	struct export_args *a = args;

	if (!a->format)
		return cli_usage_error(c, "--format is required (speedscope, "
				       "vmprof or json)");
	/* speedscope and profview JSON list samples in time order */
	if (!strcmp(a->format, "speedscope") || !strcmp(a->format, "json"))
		c->needs_order = 1;
	return 0;
}

static int view(struct cli *c, void *args, struct pv_profile *p, FILE *out,
		struct pv_error *err)
{
	struct export_args *a = args;
	const char *fmt = a->format;
	json_t *j;
	int rc = 0;

	if (!strcmp(fmt, "speedscope"))
		j = pv_export_speedscope(p, c->nfiles == 1 ? c->files[0] :
					 "profview");
	else if (!strcmp(fmt, "vmprof"))
		j = pv_export_vmprof(p);
	else
		j = pv_export_json(p);
	if (!j)
		return pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET,
				    "out of memory");
	if (json_dumpf(j, out, JSON_COMPACT | JSON_PRESERVE_ORDER |
		       JSON_REAL_PRECISION(12)) || fputc('\n', out) == EOF)
		rc = pv_error_set(err, PV_EWRITE, PV_NO_OFFSET,
				  "cannot write the JSON");
	json_decref(j);
	return rc;
}

const struct cli_command cmd_export = {
	.name = "export",
	.summary = "write speedscope, vmprof-viewer or profview JSON",
	.synopsis = "export --format FORMAT [OPTIONS] LOG...",
	.about =
	"Writes the profile (merged and filtered) as JSON for other tools.\n",
	.options = export_options,
	.groups = CLI_G_OUTPUT | CLI_G_FILTERS | CLI_G_SYMBOLS,
	.needs = CLI_NEED_LOGS | CLI_NEED_PROFILE,
	.args_size = sizeof(struct export_args),
	.parse = parse,
	.check = check,
	.view = view,
};
