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

enum { O_SOURCE_DIR = 1 };

static const struct cli_option lines_options[] = {
	CLI_OPT_ARG(0, "source-dir", O_SOURCE_DIR, "DIR",
		    "look source files up under DIR (repeatable):\n"
		    "DIR/PATH, then DIR/ with leading directories of\n"
		    "PATH dropped one by one"),
	CLI_OPT_END
};

struct lines_args {
	struct cli_list dirs;
	const char *pattern;
};

static int parse(void *args, struct cli *c, int opt, const char *arg)
{
	struct lines_args *a = args;

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

/* Opens the recorded path, else under each --source-dir. */
static FILE *open_source(const char *path, const struct cli_list *dirs,
			 char *found, size_t n)
{
	FILE *f;

	if (!path[0] || path[0] == '<')
		return NULL;   /* <string>, <frozen runpy>, <builtin>/... */
	for (int i = 0; i < dirs->n; i++) {
		const char *rest = path;
		while (rest) {
			while (*rest == '/')
				rest++;
			snprintf(found, n, "%s/%s", dirs->item[i], rest);
			f = fopen(found, "r");
			if (f)
				return f;
			rest = strchr(rest, '/');
		}
	}
	snprintf(found, n, "%s", path);
	return fopen(path, "r");
}

struct source {
	char **line;     /* line[i] is line i + 1, without its newline */
	uint32_t n;
};

static void source_free(struct source *s)
{
	for (uint32_t i = 0; i < s->n; i++)
		free(s->line[i]);
	free(s->line);
	s->line = NULL;
	s->n = 0;
}

static int source_read(FILE *f, struct source *s)
{
	char *buf = NULL;
	size_t cap = 0;
	ssize_t len;
	uint32_t cap_lines = 0;

	while ((len = getline(&buf, &cap, f)) >= 0) {
		while (len && (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
			buf[--len] = 0;
		if (s->n == cap_lines) {
			uint32_t nc = cap_lines ? cap_lines * 2 : 256;
			char **nl = realloc(s->line, nc * sizeof(*nl));
			if (!nl)
				break;
			s->line = nl;
			cap_lines = nc;
		}
		s->line[s->n] = strdup(buf);
		if (!s->line[s->n])
			break;
		s->n++;
	}
	free(buf);
	return 0;
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
			  const struct pv_text_opts *to, json_t *jarr)
{
	const struct pv_func *f = &p->funcs[fr->func];
	struct source src = { 0 };
	char found[4096];
	FILE *sf = open_source(f->file, dirs, found, sizeof(found));
	uint32_t lo = f->line ? f->line : UINT32_MAX, hi = 0, r = 0;
	json_t *jf = NULL, *jl = NULL;

	if (sf) {
		source_read(sf, &src);
		fclose(sf);
	}
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
		json_object_set_new(jf, "source", src.n ? pv_json_string(found) : json_null());
	} else {
		fprintf(out, "%s%s%s  %s:%u  %llu samples (%.1f%% of all)\n",
			PV_STYLE(to->color, BOLD), f->name,
			PV_STYLE(to->color, RESET), f->file, f->line,
			(unsigned long long)fr->total,
			all ? 100.0 * (double)fr->total / (double)all : 0.0);
		if (!src.n)
			fprintf(out, "(source not found: %s%s)\n", f->file,
				dirs->n ? " under any --source-dir" :
				"; --source-dir DIR looks under DIR");
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
			fprintf(out, "%6u %8llu %6.1f%%  %s%s%s\n", ln,
				(unsigned long long)hits, pc,
				PV_STYLE(to->color && pc >= 10, HOT), text,
				PV_STYLE(to->color && pc >= 10, RESET));
		} else {
			fprintf(out, "%6u %8s %7s  %s\n", ln, "", "", text);
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
			      dirs, &to, jarr);
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
