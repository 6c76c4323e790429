/* common.c - option parsing shared by every command, the load pipeline
 * (read, merge, symbolize, strip the harness, filter) and messages. */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "profile/pv_filter.h"
#include "reader/pv_reader.h"

enum {
	O_THREAD = 1000, O_FOCUS, O_IGNORE, O_HIDE, O_FROM, O_TO, O_KEEP_ROOT,
	O_HARNESS, O_MAPS, O_MODULE, O_SYSROOT, O_DEBUG_DIR, O_SEARCH_DIR,
	O_NO_DEMANGLE, O_JSON, O_CSV, O_COLOR, O_GROUP_BY, O_STRICT, O_QUIET,
	O_HELP, O_JOBS
};

static const struct option group_output[] = {
	{ "output", required_argument, NULL, 'o' },
	{ NULL, 0, NULL, 0 }
};
static const struct option group_filters[] = {
	{ "thread", required_argument, NULL, O_THREAD },
	{ "focus", required_argument, NULL, O_FOCUS },
	{ "ignore", required_argument, NULL, O_IGNORE },
	{ "hide", required_argument, NULL, O_HIDE },
	{ "from", required_argument, NULL, O_FROM },
	{ "to", required_argument, NULL, O_TO },
	{ "keep-root", no_argument, NULL, O_KEEP_ROOT },
	{ "harness", required_argument, NULL, O_HARNESS },
	{ NULL, 0, NULL, 0 }
};
static const struct option group_symbols[] = {
	{ "maps", required_argument, NULL, O_MAPS },
	{ "module", required_argument, NULL, O_MODULE },
	{ "sysroot", required_argument, NULL, O_SYSROOT },
	{ "debug-dir", required_argument, NULL, O_DEBUG_DIR },
	{ "search-dir", required_argument, NULL, O_SEARCH_DIR },
	{ "no-demangle", no_argument, NULL, O_NO_DEMANGLE },
	{ NULL, 0, NULL, 0 }
};
/* --json, --csv and --color are separate so that a command is offered
 * only the forms it writes */
static const struct option group_json[] = {
	{ "json", no_argument, NULL, O_JSON },
	{ NULL, 0, NULL, 0 }
};
static const struct option group_csv[] = {
	{ "csv", no_argument, NULL, O_CSV },
	{ NULL, 0, NULL, 0 }
};
static const struct option group_color[] = {
	{ "color", required_argument, NULL, O_COLOR },
	{ NULL, 0, NULL, 0 }
};
static const struct option group_group[] = {
	{ "group-by", required_argument, NULL, O_GROUP_BY },
	{ NULL, 0, NULL, 0 }
};
static const struct option always[] = {
	{ "help", no_argument, NULL, O_HELP },
	{ "strict", no_argument, NULL, O_STRICT },
	{ "quiet", no_argument, NULL, O_QUIET },
	{ "jobs", required_argument, NULL, O_JOBS },
	{ NULL, 0, NULL, 0 }
};

