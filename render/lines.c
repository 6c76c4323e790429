/* lines.c - `lines`: samples per source line of Python functions, as
 * text or JSON (pv_lines.h). */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "profile/pv_funcstats.h"
#include "profile/pv_sort.h"
#include "render/pv_json.h"
#include "render/pv_lines.h"
#include "render/pv_textsafe.h"

int pv_lines_source_set(struct pv_lines_source *s, char *text, size_t len,
			char *path)
{
	uint32_t cap = 0;

	s->text = text;
	s->path = path;
	for (char *l = text; l < text + len;) {
		char *nl = memchr(l, '\n', (size_t)(text + len - l));
		char *end = nl ? nl : text + len;
		if (s->n == cap) {
			uint32_t nc = cap ? cap * 2 : 256;
			char **nb = realloc(s->line, nc * sizeof(*nb));
			if (!nb) {
				pv_lines_source_free(s);
				return PV_ENOMEM;
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
	return 0;
}

void pv_lines_source_free(struct pv_lines_source *s)
{
	free(s->text);
	free(s->line);
	free(s->path);
	memset(s, 0, sizeof(*s));
}

static int indent_of(const char *s)
{
	int n = 0;

	for (; *s == ' ' || *s == '\t'; s++)
		n += *s == '\t' ? 8 : 1;
	return *s ? n : -1;   /* -1: blank line */
}

uint32_t pv_lines_block_end(const struct pv_lines_source *s, uint32_t first)
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

/* by function, then line */
static int row_cmp(const void *a, const void *b, void *ctx)
{
	const struct pv_fstat *x = a, *y = b;

	(void)ctx;
	if (x->func != y->func)
		return x->func < y->func ? -1 : 1;
	return x->line < y->line ? -1 : x->line > y->line;
}

/* One function: its heading and rows, to out (text, to not NULL) or
 * appended to jarr (JSON). */
static void show_function(FILE *out, const struct pv_profile *p,
			  const struct pv_fstat *fr,
			  const struct pv_fstat *rows, uint32_t nrows,
			  uint64_t all, const struct pv_lines_opts *lo,
			  const struct pv_text_opts *to, json_t *jarr)
{
	const struct pv_func *f = &p->funcs[fr->func];
	struct pv_lines_source src = { 0 };
	uint32_t lo_line = f->line ? f->line : UINT32_MAX, hi = 0, r = 0;
	json_t *jf = NULL, *jl = NULL;

	if (!lo->no_source && lo->source)
		lo->source(lo->source_ctx, f->file, &src);
	for (uint32_t i = 0; i < nrows; i++) {
		if (rows[i].line && rows[i].line < lo_line)
			lo_line = rows[i].line;
		if (rows[i].line > hi)
			hi = rows[i].line;
	}
	if (lo_line == UINT32_MAX)
		lo_line = hi;
	if (src.n && f->line) {
		uint32_t end = pv_lines_block_end(&src, f->line);
		if (end > hi)
			hi = end;
	}
	if (jarr) {
		jf = json_object();
		jl = json_array();
		json_object_set_new(jf, "function", pv_json_string(f->name));
		json_object_set_new(jf, "file", pv_json_string(f->file));
		json_object_set_new(jf, "line", json_integer(f->line));
		json_object_set_new(jf, "samples",
				    json_integer((json_int_t)fr->total));
		json_object_set_new(jf, "source", src.n ?
				    pv_json_string(src.path) : json_null());
	} else {
		fputs(PV_STYLE(to->color, BOLD), out);
		pv_text_put(out, f->name, strlen(f->name));
		fprintf(out, "%s  ", PV_STYLE(to->color, RESET));
		pv_text_put(out, f->file, strlen(f->file));
		fprintf(out, ":%u  %llu samples (%.1f%% of all)\n", f->line,
			(unsigned long long)fr->total,
			all ? 100.0 * (double)fr->total / (double)all : 0.0);
		if (lo->no_source) {
			;
		} else if (!src.n) {
			fputs("(source not read: ", out);
			pv_text_put(out, f->file, strlen(f->file));
			fprintf(out, "%s)\n", lo->source_dirs ?
				" under any --source-dir" :
				"; --source-dir DIR looks under DIR");
		}
		fprintf(out, "%6s %8s %7s  %s\n", "line", "samples", "%",
			"source");
	}
	for (uint32_t ln = lo_line; ln && ln <= hi; ln++) {
		uint64_t hits = 0;
		const char *text = ln <= src.n ? src.line[ln - 1] : "";
		while (r < nrows && rows[r].line < ln)
			r++;
		if (r < nrows && rows[r].line == ln)
			hits = rows[r].total;
		if (!src.n && !hits)
			continue;   /* without the text, only lines with data */
		if (jarr) {   /* JSON (jl may be NULL: jansson noted it) */
			json_t *o = json_object();
			json_object_set_new(o, "line", json_integer(ln));
			json_object_set_new(o, "samples",
					    json_integer((json_int_t)hits));
			json_object_set_new(o, "percent", json_real(fr->total ?
				100.0 * (double)hits / (double)fr->total : 0));
			json_object_set_new(o, "text", src.n ?
					    pv_json_string(text) : json_null());
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
	if (jarr) {
		json_object_set_new(jf, "lines", jl);
		json_array_append_new(jarr, jf);
	} else {
		fputc('\n', out);
	}
	pv_lines_source_free(&src);
}

/* Text when to is not NULL, else JSON. */
static int render(FILE *out, const struct pv_profile *p,
		  const struct pv_lines_opts *lo,
		  const struct pv_text_opts *to, struct pv_error *err)
{
	struct pv_funcstats *byfn = NULL, *byline = NULL;
	struct pv_matcher *m = NULL;
	json_t *jarr = NULL;
	int rc = 0, lines = 0, any = 0;

	for (uint32_t i = 0; i < p->nsources; i++)
		lines |= p->sources[i].flags & PV_FLAG_LINES;
	if (!lines)
		return pv_error_set(err, PV_EUSAGE, PV_NO_OFFSET,
				    "this log has no line data; record it in "
				    "lines mode");
	PV_TRY(pv_matcher_new(&m, &lo->pattern, 1, err));
	if (!to && !(jarr = json_array())) {
		rc = pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET,
				  "out of memory");
		goto out;
	}
	rc = pv_funcstats_build(&byfn, p, PV_FS_FUNCTION, NULL, 0, err);
	if (rc == 0)
		rc = pv_funcstats_build(&byline, p, PV_FS_LINE, NULL, 0, err);
	if (rc < 0)
		goto out;
	pv_funcstats_sort(byfn, p, PV_FS_SORT_TOTAL);
	pv_sort(byline->rows, byline->nrows, sizeof(*byline->rows), row_cmp,
		NULL);
	for (uint32_t i = 0; i < byfn->nrows; i++) {
		const struct pv_fstat *fr = &byfn->rows[i];
		uint32_t a = 0, b;
		if (!pv_matcher_func(m, p, fr->func) ||
		    p->funcs[fr->func].lang != PV_LANG_PYTHON)
			continue;
		while (a < byline->nrows && byline->rows[a].func < fr->func)
			a++;
		for (b = a; b < byline->nrows &&
		     byline->rows[b].func == fr->func;)
			b++;
		show_function(out, p, fr, byline->rows + a, b - a, byfn->total,
			      lo, to, jarr);
		any = 1;
	}
	if (!any) {
		rc = pv_error_set(err, PV_EUSAGE, PV_NO_OFFSET,
				  "no Python function matching '%s' has "
				  "samples", lo->pattern);
	} else if (jarr) {
		json_t *j = json_pack("{sIsO}", "total_samples",
				      (json_int_t)byfn->total, "functions", jarr);

		rc = pv_json_write_table(j, out, err);
		json_decref(j);
	}
out:
	json_decref(jarr);
	pv_funcstats_free(byfn);
	pv_funcstats_free(byline);
	pv_matcher_free(m);
	return rc;
}

int pv_render_lines_text(FILE *out, const struct pv_profile *p,
			 const struct pv_lines_opts *lo,
			 const struct pv_text_opts *o, struct pv_error *err)
{
	return render(out, p, lo, o, err);
}

int pv_render_lines_json(FILE *out, const struct pv_profile *p,
			 const struct pv_lines_opts *lo, struct pv_error *err)
{
	return render(out, p, lo, NULL, err);
}
