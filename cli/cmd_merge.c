/* cmd_merge.c - `profview merge`: many logs in, one vmprof log out.
 *
 * The logs are read into one profile (filters and native symbols applied
 * as for any view), then render/'s log writer writes it as an aggregate:
 * one record per distinct stack and thread with its count.
 */
#include "cli/cli.h"
#include "cli/commands.h"
#include "render/pv_vmlog.h"

enum { M_EXPAND = 1 };

static const struct cli_option merge_options[] = {
	CLI_OPT_FLAG(0, "expand", M_EXPAND,
		     "one record of count 1 per sample (for vmprof's\n"
		     "own reader, which accepts no other count)"),
	CLI_OPT_END
};

static int parse(void *args, struct cli *c, int opt, const char *arg)
{
	struct pv_vmlog_opts *o = args;

	(void)arg;
	if (opt != M_EXPAND)
		return cli_usage_error(c, "unknown option");
	o->expand = 1;
	return 0;
}

static int view(struct cli *c, void *args, struct pv_profile *p, FILE *out,
		struct pv_error *err)
{
	(void)c;
	return pv_render_merge_vmprof(out, p, args, err);
}

static const struct cli_outputs *outputs(const void *args, const struct cli *c)
{
	static const char *const ok[] = { "prof", "vmprof", NULL };
	static const struct cli_outputs o = { ok, 0, "an uncompressed " \
		"vmprof log (.prof or a name that names no other format)" };

	(void)args;
	(void)c;
	return &o;
}

const struct cli_command cmd_merge = {
	.name = "merge",
	.summary = "many logs into one vmprof log (one record per stack)",
	.synopsis = "merge [OPTIONS] LOG... -o OUT",
	.about =
	"Writes one vmprof log holding what the LOGs hold: one sample\n"
	"record per distinct stack and thread id with its count in the\n"
	"record's count word, the names those stacks use, and the header and\n"
	"meta every LOG shares.  Every view reads OUT with the figures it\n"
	"shows for the LOGs together.  Filters and native-symbol options\n"
	"apply before writing.  The output does not depend on the order or\n"
	"grouping of the LOGs: merge a b c == merge (merge a b) c, byte for\n"
	"byte.  OUT is an aggregate: it has no sample times and no memory\n"
	"curve.  Logs of different word sizes, byte orders, interpreters or\n"
	"stack layouts stop the merge (exit status 2); different periods\n"
	"are weighted by period.  Without -o the log goes to standard\n"
	"output, unless that is a terminal.\n",
	.options = merge_options,
	.groups = CLI_G_OUTPUT | CLI_G_FILTERS | CLI_G_SYMBOLS,
	.needs = CLI_NEED_LOGS | CLI_NEED_PROFILE | CLI_NEED_BINARY |
		 CLI_POOL_THREADS,
	.args_size = sizeof(struct pv_vmlog_opts),
	.parse = parse,
	.view = view,
	.outputs = outputs,
};
