/* table.c - the `top` table as aligned text, JSON and CSV (pv_table.h).
 *
 * The text form keeps its columns aligned: numbers right-aligned in fixed
 * widths, the name padded to the longest shown, the location last so it
 * never needs cutting.  Only when the caller gives a width (a terminal)
 * are long names shortened, in the middle, where the least information
 * is: the start names the module, the end the function.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "profile/pv_error.h"
#include "render/pv_json.h"
#include "render/pv_table.h"
#include "render/pv_textsafe.h"

#define C_RESET PV_SGR_RESET
#define C_BOLD PV_SGR_BOLD
#define C_DIM PV_SGR_DIM
#define C_RED PV_SGR_RED
#define C_YELLOW PV_SGR_YELLOW

int pv_text_cols(const char *s)
{
	int n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

/* Byte offset of the code point that starts column col. */
static size_t col_offset(const char *s, int col)
{
	size_t i = 0;
	int c = -1;

	for (; s[i]; i++) {
		if (((unsigned char)s[i] & 0xc0) != 0x80 && ++c == col)
			return i;
	}
	return i;
}

char *pv_text_shorten(char *buf, size_t n, const char *s, int cols,
		      int unicode)
{
	int have = pv_text_cols(s), ell = unicode ? 1 : 3, head, tail;
	const char *dots = unicode ? "\xe2\x80\xa6" : "...";
	size_t a, b;

	if (cols <= 0 || have <= cols || cols <= ell + 1) {
		snprintf(buf, n, "%s", s);
		return buf;
	}
	head = (cols - ell + 1) / 2;
	tail = cols - ell - head;
	a = col_offset(s, head);
	b = col_offset(s, have - tail);
	snprintf(buf, n, "%.*s%s%s", (int)a, s, dots, s + b);
	return buf;
}

char *pv_text_shorten_path(char *buf, size_t n, const char *s, int cols,
			   int unicode)
{
	int have = pv_text_cols(s), ell = unicode ? 1 : 3;
	const char *dots = unicode ? "\xe2\x80\xa6" : "...";

	if (cols <= 0 || have <= cols || cols <= ell + 1) {
		snprintf(buf, n, "%s", s);
		return buf;
	}
	/* the fewest leading directories that must go */
	for (const char *q = strchr(s + 1, '/'); q; q = strchr(q + 1, '/')) {
		if (ell + pv_text_cols(q) <= cols) {
			snprintf(buf, n, "%s%s", dots, q);
			return buf;
		}
	}
	snprintf(buf, n, "%s%s", dots, s + col_offset(s, have - (cols - ell)));
	return buf;
}

const char *pv_fstat_kind(const struct pv_profile *p,
			  const struct pv_fstat *r)
{
	const struct pv_func *f = &p->funcs[r->func];
	uint16_t jit = 1u << PV_KIND_JIT, py = 1u << PV_KIND_PYTHON;

	if (r->native)
		return "native";
	if (f->lang == PV_LANG_OTHER)
		return "other";
	if ((r->kinds & jit) && !(r->kinds & py))
		return "jit";
	return "python";
}

static double pct(uint64_t v, uint64_t total)
{
	return total ? 100.0 * (double)v / (double)total : 0.0;
}

/* Whether a row shows a location: "file:line", or the module for a
 * native function with no file. */
static int has_location(const struct pv_funcstats *fs,
			const struct pv_fstat *r)
{
	return fs->by != PV_FS_FILE && fs->by != PV_FS_MODULE && r->file[0];
}

static void put_location(FILE *out, const struct pv_fstat *r)
{
	pv_text_put(out, r->file, strlen(r->file));
	if (r->line)
		fprintf(out, ":%u", r->line);
}

static void amount(char *buf, size_t n, uint64_t v, int time)
{
	if (time)
		snprintf(buf, n, "%.1f", (double)v / 1000.0);
	else
		snprintf(buf, n, "%" PRIu64, v);
}

/* A row's location as shown: "file:line" made safe (caller frees), or
 * NULL when out of memory. */
static char *location_text(const struct pv_fstat *r)
{
	char *own, *t;
	const char *safe = pv_text_safe(r->file, &own);
	size_t sz;

	if (!safe)
		return NULL;
	sz = strlen(safe) + 16;
	t = malloc(sz);
	if (t)
		snprintf(t, sz, r->line ? "%s:%u" : "%s", safe, r->line);
	free(own);
	return t;
}

