/* parse.c - the shared option groups (declared once, with their help) and
 * the parser that turns argv into struct cli plus a command's own
 * arguments, from the command's declarations. */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "profile/pv_filter.h"

enum {
	O_OUTPUT = 1000, O_THREAD, O_FOCUS, O_IGNORE, O_HIDE, O_FROM, O_TO,
	O_KEEP_ROOT, O_HARNESS, O_MAPS, O_MODULE, O_SYSROOT, O_DEBUG_DIR,
	O_SEARCH_DIR, O_NO_DEMANGLE, O_DEBUGINFOD, O_OFFLINE, O_VERBOSE,
	O_JSON, O_CSV, O_COLOR, O_GROUP_BY,
	O_STRICT, O_QUIET, O_HELP, O_JOBS
};

static const struct cli_option output_opts[] = {
	CLI_OPT_ARG('o', "output", O_OUTPUT, "FILE",
		    "write to FILE instead of standard output"),
	CLI_OPT_END
};

static const struct cli_option filter_opts[] = {
	CLI_OPT_ARG(0, "thread", O_THREAD, "N|0xID",
		    "keep one thread (repeatable); N is the\n"
		    "1..N number shown by info, 0x.. a raw id"),
	CLI_OPT_ARG(0, "from", O_FROM, "T",
		    "keep samples from T since the log's start:\n"
		    "1.5 or 1.5s, 1500ms, 250us, or 10% of the\n"
		    "log's duration"),
	CLI_OPT_ARG(0, "to", O_TO, "T",
		    "keep samples up to T since the log's start\n"
		    "(as --from)"),
	CLI_OPT_ARG(0, "ignore", O_IGNORE, "RE",
		    "drop samples passing through a matching frame"),
	CLI_OPT_ARG(0, "focus", O_FOCUS, "RE",
		    "keep only samples passing through a match"),
	CLI_OPT_ARG(0, "hide", O_HIDE, "RE",
		    "remove matching frames, keep their samples"),
	CLI_OPT_FLAG(0, "keep-root", O_KEEP_ROOT,
		     "keep the interpreter start-up and recording\n"
		     "driver frames at the root (hidden by default)"),
	CLI_OPT_ARG(0, "harness", O_HARNESS, "RE",
		    "more root frames to hide (matched on file)"),
	CLI_OPT_END
};

static const struct cli_option symbol_opts[] = {
	CLI_OPT_ARG(0, "maps", O_MAPS, "FILE",
		    "/proc/PID/maps of the profiled process"),
	CLI_OPT_ARG(0, "module", O_MODULE, "PATH@ADDR",
		    "a module and its load address (repeatable)"),
	CLI_OPT_ARG(0, "sysroot", O_SYSROOT, "DIR",
		    "look binaries up under DIR"),
	CLI_OPT_ARG(0, "debug-dir", O_DEBUG_DIR, "DIR",
		    "separate debug files (repeatable)"),
	CLI_OPT_ARG(0, "search-dir", O_SEARCH_DIR, "DIR",
		    "find modules by file name (repeatable)"),
	CLI_OPT_FLAG(0, "no-demangle", O_NO_DEMANGLE,
		     "keep C++/Rust names mangled"),
	CLI_OPT_ARG(0, "debuginfod", O_DEBUGINFOD, "URL",
		    "a debuginfod server, after those of\n"
		    "DEBUGINFOD_URLS (repeatable)"),
	CLI_OPT_FLAG(0, "offline", O_OFFLINE,
		     "no debuginfod request at all"),
	CLI_OPT_FLAG(0, "verbose", O_VERBOSE,
		     "say per module where its names come from"),
	CLI_OPT_END
};

static const struct cli_option json_opts[] = {
	CLI_OPT_FLAG(0, "json", O_JSON, "machine-readable output (JSON)"),
	CLI_OPT_END
};

static const struct cli_option csv_opts[] = {
	CLI_OPT_FLAG(0, "csv", O_CSV, "machine-readable output (CSV)"),
	CLI_OPT_END
};

static const struct cli_option color_opts[] = {
	CLI_OPT_ARG(0, "color", O_COLOR, "never|always|auto",
		    "colour the text: never, always or auto\n"
		    "(default; NO_COLOR is respected)"),
	CLI_OPT_END
};

static const struct cli_option group_opts[] = {
	CLI_OPT_ARG(0, "group-by", O_GROUP_BY, "log|thread",
		    "keep merged logs or threads apart"),
	CLI_OPT_END
};

static const struct cli_option always_opts[] = {
	CLI_OPT_FLAG(0, "strict", O_STRICT,
		     "a damaged log is an error (exit 3)"),
	CLI_OPT_FLAG(0, "quiet", O_QUIET, "no warnings"),
	CLI_OPT_ARG('j', "jobs", O_JOBS, "N",
		    "read N logs at once (default: the online CPUs);\n"
		    "the output is the same for any N"),
	CLI_OPT_FLAG('h', "help", O_HELP, "this help"),
	CLI_OPT_END
};

