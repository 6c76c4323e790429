/* output.c - the one way every command opens and closes its output.
 *
 * Contract (README, "Output files"):
 *  - no -o, or -o -: standard output.  Binary output (PNG, PDF, a log
 *    copy: mode "wb") is refused on a terminal (exit 2, "use -o").
 *  - -o naming one of the command's input files (a log, --maps): exit 2,
 *    the input untouched.  Compared by device and inode, so another name,
 *    a hard link or a symlink for the input is caught too.
 *  - -o naming a symlink: the symlink stays, the file it points to is
 *    written (links are followed to the final name first).
 *  - the final name is a regular file or does not exist: the output is
 *    written to a temporary file beside it (".NAME.XXXXXX", same
 *    directory, so the rename cannot cross file systems) and renamed
 *    over it only once complete and flushed.  A failure (write error,
 *    full disk, a view's error, SIGINT/SIGTERM/SIGHUP) removes the
 *    temporary file and leaves the old file, or none.  A replaced file
 *    keeps its permission bits; a new one gets 0666 less the umask.
 *  - the final name is a device, FIFO, socket or other special file: it
 *    is opened and written in place, never replaced or created.
 *  - a write error is one line, "profview: NAME: cannot write: REASON",
 *    and exit status PV_EXIT_WRITE; the view's own complaint about the
 *    failed write is not printed (cli_output_failed).
 * One output per process: the state is file-static (the signal handler
 * needs it anyway).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"

static struct {
	FILE *f;
	char *target;        /* the name written (links followed) */
	const char *shown;   /* the name as given, for messages */
	int status;          /* why the open failed (exit status) */
	int reported;        /* a write failure was already said */
} out;

/* the temporary file to remove when a signal ends the process; set only
 * while it exists */
static char *volatile pending_tmp;

static void on_signal(int sig)
{
	char *t = pending_tmp;

	if (t)
		unlink(t);
	signal(sig, SIG_DFL);
	raise(sig);
}

static void guard_signals(int on)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on ? on_signal : SIG_DFL;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaction(sigs[i], &sa, NULL);
}

/* The name the symlinks in path's last component lead to, malloc'ed
 * (path itself when it is no symlink); the directories on the way are
 * left to the kernel.  NULL with errno set on failure (ELOOP after 40
 * links, as the kernel counts). */
static char *follow_links(const char *path)
{
	char *cur = strdup(path);

	if (!cur)
		errno = ENOMEM;
	for (int hops = 0; cur; hops++) {
		struct stat st;
		char *link, *slash, *next;
		ssize_t n;
		size_t cap = 256;

		if (lstat(cur, &st) != 0 || !S_ISLNK(st.st_mode))
			return cur;     /* missing, or the final name */
		if (hops == 40) {
			free(cur);
			errno = ELOOP;
			return NULL;
		}
		for (;;) {
			link = malloc(cap);
			if (!link) {
				errno = ENOMEM;
				free(cur);
				return NULL;
			}
			n = readlink(cur, link, cap);
			if (n < 0) {
				free(link);
				free(cur);
				return NULL;
			}
			if ((size_t)n < cap)
				break;
			free(link);
			cap *= 2;
		}
		link[n] = '\0';
		slash = strrchr(cur, '/');
		if (link[0] == '/' || !slash) {
			next = link;
		} else {
			/* relative to the directory holding the link */
			size_t dl = (size_t)(slash - cur) + 1;
			next = malloc(dl + (size_t)n + 1);
			if (next) {
				memcpy(next, cur, dl);
				memcpy(next + dl, link, (size_t)n + 1);
			} else {
				errno = ENOMEM;
			}
			free(link);
		}
		free(cur);
		cur = next;
	}
	return NULL;
}

static int same_file(const struct stat *a, const char *path)
{
	struct stat b;

	return path && strcmp(path, "-") && stat(path, &b) == 0 &&
	       a->st_dev == b.st_dev && a->st_ino == b.st_ino;
}

/* PV_EXIT_USAGE after saying so when target is one of c's inputs. */
static int check_inputs(const struct cli *c, const struct stat *st)
{
	const char *hit = NULL;

	for (int i = 0; i < c->nfiles && !hit; i++)
		if (same_file(st, c->files[i]))
			hit = c->files[i];
	if (!hit && same_file(st, c->maps))
		hit = c->maps;
	if (!hit)
		return 0;
	return cli_usage_error(c, "-o %s would overwrite the input %s; "
			       "choose another output file", c->output, hit);
}

