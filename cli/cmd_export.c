/* cmd_export.c - `profview export`: the (merged, filtered) profile in
 * another tool's format; the formats and their writers are the table in
 * render/export.c. */
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "render/pv_export.h"
#include "symbolizer/pv_symbolizer.h"

enum { O_FORMAT = 1 };

static const struct cli_option export_options[] = {
	CLI_OPT_ARG(0, "format", O_FORMAT,
		    "pprof|callgrind|chrome-trace|speedscope|vmprof-web|"
		    "vmprof|json",
		    "pprof: gzipped profile.proto (go tool pprof,\n"
		    "pprof -http); callgrind: KCachegrind,\n"
		    "callgrind_annotate; chrome-trace: Trace Event\n"
		    "Format for ui.perfetto.dev and chrome://tracing,\n"
		    "a track per thread; speedscope: speedscope's file\n"
		    "format (speedscope.app); vmprof-web: the vmprof\n"
		    "web viewer's flame graph tree; vmprof: a vmprof\n"
		    "log, as merge writes it; json: profview's own\n"
		    "JSON (see README)"),
	CLI_OPT_END
};

struct export_args {
	const struct pv_export_format *format;
};

/* "pprof, callgrind, ..." for messages */
static void format_list(char *buf, size_t size)
{
	size_t n = 0;

	buf[0] = '\0';
	for (const struct pv_export_format *f = pv_export_formats; f->name;
	     f++) {
		if (!f->write)
			continue;
		n += (size_t)snprintf(buf + n, n < size ? size - n : 0, "%s%s",
				      n ? ", " : "", f->name);
	}
}

static int parse(void *args, struct cli *c, int opt, const char *arg)
{
	struct export_args *a = args;
	const struct pv_export_format *f;
	char list[256];

	if (opt != O_FORMAT)
		return cli_usage_error(c, "unknown option");
	f = pv_export_find(arg);
	format_list(list, sizeof(list));
	if (f && !f->write)
		/* the hook for a format another command writes */
		return cli_usage_error(c, "--format vmprof (a vmprof log) is "
				       "written by 'profview merge'; the web "
				       "viewer's JSON is --format vmprof-web");
	if (!f)
		return cli_usage_error(c, "unknown format '%s'; --format "
				       "takes %s", arg, list);
	a->format = f;
	return 0;
}

static int check(void *args, struct cli *c)
{
	struct export_args *a = args;
	char list[256];

	format_list(list, sizeof(list));
	if (!a->format)
		return cli_usage_error(c, "--format is required (%s)", list);
	/* speedscope, chrome-trace and profview JSON list samples in time
	 * order (the others aggregate) */
	if (a->format->time_order)
		c->needs_order = 1;
	/* pprof labels samples with their thread: keep logs' apart */
	if (a->format->threads)
		c->needs_threads = 1;
	return 0;
}

/* binary output (pprof) is refused on a terminal */
static int binary(const void *args, const struct cli *c)
{
	const struct export_args *a = args;

	(void)c;
	return a->format && a->format->binary;
}

/* pv_module_fn over the symbolizer: where --maps/--module loaded what */
static int module_info(void *ctx, uint64_t addr, const char **path,
		       uint64_t *offset, uint64_t *start, uint64_t *limit,
		       const char **build_id)
{
	return pv_sym_mapping(ctx, addr, path, start, limit, offset,
			      build_id);
}

static int view(struct cli *c, void *args, struct pv_profile *p, FILE *out,
		struct pv_error *err)
{
	struct export_args *a = args;
	struct pv_export_opts eo = { 0 };
	struct pv_sym *sym = NULL;
	int rc;

	eo.name = c->nfiles == 1 ? c->files[0] : "profview";
	if (!strcmp(a->format->name, "pprof") && (c->maps || c->modules.n)) {
		/* the mappings: where each module was loaded, its build id */
		rc = cli_sym_new(c, &sym);
		if (rc)
			return pv_error_set(err, PV_EUSAGE, PV_NO_OFFSET,
					    "the symbol options failed");
		eo.module = module_info;
		eo.module_ctx = sym;
	}
	/* a failed write (PV_EWRITE) is said once, by the runner */
	rc = a->format->write(p, &eo, out, err);
	pv_sym_free(sym);
	return rc;
}

const struct cli_command cmd_export = {
	.name = "export",
	.summary = "write pprof, callgrind, Chrome trace, speedscope or JSON",
	.synopsis = "export --format FORMAT [OPTIONS] LOG...",
	.about =
	"Writes the profile (merged and filtered) for other tools; every\n"
	"format is written as it goes (memory does not grow with samples).\n"
	"An unknown format is a usage error that lists them.\n",
	.options = export_options,
	.groups = CLI_G_OUTPUT | CLI_G_FILTERS | CLI_G_SYMBOLS,
	.needs = CLI_NEED_LOGS | CLI_NEED_PROFILE | CLI_NEED_BINARY |
		 CLI_POOL_THREADS,
	.args_size = sizeof(struct export_args),
	.parse = parse,
	.check = check,
	.view = view,
	.binary = binary,
};
