/* cli.h - private to cli/: the command table, the options every command
 * shares, and the pipeline that turns file names into a filtered profile.
 *
 * Exit statuses: 0 success, 1 a verdict (diff found a regression),
 * 2 usage error, 3 unreadable or malformed input, 5 the output could
 * not be written (cannot create it, disk full, closed pipe).
 */
#ifndef PV_CLI_H
#define PV_CLI_H

#include <getopt.h>
#include <stdio.h>

#include "profile/pv_profile.h"

#define PV_EXIT_OK 0
#define PV_EXIT_VERDICT 1
#define PV_EXIT_USAGE 2
#define PV_EXIT_INPUT 3
#define PV_EXIT_WRITE 5

#define PV_VERSION "0.1.0"

/* Shared option groups a command can accept (bit mask). */
#define OPT_OUTPUT  0x01   /* -o FILE */
#define OPT_FILTERS 0x02   /* --thread --focus --ignore --hide --from --to
			      --keep-root --harness */
#define OPT_SYMBOLS 0x04   /* --maps --module --sysroot --debug-dir
			      --search-dir --no-demangle */
#define OPT_JSON    0x08   /* --json */
#define OPT_GROUP   0x10   /* --group-by log|thread */
#define OPT_CSV     0x20   /* --csv */
#define OPT_COLOR   0x40   /* --color */
#define OPT_FORMAT  (OPT_JSON | OPT_CSV | OPT_COLOR)

#define CLI_MAX_LIST 64

struct cli_list {
	const char *item[CLI_MAX_LIST];
	int n;
};

struct cli {
	const char *cmd;
	char **files;           /* positional arguments after options */
	int nfiles;

	const char *output;     /* -o */
	int strict;             /* damaged input is an error (exit 3) */
	int quiet;              /* no warnings */
	int jobs;               /* -j: logs read at once; 0 = online CPUs */
	/* the view needs samples in time order (times, memory): set from
	 * the command's CLI_NEEDS_ORDER, by its options, or by --from/--to;
	 * otherwise logs are read aggregated (pv_profile_set_aggregate) */
	int needs_order;

	/* filters */
	struct cli_list threads, focus, ignore, hide;
	double from, to;        /* seconds, or percent with *_pct */
	int has_from, has_to;
	int from_pct, to_pct;
	const char *from_arg, *to_arg;   /* as given, for messages */
	int keep_root;
	const char *harness;

	/* symbolizer */
	const char *maps;
	struct cli_list modules, debug_dirs, search_dirs;
	const char *sysroot;
	int no_demangle;

	/* output */
	int json, csv;
	const char *color;      /* never|always|auto */
	const char *group_by;   /* log|thread|NULL */
};

/* A command's own options: parse(c, opt, optarg) is called for each
 * option in `opts` (return 0, or PV_EXIT_USAGE after printing why). */
struct cmd_opts {
	const struct option *opts;  /* terminated by a zero entry */
	const char *shortopts;      /* the command's own short options */
	int (*parse)(void *ctx, struct cli *c, int opt, const char *arg);
	void *ctx;
	unsigned groups;            /* OPT_* shared groups */
	unsigned needs;             /* CLI_NEEDS_* */
};

/* What a command's view needs from the profile (struct cmd_opts.needs).
 * Without CLI_NEEDS_ORDER, samples are aggregated while reading: one row
 * per distinct (stack, thread) with its count, no times, no memory. */
#define CLI_NEEDS_ORDER 0x01

struct pv_cmd {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
	const char *usage;          /* full help text */
};

extern const struct pv_cmd pv_commands[];
const struct pv_cmd *cli_find_command(const char *name);

/* Parses argv (argv[0] is the command name).  Handles --help itself.
 * Returns -1 to go on, or the exit status to return now. */
int cli_parse(struct cli *c, int argc, char **argv, const struct cmd_opts *o);

/* Frees what cli_parse allocated. */
void cli_release(struct cli *c);

/* Help text of the shared option groups, for usage strings. */
void cli_print_group_help(FILE *out, unsigned groups);

/* Reads every file named in c->files into one profile, symbolizes,
 * strips the harness and applies the filters.  Prints its own errors.
 * Returns 0, or an exit status. */
int cli_load(struct cli *c, struct pv_profile **out);
/* cli_load on files[0..nfiles) instead of c->files (diff's sides). */
int cli_load_files(struct cli *c, char **files, int nfiles,
		   struct pv_profile **out);
/* Reads a list of files into one profile (no transforms): up to c->jobs
 * logs are decoded at once, each into a profile of its own, and absorbed
 * into the result in the order given (so the result, and the order of
 * warnings and errors, is the same for every number of jobs). */
int cli_read_files(struct cli *c, char **files, int nfiles,
		   struct pv_profile **out);
/* Applies symbolization, harness strip and filters to p. */
int cli_transform(struct cli *c, struct pv_profile *p);

/* The output (cli/output.c, which states the whole contract): stdout
 * without -o, else a temporary file beside c->output renamed over it by
 * cli_close_output (special files are written in place).  mode "wb"
 * marks binary output, refused on a terminal.  NULL after saying why;
 * cli_close_output(c, NULL) then gives the exit status (2 or 5). */
FILE *cli_open_output(struct cli *c, const char *mode);
/* Flushes and checks f; commits the file when all went well.  Returns 0,
 * or PV_EXIT_WRITE after one line saying why. */
int cli_close_output(struct cli *c, FILE *f);
/* cli_close_output(c, f) when rc is 0; when rc is an error the file is
 * discarded (the old one stays) and rc returned, unless the write itself
 * failed: then that is the one error said and PV_EXIT_WRITE returned. */
int cli_finish_output(struct cli *c, FILE *f, int rc);
/* Whether writing to f failed: a view's error is then not printed, as
 * cli_finish_output says the one line about it. */
int cli_output_failed(FILE *f);
/* At exit: flushes standard output; a failure not yet reported is one
 * line and PV_EXIT_WRITE (when rc is 0). */
int cli_flush_stdout(int rc);

/* Messages: "profview: ..." on stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void cli_warn_sink(void *ctx, uint64_t offset, const char *msg);
/* Usage error: message plus a hint, returns PV_EXIT_USAGE. */
int cli_usage_error(const struct cli *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Parses the number option --name (arg) into *out; it must lie in
 * [lo, hi] (-HUGE_VAL, HUGE_VAL for any).  Returns 0, or PV_EXIT_USAGE
 * after saying what it needs. */
int cli_number(const struct cli *c, const char *name, const char *arg,
	       double lo, double hi, double *out);

/* Applies the symbolizer options (cli/symbolize.c); no-op without
 * --maps/--module. */
int cli_symbolize(struct cli *c, struct pv_profile *p);
/* Builds a symbolizer from the native-symbol options (maps read, modules
 * added); prints its own errors.  Returns 0 or an exit status. */
struct pv_sym;
int cli_sym_new(struct cli *c, struct pv_sym **out);

#endif