/* A temporary file beside target; returns its stream and sets *tmp. */
static FILE *open_temp(const char *target, const struct stat *old,
		       char **tmp)
{
	const char *slash = strrchr(target, '/');
	size_t dl = slash ? (size_t)(slash - target) + 1 : 0;
	size_t n = strlen(target) + 16;
	FILE *f;
	int fd;

	*tmp = malloc(n);
	if (!*tmp) {
		errno = ENOMEM;
		return NULL;
	}
	/* DIR/.NAME.XXXXXX: hidden, and in the target's own directory */
	memcpy(*tmp, target, dl);
	snprintf(*tmp + dl, n - dl, ".%s.XXXXXX", target + dl);
	guard_signals(1);
	fd = mkstemp(*tmp);
	if (fd < 0)
		goto fail;
	pending_tmp = *tmp;
	if (old) {
		if (fchmod(fd, old->st_mode & 07777) != 0)
			goto fail_fd;
	} else {
		mode_t mask = umask(0);
		umask(mask);
		if (fchmod(fd, 0666 & ~mask) != 0)
			goto fail_fd;
	}
	f = fdopen(fd, "wb");
	if (f)
		return f;
fail_fd:
	{
		int e = errno;
		close(fd);
		unlink(*tmp);
		errno = e;
	}
fail:
	{
		int e = errno;
		pending_tmp = NULL;
		guard_signals(0);
		free(*tmp);
		*tmp = NULL;
		errno = e;
	}
	return NULL;
}

static char *tmp_name;   /* the temporary file while it exists */

FILE *cli_open_output(struct cli *c, const char *mode)
{
	struct stat st;
	int exists, fd;

	memset(&out, 0, sizeof(out));
	out.status = PV_EXIT_WRITE;
	if (!c->output || !strcmp(c->output, "-")) {
		if (strchr(mode, 'b') && isatty(STDOUT_FILENO)) {
			out.status = cli_usage_error(c, "binary output is not "
				"written to a terminal: give -o FILE or "
				"redirect standard output");
			return NULL;
		}
		out.f = stdout;
		out.shown = "standard output";
		return stdout;
	}
	out.shown = c->output;
	if (!*c->output) {
		out.status = cli_usage_error(c, "-o needs a file name");
		return NULL;
	}
	/* the kernel follows the links (including /proc/self/fd/N, which
	 * name no path) to say what is there */
	exists = stat(c->output, &st) == 0;
	if (!exists && errno != ENOENT)
		goto fail_errno;
	if (exists && (out.status = check_inputs(c, &st)) != 0)
		goto fail;
	out.status = PV_EXIT_WRITE;
	if (exists && !S_ISREG(st.st_mode)) {
		/* a device, FIFO or socket: written in place, never
		 * replaced (a FIFO blocks here until a reader comes) */
		if (S_ISDIR(st.st_mode)) {
			errno = EISDIR;
			goto fail_errno;
		}
		fd = open(c->output, O_WRONLY | O_NOCTTY);
		if (fd < 0 || !(out.f = fdopen(fd, "wb"))) {
			if (fd >= 0)
				close(fd);
			goto fail_errno;
		}
		return out.f;
	}
	/* a regular file: the real name it has, so that the temporary
	 * file goes beside it and a symlink on the way stays; nothing
	 * there: where a (dangling) symlink chain leads */
	out.target = exists ? realpath(c->output, NULL) :
			      follow_links(c->output);
	if (!out.target)
		goto fail_errno;
	out.f = open_temp(out.target, exists ? &st : NULL, &tmp_name);
	if (!out.f)
		goto fail_errno;
	return out.f;
fail_errno:
	if (errno == ENOMEM)
		out.status = cli_nomem();
	else
		cli_error("%s: cannot write: %s", c->output,
			  strerror(errno));
fail:
	free(out.target);
	out.target = NULL;
	return NULL;
}

int cli_output_failed(FILE *f)
{
	return f && ferror(f);
}

static void discard_temp(void)
{
	if (!tmp_name)
		return;
	unlink(tmp_name);
	pending_tmp = NULL;
	guard_signals(0);
	free(tmp_name);
	tmp_name = NULL;
}

/* The reason for a write that failed earlier: errno still holds it unless
 * something unrelated ran since, so only a reason a write gives counts. */
static int write_errno(int e)
{
	switch (e) {
	case ENOSPC: case EDQUOT: case EFBIG: case EIO: case EPIPE:
	case EROFS: case EBADF: case EINVAL: case EPERM: case EACCES:
		return e;
	default:
		return EIO;
	}
}

