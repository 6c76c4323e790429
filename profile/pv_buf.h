/* pv_buf.h - the one growable buffer: bytes or an array of items.
 *
 * Modelled on curl's dynbuf.  A buffer has a length cap fixed at
 * pv_buf_init() (a buffer of all zero bytes, as calloc() or `= {0}`
 * make it, is an empty buffer without a cap); an append that would pass it, or an allocation that
 * fails, frees the contents and makes the buffer fail: every later
 * append returns the same status without doing anything, until
 * pv_buf_release() (or pv_buf_reset()) makes it usable again.  So a
 * writer may append several times and check once, and a failure can
 * never leave a buffer silently truncated.
 *
 * While not empty, data is followed by one NUL byte (not counted in
 * len), so a buffer of text is a C string.  An array of items of one
 * type is a buffer whose len is a multiple of the item's size: append
 * with pv_buf_add() or pv_buf_extend(), read it as PV_BUF_ITEMS(b, type)
 * (the memory is aligned for any type), count it with PV_BUF_COUNT().
 * Pointers into data are valid until the next append, reserve or
 * release.
 *
 * The buffer lives in profile/, the bottom layer, so every folder may
 * use it (docs/architecture.md, section 3).
 */
#ifndef PV_BUF_H
#define PV_BUF_H

#include <stddef.h>

#include "profile/pv_error.h"

struct pv_buf {
	unsigned char *data;   /* NULL while nothing was ever appended */
	size_t len;            /* bytes in use */
	size_t alloc;          /* bytes allocated (len + 1 at least) */
	size_t max;            /* cap on len; 0: PV_BUF_NOLIMIT */
	int status;            /* 0, or the failure that emptied it */
};

/* No cap but the address space. */
#define PV_BUF_NOLIMIT ((size_t)-1 / 2)

#define PV_BUF_INIT(max) { NULL, 0, 0, (max), 0 }

/* An empty buffer whose len may never exceed max bytes (0: no cap). */
void pv_buf_init(struct pv_buf *b, size_t max);

/* Frees the contents; the buffer is empty and usable again (same cap). */
void pv_buf_release(struct pv_buf *b);

/* Empties the buffer but keeps its memory; clears a failure. */
void pv_buf_reset(struct pv_buf *b);

/* Appends n bytes from mem.  Returns 0, or PV_ENOMEM when memory runs
 * out, PV_ELIMIT when len would pass the cap, or the earlier failure of
 * a failed buffer; a failure empties the buffer (see above). */
int pv_buf_add(struct pv_buf *b, const void *mem, size_t n);

/* Appends a NUL-terminated string (without its NUL). */
int pv_buf_adds(struct pv_buf *b, const char *s);

/* Appends printf-formatted text. */
int pv_buf_addf(struct pv_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Appends n zero bytes and returns where they start, or NULL on a
 * failure (pv_buf_status() says which). */
void *pv_buf_extend(struct pv_buf *b, size_t n);

/* Makes room for n more bytes after len without appending them (for a
 * read() straight into data + len, followed by pv_buf_setlen()).
 * Returns 0 or a failure as pv_buf_add(). */
int pv_buf_reserve(struct pv_buf *b, size_t n);

/* Sets len to n, which must not exceed len + the room reserved. */
void pv_buf_setlen(struct pv_buf *b, size_t n);

/* Hands the contents to the caller (free() them; NULL when empty) and
 * sets *len (may be NULL) to their length; the buffer is left empty. */
void *pv_buf_detach(struct pv_buf *b, size_t *len);

/* 0, or the failure that emptied the buffer. */
static inline int pv_buf_status(const struct pv_buf *b)
{
	return b->status;
}

/* Fills err with the buffer's failure ("out of memory", or the cap that
 * was passed) and returns it; returns 0 when the buffer has not failed.
 * what names the contents for the limit's message ("symbol table"). */
int pv_buf_error(const struct pv_buf *b, const char *what,
		 struct pv_error *err);

/* The contents as an array of type, and the number of whole items. */
#define PV_BUF_ITEMS(b, type) ((type *)(void *)(b)->data)
#define PV_BUF_COUNT(b, type) ((b)->len / sizeof(type))

#endif