/* In help order. */
const struct cli_group cli_groups[] = {
	{ CLI_G_OUTPUT, NULL, output_opts, NULL },
	{ CLI_G_FILTERS, "Filters (applied before the view, in this order):",
	  filter_opts,
	  "Patterns are POSIX extended regexes, matched against the function\n"
	  "name and against \"name file:line\"." },
	{ CLI_G_SYMBOLS, "Native symbols:", symbol_opts, NULL },
	{ CLI_G_JSON, NULL, json_opts, NULL },
	{ CLI_G_CSV, NULL, csv_opts, NULL },
	{ CLI_G_COLOR, NULL, color_opts, NULL },
	{ CLI_G_GROUP, NULL, group_opts, NULL },
	{ CLI_G_ALWAYS, NULL, always_opts, NULL },
	{ 0, NULL, NULL, NULL }
};

void cli_each_option(const struct cli_command *cmd,
		     void (*fn)(void *ctx, const struct cli_group *g,
				const struct cli_option *o),
		     void *ctx)
{
	unsigned groups = cmd->groups | CLI_G_ALWAYS;

	for (const struct cli_option *o = cmd->options; o && o->long_name;
	     o++)
		fn(ctx, NULL, o);
	for (const struct cli_group *g = cli_groups; g->bit; g++) {
		if (!(groups & g->bit))
			continue;
		for (const struct cli_option *o = g->options; o->long_name; o++)
			fn(ctx, g, o);
	}
}

int cli_list_add(const struct cli *c, struct cli_list *l, const char *v)
{
	if (l->n == CLI_MAX_LIST)
		return cli_usage_error(c, "too many repeated options (at most %d)",
				       CLI_MAX_LIST);
	l->item[l->n++] = v;
	return 0;
}

int cli_number(const struct cli *c, const char *name, const char *arg,
	       double lo, double hi, double *out)
{
	char *end;

	errno = 0;
	*out = strtod(arg, &end);
	if (!errno && end != arg && !*end && *out >= lo && *out <= hi)
		return 0;
	if (lo == -HUGE_VAL && hi == HUGE_VAL)
		return cli_usage_error(c, "--%s needs a number, not '%s'", name,
				       arg);
	if (hi == HUGE_VAL)
		return cli_usage_error(c, "--%s needs a number >= %g, not '%s'",
				       name, lo, arg);
	return cli_usage_error(c, "--%s needs a number from %g to %g, not "
			       "'%s'", name, lo, hi, arg);
}

/* --from/--to: seconds, ms, us or a percentage of the duration. */
static int time_arg(struct cli *c, const char *name, const char *arg,
		    double *out, int *pct)
{
	if (!pv_filter_parse_time(arg, out, pct)) {
		if (!strcmp(name, "from"))
			c->from_arg = arg;
		else
			c->to_arg = arg;
		return 0;
	}
	return cli_usage_error(c, "--%s takes a time since the log's start: "
			       "1.5 or 1.5s, 1500ms, 250us, or 10%% of its "
			       "duration; not '%s'", name, arg);
}

/* A shared option's effect on c. */
static int shared(struct cli *c, int id, const char *arg)
{
	int rc = 0;

	switch (id) {
	case O_OUTPUT: c->output = arg; break;
	case O_STRICT: c->strict = 1; break;
	case O_QUIET: c->quiet = 1; break;
	case O_JOBS: {
		double d = 0;
		rc = cli_number(c, "jobs", arg, 1, 1024, &d);
		if (!rc && d != (int)d)
			rc = cli_usage_error(c, "--jobs needs a whole number, "
					     "not '%s'", arg);
		c->jobs = (int)d;
		break;
	}
	case O_THREAD: rc = cli_list_add(c, &c->threads, arg); break;
	case O_FOCUS: rc = cli_list_add(c, &c->focus, arg); break;
	case O_IGNORE: rc = cli_list_add(c, &c->ignore, arg); break;
	case O_HIDE: rc = cli_list_add(c, &c->hide, arg); break;
	case O_FROM:
		rc = time_arg(c, "from", arg, &c->from, &c->from_pct);
		c->has_from = 1;
		break;
	case O_TO:
		rc = time_arg(c, "to", arg, &c->to, &c->to_pct);
		c->has_to = 1;
		break;
	case O_KEEP_ROOT: c->keep_root = 1; break;
	case O_HARNESS: c->harness = arg; break;
	case O_MAPS: c->maps = arg; break;
	case O_MODULE: rc = cli_list_add(c, &c->modules, arg); break;
	case O_SYSROOT: c->sysroot = arg; break;
	case O_DEBUG_DIR: rc = cli_list_add(c, &c->debug_dirs, arg); break;
	case O_SEARCH_DIR: rc = cli_list_add(c, &c->search_dirs, arg); break;
	case O_NO_DEMANGLE: c->no_demangle = 1; break;
	case O_DEBUGINFOD:
		rc = cli_list_add(c, &c->debuginfod_urls, arg);
		break;
	case O_OFFLINE: c->offline = 1; break;
	case O_VERBOSE: c->verbose = 1; break;
	case O_JSON: c->json = 1; break;
	case O_CSV: c->csv = 1; break;
	case O_COLOR:
		if (strcmp(arg, "never") && strcmp(arg, "always") &&
		    strcmp(arg, "auto"))
			return cli_usage_error(c,
				"--color takes never, always or auto");
		c->color = arg;
		break;
	case O_GROUP_BY:
		if (strcmp(arg, "log") && strcmp(arg, "thread"))
			return cli_usage_error(c,
				"--group-by takes log or thread");
		c->group_by = arg;
		break;
	default:
		return cli_usage_error(c, "unknown option");
	}
	return rc;
}

