/* cli.h - private to cli/: the command table, the option declarations,
 * the one run path every command goes through, and the mapping from an
 * error to an exit status.
 *
 * A command is one `struct cli_command` (cli/cmd_NAME.c) listed in
 * cli_commands[] (cli/main.c).  It declares its own options (each once,
 * with its help text), the shared option groups it takes and what it
 * needs; usage, `profview help NAME`, the man page and the shell
 * completions are all generated from those declarations.  cli_run() then
 * parses, loads and filters the logs, opens the output, calls the
 * command's view and closes the output.  A command whose shape differs
 * (diff: two sides; symbolize: a byte copy) gives its own `run` instead
 * of a view and still gets the parsing.
 *
 * Exit statuses (cli_exit_status() is the one mapping from an error):
 *   0 success
 *   1 a verdict: diff found a regression (--fail-above)
 *   2 usage error: a bad option or argument, or a log of the wrong kind
 *     for the command (no memory data, no line data)
 *   3 unreadable or malformed input
 *   4 out of memory
 *   5 the output could not be written (cannot create it, disk full,
 *     closed pipe)
 */
#ifndef PV_CLI_H
#define PV_CLI_H

#include <stddef.h>
#include <stdio.h>

#include "profile/pv_profile.h"

#define PV_EXIT_OK 0
#define PV_EXIT_VERDICT 1
#define PV_EXIT_USAGE 2
#define PV_EXIT_INPUT 3
#define PV_EXIT_NOMEM 4
#define PV_EXIT_WRITE 5

/* The exit status for a library status (PV_E*, 0 gives 0). */
int cli_exit_status(int pv_status);

/* Shared option groups a command can take (bit mask); cli/parse.c
 * declares their options. */
#define CLI_G_OUTPUT  0x01   /* -o FILE */
#define CLI_G_FILTERS 0x02   /* --thread --focus --ignore --hide --from --to
				--keep-root --harness */
#define CLI_G_SYMBOLS 0x04   /* --maps --module --sysroot --debug-dir
				--search-dir --no-demangle --debuginfod
				--offline --verbose */
#define CLI_G_JSON    0x08   /* --json */
#define CLI_G_GROUP   0x10   /* --group-by log|thread */
#define CLI_G_CSV     0x20   /* --csv */
#define CLI_G_COLOR   0x40   /* --color */
#define CLI_G_FORMAT  (CLI_G_JSON | CLI_G_CSV | CLI_G_COLOR)
#define CLI_G_ALWAYS  0x80   /* --strict --quiet --help: every command */

/* What a command needs from the run path (bit mask). */
#define CLI_NEED_LOGS     0x01  /* at least one LOG argument */
#define CLI_NEED_PROFILE  0x02  /* the logs read, merged, symbolized, the
				   harness stripped and filtered */
#define CLI_NEED_RAW      0x04  /* the logs read and merged only */
#define CLI_NEED_BINARY   0x08  /* the output may be binary (PNG, PDF):
				   binary() says whether it is this time */
#define CLI_NEED_SEVERAL  0x10  /* reads several groups of logs (diff) */
#define CLI_NEED_TIME     0x20  /* the samples in time order; without it
				   the logs are read aggregated: one row
				   per distinct stack and thread, with its
				   count, no times, no memory */
#define CLI_NEED_TIME_IF_ANY 0x40  /* time order kept as for NEED_TIME,
				   but an aggregate log is read and the
				   view does without its times (report:
				   no timeline) instead of refusing it */
#define CLI_POOL_THREADS  0x80  /* the view never tells one log's threads
				   from another's: logs are read with
				   pool_threads (pv_profile.h) unless an
				   option needs them apart (needs_threads,
				   --thread, --group-by) */

#define CLI_MAX_LIST 64

struct cli_list {
	const char *item[CLI_MAX_LIST];
	int n;
};

/* One option, declared once (git's parse-options is the model).  id is
 * what the command's parse() receives; argh names the value in help
 * ("FILE", "self|total|name": alternatives separated by '|' are offered
 * by the shell completion) and is NULL for an option without one; help
 * is the text after it, '\n' starting a continuation line. */
struct cli_option {
	int id;
	char short_name;
	const char *long_name;
	const char *argh;
	const char *help;
};

#define CLI_OPT_FLAG(s, l, id, h)     { (id), (s), (l), NULL, (h) }
#define CLI_OPT_ARG(s, l, id, a, h)   { (id), (s), (l), (a), (h) }
#define CLI_OPT_END                   { 0, 0, NULL, NULL, NULL }