/* Widths on a terminal of room columns for the name and the location
 * (room: the line less the four figures).  Locations are shortened first,
 * from the left, down to LOC_MIN columns (or their longest, if shorter);
 * then names, in the middle, down to 20; then both a little more.  *locw stays 0 when every
 * location fits whole.  With --by file or module the name is a path and
 * the last column: it is shortened from the left by the caller. */
#define LOC_MIN 24
static void fit_width(const struct pv_profile *p,
		      const struct pv_funcstats *fs, uint32_t n, int room,
		      int *namew, int *locw)
{
	int locmax = 0;

	(void)p;
	*locw = 0;
	if (fs->by == PV_FS_FILE || fs->by == PV_FS_MODULE) {
		if (*namew > room)
			*namew = room < 20 ? 20 : room;
		return;
	}
	room -= 2;   /* the gap before the location */
	for (uint32_t i = 0; i < n; i++) {
		const struct pv_fstat *r = &fs->rows[i];
		char *t;
		int w;
		if (!has_location(fs, r) || !(t = location_text(r)))
			continue;
		w = pv_text_cols(t);
		free(t);
		if (w > locmax)
			locmax = w;
	}
	*locw = locmax;
	if (*namew + locmax <= room) {
		*locw = 0;
		return;
	}
	/* locations to LOC_MIN, names to 20, then both further (a very
	 * narrow terminal): locations to 12, names to 6 */
	for (int step = 0; step < 2 && *namew + *locw > room; step++) {
		int nmin = step ? 6 : 20, lmin = step ? 12 : LOC_MIN;
		if (lmin > locmax)
			lmin = locmax;
		*locw = room - *namew;
		if (*locw < lmin)
			*locw = lmin;
		if (*namew + *locw > room)
			*namew = room - *locw < nmin ? nmin : room - *locw;
	}
}

static const char *heat(double percent)
{
	return percent >= 10.0 ? C_RED C_BOLD : percent >= 2.0 ? C_YELLOW : "";
}

