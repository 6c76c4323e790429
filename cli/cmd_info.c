/* cmd_info.c - `profview info`: what is in each log (render/info.c). */
#include "cli/cli.h"
#include "cli/commands.h"
#include "render/pv_info.h"

static int view(struct cli *c, void *args, struct pv_profile *p, FILE *out,
		struct pv_error *err)
{
	(void)args;
	for (uint32_t i = 0; i < p->nsources; i++) {
		int rc;

		if (c->json) {
			rc = pv_render_info_json(out, p, i);
		} else {
			if (i)
				fputc('\n', out);
			rc = pv_render_info_text(out, p, i);
		}
		if (rc == PV_ENOMEM)
			return pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET,
					    "out of memory");
		if (rc < 0)
			return pv_error_set(err, PV_EWRITE, PV_NO_OFFSET,
					    "write failed");
	}
	return 0;
}

const struct cli_command cmd_info = {
	.name = "info",
	.summary = "what is in a log: format, mode, counts, times",
	.synopsis = "info [--json] LOG...",
	.about =
	"Prints what each log holds: interpreter, format version, word and\n"
	"address size, byte order, mode flags, period, samples, threads, symbol\n"
	"records, start and end time, meta pairs, and whether it was cut short.\n"
	"--json prints one JSON object per log, one per line.  Oddities the\n"
	"reader accepted (memory-word fix-ups, counts other than 1, unknown\n"
	"PyPy kinds, ...) are counted on an \"odd\" line and in the JSON.\n",
	.groups = CLI_G_JSON,
	.needs = CLI_NEED_LOGS | CLI_NEED_RAW,
	.view = view,
};
