/* pv_jsonw.h - a streaming JSON writer: values are written to a FILE as
 * they are given, so a document of any size needs no tree in memory.
 *
 * The caller writes the structure ("{", ",", "]"...) with pv_jw_raw and
 * the values with the typed calls.  Errors are sticky: after the first
 * failed write every call is a no-op, and pv_jw_finish reports it, so a
 * writer checks once at the end and never emits a truncated document as
 * a success.
 */
#ifndef PV_JSONW_H
#define PV_JSONW_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>

struct pv_jw {
	FILE *out;
	int failed;          /* a write failed */
	size_t len;          /* bytes in buf */
	char buf[1 << 15];
};

void pv_jw_init(struct pv_jw *w, FILE *out);
/* Syntax or text known to be valid JSON, copied as it is. */
void pv_jw_raw(struct pv_jw *w, const char *s);
void pv_jw_rawn_slow(struct pv_jw *w, const char *s, size_t n);
static inline void pv_jw_rawn(struct pv_jw *w, const char *s, size_t n)
{
	/* the common case inline: small pieces into a buffer with room */
	if (n <= sizeof(w->buf) - w->len) {
		memcpy(w->buf + w->len, s, n);
		w->len += n;
	} else {
		pv_jw_rawn_slow(w, s, n);
	}
}
/* A string literal, its length known at compile time. */
#define PV_JW_LIT(w, lit) pv_jw_rawn((w), "" lit, sizeof(lit) - 1)
void pv_jw_char(struct pv_jw *w, char ch);
/* A quoted string from raw bytes: invalid UTF-8 becomes U+FFFD, control
 * characters, '"', '\\' and '<' are escaped (so the text may also sit in
 * an HTML <script> block).  NULL writes "". */
void pv_jw_str(struct pv_jw *w, const char *s);
/* "key": (a comma first when comma is nonzero). */
void pv_jw_key(struct pv_jw *w, int comma, const char *key);
void pv_jw_u64(struct pv_jw *w, uint64_t v);
void pv_jw_i64(struct pv_jw *w, int64_t v);
/* v / 10^decimals, exactly (decimals 1..9), e.g. nanoseconds as
 * microseconds with 3 decimals; trailing zeros are dropped. */
void pv_jw_fixed(struct pv_jw *w, int64_t v, int decimals);
/* A finite double with up to 12 significant digits (others: 0). */
void pv_jw_double(struct pv_jw *w, double v);
/* Writing in place, for hot loops: pv_jw_room returns where n more bytes
 * (n <= sizeof(w->buf)) may go, flushing first when needed; then
 * pv_jw_wrote(w, end) with the end of what was written there. */
char *pv_jw_room_slow(struct pv_jw *w, size_t n);
static inline char *pv_jw_room(struct pv_jw *w, size_t n)
{
	if (n <= sizeof(w->buf) - w->len)
		return w->buf + w->len;
	return pv_jw_room_slow(w, n);
}
static inline void pv_jw_wrote(struct pv_jw *w, char *end)
{
	w->len = (size_t)(end - w->buf);
}
/* pv_jw_u64(v) and pv_jw_fixed(v, 3) written at p (room for PV_JW_NUM
 * bytes); each returns the end. */
#define PV_JW_NUM 24
char *pv_jw_fmt_u64(char *p, uint64_t v);
char *pv_jw_fmt_fixed3(char *p, int64_t v);
/* Flushes to the FILE; returns 0, or -1 when any write failed. */
int pv_jw_finish(struct pv_jw *w);

#endif
