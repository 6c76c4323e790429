/* diff_table.c - the verdict line and the diff as a text table or a
 * markdown table (pv_diff_render.h). */
#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "render/pv_diff_render.h"
#include "render/pv_json.h"
#include "render/pv_xmlsafe.h"

#define NAME_MAX_BYTES 512

const char *pv_text_clean(const char *s, char *buf, size_t len)
{
	const unsigned char *u = (const unsigned char *)(s ? s : "");
	size_t left = strlen((const char *)u), n = 0;

	/* invalid UTF-8 becomes U+FFFD, as pv_json_string() repairs it;
	 * made in place, so nothing is allocated */
	while (left && n + 1 < len) {
		size_t k = pv_xmlsafe_charlen(u, left, 0);
		const unsigned char *c = k ? u :
			(const unsigned char *)"\xef\xbf\xbd";
		size_t cl = k ? k : 3;

		u += k ? k : 1;
		left -= k ? k : 1;
		/* C0, DEL, and C1 (U+0080-U+009F: 0xc2 0x80-0x9f) */
		if (cl == 2 && c[0] == 0xc2 && c[1] >= 0x80 && c[1] <= 0x9f) {
			buf[n++] = '?';
			continue;
		}
		for (size_t j = 0; j < cl && n + 1 < len; j++)
			buf[n++] = (c[j] < 0x20 || c[j] == 0x7f) ? '?' :
				   (char)c[j];
	}
	/* never end inside a multi-byte sequence */
	while (n && n + 1 >= len && ((unsigned char)buf[n - 1] & 0xc0) == 0x80)
		n--;
	if (n && n + 1 >= len && (unsigned char)buf[n - 1] >= 0xc0)
		n--;
	buf[n] = 0;
	return buf;
}

size_t pv_render_diff_failures(const struct pv_diff_view *v)
{
	return v->has_fail_above ? pv_diff_failures(v->d, v->fail_above) : 0;
}

static const char *unit(const struct pv_diff *d)
{
	return d->opts.absolute ? "% of base time" : " points";
}

/* " point" after exactly 1, else the unit */
static const char *unit_for(const struct pv_diff *d, double v)
{
	return !d->opts.absolute && v == 1 ? " point" : unit(d);
}

static void fmt_p(double q, char *buf, size_t len)
{
	if (q < 1e-99)
		snprintf(buf, len, "<1e-99");
	else if (q < 0.001)
		snprintf(buf, len, "%.0e", q);
	else
		snprintf(buf, len, "%.3f", q);
}

