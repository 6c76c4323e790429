/* cmd_flame.c - `profview flame`: a flame graph (interactive SVG, or PNG
 * and PDF through cairo) of one or more logs or folded stacks files. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "render/pv_flame.h"

enum {
	F_FORMAT = 1, F_TITLE, F_SUBTITLE, F_WIDTH, F_FRAME_HEIGHT,
	F_MINWIDTH, F_MAX_SIZE, F_ICICLE, F_REVERSE, F_PER_THREAD, F_COLORS,
	F_SORT, F_TRUNCATE
};

static const struct cli_option flame_options[] = {
	CLI_OPT_ARG(0, "format", F_FORMAT, "svg|png|pdf",
		    "output format (default: from the -o extension,\n"
		    "else svg)"),
	CLI_OPT_ARG(0, "title", F_TITLE, "TEXT",
		    "title (default: the log names, samples and\n"
		    "duration)"),
	CLI_OPT_ARG(0, "subtitle", F_SUBTITLE, "TEXT",
		    "a second line under the title"),
	CLI_OPT_ARG(0, "width", F_WIDTH, "PX",
		    "image width, 100 to 32767 (default 1200)"),
	CLI_OPT_ARG(0, "frame-height", F_FRAME_HEIGHT, "PX",
		    "height of one frame (default 16)"),
	CLI_OPT_ARG(0, "minwidth", F_MINWIDTH, "PX",
		    "leave out frames narrower than this; their\n"
		    "samples still count in the parent (default 0.1)"),
	CLI_OPT_ARG(0, "max-size", F_MAX_SIZE, "BYTES",
		    "SVG budget (default 5M; k/M/G suffixes): when\n"
		    "the frames would not fit, minwidth is raised and\n"
		    "the subtitle says so"),
	CLI_OPT_FLAG(0, "icicle", F_ICICLE,
		     "root at the top, stacks growing down"),
	CLI_OPT_FLAG(0, "reverse", F_REVERSE,
		     "merge stacks leaf first (who calls the hot code)"),
	CLI_OPT_FLAG(0, "per-thread", F_PER_THREAD,
		     "one tower per thread under a 'thread N' frame"),
	CLI_OPT_ARG(0, "colors", F_COLORS, "PALETTE",
		    "kind (default: a hue per frame kind: Python green,\n"
		    "JIT aqua, native orange, GC/other purple; shade\n"
		    "from the function name), hot, mem, io, blue,\n"
		    "green, aqua"),
	CLI_OPT_ARG(0, "sort", F_SORT, "name|samples",
		    "sibling order (default name)"),
	CLI_OPT_ARG(0, "truncate", F_TRUNCATE, "end|start",
		    "where long labels are cut with '..' (default end)"),
	CLI_OPT_END
};

struct flame_args {
	struct pv_flame_opts fo;
	struct pv_tree_opts to;
	const char *format;
	int by_samples;
	char title[256];   /* the default title, when --title is not given */
};

static int size_arg(struct cli *c, const char *arg, size_t *out)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(arg, &end, 10);
	if (errno || end == arg)
		goto bad;
	if (*end == 'k' || *end == 'K')
		v <<= 10, end++;
	else if (*end == 'm' || *end == 'M')
		v <<= 20, end++;
	else if (*end == 'g' || *end == 'G')
		v <<= 30, end++;
	if (*end || v < 4096)
		goto bad;
	*out = (size_t)v;
	return 0;
bad:
	return cli_usage_error(c, "--max-size needs a size of at least 4096 "
			       "bytes (k/M/G suffixes), not '%s'", arg);
}

static int parse(void *args, struct cli *c, int opt, const char *arg)
{
	struct flame_args *a = args;

	switch (opt) {
	case F_FORMAT:
		if (strcmp(arg, "svg") && strcmp(arg, "png") &&
		    strcmp(arg, "pdf"))
			return cli_usage_error(c, "--format takes svg, png or pdf");
		a->format = arg;
		return 0;
	case F_TITLE: a->fo.title = arg; return 0;
	case F_SUBTITLE: a->fo.subtitle = arg; return 0;
	case F_WIDTH:
		return cli_number(c, "width", arg, PV_FLAME_MIN_WIDTH,
				  PV_FLAME_MAX_WIDTH, &a->fo.width);
	case F_FRAME_HEIGHT:
		return cli_number(c, "frame-height", arg, 4, 1e9,
				  &a->fo.frame_height);
	case F_MINWIDTH:
		return cli_number(c, "minwidth", arg, 0, 1e9,
				  &a->fo.minwidth);
	case F_MAX_SIZE: return size_arg(c, arg, &a->fo.max_size);
	case F_ICICLE: a->fo.icicle = 1; return 0;
	case F_REVERSE: a->to.reverse = 1; return 0;
	case F_PER_THREAD:
		a->to.per_thread = 1;
		c->needs_threads = 1;
		return 0;
	case F_COLORS:
		if (pv_flame_palette_parse(arg, &a->fo.palette))
			return cli_usage_error(c, "--colors takes kind, hot, mem, "
					       "io, blue, green or aqua");
		return 0;
	case F_SORT:
		if (strcmp(arg, "name") && strcmp(arg, "samples"))
			return cli_usage_error(c, "--sort takes name or samples");
		a->by_samples = !strcmp(arg, "samples");
		return 0;
	case F_TRUNCATE:
		if (strcmp(arg, "end") && strcmp(arg, "start"))
			return cli_usage_error(c, "--truncate takes end or start");
		a->fo.truncate_start = !strcmp(arg, "start");
		return 0;
	}
	return cli_usage_error(c, "unknown option");
}

