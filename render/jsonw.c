/* jsonw.c - the streaming JSON writer (see pv_jsonw.h). */
#include <math.h>
#include <string.h>

#include "render/pv_jsonw.h"
#include "render/pv_xmlsafe.h"

void pv_jw_init(struct pv_jw *w, FILE *out)
{
	w->out = out;
	w->failed = 0;
	w->len = 0;
}

static void flush(struct pv_jw *w)
{
	if (w->len && !w->failed &&
	    fwrite(w->buf, 1, w->len, w->out) != w->len)
		w->failed = 1;
	w->len = 0;
}

void pv_jw_rawn(struct pv_jw *w, const char *s, size_t n)
{
	if (w->failed)
		return;
	if (n > sizeof(w->buf) - w->len) {
		flush(w);
		if (n > sizeof(w->buf)) {
			if (!w->failed && fwrite(s, 1, n, w->out) != n)
				w->failed = 1;
			return;
		}
	}
	memcpy(w->buf + w->len, s, n);
	w->len += n;
}

void pv_jw_raw(struct pv_jw *w, const char *s)
{
	pv_jw_rawn(w, s, strlen(s));
}

void pv_jw_char(struct pv_jw *w, char ch)
{
	if (w->len == sizeof(w->buf))
		flush(w);
	w->buf[w->len++] = ch;
}

void pv_jw_str(struct pv_jw *w, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *u = (const unsigned char *)(s ? s : "");
	size_t n = strlen((const char *)u), i = 0, run = 0;

	pv_jw_char(w, '"');
	while (i < n) {
		unsigned char ch = u[i];
		size_t k;
		char esc[8];

		if (ch >= 0x20 && ch < 0x80 && ch != '"' && ch != '\\' &&
		    ch != '<') {
			run++, i++;
			continue;
		}
		pv_jw_rawn(w, (const char *)u + i - run, run);
		run = 0;
		if (ch >= 0x80) {
			k = pv_xmlsafe_charlen(u + i, n - i, 0);
			if (k)
				pv_jw_rawn(w, (const char *)u + i, k);
			else
				pv_jw_rawn(w, "\xef\xbf\xbd", 3);
			i += k ? k : 1;
			continue;
		}
		if (ch == '"' || ch == '\\') {
			esc[0] = '\\', esc[1] = (char)ch;
			pv_jw_rawn(w, esc, 2);
		} else {
			memcpy(esc, "\\u00", 4);
			esc[4] = hex[ch >> 4];
			esc[5] = hex[ch & 15];
			pv_jw_rawn(w, esc, 6);
		}
		i++;
	}
	pv_jw_rawn(w, (const char *)u + i - run, run);
	pv_jw_char(w, '"');
}

void pv_jw_key(struct pv_jw *w, int comma, const char *key)
{
	if (comma)
		pv_jw_char(w, ',');
	pv_jw_str(w, key);
	pv_jw_char(w, ':');
}

void pv_jw_u64(struct pv_jw *w, uint64_t v)
{
	char b[24];
	int i = sizeof(b);

	do {
		b[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	pv_jw_rawn(w, b + i, sizeof(b) - (size_t)i);
}

void pv_jw_i64(struct pv_jw *w, int64_t v)
{
	if (v < 0) {
		pv_jw_char(w, '-');
		pv_jw_u64(w, (uint64_t)0 - (uint64_t)v);
	} else {
		pv_jw_u64(w, (uint64_t)v);
	}
}

void pv_jw_fixed(struct pv_jw *w, int64_t v, int decimals)
{
	uint64_t a, scale = 1, frac;
	char b[12];
	int n;

	if (decimals < 1 || decimals > 9) {
		pv_jw_i64(w, v);
		return;
	}
	for (int i = 0; i < decimals; i++)
		scale *= 10;
	if (v < 0)
		pv_jw_char(w, '-');
	a = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	pv_jw_u64(w, a / scale);
	frac = a % scale;
	if (!frac)
		return;
	n = decimals;
	while (frac % 10 == 0)
		frac /= 10, n--;
	b[0] = '.';
	for (int i = n; i > 0; i--, frac /= 10)
		b[i] = (char)('0' + frac % 10);
	pv_jw_rawn(w, b, (size_t)n + 1);
}

void pv_jw_double(struct pv_jw *w, double v)
{
	char b[40];
	int n;

	if (!isfinite(v))
		v = 0;
	if (v == floor(v) && fabs(v) < 9e15) {
		pv_jw_i64(w, (int64_t)v);
		return;
	}
	n = snprintf(b, sizeof(b), "%.12g", v);
	pv_jw_rawn(w, b, (size_t)n);
}

int pv_jw_finish(struct pv_jw *w)
{
	flush(w);
	if (!w->failed && (fflush(w->out) != 0 || ferror(w->out)))
		w->failed = 1;
	return w->failed ? -1 : 0;
}