static size_t add(char *buf, size_t len, size_t at, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static size_t add(char *buf, size_t len, size_t at, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (at >= len)
		return at;
	va_start(ap, fmt);
	n = vsnprintf(buf + at, len - at, fmt, ap);
	va_end(ap);
	return n < 0 ? at : at + (size_t)n;
}

/* "name +12.3 (22.7% -> 46.4%)" for the verdict's list of examples. */
static size_t example(const struct pv_diff_view *v,
		      const struct pv_diff_row *r, char *buf, size_t len,
		      size_t at)
{
	char name[128], p[16];
	const struct pv_func *f = pv_diff_row_func(r, v->a, v->b);

	pv_text_clean(f->name, name, sizeof(name));
	fmt_p(r->q_total, p, sizeof(p));
	if (v->d->opts.absolute)
		return add(buf, len, at, "%s %+.1f (%.3fs -> %.3fs, p=%s)",
			   name, r->d_total, r->a.total, r->b.total, p);
	return add(buf, len, at, "%s %+.1f (%.1f%% -> %.1f%%, p=%s)", name,
		   r->d_total, r->a.total, r->b.total, p);
}

void pv_render_diff_verdict(const struct pv_diff_view *v, char *buf, size_t len)
{
	const struct pv_diff *d = v->d;
	size_t at = 0, shown = 0;
	size_t fails = pv_render_diff_failures(v);
	double limit = v->has_fail_above ? v->fail_above : d->opts.threshold;

	if (v->has_fail_above && fails) {
		at = add(buf, len, at,
			 "profview diff: FAIL: %zu function%s grew more than "
			 "%g%s and the change is significant: ", fails,
			 fails == 1 ? "" : "s", v->fail_above,
			 unit_for(d, v->fail_above));
		for (size_t i = 0; i < d->nrows && shown < 3; i++) {
			const struct pv_diff_row *r = &d->rows[i];
			if (!r->significant || r->d_total <= v->fail_above)
				continue;
			at = add(buf, len, at, "%s", shown++ ? ", " : "");
			at = example(v, r, buf, len, at);
		}
		if (fails > shown)
			at = add(buf, len, at, ", ...");
		return;
	}
	if (v->has_fail_above)
		at = add(buf, len, at, "profview diff: PASS: no function grew "
			 "more than %g%s with significance", v->fail_above,
			 unit_for(d, v->fail_above));
	else if (d->grew + d->shrank)
		at = add(buf, len, at, "profview diff: %zu significant "
			 "change%s above %g%s (%zu grew, %zu shrank)",
			 d->grew + d->shrank,
			 d->grew + d->shrank == 1 ? "" : "s",
			 d->opts.threshold, unit_for(d, d->opts.threshold),
			 d->grew, d->shrank);
	else
		at = add(buf, len, at, "profview diff: no significant change "
			 "above %g%s", d->opts.threshold,
			 unit_for(d, d->opts.threshold));
	for (size_t i = 0; i < d->nrows; i++) {
		const struct pv_diff_row *r = &d->rows[i];
		if (r->flag) {
			at = add(buf, len, at, "; largest: ");
			at = example(v, r, buf, len, at);
			break;
		}
	}
	/* a short recording: say so rather than let "no change" pass for
	 * evidence of no change */
	if (!(d->grew + d->shrank) && !d->opts.absolute &&
	    d->resolution > limit)
		at = add(buf, len, at, "; but with %llu and %llu samples a "
			 "change must reach about %.1f points to be "
			 "significant", (unsigned long long)d->samples_a,
			 (unsigned long long)d->samples_b, d->resolution);
	(void)at;
}

static const char *correction_name(int c)
{
	return c == PV_DIFF_BH ? "Benjamini-Hochberg" :
	       c == PV_DIFF_NONE ? "no" : "Holm";
}

static void md_code(FILE *out, const char *s);

static void print_files(FILE *out, char *const *f, int n, int md)
{
	for (int i = 0; i < n; i++) {
		char buf[NAME_MAX_BYTES];
		fputs(i ? ", " : "", out);
		if (md)
			md_code(out, f[i]);
		else
			fputs(pv_text_clean(f[i], buf, sizeof(buf)), out);
	}
}

static void heading(FILE *out, const struct pv_diff_view *v, int md)
{
	const struct pv_diff *d = v->d;
	const char *nl = md ? "  \n" : "\n";

	fputs(md ? "base: " : "base: ", out);
	print_files(out, v->base_files, v->nbase, md);
	fprintf(out, " (%llu samples, %.2f s)%s",
		(unsigned long long)d->samples_a, d->time_a, nl);
	fputs("new:  ", out);
	print_files(out, v->new_files, v->nnew, md);
	fprintf(out, " (%llu samples, %.2f s)%s",
		(unsigned long long)d->samples_b, d->time_b, nl);
	fprintf(out, "%s; %s; p: two-sided, %s-corrected over %zu "
		"functions; flagged: change above %g%s with p < %g%s",
		d->opts.absolute ? "time (samples x period)" :
				   "shares of each profile",
		d->opts.absolute ? "test: counts against equal time" :
				   "test: two-proportion z-test",
		correction_name(d->opts.correction), d->tested,
		d->opts.threshold, unit_for(d, d->opts.threshold),
		d->opts.alpha, nl);
	if (!d->opts.absolute)
		fprintf(out, "resolution: a function near half of the samples "
			"must move about %.1f points to be significant\n",
			d->resolution);
}

static size_t shown_rows(const struct pv_diff_view *v)
{
	return v->limit && v->limit < v->d->nrows ? v->limit : v->d->nrows;
}

static const char *presence(const struct pv_diff_row *r)
{
	if (r->a.func == PV_NONE)
		return " (new)";
	if (r->b.func == PV_NONE)
		return " (gone)";
	return "";
}

static void where(const struct pv_func *f, char *buf, size_t len)
{
	char a[NAME_MAX_BYTES];

	if (f->file[0] && f->line)
		snprintf(buf, len, "%s:%u", pv_text_clean(f->file, a,
			 sizeof(a)), f->line);
	else if (f->file[0])
		pv_text_clean(f->file, buf, len);
	else if (f->module[0])
		pv_text_clean(f->module, buf, len);
	else
		buf[0] = 0;
}

int pv_render_diff_text(FILE *out, const struct pv_diff_view *v)
{
	const struct pv_diff *d = v->d;
	char verdict[1024], p[16], name[NAME_MAX_BYTES], loc[NAME_MAX_BYTES];
	const char *vfmt = d->opts.absolute ? "%9.3f" : "%8.2f";
	const char *dfmt = d->opts.absolute ? "%+9.3f" : "%+8.2f";
	size_t n = shown_rows(v);

	pv_render_diff_verdict(v, verdict, sizeof(verdict));
	fprintf(out, "%s\n", verdict);
	heading(out, v, 0);
	fputc('\n', out);
	if (d->opts.absolute)
		fprintf(out, "%-29s  %-29s  %-17s\n", "  total s", "  self s",
			"  samples");
	else
		fprintf(out, "%-26s  %-26s  %-17s\n", "  total %", "  self %",
			"  samples");
	for (int k = 0; k < 2; k++)
		fprintf(out, d->opts.absolute ? "%9s %9s %9s  " :
			"%8s %8s %8s  ", "before", "after", "delta");
	fprintf(out, "%8s %8s  %-7s  function\n", "before", "after", "p(adj)");
	for (size_t i = 0; i < n; i++) {
		const struct pv_diff_row *r = &d->rows[i];
		const struct pv_func *f = pv_diff_row_func(r, v->a, v->b);
		const char *on = "", *off = "";

		if (v->color && r->flag) {
			on = r->flag > 0 ? PV_SGR_RED : PV_SGR_GREEN;
			off = PV_SGR_RESET;
		}
		fmt_p(r->q_total, p, sizeof(p));
		fputs(on, out);
		fprintf(out, vfmt, r->a.total);
		fputc(' ', out);
		fprintf(out, vfmt, r->b.total);
		fputc(' ', out);
		fprintf(out, dfmt, r->b.total - r->a.total);
		fputs("  ", out);
		fprintf(out, vfmt, r->a.self);
		fputc(' ', out);
		fprintf(out, vfmt, r->b.self);
		fputc(' ', out);
		fprintf(out, dfmt, r->b.self - r->a.self);
		where(f, loc, sizeof(loc));
		fprintf(out, "  %8llu %8llu  %-7s %c %s%s%s%s%s\n",
			(unsigned long long)r->a.total_n,
			(unsigned long long)r->b.total_n, p,
			r->flag > 0 ? '+' : r->flag < 0 ? '-' : ' ',
			pv_text_clean(f->name, name, sizeof(name)),
			loc[0] ? "  " : "", loc, presence(r), off);
	}
	if (n < d->nrows)
		fprintf(out, "(%zu more functions; --limit 0 shows all)\n",
			d->nrows - n);
	return ferror(out) ? -1 : 0;
}

/* Text in markdown (the verdict line): every character markdown or the
 * HTML it allows would act on is escaped, so a function name can make
 * neither a link, an image, emphasis nor a tag in a pull-request
 * comment.  '<', '>' and '&' become entities, other markdown punctuation
 * gets a backslash. */
static void md_text(FILE *out, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '&': fputs("&amp;", out); break;
		case '\\': case '`': case '*': case '_': case '[': case ']':
		case '(': case ')': case '!': case '|': case '~': case '#':
		case '{': case '}':
			fputc('\\', out);
			fputc(*s, out);
			break;
		default:
			fputc(*s, out);
		}
	}
}

