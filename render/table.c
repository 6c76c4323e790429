/* table.c - the `top` table as aligned text, JSON and CSV (pv_table.h).
 *
 * The text form keeps its columns aligned: numbers right-aligned in fixed
 * widths, the name padded to the longest shown, the location last so it
 * never needs cutting.  Only when the caller gives a width (a terminal)
 * are long names shortened, in the middle, where the least information
 * is: the start names the module, the end the function.
 */
#include <inttypes.h>
#include <string.h>

#include "render/pv_json.h"
#include "render/pv_table.h"

#define C_RESET "\033[0m"
#define C_BOLD "\033[1m"
#define C_DIM "\033[2m"
#define C_RED "\033[31m"
#define C_YELLOW "\033[33m"

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

/* "file:line", or the module for a native function with no file. */
static void location(char *buf, size_t n, const struct pv_funcstats *fs,
		     const struct pv_fstat *r)
{
	if (fs->by == PV_FS_FILE || fs->by == PV_FS_MODULE)
		buf[0] = 0;
	else if (r->line && r->file[0])
		snprintf(buf, n, "%s:%u", r->file, r->line);
	else
		snprintf(buf, n, "%s", r->file);
}

static void amount(char *buf, size_t n, uint64_t v, int time)
{
	if (time)
		snprintf(buf, n, "%.1f", (double)v / 1000.0);
	else
		snprintf(buf, n, "%" PRIu64, v);
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
	int numw = 7, namew = 8, avail;
	char num[32], name[1024], loc[1024], hself[16], htotal[16];
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
		if (w > namew)
			namew = w;
	}
	if (o->width) {
		/* room left for the name once numbers and a location of up
		 * to 30 columns are laid out */
		avail = o->width - (2 * numw + 2 * 8 + 6) - 30;
		if (avail < 20)
			avail = 20;
		if (namew > avail)
			namew = avail;
	} else if (namew > 60) {
		namew = 60;   /* a pipe gets full names; this only aligns */
	}
	snprintf(hself, sizeof(hself), "self%s", unit);
	snprintf(htotal, sizeof(htotal), "total%s", unit);
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
		const char *label = pv_fstat_label(fs, p, r);
		int pad;

		if (o->width)
			pv_text_shorten(name, sizeof(name), label, namew,
					o->unicode);
		else
			snprintf(name, sizeof(name), "%s", label);
		pad = namew - pv_text_cols(name);
		if (pad < 0)
			pad = 0;
		location(loc, sizeof(loc), fs, r);
		amount(num, sizeof(num), r->self, o->time);
		fprintf(out, "%*s ", numw, num);
		fprintf(out, "%s%6.2f%%%s ", o->color ? heat(sp) : "", sp,
			o->color && heat(sp)[0] ? C_RESET : "");
		amount(num, sizeof(num), r->total, o->time);
		fprintf(out, "%*s %s%6.2f%%%s  ", numw, num,
			o->color ? heat(tp) : "", tp,
			o->color && heat(tp)[0] ? C_RESET : "");
		fprintf(out, "%s%s%s%*s", o->color ? C_BOLD : "", name,
			o->color ? C_RESET : "", loc[0] ? pad : 0, "");
		if (loc[0])
			fprintf(out, "  %s%s%s", o->color ? C_DIM : "", loc,
				o->color ? C_RESET : "");
		fputc('\n', out);
	}
	if (n < fs->nrows)
		fprintf(out, "(%u more rows; --limit 0 shows all)\n",
			fs->nrows - n);
	return ferror(out) ? PV_EWRITE : 0;
}

json_t *pv_top_json(const struct pv_profile *p, const struct pv_funcstats *fs,
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

static void csv_field(FILE *out, const char *s)
{
	if (!strpbrk(s, ",\"\r\n")) {
		fputs(s, out);
		return;
	}
	fputc('"', out);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', out);
		fputc(*s, out);
	}
	fputc('"', out);
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
			csv_field(out, group);
			fputc(',', out);
		}
		csv_field(out, named ? pv_func_label(f) : "");
		fputc(',', out);
		csv_field(out, r->file);
		fprintf(out, ",%u,%s,", r->line, pv_fstat_kind(p, r));
		csv_field(out, r->native ? f->module : "");
		fprintf(out, ",%" PRIu64 ",%" PRIu64 ",%.4f,%.4f\n", r->self,
			r->total, pct(r->self, fs->total),
			pct(r->total, fs->total));
	}
	return ferror(out) ? PV_EWRITE : 0;
}
