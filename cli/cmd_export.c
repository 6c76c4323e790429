/* cmd_export.c - `profview export`: the (merged, filtered) profile in
 * speedscope's format, the vmprof viewer's JSON tree, or profview's own
 * JSON. */
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "render/pv_export.h"

const char cmd_export_usage[] =
	"usage: profview export --format FORMAT [OPTIONS] LOG...\n"
	"Writes the profile (merged and filtered) as JSON for other tools:\n"
	"  --format speedscope   speedscope's file format: one sampled profile\n"
	"                        per thread (open it at speedscope.app)\n"
	"  --format vmprof       the vmprof web viewer's flame graph tree\n"
	"  --format json         profview's own JSON: sources, funcs, frames,\n"
	"                        stacks and per-thread samples (see README)\n";

enum { O_FORMAT = 2300 };

static const struct option export_opts[] = {
	{ "format", required_argument, NULL, O_FORMAT },
	{ NULL, 0, NULL, 0 }
};

static int parse(void *ctx, struct cli *c, int opt, const char *arg)
{
	const char **fmt = ctx;

	if (opt != O_FORMAT)
		return cli_usage_error(c, "unknown option");
	if (strcmp(arg, "speedscope") && strcmp(arg, "vmprof") &&
	    strcmp(arg, "json"))
		return cli_usage_error(c, "--format takes speedscope, vmprof or json");
	*fmt = arg;
	return 0;
}

int cmd_export(int argc, char **argv)
{
	const char *fmt = NULL;
	struct cmd_opts o = {
		.opts = export_opts, .parse = parse, .ctx = &fmt,
		.groups = OPT_OUTPUT | OPT_FILTERS | OPT_SYMBOLS,
	};
	struct pv_profile *p = NULL;
	struct cli c;
	json_t *j = NULL;
	FILE *out;
	int rc = cli_parse(&c, argc, argv, &o);

	if (rc >= 0)
		goto done;
	if (!fmt) {
		rc = cli_usage_error(&c, "--format is required (speedscope, vmprof or json)");
		goto done;
	}
	/* speedscope and profview JSON list samples in time order */
	if (!strcmp(fmt, "speedscope") || !strcmp(fmt, "json"))
		c.needs_order = 1;
	rc = cli_load(&c, &p);
	if (rc)
		goto done;
	if (!strcmp(fmt, "speedscope"))
		j = pv_export_speedscope(p, c.nfiles == 1 ? c.files[0] : "profview");
	else if (!strcmp(fmt, "vmprof"))
		j = pv_export_vmprof(p);
	else
		j = pv_export_json(p);
	if (!j) {
		cli_error("out of memory");
		rc = PV_EXIT_INPUT;
		goto done;
	}
	out = cli_open_output(&c, "w");
	if (!out) {
		rc = cli_close_output(&c, NULL);
		goto done;
	}
	if (json_dumpf(j, out, JSON_COMPACT | JSON_PRESERVE_ORDER |
		       JSON_REAL_PRECISION(12)) || fputc('\n', out) == EOF)
		rc = PV_EXIT_WRITE;
	rc = cli_finish_output(&c, out, rc);
done:
	json_decref(j);
	pv_profile_free(p);
	cli_release(&c);
	return rc;
}