static enum pv_flame_format pick_format(const struct flame_args *a,
					const char *output)
{
	const char *dot = output ? strrchr(output, '.') : NULL;
	const char *f = a->format;

	if (!f && dot)
		f = dot + 1;
	if (f && !strcasecmp(f, "png"))
		return PV_FLAME_PNG;
	if (f && !strcasecmp(f, "pdf"))
		return PV_FLAME_PDF;
	return PV_FLAME_SVG;
}

/* The log name(s), the samples and the recorded duration: "app.prof:
 * 4,980 samples, 5.01 s" (the time when every log has one). */
static const char *default_title(const struct cli *c,
				 const struct pv_profile *p, char *buf,
				 size_t len)
{
	char logs[160];
	double sec = 0, one;
	int known = p->nsources > 0;
	uint64_t total = pv_profile_total_weight(p);
	size_t n;

	for (uint32_t s = 0; s < p->nsources; s++) {
		if (pv_source_span(&p->sources[s], &one))
			sec += one;
		else
			known = 0;
	}
	cli_logs_label(logs, sizeof(logs), c->files, c->nfiles);
	if (p->weighted)
		n = (size_t)snprintf(buf, len, "%s: %.3f s of samples", logs,
				     (double)total / 1e6);
	else
		n = (size_t)snprintf(buf, len, "%s: %llu samples", logs,
				     (unsigned long long)total);
	if (known && n < len)
		snprintf(buf + n, len - n, ", %.2f s recorded", sec);
	return buf;
}

static int view(struct cli *c, void *args, struct pv_profile *p, FILE *out,
		struct pv_error *err)
{
	struct flame_args *a = args;
	struct pv_calltree *t = NULL;
	struct pv_flame_layout *l = NULL;
	enum pv_flame_format fmt = pick_format(a, c->output);
	int rc;

	if (p->weighted)
		a->fo.unit = "us";
	if (!a->fo.title)
		a->fo.title = default_title(c, p, a->title, sizeof(a->title));
	/* frames too narrow to draw never become call tree nodes */
	a->to.min_total = pv_flame_min_weight(&a->fo,
					      pv_profile_total_weight(p));
	rc = pv_calltree_build(&t, p, &a->to, err);
	if (rc == 0)
		rc = pv_calltree_sort(t, p, a->by_samples ? pv_cnode_cmp_total :
							    pv_cnode_cmp_name);
	if (rc == 0)
		rc = pv_flame_layout_new(&l, p, t, &a->fo, err);
	if (rc == 0) {
		if (fmt == PV_FLAME_SVG) {
			rc = pv_render_flame_svg(l, out, err);
		} else {
			rc = pv_render_flame_cairo(l, fmt, out, err);
			pv_flame_cairo_shutdown();   /* the program ends next */
		}
	}
	pv_flame_layout_free(l);
	pv_calltree_free(t);
	return rc;
}

static int binary(const void *args, const struct cli *c)
{
	return pick_format(args, c->output) != PV_FLAME_SVG;
}

static const struct flame_args flame_defaults = { .fo = { .minwidth = -1 } };

/* -o's extension picks the format, unless --format does. */
static const struct cli_outputs *outputs(const void *args, const struct cli *c)
{
	static const char *const ok[] = { "svg", "png", "pdf", NULL };
	static const struct cli_outputs o = { ok, CLI_OUT_STRICT, "SVG (.svg), PNG (.png) or PDF (.pdf); --format picks one " \
	"whatever the name" };

	(void)c;
	return ((const struct flame_args *)args)->format ? NULL : &o;
}

const struct cli_command cmd_flame = {
	.name = "flame",
	.summary = "flame graph: interactive SVG, PNG or PDF",
	.synopsis = "flame [OPTIONS] LOG... > out.svg",
	.about =
	"Draws a flame graph: one frame per function on a call path, as wide\n"
	"as the samples spent in it; children sorted by name, so x says\n"
	"nothing about time.  Several logs merge into one graph.  A LOG may\n"
	"also be folded stacks text ('main;f;g 42' per line), and '-' reads\n"
	"standard input.  The SVG is interactive: hover for details, click to\n"
	"zoom, Search (or Ctrl-F) highlights a regex, Escape resets.\n",
	.options = flame_options,
	.groups = CLI_G_OUTPUT | CLI_G_FILTERS | CLI_G_SYMBOLS,
	.needs = CLI_NEED_LOGS | CLI_NEED_PROFILE | CLI_NEED_BINARY |
		 CLI_POOL_THREADS,
	.args_size = sizeof(struct flame_args),
	.args_init = &flame_defaults,
	.parse = parse,
	.view = view,
	.binary = binary,
	.outputs = outputs,
};