/* A shared option group: its options, and the title and the closing
 * text its help shows (either may be NULL). */
struct cli_group {
	unsigned bit;                 /* CLI_G_* */
	const char *heading;
	const struct cli_option *options;
	const char *footer;
};

/* The shared groups in help order (cli/parse.c), ended by bit 0. */
extern const struct cli_group cli_groups[];

/* The parsed command line: the shared options, and the positionals. */
struct cli {
	const char *cmd;
	const struct cli_command *command;
	char **files;           /* positional arguments after options */
	int nfiles;

	const char *output;     /* -o */
	int strict;             /* damaged input is an error (exit 3) */
	int quiet;              /* no warnings */
	int jobs;               /* -j: logs read at once; 0 = online CPUs */
	/* the view needs samples in time order (times, memory): set from
	 * the command's CLI_NEED_TIME, by its check() (a format that
	 * needs them), or by --from/--to; otherwise logs are read
	 * aggregated (pv_profile_set_aggregate) */
	int needs_order;
	/* an option of the command shows threads (--per-thread): the
	 * logs' threads are kept apart even with CLI_POOL_THREADS */
	int needs_threads;

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
	struct cli_list modules, debug_dirs, search_dirs, debuginfod_urls;
	const char *sysroot;
	int no_demangle;
	int offline;            /* no debuginfod request */
	int verbose;            /* per module: where its names come from */

	/* output */
	int json, csv;
	const char *color;      /* never|always|auto */
	const char *group_by;   /* log|thread|NULL */
};

/* A command.  args points at a copy of args_init (args_size bytes) that
 * parse() fills from the command's own options and that check(), view()
 * and run() read.  parse() and check() return 0 or an exit status
 * (cli_usage_error() prints and gives 2).  view() writes the loaded
 * profile to out and returns 0 or a PV_E* status with err filled; the
 * runner prints err and maps it.  run() replaces the run path after
 * parsing and returns an exit status. */
/* What -o may be called in one run of a command (cli_check_output_name):
 * the extensions (lower case, no dot) of what this run writes, and
 * whether a name with another extension is refused (CLI_OUT_STRICT: a
 * command that picks its format by the extension) or only one that names
 * some other format profview knows (.svg, .png, .json, .prof, ...), and
 * whether -o may name the input itself, whatever its extension, to
 * rewrite it in place (CLI_OUT_IN_PLACE: symbolize). */
#define CLI_OUT_STRICT   0x1
#define CLI_OUT_IN_PLACE 0x2
struct cli_outputs {
	const char *const *ok;   /* NULL-terminated */
	int flags;               /* CLI_OUT_* */
	const char *formats;     /* for the error: "svg, png, pdf" */
};

struct cli_command {
	const char *name;
	const char *summary;          /* one line for `profview help` */
	const char *synopsis;         /* "top [OPTIONS] LOG..."; '\n'
					 separates alternatives */
	const char *about;            /* what it does, before the options */
	const struct cli_option *options;   /* own options; CLI_OPT_END */
	const char *notes;            /* after the own options; may be NULL */
	unsigned groups;              /* CLI_G_* */
	unsigned needs;               /* CLI_NEED_* */
	size_t args_size;
	const void *args_init;
	int (*parse)(void *args, struct cli *c, int id, const char *arg);
	int (*check)(void *args, struct cli *c);
	int (*view)(struct cli *c, void *args, struct pv_profile *p,
		    FILE *out, struct pv_error *err);
	int (*run)(struct cli *c, void *args);
	/* with CLI_NEED_BINARY: whether this run's output is binary (NULL:
	 * always); binary output is refused on a terminal */
	int (*binary)(const void *args, const struct cli *c);
	/* the names -o may have in this run; NULL (or a NULL hook): any,
	 * e.g. when --format says the format whatever the name */
	const struct cli_outputs *(*outputs)(const void *args,
					     const struct cli *c);
};

/* Exit status 2, listing the formats, when -o's extension names no
 * format this run of the command writes (see struct cli_outputs); 0
 * otherwise, and for no -o, "-" or a name without an extension. */
int cli_check_output_name(const struct cli *c, const struct cli_outputs *o);
/* The names of a text view's -o: text, or JSON with --json
 * (cli_text_outputs), or also CSV with --csv (cli_table_outputs). */
const struct cli_outputs *cli_text_outputs(const void *args,
					   const struct cli *c);
const struct cli_outputs *cli_table_outputs(const void *args,
					    const struct cli *c);

/* "1.2.3" or "0.1.0-gHASH": git describe at build time (cli/main.c). */
extern const char cli_version[];

