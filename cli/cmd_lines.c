/* cmd_lines.c - `profview lines`: samples per source line inside the
 * functions a pattern names, beside the source text when it can be read.
 *
 * The counts come from the function statistics by line: a line counts
 * once per sample in which it is current in some frame of the function
 * (so a recursive function does not count a sample twice).
 */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/view.h"
#include "profile/pv_filter.h"
#include "render/pv_json.h"
#include "render/pv_textsafe.h"

enum { O_SOURCE_DIR = 1, O_NO_SOURCE };

static const struct cli_option lines_options[] = {
	CLI_OPT_ARG(0, "source-dir", O_SOURCE_DIR, "DIR",
		    "look source files up under DIR (repeatable):\n"
		    "DIR/PATH, then DIR/ with leading directories of\n"
		    "PATH dropped one by one"),
	CLI_OPT_FLAG(0, "no-source", O_NO_SOURCE,
		     "read no source file: counts per line only"),
	CLI_OPT_END
};

struct lines_args {
	struct cli_list dirs;
	const char *pattern;
	int no_source;
};

static int parse(void *args, struct cli *c, int opt, const char *arg)
{
	struct lines_args *a = args;

	if (opt == O_NO_SOURCE) {
		a->no_source = 1;
		return 0;
	}
	if (opt != O_SOURCE_DIR)
		return cli_usage_error(c, "unknown option");
	if (a->dirs.n == CLI_MAX_LIST)
		return cli_usage_error(c, "too many --source-dir options");
	a->dirs.item[a->dirs.n++] = arg;
	return 0;
}

/* The last positional argument is the pattern. */
static int check(void *args, struct cli *c)
{
	struct lines_args *a = args;

	if (c->nfiles < 2)
		return cli_usage_error(c, "give a log and a FUNCTION pattern");
	a->pattern = c->files[--c->nfiles];
	return 0;
}

/* Which source files lines reads (README, "lines"): the path a log
 * records is untrusted, so only
 *  - a name ending in .py, .pyw, .pyx, .pxd or .pxi, with no ".."
 *    component (so nothing climbs out of a --source-dir);
 *  - with --source-dir DIR (DIR/PATH, then DIR/ with leading
 *    directories of PATH dropped), only inside DIR: its real path
 *    (symlinks resolved) inside DIR's; without, the path as recorded;
 *  - never under /proc, /sys or /dev (real path);
 *  - a regular file of at most SOURCE_CAP bytes.
 * --no-source reads none. */
#define SOURCE_CAP ((size_t)16 << 20)

struct source {
	char *text;      /* the file, lines split in place */
	char **line;     /* line[i] is line i + 1, without its newline */
	uint32_t n;
	char *path;      /* the file read (malloc'ed), for JSON's "source" */
};

static void source_free(struct source *s)
{
	free(s->text);
	free(s->line);
	free(s->path);
	memset(s, 0, sizeof(*s));
}

static int python_source_name(const char *path)
{
	static const char *const ext[] = { ".py", ".pyw", ".pyx", ".pxd",
					   ".pxi" };
	size_t n = strlen(path);
	const char *p;

	if (!n || path[0] == '<')
		return 0;   /* <string>, <frozen runpy>, <builtin>/... */
	for (p = path; (p = strstr(p, "..")); p += 2)
		if ((p == path || p[-1] == '/') && (!p[2] || p[2] == '/'))
			return 0;
	for (size_t i = 0; i < sizeof(ext) / sizeof(ext[0]); i++) {
		size_t e = strlen(ext[i]);
		if (n > e && !strcmp(path + n - e, ext[i]))
			return 1;
	}
	return 0;
}

static int under(const char *real, const char *dir)
{
	size_t n = strlen(dir);

	if (n == 1 && dir[0] == '/')
		return 1;
	return !strncmp(real, dir, n) && (real[n] == '/' || !real[n]);
}

/* Reads cand into s when the rules allow it (root: the real path of the
 * --source-dir it must stay in, or NULL).  Returns 1 when read. */
static int try_source(const char *cand, const char *root, struct source *s)
{
	char *real = realpath(cand, NULL), *text;
	const char *why;
	size_t len;
	uint32_t cap = 0;

	if (!real)
		return 0;
	if (under(real, "/proc") || under(real, "/sys") ||
	    under(real, "/dev") || (root && !under(real, root)) ||
	    cli_read_small_file(real, SOURCE_CAP, &text, &len, &why) < 0) {
		free(real);
		return 0;
	}
	s->text = text;
	s->path = real;
	for (char *l = text; l < text + len;) {
		char *nl = memchr(l, '\n', (size_t)(text + len - l));
		char *end = nl ? nl : text + len;
		if (s->n == cap) {
			uint32_t nc = cap ? cap * 2 : 256;
			char **nb = realloc(s->line, nc * sizeof(*nb));
			if (!nb) {
				source_free(s);
				return 0;
			}
			s->line = nb;
			cap = nc;
		}
		*end = '\0';
		if (end > l && end[-1] == '\r')
			end[-1] = '\0';
		s->line[s->n++] = l;
		l = end + 1;
	}
	return 1;
}

