/* maps.c - parser for the text of /proc/PID/maps.
 *
 * Works on a buffer of untrusted bytes (a file copied from another host,
 * possibly edited or cut): no terminator is assumed, every field is
 * bounds-checked, and numbers that overflow 64 bits are malformed rather
 * than silently wrapped.  The line format, from proc(5):
 *   START-END PERMS OFFSET MAJOR:MINOR INODE [PATH]
 */
#include <string.h>

#include "symbolizer/sym_internal.h"

struct cursor {
	const char *p, *end;
};

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* At least one hex digit, at most 16 (more would overflow). */
static int read_hex(struct cursor *c, uint64_t *out)
{
	uint64_t v = 0;
	int n = 0, d;

	while (c->p < c->end && (d = hexval(*c->p)) >= 0) {
		if (++n > 16)
			return -1;
		v = v << 4 | (uint64_t)d;
		c->p++;
	}
	*out = v;
	return n ? 0 : -1;
}

static int read_dec(struct cursor *c, uint64_t *out)
{
	uint64_t v = 0;
	int n = 0;

	while (c->p < c->end && *c->p >= '0' && *c->p <= '9') {
		unsigned d = (unsigned)(*c->p - '0');

		if (v > (UINT64_MAX - d) / 10)
			return -1;
		v = v * 10 + d;
		n++;
		c->p++;
	}
	*out = v;
	return n ? 0 : -1;
}

static int expect(struct cursor *c, char ch)
{
	if (c->p >= c->end || *c->p != ch)
		return -1;
	c->p++;
	return 0;
}

/* One or more blanks (the kernel pads the inode column with spaces). */
static int blanks(struct cursor *c)
{
	const char *start = c->p;

	while (c->p < c->end && (*c->p == ' ' || *c->p == '\t'))
		c->p++;
	return c->p > start ? 0 : -1;
}

static int parse_line(const char *line, size_t len, struct pv_sym__mapping *m)
{
	static const char deleted[] = " (deleted)";
	const size_t ndeleted = sizeof(deleted) - 1;
	struct cursor c = { line, line + len };
	uint64_t dev;
	int i;

	memset(m, 0, sizeof(*m));
	if (read_hex(&c, &m->start) || expect(&c, '-') ||
	    read_hex(&c, &m->end) || blanks(&c))
		return -1;
	if (m->end < m->start)
		return -1;
	for (i = 0; i < 4; i++) {
		if (c.p >= c.end || *c.p == ' ')
			return -1;
		m->perms[i] = *c.p++;
	}
	if (blanks(&c) || read_hex(&c, &m->pgoff) || blanks(&c) ||
	    read_hex(&c, &dev) || expect(&c, ':') || read_hex(&c, &dev) ||
	    blanks(&c) || read_dec(&c, &m->inode))
		return -1;
	if (c.p < c.end && blanks(&c))
		return -1;
	m->path = c.p;
	m->pathlen = (size_t)(c.end - c.p);
	while (m->pathlen && (m->path[m->pathlen - 1] == ' ' ||
			      m->path[m->pathlen - 1] == '\t'))
		m->pathlen--;
	if (m->pathlen > ndeleted &&
	    !memcmp(m->path + m->pathlen - ndeleted, deleted, ndeleted))
		m->pathlen -= ndeleted;
	return 0;
}

int pv_sym__parse_maps(const char *text, size_t len, pv_sym__map_fn fn,
		       void *ctx, struct pv_error *err)
{
	size_t pos = 0;

	while (pos < len) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - text) : len;
		size_t linelen = end - pos;
		struct pv_sym__mapping m;

		/* tolerate CRLF copies and blank lines */
		if (linelen && text[pos + linelen - 1] == '\r')
			linelen--;
		if (linelen) {
			if (parse_line(text + pos, linelen, &m))
				return pv_error_set(err, PV_EFORMAT, pos,
						    "malformed maps line");
			PV_TRY(fn(ctx, &m, err));
		}
		pos = end + 1;
	}
	return 0;
}
