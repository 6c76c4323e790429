/* export.c - the table of export formats (one place that says which
 * formats exist, for the command line and its help). */
#include <string.h>

#include "render/pv_export.h"

const struct pv_export_format pv_export_formats[] = {
	{ "pprof", "gzipped profile.proto for Google's pprof (go tool pprof)",
	  pv_render_export_pprof, 1, 0, 1 },
	{ "callgrind", "callgrind format for KCachegrind, QCachegrind, "
	  "callgrind_annotate", pv_render_export_callgrind, 0, 0, 0 },
	{ "chrome-trace", "Trace Event Format for Perfetto (ui.perfetto.dev) "
	  "and chrome://tracing", pv_render_export_chrome_trace, 0, 1, 1 },
	{ "speedscope", "speedscope's file format (speedscope.app)",
	  pv_render_export_speedscope, 0, 1, 1 },
	{ "vmprof-web", "the vmprof web viewer's flame graph JSON",
	  pv_render_export_vmprof_web, 0, 0, 0 },
	{ "json", "profview's own JSON: every table of the profile",
	  pv_render_export_json, 0, 1, 1 },
	{ "vmprof", "a vmprof log, one record per stack (as profview merge "
	  "writes)", pv_render_export_vmprof, 1, 0, 0 },
	{ NULL, NULL, NULL, 0, 0, 0 }
};

const struct pv_export_format *pv_export_find(const char *name)
{
	for (const struct pv_export_format *f = pv_export_formats; f->name; f++)
		if (!strcmp(f->name, name))
			return f;
	return NULL;
}