int pv_render_top_text(FILE *out, const struct pv_profile *p,
		       const struct pv_funcstats *fs, uint32_t limit,
		       const struct pv_text_opts *o)
{
	uint32_t n = limit && limit < fs->nrows ? limit : fs->nrows;
	int numw = 7, namew = 8, locw = 0;
	char num[32], hself[16], htotal[16];
	const char *unit = o->time ? "ms" : "";

	/* widest figure among the rows shown (the first row is not always
	 * the widest total) */
	for (uint32_t i = 0; i < n; i++) {
		const struct pv_fstat *r = &fs->rows[i];
		int w;
		amount(num, sizeof(num), r->total > r->self ? r->total : r->self,
		       o->time);
		w = (int)strlen(num);
		if (w > numw)
			numw = w;
		w = pv_text_cols(pv_fstat_label(fs, p, r));
		if (!pv_text_is_safe(pv_fstat_label(fs, p, r))) {
			char *own;
			const char *safe = pv_text_safe(pv_fstat_label(fs, p, r),
							&own);
			if (!safe)
				return PV_ENOMEM;
			w = pv_text_cols(safe);
			free(own);
		}
		if (w > namew)
			namew = w;
	}
	if (o->width)
		fit_width(p, fs, n, o->width - (2 * numw + 19), &namew, &locw);
	else if (namew > 60)
		namew = 60;   /* a pipe gets full names; this only aligns */
	snprintf(hself, sizeof(hself), "self%s", unit);
	snprintf(htotal, sizeof(htotal), "total%s", unit);
	pv_text_filter_note(out, p, o->color);
	fprintf(out, "%s%*s %7s %*s %7s  %-*s%s%s%s\n",
		o->color ? C_BOLD : "", numw, hself, "self%", numw, htotal,
		"total%", fs->by == PV_FS_FILE || fs->by == PV_FS_MODULE ?
		0 : namew,
		fs->by == PV_FS_FILE ? "file" :
		fs->by == PV_FS_MODULE ? "module" : "function",
		fs->by == PV_FS_FILE || fs->by == PV_FS_MODULE ? "" : "  ",
		fs->by == PV_FS_FILE || fs->by == PV_FS_MODULE ? "" : "location",
		o->color ? C_RESET : "");
	for (uint32_t i = 0; i < n; i++) {
		const struct pv_fstat *r = &fs->rows[i];
		double sp = pct(r->self, fs->total), tp = pct(r->total, fs->total);
		char *own, *cut = NULL;
		const char *name = pv_text_safe(pv_fstat_label(fs, p, r), &own);
		int pad, loc = has_location(fs, r);

		if (!name)
			return PV_ENOMEM;
		/* names are never cut in a fixed buffer: a pipe gets them
		 * whole; a terminal gets them shortened to the column */
		if (o->width && pv_text_cols(name) > namew) {
			size_t sz = strlen(name) + 8;
			cut = malloc(sz);
			if (!cut) {
				free(own);
				return PV_ENOMEM;
			}
			name = loc ? pv_text_shorten(cut, sz, name, namew,
						     o->unicode) :
			       pv_text_shorten_path(cut, sz, name, namew,
						    o->unicode);
		}
		pad = namew - pv_text_cols(name);
		if (pad < 0)
			pad = 0;
		amount(num, sizeof(num), r->self, o->time);
		fprintf(out, "%*s ", numw, num);
		fprintf(out, "%s%6.2f%%%s ", o->color ? heat(sp) : "", sp,
			o->color && heat(sp)[0] ? C_RESET : "");
		amount(num, sizeof(num), r->total, o->time);
		fprintf(out, "%*s %s%6.2f%%%s  ", numw, num,
			o->color ? heat(tp) : "", tp,
			o->color && heat(tp)[0] ? C_RESET : "");
		fprintf(out, "%s%s%s%*s", o->color ? C_BOLD : "", name,
			o->color ? C_RESET : "", loc ? pad : 0, "");
		if (loc) {
			fprintf(out, "  %s", o->color ? C_DIM : "");
			if (locw) {
				/* on a terminal too narrow for it */
				char *t = location_text(r), *sh;
				size_t sz = t ? strlen(t) + 8 : 0;
				sh = t ? malloc(sz) : NULL;
				if (!sh) {
					free(t);
					free(cut);
					free(own);
					return PV_ENOMEM;
				}
				fputs(pv_text_shorten_path(sh, sz, t, locw,
							   o->unicode), out);
				free(sh);
				free(t);
			} else {
				put_location(out, r);
			}
			fputs(o->color ? C_RESET : "", out);
		}
		fputc('\n', out);
		free(cut);
		free(own);
	}
	if (n < fs->nrows)
		fprintf(out, "(%u more rows; --limit 0 shows all)\n",
			fs->nrows - n);
	return ferror(out) ? PV_EWRITE : 0;
}

json_t *pv_render_top_json(const struct pv_profile *p, const struct pv_funcstats *fs,
		    uint32_t limit, int time)
{
	uint32_t n = limit && limit < fs->nrows ? limit : fs->nrows;
	json_t *o = json_object(), *rows = json_array();

	if (!o || !rows) {
		json_decref(o);
		json_decref(rows);
		return NULL;
	}
	json_object_set_new(o, "total_samples", json_integer((json_int_t)fs->total));
	json_object_set_new(o, "unit", json_string(time ? "microseconds" : "samples"));
	json_object_set_new(o, "empty_samples", json_integer((json_int_t)fs->empty));
	for (uint32_t i = 0; i < n; i++) {
		const struct pv_fstat *r = &fs->rows[i];
		const struct pv_func *f = &p->funcs[r->func];
		json_t *row = json_object();
		int named = fs->by == PV_FS_FUNCTION || fs->by == PV_FS_LINE;

		json_object_set_new(row, "function",
				    pv_json_string(named ? pv_func_label(f) : ""));
		json_object_set_new(row, "file", pv_json_string(r->file));
		json_object_set_new(row, "line", json_integer(r->line));
		json_object_set_new(row, "kind", json_string(pv_fstat_kind(p, r)));
		json_object_set_new(row, "module",
				    pv_json_string(r->native ? f->module : ""));
		json_object_set_new(row, "self", json_integer((json_int_t)r->self));
		json_object_set_new(row, "total", json_integer((json_int_t)r->total));
		json_object_set_new(row, "self_percent",
				    json_real(pct(r->self, fs->total)));
		json_object_set_new(row, "total_percent",
				    json_real(pct(r->total, fs->total)));
		json_object_set_new(row, "self_jit",
				    json_integer((json_int_t)r->self_jit));
		json_array_append_new(rows, row);
	}
	json_object_set_new(o, "rows", rows);
	return o;
}

