/* cmd_symbolize.c - `profview symbolize`: a copy of a log with native-symbol
 * records (0x08) naming its native frames, so the copy can be inspected
 * anywhere, by profview or vmprof's own tools, without the binaries.
 *
 * The log is read twice: once into a profile (to learn its native frames,
 * its layout and where its records end), once as bytes to copy.  The new
 * records go before the trailer because vmprof's reader stops there.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "profile/pv_buf.h"
#include "cli/commands.h"
#include "reader/pv_reader.h"
#include "render/pv_vmlog.h"
#include "symbolizer/pv_symbolizer.h"

enum { O_LIST = 1 };

static const struct cli_option symbolize_options[] = {
	CLI_OPT_FLAG(0, "list", O_LIST,
		     "print the records that would be added\n"
		     "(key and text, one per line) instead"),
	CLI_OPT_END
};

struct sym_cmd {
	int list;
};

static int parse(void *args, struct cli *c, int opt, const char *arg)
{
	struct sym_cmd *sc = args;

	(void)arg;
	if (opt != O_LIST)
		return cli_usage_error(c, "unknown option");
	sc->list = 1;
	return 0;
}

/* Standard input cannot be read twice: it is kept in memory. */
static int slurp_stdin(unsigned char **out, size_t *len)
{
	struct pv_buf b = PV_BUF_INIT(PV_BUF_NOLIMIT);
	ssize_t got;

	for (;;) {
		if (b.len + 1 >= b.alloc &&
		    pv_buf_reserve(&b, b.len ? b.len : 1 << 20))
			return cli_nomem();
		got = read(0, b.data + b.len, b.alloc - b.len - 1);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			cli_error("-: read failed: %s", strerror(errno));
			pv_buf_release(&b);
			return PV_EXIT_INPUT;
		}
		if (!got)
			break;
		pv_buf_setlen(&b, b.len + (size_t)got);
	}
	*out = pv_buf_detach(&b, len);
	return 0;
}

static void summary(const char *path, const struct pv_source *src,
		    const struct pv_sym_record_stats *st, size_t added,
		    int list)
{
	fprintf(stderr, "profview: %s: %" PRIu64 " native addresses: %" PRIu64
		" named, %" PRIu64 " unresolved; %zu record%s %s",
		path, st->native, st->named, st->unresolved, added,
		added == 1 ? "" : "s", list ? "to add" : "added");
	if (st->same)
		fprintf(stderr, " (%" PRIu64 " already named so in the log)",
			st->same);
	fputc('\n', stderr);
	if (st->unresolved)
		fprintf(stderr, "profview: %s: %" PRIu64 " unresolved "
			"addresses named [module+0xOFFSET] (no function "
			"symbol there), %" PRIu64 " left as the log had "
			"them\n", path, st->labelled,
			st->unresolved - st->labelled);
	if (st->inlined)
		fprintf(stderr, "profview: %s: %" PRIu64 " addresses lie in "
			"inlined code; their record names the outermost "
			"function\n", path, st->inlined);
	if (st->renamed)
		fprintf(stderr, "profview: %s: %" PRIu64 " addresses had "
			"another name in the log; profview reads the new "
			"one\n", path, st->renamed);
	if (st->peer_keeps_old)
		fprintf(stderr, "profview: %s: %" PRIu64 " records sort "
			"before the log's own text for the same address: "
			"vmprof's tools (largest text wins) keep the old "
			"name\n", path, st->peer_keeps_old);
	if (list)
		return;
	if (strcmp(src->compression, "none"))
		fprintf(stderr, "profview: %s: the input is %s-compressed; "
			"the copy is written uncompressed\n", path,
			src->compression);
	if (!src->trailer)
		fprintf(stderr, "profview: %s: no trailer: records appended "
			"after the last whole record (offset %" PRIu64 ")%s\n",
			path, src->records_end,
			src->truncated ? "; the damaged bytes after it are "
			"not copied" : "");
}

struct job {
	struct cli *c;
	const struct sym_cmd *sc;
	const char *path;
	unsigned char *mem;
	size_t mem_len;
	int fd;
	struct pv_profile *p;
	struct pv_sym *sym;
	struct pv_sym_record *recs;
	size_t nrecs;
	struct pv_sym_record_stats st;
};

/* First pass: the log into a profile, and the records it needs. */
static int prepare(struct job *j)
{
	struct pv_read_opts ro = { 0 };
	struct pv_error err = { 0 };
	const struct pv_source *src;
	int rc;

	if (!strcmp(j->path, "-")) {
		rc = slurp_stdin(&j->mem, &j->mem_len);
		if (rc)
			return rc;
	} else {
		j->fd = open(j->path, O_RDONLY);
		if (j->fd < 0) {
			cli_error("%s: cannot open: %s", j->path,
				  strerror(errno));
			return PV_EXIT_INPUT;
		}
	}
	j->p = pv_profile_new();
	if (!j->p)
		return cli_nomem();
	ro.path = j->path;
	ro.warn.fn = j->c->quiet ? NULL : cli_warn_sink;
	ro.warn.ctx = (void *)j->path;
	rc = j->fd >= 0 ? pv_reader_read_fd(j->p, j->fd, &ro, NULL, &err) :
			  pv_reader_parse(j->p, j->mem, j->mem_len, &ro, NULL,
					  &err);
	if (rc < 0)
		return cli_report(j->path, &err);
	src = &j->p->sources[0];
	if (j->c->strict && src->truncated) {
		cli_error("%s: offset %" PRIu64 ": %s (--strict)", j->path,
			  src->truncated_offset, src->damage);
		return PV_EXIT_INPUT;
	}
	if (!src->records_end) {
		cli_error("%s: not a vmprof log: folded stacks hold no "
			  "records to add to", j->path);
		return PV_EXIT_INPUT;
	}
	rc = cli_sym_new(j->c, &j->sym);
	if (rc)
		return rc;
	if (pv_sym_records(j->sym, j->p, 0, &j->recs, &j->nrecs, &j->st,
			   &err) < 0)
		return cli_report(NULL, &err);
	return 0;
}

