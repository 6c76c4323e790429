/* common.c - the load pipeline (read, merge, symbolize, strip the
 * harness, filter), the output stream, messages, and the mapping from an
 * error to an exit status. */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "render/pv_textsafe.h"
#include "profile/pv_filter.h"
#include "reader/pv_reader.h"

int cli_exit_status(int pv_status)
{
	switch (pv_status) {
	case PV_OK:
		return PV_EXIT_OK;
	case PV_EUSAGE:
		return PV_EXIT_USAGE;
	case PV_ENOMEM:
		return PV_EXIT_NOMEM;
	case PV_EWRITE:
		return PV_EXIT_WRITE;
	default:   /* PV_EFORMAT, PV_EIO (reading), PV_ELIMIT, ... */
		return PV_EXIT_INPUT;
	}
}

int cli_report(const char *path, const struct pv_error *err)
{
	const char *msg = err->msg[0] ? err->msg :
			  err->code == PV_ENOMEM ? "out of memory" : "failed";

	if (path && err->offset != PV_NO_OFFSET)
		cli_error("%s: offset %llu: %s", path,
			  (unsigned long long)err->offset, msg);
	else if (path)
		cli_error("%s: %s", path, msg);
	else
		cli_error("%s", msg);
	return cli_exit_status(err->code ? (int)err->code : PV_ERR);
}

int cli_nomem(void)
{
	cli_error("out of memory");
	return PV_EXIT_NOMEM;
}

/* A message to stderr with what it quotes (names, paths, damage text
 * from a log) made safe for a terminal (pv_textsafe.h): formatted into
 * a buffer first, then written escaped. */
static void put_message(const char *fmt, va_list ap)
{
	char small[512], *buf = small;
	va_list again;
	int n;

	va_copy(again, ap);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	if (n >= (int)sizeof(small)) {
		buf = malloc((size_t)n + 1);
		if (buf)
			vsnprintf(buf, (size_t)n + 1, fmt, again);
		else
			buf = small;   /* cut, still terminated */
	}
	va_end(again);
	if (n > 0)
		pv_text_put(stderr, buf, strlen(buf));
	if (buf != small)
		free(buf);
}

void cli_error(const char *fmt, ...)
{
	va_list ap;

	fputs("profview: ", stderr);
	va_start(ap, fmt);
	put_message(fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int cli_usage_error(const struct cli *c, const char *fmt, ...)
{
	va_list ap;

	fputs("profview: ", stderr);
	va_start(ap, fmt);
	put_message(fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'profview %s --help'.\n", c->cmd);
	return PV_EXIT_USAGE;
}

void cli_warn_sink(void *ctx, uint64_t offset, const char *msg)
{
	const char *path = ctx;

	if (offset == PV_NO_OFFSET)
		cli_error("%s: warning: %s", path, msg);
	else
		cli_error("%s: warning: offset %llu: %s", path,
			  (unsigned long long)offset, msg);
}

/* Appends " --NAME 'VALUE'" for each item of l to buf. */
static void name_list(char *buf, size_t len, const char *name,
		      const struct cli_list *l)
{
	for (int i = 0; i < l->n; i++) {
		size_t used = strlen(buf);

		if (used + 1 < len)
			snprintf(buf + used, len - used, " --%s '%s'", name,
				 l->item[i]);
	}
}

/* The filters dropped every sample: one warning naming them and the
 * numbers, so an empty view is not taken for an empty profile. */
static void warn_none_kept(const struct cli *c, uint64_t all)
{
	char what[1024] = "";

	name_list(what, sizeof(what), "thread", &c->threads);
	if (c->has_from) {
		size_t u = strlen(what);
		snprintf(what + u, sizeof(what) - u, " --from %s", c->from_arg);
	}
	if (c->has_to) {
		size_t u = strlen(what);
		snprintf(what + u, sizeof(what) - u, " --to %s", c->to_arg);
	}
	name_list(what, sizeof(what), "ignore", &c->ignore);
	name_list(what, sizeof(what), "focus", &c->focus);
	cli_error("warning: filters kept 0 of %llu samples:%s",
		  (unsigned long long)all, what);
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
		return cli_report(NULL, &err);
	}
	if ((c->has_from || c->has_to) && pv_profile_aggregate(p)) {
		cli_error("%s: an aggregate (merged) log has no sample times: "
			  "--from and --to cannot apply",
			  pv_profile_aggregate(p)->path);
		return PV_EXIT_USAGE;
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
		return cli_report(NULL, &err);
	}
	if (p->filtered_from && !pv_profile_total_weight(p) && !c->quiet)
		warn_none_kept(c, p->filtered_from);
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

int cli_load(struct cli *c, int raw, struct pv_profile **out)
{
	*out = NULL;
	if (!c->nfiles)
		return cli_usage_error(c, "no log given");
	if (raw)
		return cli_read_files(c, c->files, c->nfiles, out);
	return cli_load_files(c, c->files, c->nfiles, out);
}

void cli_logs_label(char *buf, size_t len, char *const *files, int n)
{
	const char *first, *slash;

	if (!n) {
		snprintf(buf, len, "no log");
		return;
	}
	slash = strrchr(files[0], '/');
	first = slash && slash[1] ? slash + 1 : files[0];
	if (!strcmp(files[0], "-"))
		first = "standard input";
	if (n == 1) {
		snprintf(buf, len, "%s", first);
	} else if (n == 2) {
		const char *second = strrchr(files[1], '/');

		second = second && second[1] ? second + 1 : files[1];
		snprintf(buf, len, "%s + %s", first, second);
	} else {
		snprintf(buf, len, "%s + %d more logs", first, n - 1);
	}
}