/* The function's source file per the rules above; 0 when not read. */
static int find_source(const char *path, const struct cli_list *dirs,
		       struct source *s)
{
	if (!python_source_name(path))
		return 0;
	for (int i = 0; i < dirs->n; i++) {
		char *root = realpath(dirs->item[i], NULL);
		const char *rest = path;
		if (!root)
			continue;
		while (rest) {
			size_t n = strlen(dirs->item[i]) + strlen(rest) + 2;
			char *cand;
			while (*rest == '/')
				rest++;
			cand = malloc(n);
			if (!cand)
				break;
			snprintf(cand, n, "%s/%s", dirs->item[i], rest);
			if (try_source(cand, root, s)) {
				free(cand);
				free(root);
				return 1;
			}
			free(cand);
			rest = strchr(rest, '/');
		}
		free(root);
	}
	/* with --source-dir, nothing outside the directories given */
	return dirs->n ? 0 : try_source(path, NULL, s);
}

static int indent_of(const char *s)
{
	int n = 0;

	for (; *s == ' ' || *s == '\t'; s++)
		n += *s == '\t' ? 8 : 1;
	return *s ? n : -1;   /* -1: blank line */
}

/* Last line of the block that starts at first (1-based): the lines
 * after it that are blank or indented deeper than it. */
static uint32_t block_end(const struct source *s, uint32_t first)
{
	int base;
	uint32_t last = first, i;

	if (!first || first > s->n)
		return first;
	base = indent_of(s->line[first - 1]);
	for (i = first + 1; i <= s->n; i++) {
		int ind = indent_of(s->line[i - 1]);
		if (ind < 0)
			continue;
		if (ind <= base && s->line[i - 1][ind ? ind : 0] != ')' &&
		    s->line[i - 1][ind] != ']' && s->line[i - 1][ind] != '}')
			break;
		last = i;
	}
	return last;
}

struct fn_lines {
	const struct pv_fstat *total;   /* the function's row */
	uint32_t first, nrows;          /* rows in the by-line stats */
};

static int row_cmp(const void *a, const void *b)
{
	const struct pv_fstat *x = a, *y = b;

	if (x->func != y->func)
		return x->func < y->func ? -1 : 1;
	return x->line < y->line ? -1 : x->line > y->line;
}

static void show_function(FILE *out, const struct pv_profile *p,
			  const struct pv_fstat *fr,
			  const struct pv_fstat *rows, uint32_t nrows,
			  uint64_t all, const struct cli_list *dirs,
			  const struct pv_text_opts *to, json_t *jarr,
			  int no_source)
{
	const struct pv_func *f = &p->funcs[fr->func];
	struct source src = { 0 };
	uint32_t lo = f->line ? f->line : UINT32_MAX, hi = 0, r = 0;
	json_t *jf = NULL, *jl = NULL;

	if (!no_source)
		find_source(f->file, dirs, &src);
	for (uint32_t i = 0; i < nrows; i++) {
		if (rows[i].line && rows[i].line < lo)
			lo = rows[i].line;
		if (rows[i].line > hi)
			hi = rows[i].line;
	}
	if (lo == UINT32_MAX)
		lo = hi;
	if (src.n && f->line) {
		uint32_t end = block_end(&src, f->line);
		if (end > hi)
			hi = end;
	}
	if (jarr) {
		jf = json_object();
		jl = json_array();
		json_object_set_new(jf, "function", pv_json_string(f->name));
		json_object_set_new(jf, "file", pv_json_string(f->file));
		json_object_set_new(jf, "line", json_integer(f->line));
		json_object_set_new(jf, "samples", json_integer((json_int_t)fr->total));
		json_object_set_new(jf, "source", src.n ? pv_json_string(src.path) : json_null());
	} else {
		fputs(PV_STYLE(to->color, BOLD), out);
		pv_text_put(out, f->name, strlen(f->name));
		fprintf(out, "%s  ", PV_STYLE(to->color, RESET));
		pv_text_put(out, f->file, strlen(f->file));
		fprintf(out, ":%u  %llu samples (%.1f%% of all)\n", f->line,
			(unsigned long long)fr->total,
			all ? 100.0 * (double)fr->total / (double)all : 0.0);
		if (no_source) {
			;
		} else if (!src.n) {
			fputs("(source not read: ", out);
			pv_text_put(out, f->file, strlen(f->file));
			fprintf(out, "%s)\n", dirs->n ? " under any --source-dir" :
				"; --source-dir DIR looks under DIR");
		}
		fprintf(out, "%6s %8s %7s  %s\n", "line", "samples", "%",
			"source");
	}
	for (uint32_t ln = lo; ln && ln <= hi; ln++) {
		uint64_t hits = 0;
		const char *text = ln <= src.n ? src.line[ln - 1] : "";
		while (r < nrows && rows[r].line < ln)
			r++;
		if (r < nrows && rows[r].line == ln)
			hits = rows[r].total;
		if (!src.n && !hits)
			continue;   /* without the text, only lines with data */
		if (jl) {
			json_t *o = json_object();
			json_object_set_new(o, "line", json_integer(ln));
			json_object_set_new(o, "samples", json_integer((json_int_t)hits));
			json_object_set_new(o, "percent", json_real(fr->total ?
				100.0 * (double)hits / (double)fr->total : 0));
			json_object_set_new(o, "text", src.n ? pv_json_string(text) : json_null());
			json_array_append_new(jl, o);
		} else if (hits) {
			double pc = fr->total ? 100.0 * (double)hits /
						(double)fr->total : 0;
			fprintf(out, "%6u %8llu %6.1f%%  %s", ln,
				(unsigned long long)hits, pc,
				PV_STYLE(to->color && pc >= 10, HOT));
			pv_text_put(out, text, strlen(text));
			fprintf(out, "%s\n",
				PV_STYLE(to->color && pc >= 10, RESET));
		} else {
			fprintf(out, "%6u %8s %7s  ", ln, "", "");
			pv_text_put(out, text, strlen(text));
			fputc('\n', out);
		}
	}
	if (jf) {
		json_object_set_new(jf, "lines", jl);
		json_array_append_new(jarr, jf);
	} else {
		fputc('\n', out);
	}
	source_free(&src);
}