/* Markdown table cells: '|' would end the cell, and a name shown as code
 * needs a fence longer than any run of backticks inside it. */
static void md_code(FILE *out, const char *s)
{
	char buf[NAME_MAX_BYTES];
	int run = 0, longest = 0, pad;
	size_t n;

	pv_text_clean(s, buf, sizeof(buf));
	n = strlen(buf);
	for (const char *c = buf; *c; c++) {
		run = *c == '`' ? run + 1 : 0;
		if (run > longest)
			longest = run;
	}
	/* a span that starts or ends with a backtick needs a space inside
	 * the fence (CommonMark strips one on each side) */
	pad = n && (buf[0] == '`' || buf[n - 1] == '`');
	for (int i = 0; i <= longest; i++)
		fputc('`', out);
	if (pad)
		fputc(' ', out);
	for (const char *c = buf; *c; c++) {
		if (*c == '|')
			fputc('\\', out);
		fputc(*c, out);
	}
	if (pad)
		fputc(' ', out);
	for (int i = 0; i <= longest; i++)
		fputc('`', out);
}

int pv_render_diff_markdown(FILE *out, const struct pv_diff_view *v)
{
	const struct pv_diff *d = v->d;
	char verdict[1024], p[16], loc[NAME_MAX_BYTES];
	const char *u = d->opts.absolute ? " s" : "%";
	const char *du = d->opts.absolute ? " s" : " pts";
	int dec = d->opts.absolute ? 3 : 1;
	size_t n = shown_rows(v);

	pv_render_diff_verdict(v, verdict, sizeof(verdict));
	fputs("**", out);
	md_text(out, verdict);
	fputs("**\n\n", out);
	heading(out, v, 1);
	fprintf(out, "\n| | function | total before | total after | "
		"total Δ | self before | self after | self Δ | samples "
		"before | samples after | p (%s) |\n",
		correction_name(d->opts.correction));
	fputs("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n", out);
	for (size_t i = 0; i < n; i++) {
		const struct pv_diff_row *r = &d->rows[i];
		const struct pv_func *f = pv_diff_row_func(r, v->a, v->b);
		const char *b = r->flag ? "**" : "";

		fmt_p(r->q_total, p, sizeof(p));
		fprintf(out, "| %s | ", r->flag > 0 ? "🔺" :
			r->flag < 0 ? "🔻" : "");
		md_code(out, f->name);
		where(f, loc, sizeof(loc));
		if (loc[0]) {
			fputs(" ", out);
			md_code(out, loc);
		}
		fprintf(out, "%s | %.*f%s | %.*f%s | %s%+.*f%s%s | %.*f%s | "
			"%.*f%s | %+.*f%s | %llu | %llu | %s |\n",
			presence(r), dec, r->a.total, u, dec, r->b.total, u,
			b, dec, r->b.total - r->a.total, du, b, dec, r->a.self,
			u, dec, r->b.self, u, dec, r->b.self - r->a.self, du,
			(unsigned long long)r->a.total_n,
			(unsigned long long)r->b.total_n, p);
	}
	if (n < d->nrows)
		fprintf(out, "\n%zu more functions not shown.\n",
			d->nrows - n);
	return ferror(out) ? -1 : 0;
}