/* Every option cmd takes, for getopt: val is 256 + the index in decl, so
 * that getopt's answers never collide with a short option's letter. */
struct optset {
	const struct cli_option *decl[128];
	int own[128];
	size_t n;
	int full;
};

static void collect(void *ctx, const struct cli_group *g,
		    const struct cli_option *o)
{
	struct optset *s = ctx;

	if (s->n == sizeof(s->decl) / sizeof(s->decl[0])) {
		s->full = 1;
		return;
	}
	s->own[s->n] = g == NULL;
	s->decl[s->n++] = o;
}

/* An unknown long option, with the nearest one cmd takes when there is
 * one close enough ("--lmit" -> "--limit"). */
static int unknown_long(const struct cli *c, const struct cli_command *cmd,
			const char *given)
{
	const char *near = NULL;

	if (!strncmp(given, "--", 2))
		near = cli_suggest_option(cmd, given + 2);
	if (near)
		return cli_usage_error(c, "unknown option '%s'; did you mean "
				       "'--%s'?", given, near);
	return cli_usage_error(c, "unknown option '%s'", given);
}

int cli_parse(struct cli *c, const struct cli_command *cmd, void *args,
	      int argc, char **argv)
{
	struct optset s = { .n = 0 };
	struct option opts[129];
	/* '-': positional arguments come back in order, so options may
	 * follow file names ("flame a.log -o x.svg"); ':': a missing value
	 * is reported as ':' rather than as an unknown option */
	char shortopts[128] = "-:";
	size_t ns = 2;
	int opt;

	memset(c, 0, sizeof(*c));
	c->cmd = cmd->name;
	c->command = cmd;
	c->color = "auto";
	cli_each_option(cmd, collect, &s);
	if (s.full) {
		cli_error("%s: too many options declared", cmd->name);
		return PV_EXIT_USAGE;
	}
	for (size_t i = 0; i < s.n; i++) {
		const struct cli_option *o = s.decl[i];
		opts[i].name = o->long_name;
		opts[i].has_arg = o->argh ? required_argument : no_argument;
		opts[i].flag = NULL;
		opts[i].val = 256 + (int)i;
		if (o->short_name && ns + 3 < sizeof(shortopts)) {
			shortopts[ns++] = o->short_name;
			if (o->argh)
				shortopts[ns++] = ':';
		}
	}
	shortopts[ns] = 0;
	memset(&opts[s.n], 0, sizeof(opts[s.n]));
	optind = 1;
	opterr = 0;
	c->files = calloc((size_t)argc + 1, sizeof(char *));
	if (!c->files)
		return cli_nomem();
	while ((opt = getopt_long(argc, argv, shortopts, opts, NULL)) != -1) {
		const struct cli_option *o = NULL;
		size_t i = 0;
		int rc;

		if (opt == 1) {   /* a positional argument, in order */
			c->files[c->nfiles++] = optarg;
			continue;
		}
		if (opt == '?') {
			/* optopt: the short option's letter, or a known long
			 * option's val when it was given a value it does not
			 * take, or 0 for an unknown long option */
			if (optopt > 0 && optopt < 128)
				return cli_usage_error(c, "unknown option '-%c'",
						       optopt);
			if (optopt)
				return cli_usage_error(c, "option '%s' takes no value",
						       argv[optind - 1]);
			return unknown_long(c, cmd, argv[optind - 1]);
		}
		if (opt == ':')
			return cli_usage_error(c, "option '%s' needs a value",
					       argv[optind - 1]);
		if (opt >= 256) {
			i = (size_t)(opt - 256);
		} else {
			for (i = 0; i < s.n && s.decl[i]->short_name != opt; i++)
				;
		}
		if (i >= s.n)
			return cli_usage_error(c, "unknown option");
		o = s.decl[i];
		if (!s.own[i] && o->id == O_HELP) {
			cli_print_help(stdout, cmd);
			return PV_EXIT_OK;
		}
		if (s.own[i])
			rc = cmd->parse ? cmd->parse(args, c, o->id, optarg) :
					  cli_usage_error(c, "unknown option");
		else
			rc = shared(c, o->id, optarg);
		if (rc)
			return rc;
	}
	if (c->has_from && c->has_to && c->from_pct == c->to_pct &&
	    c->from > c->to)
		return cli_usage_error(c, "--from %s lies after --to %s",
				       c->from_arg, c->to_arg);
	return -1;
}

void cli_release(struct cli *c)
{
	free(c->files);
	c->files = NULL;
	c->nfiles = 0;
}