static int view(struct cli *c, void *args, struct pv_profile *p, FILE *out,
		struct pv_error *err)
{
	const struct lines_args *la = args;
	const char *pattern = la->pattern;
	const struct cli_list *dirs = &la->dirs;
	struct pv_funcstats *byfn = NULL, *byline = NULL;
	struct pv_matcher *m = NULL;
	struct pv_text_opts to;
	json_t *jarr = c->json ? json_array() : NULL;
	int rc = 0, lines = 0, any = 0;

	if (c->json && !jarr)
		return pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET,
				    "out of memory");
	for (uint32_t i = 0; i < p->nsources; i++)
		lines |= p->sources[i].flags & PV_FLAG_LINES;
	if (!lines) {
		json_decref(jarr);
		return pv_error_set(err, PV_EUSAGE, PV_NO_OFFSET,
				    "this log has no line data; record it in "
				    "lines mode");
	}
	rc = pv_matcher_new(&m, &pattern, 1, err);
	if (rc < 0) {
		json_decref(jarr);
		return rc;
	}
	rc = pv_funcstats_build(&byfn, p, PV_FS_FUNCTION, NULL, 0, err);
	if (rc == 0)
		rc = pv_funcstats_build(&byline, p, PV_FS_LINE, NULL, 0, err);
	if (rc < 0)
		goto out;
	view_text_opts(c, out, p, &to);
	pv_funcstats_sort(byfn, p, PV_FS_SORT_TOTAL);
	if (byline->nrows > 1)
		qsort(byline->rows, byline->nrows, sizeof(*byline->rows),
		      row_cmp);
	for (uint32_t i = 0; i < byfn->nrows; i++) {
		const struct pv_fstat *fr = &byfn->rows[i];
		uint32_t a = 0, b;
		if (!pv_matcher_func(m, p, fr->func) ||
		    p->funcs[fr->func].lang != PV_LANG_PYTHON)
			continue;
		while (a < byline->nrows && byline->rows[a].func < fr->func)
			a++;
		for (b = a; b < byline->nrows && byline->rows[b].func == fr->func;)
			b++;
		show_function(out, p, fr, byline->rows + a, b - a, byfn->total,
			      dirs, &to, jarr, la->no_source);
		any = 1;
	}
	if (!any) {
		rc = pv_error_set(err, PV_EUSAGE, PV_NO_OFFSET,
				  "no Python function matching '%s' has "
				  "samples", pattern);
	} else if (jarr) {
		json_t *j = json_pack("{sIsO}", "total_samples",
				      (json_int_t)byfn->total, "functions", jarr);
		int jrc = pv_json_dump_line_flags(j, out, JSON_COMPACT |
						  JSON_PRESERVE_ORDER |
						  JSON_REAL_PRECISION(10));
		if (jrc == PV_ENOMEM)
			rc = pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET,
					  "out of memory");
		else if (jrc)
			rc = pv_error_set(err, PV_EWRITE, PV_NO_OFFSET,
					  "cannot write the JSON");
		json_decref(j);
	}
out:
	json_decref(jarr);
	pv_funcstats_free(byfn);
	pv_funcstats_free(byline);
	pv_matcher_free(m);
	return rc;
}

static const struct lines_args lines_defaults = { .dirs = { .n = 0 } };

const struct cli_command cmd_lines = {
	.name = "lines",
	.summary = "samples per source line of a function (lines mode)",
	.synopsis = "lines [OPTIONS] LOG... FUNCTION",
	.about =
	"For logs recorded in lines mode: samples per source line in every\n"
	"function whose name matches FUNCTION (a POSIX extended regex, also\n"
	"matched against \"name file:line\"), beside the source text.\n",
	.options = lines_options,
	.groups = CLI_G_OUTPUT | CLI_G_FILTERS | CLI_G_JSON | CLI_G_COLOR,
	.needs = CLI_NEED_LOGS | CLI_NEED_PROFILE,
	.args_size = sizeof(struct lines_args),
	.args_init = &lines_defaults,
	.parse = parse,
	.check = check,
	.view = view,
};
