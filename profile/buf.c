/* buf.c - the growable buffer (see pv_buf.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "profile/pv_buf.h"

#define MIN_ALLOC 64

void pv_buf_init(struct pv_buf *b, size_t max)
{
	b->data = NULL;
	b->len = 0;
	b->alloc = 0;
	b->max = max > PV_BUF_NOLIMIT ? PV_BUF_NOLIMIT : max;
	b->status = 0;
}

void pv_buf_release(struct pv_buf *b)
{
	free(b->data);
	pv_buf_init(b, b->max);
}

void pv_buf_reset(struct pv_buf *b)
{
	b->len = 0;
	b->status = 0;
	if (b->data)
		b->data[0] = '\0';
}

static int fail(struct pv_buf *b, int status)
{
	free(b->data);
	b->data = NULL;
	b->len = 0;
	b->alloc = 0;
	b->status = status;
	return status;
}

/* Makes room for len + n bytes and the NUL after them. */
static int room(struct pv_buf *b, size_t n)
{
	size_t max = b->max ? b->max : PV_BUF_NOLIMIT, need, na;
	unsigned char *nd;

	if (b->status)
		return b->status;
	if (n > max - b->len)
		return fail(b, PV_ELIMIT);
	need = b->len + n + 1;
	if (need <= b->alloc)
		return 0;
	na = b->alloc ? b->alloc : MIN_ALLOC;
	while (na < need)
		na *= 2;   /* cannot wrap: need <= max + 1 < SIZE_MAX / 2 */
	if (na > max + 1)
		na = max + 1;
	nd = realloc(b->data, na);
	if (!nd)
		return fail(b, PV_ENOMEM);
	b->data = nd;
	b->alloc = na;
	return 0;
}

int pv_buf_add(struct pv_buf *b, const void *mem, size_t n)
{
	PV_TRY(room(b, n));
	if (n)
		memcpy(b->data + b->len, mem, n);
	b->len += n;
	b->data[b->len] = '\0';
	return 0;
}

int pv_buf_adds(struct pv_buf *b, const char *s)
{
	return pv_buf_add(b, s, strlen(s));
}

int pv_buf_addf(struct pv_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (b->status)
		return b->status;
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return fail(b, PV_ERR);
	PV_TRY(room(b, (size_t)n));
	va_start(ap, fmt);
	vsnprintf((char *)b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	return 0;
}

void *pv_buf_extend(struct pv_buf *b, size_t n)
{
	unsigned char *at;

	if (room(b, n))
		return NULL;
	at = b->data + b->len;
	memset(at, 0, n + 1);
	b->len += n;
	return at;
}

int pv_buf_reserve(struct pv_buf *b, size_t n)
{
	PV_TRY(room(b, n));
	b->data[b->len] = '\0';
	return 0;
}

void pv_buf_setlen(struct pv_buf *b, size_t n)
{
	if (!b->data)
		return;
	b->len = n < b->alloc ? n : b->alloc - 1;
	b->data[b->len] = '\0';
}

void *pv_buf_detach(struct pv_buf *b, size_t *len)
{
	void *d = b->data;

	if (len)
		*len = b->len;
	pv_buf_init(b, b->max);
	return d;
}

int pv_buf_error(const struct pv_buf *b, const char *what,
		 struct pv_error *err)
{
	if (!b->status)
		return 0;
	if (b->status == PV_ELIMIT)
		return pv_error_set(err, PV_ELIMIT, PV_NO_OFFSET,
				    "%s larger than %zu bytes", what, b->max);
	if (b->status == PV_ENOMEM)
		return pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET,
				    "out of memory");
	return pv_error_set(err, b->status, PV_NO_OFFSET,
			    "cannot format %s", what);
}