/* A text cell: control characters escaped (pv_textsafe.h), a cell a
 * spreadsheet would take for a formula (starting with =, +, -, @, or a
 * tab or carriage return before one) prefixed with ' as OWASP
 * recommends, then quoted when it holds a comma or a quote (RFC 4180).
 * Numbers are written by the caller, never through here. */
static int csv_field(FILE *out, const char *raw)
{
	char *own;
	const char *s = pv_text_safe(raw, &own);
	int formula;

	if (!s)
		return PV_ENOMEM;
	formula = raw && strchr("=+-@\t\r", raw[0]) && raw[0];
	if (!strpbrk(s, ",\"") && !formula) {
		fputs(s, out);
		free(own);
		return 0;
	}
	fputc('"', out);
	if (formula)
		fputc('\'', out);
	for (const char *c = s; *c; c++) {
		if (*c == '"')
			fputc('"', out);
		fputc(*c, out);
	}
	fputc('"', out);
	free(own);
	return 0;
}

int pv_render_top_csv(FILE *out, const struct pv_profile *p,
		      const struct pv_funcstats *fs, uint32_t limit,
		      const char *group, int header)
{
	uint32_t n = limit && limit < fs->nrows ? limit : fs->nrows;

	if (header)
		fprintf(out, "%sfunction,file,line,kind,module,self,total,"
			"self_percent,total_percent\n", group ? "group," : "");
	for (uint32_t i = 0; i < n; i++) {
		const struct pv_fstat *r = &fs->rows[i];
		const struct pv_func *f = &p->funcs[r->func];
		int named = fs->by == PV_FS_FUNCTION || fs->by == PV_FS_LINE;

		if (group) {
			if (csv_field(out, group))
				return PV_ENOMEM;
			fputc(',', out);
		}
		if (csv_field(out, named ? pv_func_label(f) : ""))
			return PV_ENOMEM;
		fputc(',', out);
		if (csv_field(out, r->file))
			return PV_ENOMEM;
		fprintf(out, ",%u,%s,", r->line, pv_fstat_kind(p, r));
		if (csv_field(out, r->native ? f->module : ""))
			return PV_ENOMEM;
		fprintf(out, ",%" PRIu64 ",%" PRIu64 ",%.4f,%.4f\n", r->self,
			r->total, pct(r->self, fs->total),
			pct(r->total, fs->total));
	}
	return ferror(out) ? PV_EWRITE : 0;
}

int pv_render_top_text_all(FILE *out, const struct pv_profile *p,
			   const struct pv_funcstats *fs, uint32_t limit,
			   const char *by, const struct pv_text_opts *o)
{
	if (by)
		fprintf(out, "all %s\n",
			!strcmp(by, "log") ? "logs" : "threads");
	return pv_render_top_text(out, p, fs, limit, o);
}

int pv_render_top_text_group(FILE *out, const struct pv_profile *p,
			     const struct pv_funcstats *fs, uint32_t limit,
			     const char *group, const struct pv_text_opts *o)
{
	fprintf(out, "\n%s", PV_STYLE(o->color, BOLD));
	pv_text_put(out, group, strlen(group));
	fprintf(out, "%s\n", PV_STYLE(o->color, RESET));
	return pv_render_top_text(out, p, fs, limit, o);
}

json_t *pv_render_top_json_all(const struct pv_profile *p,
			       const struct pv_funcstats *fs, uint32_t limit,
			       int time, int grouped)
{
	json_t *j = pv_render_top_json(p, fs, limit, time);

	if (j && json_object_set_new(j, "groups",
				     grouped ? json_array() : json_null())) {
		json_decref(j);
		return NULL;
	}
	return j;
}

int pv_render_top_json_group(json_t *all, const struct pv_profile *p,
			     const struct pv_funcstats *fs, uint32_t limit,
			     int time, const char *group)
{
	json_t *o = pv_render_top_json(p, fs, limit, time);

	if (!o)
		return PV_ENOMEM;
	if (json_object_set_new(o, "group", pv_json_string(group))) {
		json_decref(o);
		return PV_ENOMEM;
	}
	/* (the array takes o, or frees it when it cannot grow) */
	return json_array_append_new(json_object_get(all, "groups"), o) ?
	       PV_ENOMEM : 0;
}