void cli_error(const char *fmt, ...)
{
	va_list ap;

	fputs("profview: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int cli_usage_error(const struct cli *c, const char *fmt, ...)
{
	va_list ap;

	fputs("profview: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'profview %s --help'.\n", c->cmd);
	return PV_EXIT_USAGE;
}

void cli_print_group_help(FILE *out, unsigned groups)
{
	if (groups & OPT_OUTPUT)
		fputs("  -o, --output FILE     write to FILE instead of standard output\n",
		      out);
	if (groups & OPT_FILTERS)
		fputs("Filters (applied before the view, in this order):\n"
		      "  --thread N|0xID       keep one thread (repeatable); N is the\n"
		      "                        1..N number shown by info, 0x.. a raw id\n"
		      "  --from T, --to T      keep samples in a time window since the\n"
		      "                        log's start: 1.5 or 1.5s, 1500ms, 250us,\n"
		      "                        or 10% of the log's duration\n"
		      "  --ignore RE           drop samples passing through a matching frame\n"
		      "  --focus RE            keep only samples passing through a match\n"
		      "  --hide RE             remove matching frames, keep their samples\n"
		      "  --keep-root           keep the interpreter start-up and recording\n"
		      "                        driver frames at the root (hidden by default)\n"
		      "  --harness RE          more root frames to hide (matched on file)\n"
		      "  Patterns are POSIX extended regexes, matched against the function\n"
		      "  name and against \"name file:line\".\n",
		      out);
	if (groups & OPT_SYMBOLS)
		fputs("Native symbols:\n"
		      "  --maps FILE           /proc/PID/maps of the profiled process\n"
		      "  --module PATH@ADDR    a module and its load address (repeatable)\n"
		      "  --sysroot DIR         look binaries up under DIR\n"
		      "  --debug-dir DIR       separate debug files (repeatable)\n"
		      "  --search-dir DIR      find modules by file name (repeatable)\n"
		      "  --no-demangle         keep C++/Rust names mangled\n",
		      out);
	if ((groups & (OPT_JSON | OPT_CSV)) == (OPT_JSON | OPT_CSV))
		fputs("  --json, --csv         machine-readable output\n", out);
	else if (groups & OPT_JSON)
		fputs("  --json                machine-readable output\n", out);
	else if (groups & OPT_CSV)
		fputs("  --csv                 machine-readable output\n", out);
	if (groups & OPT_COLOR)
		fputs("  --color WHEN          never, always or auto (default; NO_COLOR is\n"
		      "                        respected)\n",
		      out);
	if (groups & OPT_GROUP)
		fputs("  --group-by log|thread keep merged logs or threads apart\n", out);
	fputs("  -j, --jobs N          read N logs at once (default: the online\n"
	      "                        CPUs); the output is the same for any N\n"
	      "  --strict              a damaged log is an error (exit 3)\n"
	      "  --quiet               no warnings\n"
	      "  -h, --help            this help\n",
	      out);
}

static int add(struct cli *c, struct cli_list *l, const char *v)
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

static void append(struct option *dst, size_t *n, const struct option *src)
{
	for (; src && src->name; src++)
		dst[(*n)++] = *src;
}

static void print_help(const struct cli *c, unsigned groups)
{
	const struct pv_cmd *cmd = cli_find_command(c->cmd);

	if (cmd && cmd->usage)
		fputs(cmd->usage, stdout);
	cli_print_group_help(stdout, groups);
}

int cli_parse(struct cli *c, int argc, char **argv, const struct cmd_opts *o)
{
	struct option opts[128];
	/* '-': positional arguments come back in order, so options may
	 * follow file names ("flame a.log -o x.svg"); ':': a missing value
	 * is reported as ':' rather than as an unknown option */
	char shortopts[64] = "-:hj:";
	size_t n = 0;
	unsigned g = o ? o->groups : 0;
	int opt;

	memset(c, 0, sizeof(*c));
	c->cmd = argv[0];
	c->color = "auto";
	c->needs_order = o && (o->needs & CLI_NEEDS_ORDER);
	append(opts, &n, always);
	if (g & OPT_OUTPUT) {
		append(opts, &n, group_output);
		strcat(shortopts, "o:");
	}
	if (g & OPT_FILTERS)
		append(opts, &n, group_filters);
	if (g & OPT_SYMBOLS)
		append(opts, &n, group_symbols);
	if (g & OPT_JSON)
		append(opts, &n, group_json);
	if (g & OPT_CSV)
		append(opts, &n, group_csv);
	if (g & OPT_COLOR)
		append(opts, &n, group_color);
	if (g & OPT_GROUP)
		append(opts, &n, group_group);
	if (o && o->opts)
		append(opts, &n, o->opts);
	if (o && o->shortopts)
		strncat(shortopts, o->shortopts,
			sizeof(shortopts) - strlen(shortopts) - 1);
	memset(&opts[n], 0, sizeof(opts[n]));
	optind = 1;
	opterr = 0;
	c->files = calloc((size_t)argc + 1, sizeof(char *));
	if (!c->files) {
		cli_error("out of memory");
		return PV_EXIT_INPUT;
	}
	while ((opt = getopt_long(argc, argv, shortopts, opts, NULL)) != -1) {
		int rc = 0;
		switch (opt) {
		case 1:   /* a positional argument, in order */
			c->files[c->nfiles++] = optarg;
			break;
		case 'h':
		case O_HELP:
			print_help(c, g);
			return PV_EXIT_OK;
		case 'o': c->output = optarg; break;
		case O_STRICT: c->strict = 1; break;
		case O_QUIET: c->quiet = 1; break;
		case 'j':
		case O_JOBS: {
			double d = 0;
			rc = cli_number(c, "jobs", optarg, 1, 1024, &d);
			if (!rc && d != (int)d)
				rc = cli_usage_error(c, "--jobs needs a whole "
						     "number, not '%s'", optarg);
			c->jobs = (int)d;
			break;
		}
		case O_THREAD: rc = add(c, &c->threads, optarg); break;
		case O_FOCUS: rc = add(c, &c->focus, optarg); break;
		case O_IGNORE: rc = add(c, &c->ignore, optarg); break;
		case O_HIDE: rc = add(c, &c->hide, optarg); break;
		case O_FROM:
			rc = time_arg(c, "from", optarg, &c->from,
				      &c->from_pct);
			c->has_from = 1;
			break;
		case O_TO:
			rc = time_arg(c, "to", optarg, &c->to, &c->to_pct);
			c->has_to = 1;
			break;
		case O_KEEP_ROOT: c->keep_root = 1; break;
		case O_HARNESS: c->harness = optarg; break;
		case O_MAPS: c->maps = optarg; break;
		case O_MODULE: rc = add(c, &c->modules, optarg); break;
		case O_SYSROOT: c->sysroot = optarg; break;
		case O_DEBUG_DIR: rc = add(c, &c->debug_dirs, optarg); break;
		case O_SEARCH_DIR: rc = add(c, &c->search_dirs, optarg); break;
		case O_NO_DEMANGLE: c->no_demangle = 1; break;
		case O_JSON: c->json = 1; break;
		case O_CSV: c->csv = 1; break;
		case O_COLOR:
			if (strcmp(optarg, "never") && strcmp(optarg, "always") &&
			    strcmp(optarg, "auto"))
				return cli_usage_error(c,
					"--color takes never, always or auto");
			c->color = optarg;
			break;
		case O_GROUP_BY:
			if (strcmp(optarg, "log") && strcmp(optarg, "thread"))
				return cli_usage_error(c,
					"--group-by takes log or thread");
			c->group_by = optarg;
			break;
		case '?':
			/* optopt: the short option's letter, or a known
			 * long option's id when it was given a value it does
			 * not take, or 0 for an unknown long option */
			if (optopt > 0 && optopt < 128)
				return cli_usage_error(c, "unknown option '-%c'",
						       optopt);
			if (optopt)
				return cli_usage_error(c, "option '%s' takes no value",
						       argv[optind - 1]);
			return cli_usage_error(c, "unknown option '%s'",
					       argv[optind - 1]);
		case ':':
			return cli_usage_error(c, "option '%s' needs a value",
					       argv[optind - 1]);
		default:
			if (o && o->parse)
				rc = o->parse(o->ctx, c, opt, optarg);
			else
				rc = cli_usage_error(c, "unknown option");
			break;
		}
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

void cli_warn_sink(void *ctx, uint64_t offset, const char *msg)
{
	const char *path = ctx;

	if (offset == PV_NO_OFFSET)
		fprintf(stderr, "profview: %s: warning: %s\n", path, msg);
	else
		fprintf(stderr, "profview: %s: warning: offset %llu: %s\n",
			path, (unsigned long long)offset, msg);
}

int cli_transform(struct cli *c, struct pv_profile *p)
{
	struct pv_error err = { 0 };
	struct pv_filter f = { 0 };
	int rc;

	rc = cli_symbolize(c, p);
	if (rc)
		return rc;
	if (!c->keep_root &&
	    pv_profile_strip_harness(p, c->harness, &err) < 0) {
		cli_error("%s", err.msg);
		return err.code == PV_EUSAGE ? PV_EXIT_USAGE : PV_EXIT_INPUT;
	}
	memcpy(f.threads, c->threads.item, sizeof(f.threads));
	f.nthreads = c->threads.n;
	memcpy(f.focus, c->focus.item, sizeof(f.focus));
	f.nfocus = c->focus.n;
	memcpy(f.ignore, c->ignore.item, sizeof(f.ignore));
	f.nignore = c->ignore.n;
	memcpy(f.hide, c->hide.item, sizeof(f.hide));
	f.nhide = c->hide.n;
	f.from = c->from;
	f.to = c->to;
	f.has_from = c->has_from;
	f.has_to = c->has_to;
	f.from_pct = c->from_pct;
	f.to_pct = c->to_pct;
	if (pv_profile_filter(p, &f, &err) < 0) {
		cli_error("%s", err.msg);
		return err.code == PV_EUSAGE ? PV_EXIT_USAGE : PV_EXIT_INPUT;
	}
	return 0;
}

int cli_load_files(struct cli *c, char **files, int nfiles,
		   struct pv_profile **out)
{
	int rc = cli_read_files(c, files, nfiles, out);

	if (rc)
		return rc;
	rc = cli_transform(c, *out);
	if (rc) {
		pv_profile_free(*out);
		*out = NULL;
	}
	return rc;
}

int cli_load(struct cli *c, struct pv_profile **out)
{
	*out = NULL;
	if (!c->nfiles)
		return cli_usage_error(c, "no log given");
	return cli_load_files(c, c->files, c->nfiles, out);
}
