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

/* The buffer is full or n is large: flush, then copy or write through.
 * After a failure the buffer is emptied at each flush, so nothing grows. */
void pv_jw_rawn_slow(struct pv_jw *w, const char *s, size_t n)
{
	flush(w);
	if (n > sizeof(w->buf)) {
		if (!w->failed && fwrite(s, 1, n, w->out) != n)
			w->failed = 1;
		return;
	}
	memcpy(w->buf + w->len, s, n);
	w->len += n;
}

char *pv_jw_room_slow(struct pv_jw *w, size_t n)
{
	(void)n;
	flush(w);
	return w->buf;
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

/* Decimal digits of v ending at end (exclusive); returns the start. */
static char *digits(char *end, uint64_t v)
{
	static const char pairs[] =
		"00010203040506070809101112131415161718192021222324"
		"25262728293031323334353637383940414243444546474849"
		"50515253545556575859606162636465666768697071727374"
		"75767778798081828384858687888990919293949596979899";

	while (v >= 100) {
		unsigned r = (unsigned)(v % 100);
		v /= 100;
		end -= 2;
		end[0] = pairs[2 * r];
		end[1] = pairs[2 * r + 1];
	}
	if (v >= 10) {
		end -= 2;
		end[0] = pairs[2 * v];
		end[1] = pairs[2 * v + 1];
	} else {
		*--end = (char)('0' + v);
	}
	return end;
}

void pv_jw_u64(struct pv_jw *w, uint64_t v)
{
	char *o = pv_jw_room(w, PV_JW_NUM);

	if (v < 10) {
		*o = (char)('0' + v);
		pv_jw_wrote(w, o + 1);
	} else {
		pv_jw_wrote(w, pv_jw_fmt_u64(o, v));
	}
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

/* v / 10^decimals (1..9) ending at end, as pv_jw_fixed writes it;
 * returns the start (at most 22 bytes before end). */
static char *fixed(char *end, int64_t v, int decimals)
{
	static const uint32_t pow10[] = { 1, 10, 100, 1000, 10000, 100000,
					  1000000, 10000000, 100000000,
					  1000000000 };
	uint64_t a, ip, frac;
	char *p = end;
	int n;

	a = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	/* constant divisors for the common scales: a multiply, not a div */
	if (decimals == 3)
		ip = a / 1000;
	else if (decimals == 6)
		ip = a / 1000000;
	else
		ip = a / pow10[decimals];
	frac = a - ip * pow10[decimals];
	/* from the right: fraction without trailing zeros, point, integer
	 * part, sign */
	if (frac && decimals == 3) {
		/* the common case (ns as us): three digits, zeros trimmed */
		char d[3] = { (char)('0' + frac / 100),
			      (char)('0' + frac / 10 % 10),
			      (char)('0' + frac % 10) };
		n = d[2] != '0' ? 3 : d[1] != '0' ? 2 : 1;
		p -= n;
		memcpy(p, d, (size_t)n);
		*--p = '.';
	} else if (frac) {
		n = decimals;
		while (frac % 10 == 0)
			frac /= 10, n--;
		for (; n > 0; n--, frac /= 10)
			*--p = (char)('0' + frac % 10);
		*--p = '.';
	}
	p = digits(p, ip);
	if (v < 0)
		*--p = '-';
	return p;
}

void pv_jw_fixed(struct pv_jw *w, int64_t v, int decimals)
{
	char b[40], *p;

	if (decimals < 1 || decimals > 9) {
		pv_jw_i64(w, v);
		return;
	}
	p = fixed(b + sizeof(b), v, decimals);
	pv_jw_rawn(w, p, (size_t)(b + sizeof(b) - p));
}

/* Decimal digits in v. */
static int ndigits(uint64_t v)
{
	int n = 1;

	for (;;) {
		if (v < 10)
			return n;
		if (v < 100)
			return n + 1;
		if (v < 1000)
			return n + 2;
		if (v < 10000)
			return n + 3;
		v /= 10000;
		n += 4;
	}
}

/* Both write straight at p, from the right once the length is known. */
char *pv_jw_fmt_u64(char *p, uint64_t v)
{
	int n = ndigits(v);

	digits(p + n, v);
	return p + n;
}

char *pv_jw_fmt_fixed3(char *p, int64_t v)
{
	uint64_t a = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	uint64_t ip = a / 1000;
	unsigned frac = (unsigned)(a - ip * 1000);

	if (v < 0)
		*p++ = '-';
	p = pv_jw_fmt_u64(p, ip);
	if (frac) {
		/* three decimals, trailing zeros dropped */
		p[0] = '.';
		p[1] = (char)('0' + frac / 100);
		p[2] = (char)('0' + frac / 10 % 10);
		p[3] = (char)('0' + frac % 10);
		p += frac % 100 == 0 ? 2 : frac % 10 == 0 ? 3 : 4;
	}
	return p;
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