/* The command table (cli/main.c), NULL-terminated. */
extern const struct cli_command *const cli_commands[];
const struct cli_command *cli_find_command(const char *name);

/* "did you mean" (cli/suggest.c): the command name, or the long option
 * name (without "--") cmd takes, nearest to typed when it is close
 * enough to be a typo; NULL otherwise. */
const char *cli_suggest_command(const char *typed);
const char *cli_suggest_option(const struct cli_command *cmd,
			       const char *typed);

/* The one run path: parse argv (argv[0] is the command's name), then the
 * command's check, then either its run or load + output + view.
 * Returns the exit status. */
int cli_run(const struct cli_command *cmd, int argc, char **argv);

/* Parses argv into c and args from the command's declarations.  Handles
 * --help itself.  Returns -1 to go on, or the exit status to return now. */
int cli_parse(struct cli *c, const struct cli_command *cmd, void *args,
	      int argc, char **argv);
/* Frees what cli_parse allocated. */
void cli_release(struct cli *c);

/* Generated text (cli/help.c): a command's help, the man page, and the
 * bash and zsh completion scripts, all from the declarations. */
void cli_print_help(FILE *out, const struct cli_command *cmd);
void cli_print_overview(FILE *out);
int cli_print_man(FILE *out);
int cli_print_completion(FILE *out, const char *shell);
/* Calls fn for each option cmd takes: its own (g NULL), then those of the
 * shared groups it takes, in help order. */
void cli_each_option(const struct cli_command *cmd,
		     void (*fn)(void *ctx, const struct cli_group *g,
				const struct cli_option *o),
		     void *ctx);

/* Reads every file named in c->files into one profile and, unless raw,
 * symbolizes, strips the harness and applies the filters.  Prints its
 * own errors.  Returns 0, or an exit status. */
int cli_load(struct cli *c, int raw, struct pv_profile **out);
/* Read + transform on files[0..nfiles) instead of c->files (diff). */
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

/* A short name for a list of logs, for a default title: the first
 * log's file name, then "+ NAME" for a second or "+ N more logs". */
void cli_logs_label(char *buf, size_t len, char *const *files, int n);

/* Messages: "profview: ..." on stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void cli_warn_sink(void *ctx, uint64_t offset, const char *msg);
/* Prints err ("profview: PATH: offset N: msg"; path may be NULL) and
 * returns its exit status. */
int cli_report(const char *path, const struct pv_error *err);
/* Prints "out of memory" and returns PV_EXIT_NOMEM. */
int cli_nomem(void);
/* Usage error: message plus a hint, returns PV_EXIT_USAGE. */
int cli_usage_error(const struct cli *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Parses the number option --name (arg) into *out; it must lie in
 * [lo, hi] (-HUGE_VAL, HUGE_VAL for any).  Returns 0, or PV_EXIT_USAGE
 * after saying what it needs. */
int cli_number(const struct cli *c, const char *name, const char *arg,
	       double lo, double hi, double *out);
/* Appends v to l; PV_EXIT_USAGE when l is full. */
int cli_list_add(const struct cli *c, struct cli_list *l, const char *v);

/* Reads the regular file path whole into *out (malloc'ed, NUL-terminated
 * beyond *len).  Anything but a regular file is refused without blocking
 * (a FIFO) or reading forever (/dev/zero), and so is a file over cap
 * bytes.  Returns 0, or -1 with *why a reason to print ("too large", "not
 * a regular file ...") or NULL when errno says it. */
int cli_read_small_file(const char *path, size_t cap, char **out,
			size_t *len, const char **why);

/* The pv_lines_source_fn of `lines` (cli/lines_source.c): ctx is the
 * struct cli_list of --source-dir directories.  Reads the Python source
 * file path names into s when the rules written there allow it. */
struct pv_lines_source;
int cli_lines_source(void *ctx, const char *path, struct pv_lines_source *s);

/* Applies the symbolizer options (cli/symbolize.c); no-op without
 * --maps/--module. */
int cli_symbolize(struct cli *c, struct pv_profile *p);
/* Builds a symbolizer from the native-symbol options (maps read, modules
 * added); prints its own errors.  Returns 0 or an exit status. */
struct pv_sym;
int cli_sym_new(struct cli *c, struct pv_sym **out);
/* With --verbose: one line per module on stderr saying where its names
 * came from (debug file, debuginfod, MiniDebugInfo, symbol table). */
void cli_sym_report(const struct cli *c, struct pv_sym *s);

#endif