/* Second pass: the bytes, with the records, to OUT. */
static int write_copy(struct job *j)
{
	struct pv_reader_stream *in = NULL;
	struct pv_error err = { 0 };
	struct cli oc = *j->c;
	FILE *out;
	int rc;

	if (j->fd >= 0 && lseek(j->fd, 0, SEEK_SET) < 0) {
		cli_error("%s: cannot read again: %s", j->path,
			  strerror(errno));
		return PV_EXIT_INPUT;
	}
	if (pv_reader_stream_open(&in, j->fd, j->mem, j->mem_len, &err) < 0)
		return cli_report(j->path, &err);
	/* OUT may be the log itself (the input is read to the end before
	 * the copy is renamed over it), so the input check is left out */
	oc.nfiles = 0;
	out = cli_open_output(&oc, "wb");
	if (!out) {
		pv_reader_stream_free(in);
		return cli_close_output(&oc, NULL);
	}
	rc = pv_render_symbolize_vmprof(out, in, &j->p->sources[0],
					j->recs, j->nrecs, &err);
	/* a failed write leaves ferror(out) set: cli_finish_output says it */
	if (rc < 0)
		rc = cli_output_failed(out) ? PV_EXIT_WRITE :
		     cli_report(j->path, &err);
	pv_reader_stream_free(in);
	return cli_finish_output(&oc, out, rc);
}

static int run(struct cli *c, void *args)
{
	struct job j = { .c = c, .sc = args, .fd = -1 };
	int rc, to_stdout;

	if (c->nfiles != 1)
		return cli_usage_error(c, c->nfiles ? "one log at a time" :
				       "no log given");
	if (!c->maps && !c->modules.n)
		return cli_usage_error(c, "say where the modules were "
				       "loaded: --maps FILE or --module "
				       "PATH@ADDR");
	to_stdout = !c->output || !strcmp(c->output, "-");
	if (!j.sc->list && to_stdout && isatty(1))
		return cli_usage_error(c, "the copy is a binary log: give -o "
				       "OUT or redirect standard output");
	j.path = c->files[0];
	rc = prepare(&j);
	if (rc)
		goto done;
	if (j.sc->list) {
		FILE *out = cli_open_output(c, "w");

		if (out)
			pv_render_symbolize_text(out, j.recs, j.nrecs);
		rc = cli_close_output(c, out);
	} else {
		rc = write_copy(&j);
	}
	if (!rc && !c->quiet)
		summary(j.path, &j.p->sources[0], &j.st, j.nrecs, j.sc->list);
	if (!rc)
		cli_sym_report(c, j.sym);
done:
	pv_sym_records_free(j.recs, j.nrecs);
	pv_sym_free(j.sym);
	pv_profile_free(j.p);
	if (j.fd >= 0)
		close(j.fd);
	free(j.mem);
	return rc;
}

static const struct cli_outputs *outputs(const void *args, const struct cli *c)
{
	static const char *const log[] = { "prof", "vmprof", "gz", "zst",
					   NULL };
	static const char *const txt[] = { "txt", NULL };
	static const struct cli_outputs lo = { log, CLI_OUT_IN_PLACE,
		"a vmprof log (.prof, or the log's own name), or text with "
		"--list (.txt)" };
	static const struct cli_outputs to = { txt, 0, "text with --list " \
		"(.txt or a name that names no other format)" };

	(void)c;
	return ((const struct sym_cmd *)args)->list ? &to : &lo;
}

const struct cli_command cmd_symbolize = {
	.name = "symbolize",
	.summary = "copy of a log with its native frames named (offline)",
	.synopsis = "symbolize LOG (--maps FILE | --module PATH@ADDR...) "
		    "[-o OUT] [--list]",
	.about =
	"Writes a copy of LOG with native-symbol records naming its\n"
	"native frames (function, declaration line, source file), so the\n"
	"copy shows the names in profview and in vmprof's tools on any\n"
	"host, without the binaries.  Every original record is kept byte\n"
	"for byte; the new ones go before the trailer, in the log's own\n"
	"word size and byte order.  A gzip or zstd log is written out\n"
	"decompressed.  An address in inlined code is named by its\n"
	"outermost function (one name per address).\n"
	"OUT may be LOG itself (the copy replaces it when complete); without\n"
	"-o the copy goes to standard output unless that is a terminal.\n",
	.options = symbolize_options,
	.groups = CLI_G_OUTPUT | CLI_G_SYMBOLS,
	.needs = CLI_NEED_LOGS | CLI_NEED_BINARY,
	.args_size = sizeof(struct sym_cmd),
	.parse = parse,
	.run = run,
	.outputs = outputs,
};
