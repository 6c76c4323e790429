/* cmd_export.c - `profview export`: the (merged, filtered) profile in
 * another tool's format; the formats and their writers are the table in
 * render/export.c. */
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "render/pv_export.h"
#include "symbolizer/pv_symbolizer.h"

const char cmd_export_usage[] =
	"usage: profview export --format FORMAT [OPTIONS] LOG...\n"
	"Writes the profile (merged and filtered) for other tools:\n"
	"  --format pprof         gzipped profile.proto: go tool pprof, pprof -http\n"
	"  --format callgrind     KCachegrind, QCachegrind, callgrind_annotate\n"
	"  --format chrome-trace  Trace Event Format: ui.perfetto.dev,\n"
	"                         chrome://tracing (a track per thread)\n"
	"  --format speedscope    speedscope's file format: one sampled profile\n"
	"                         per thread (open it at speedscope.app)\n"
	"  --format vmprof-web    the vmprof web viewer's flame graph tree\n"
	"  --format json          profview's own JSON: sources, funcs, frames,\n"
	"                         stacks and per-thread samples (see README)\n";

enum { O_FORMAT = 2300 };

static const struct option export_opts[] = {
	{ "format", required_argument, NULL, O_FORMAT },
	{ NULL, 0, NULL, 0 }
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

static int parse(void *ctx, struct cli *c, int opt, const char *arg)
{
	const struct pv_export_format **fmt = ctx;
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
	*fmt = f;
	return 0;
}

/* pv_module_fn over the symbolizer: where --maps/--module loaded what */
static int module_info(void *ctx, uint64_t addr, const char **path,
		       uint64_t *offset, uint64_t *start, uint64_t *limit,
		       const char **build_id)
{
	return pv_sym_mapping(ctx, addr, path, start, limit, offset,
			      build_id);
}

int cmd_export(int argc, char **argv)
{
	const struct pv_export_format *fmt = NULL;
	struct cmd_opts o = {
		.opts = export_opts, .parse = parse, .ctx = &fmt,
		.groups = OPT_OUTPUT | OPT_FILTERS | OPT_SYMBOLS,
	};
	struct pv_profile *p = NULL;
	struct pv_export_opts eo = { 0 };
	struct pv_error err = { 0 };
	struct pv_sym *sym = NULL;
	struct cli c;
	FILE *out;
	char list[256];
	int rc = cli_parse(&c, argc, argv, &o);

	if (rc >= 0)
		goto done;
	if (!fmt) {
		format_list(list, sizeof(list));
		rc = cli_usage_error(&c, "--format is required (%s)", list);
		goto done;
	}
	rc = cli_load(&c, &p);
	if (rc)
		goto done;
	if (!strcmp(fmt->name, "pprof") && (c.maps || c.modules.n)) {
		rc = cli_sym_new(&c, &sym);
		if (rc)
			goto done;
		eo.module = module_info;
		eo.module_ctx = sym;
	}
	/* "wb": binary output is refused on a terminal */
	out = cli_open_output(&c, fmt->binary ? "wb" : "w");
	if (!out) {
		rc = cli_close_output(&c, NULL);
		goto done;
	}
	eo.name = c.nfiles == 1 ? c.files[0] : "profview";
	if (fmt->write(p, &eo, out, &err) < 0) {
		/* a failed write is said once, by cli_finish_output */
		if (err.code == PV_EIO || cli_output_failed(out)) {
			rc = PV_EXIT_WRITE;
		} else {
			cli_error("export --format %s: %s", fmt->name,
				  err.msg[0] ? err.msg : "failed");
			rc = PV_EXIT_INPUT;
		}
	}
	rc = cli_finish_output(&c, out, rc);
done:
	pv_sym_free(sym);
	pv_profile_free(p);
	cli_release(&c);
	return rc;
}