int cli_finish_output(struct cli *c, FILE *f, int rc)
{
	int err = 0, early = errno, was_bad;

	(void)c;
	if (!f)
		return rc ? rc : out.status;
	was_bad = ferror(f);
	errno = 0;
	if (fflush(f) != 0)
		err = write_errno(errno ? errno : early);
	else if (was_bad || ferror(f))
		err = write_errno(early);
	if (f != stdout && fclose(f) != 0 && !err)
		err = errno ? errno : EIO;
	out.f = NULL;
	if (!err && !rc && tmp_name && rename(tmp_name, out.target) != 0)
		err = errno;
	if (err || rc) {
		discard_temp();
	} else if (tmp_name) {
		pending_tmp = NULL;   /* renamed: nothing to remove */
		guard_signals(0);
		free(tmp_name);
		tmp_name = NULL;
	}
	free(out.target);
	out.target = NULL;
	if (err) {
		/* the one line for a failed write; the view's complaint
		 * about it was held back (cli_output_failed) */
		cli_error("%s: cannot write: %s", out.shown, strerror(err));
		out.reported = 1;
		if (f == stdout)
			clearerr(stdout);
		return PV_EXIT_WRITE;
	}
	return rc;
}

int cli_close_output(struct cli *c, FILE *f)
{
	return cli_finish_output(c, f, 0);
}

int cli_flush_stdout(int rc)
{
	int e;

	errno = 0;
	if (fflush(stdout) == 0 && !ferror(stdout)) {
		out.reported = 0;
		return rc;
	}
	e = errno ? errno : EIO;
	clearerr(stdout);
	if (out.reported) {
		out.reported = 0;
		return rc;
	}
	cli_error("standard output: cannot write: %s", strerror(e));
	return rc ? rc : PV_EXIT_WRITE;
}

/* Extensions that name a format: a name ending in one of them says what
 * its file holds, so a command that writes something else refuses it. */
static const char *const known_ext[] = {
	"svg", "svgz", "png", "pdf", "gif", "jpg", "jpeg", "webp", "bmp",
	"tif", "tiff", "ico", "eps", "ps", "html", "htm", "xhtml", "xml",
	"csv", "tsv", "json", "jsonl", "txt", "md", "prof", "vmprof", "pb",
	"pprof", "gz", "zst", "xz", "bz2", "zip", "tar", "folded", "dot",
	NULL
};

static int ext_in(const char *ext, const char *const *list)
{
	for (; list && *list; list++)
		if (!strcasecmp(ext, *list))
			return 1;
	return 0;
}

int cli_check_output_name(const struct cli *c, const struct cli_outputs *o)
{
	const char *base, *dot;
	struct stat st;

	if (!o || !c->output || !strcmp(c->output, "-"))
		return 0;
	base = strrchr(c->output, '/');
	base = base ? base + 1 : c->output;
	dot = strrchr(base, '.');
	if (!dot || dot == base || !dot[1])
		return 0;   /* no extension (a leading dot hides a file) */
	if (ext_in(dot + 1, o->ok))
		return 0;
	if (!(o->flags & CLI_OUT_STRICT) && !ext_in(dot + 1, known_ext))
		return 0;
	if (stat(c->output, &st) == 0) {
		int input = 0;

		for (int i = 0; i < c->nfiles && !input; i++)
			input = same_file(&st, c->files[i]);
		/* the log's own name, to be rewritten in place */
		if (input && (o->flags & CLI_OUT_IN_PLACE))
			return 0;
		/* naming an input is the worse mistake: say that one */
		if (check_inputs(c, &st))
			return PV_EXIT_USAGE;
	}
	return cli_usage_error(c, "-o %s: '%s' is not what %s writes with "
			       "these options; it writes %s", c->output, dot,
			       c->cmd, o->formats);
}

const struct cli_outputs *cli_text_outputs(const void *args,
					   const struct cli *c)
{
	static const char *const text[] = { "txt", NULL };
	static const char *const json[] = { "json", "txt", NULL };
	static const char *what = "text (.txt or a name that names no other "
				  "format), JSON with --json (.json)";
	static const struct cli_outputs t = { text, 0, NULL },
		j = { json, 0, NULL };
	static struct cli_outputs o;

	(void)args;
	o = c->json ? j : t;
	o.formats = what;
	return &o;
}

const struct cli_outputs *cli_table_outputs(const void *args,
					    const struct cli *c)
{
	static const char *const csv[] = { "csv", "txt", NULL };
	static struct cli_outputs o;

	o = *cli_text_outputs(args, c);
	if (c->csv)
		o.ok = csv;
	o.formats = "text (.txt or a name that names no other format), "
		    "JSON with --json (.json), CSV with --csv (.csv)";
	return &o;
}
