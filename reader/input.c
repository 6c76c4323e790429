/* input.c - raw, gzip and zstd byte sources for the reader (input.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "profile/pv_error.h"
#include "reader/input.h"

#define CBUF_SIZE (256 * 1024)
/* what the codec check reads first */
#define PEEK_SIZE 4096

/* Reads raw (possibly compressed) bytes from the fd or memory. */
static int raw_read(struct input *in, unsigned char *buf, size_t n,
		    size_t *got, struct pv_error *err)
{
	*got = 0;
	if (in->raw_eof)
		return 0;
	if (in->fd < 0) {
		size_t left = in->mem_len - in->mem_pos;
		if (n > left)
			n = left;
		memcpy(buf, in->mem + in->mem_pos, n);
		in->mem_pos += n;
		*got = n;
	} else {
		ssize_t r;
		do
			r = read(in->fd, buf, n);
		while (r < 0 && errno == EINTR);
		if (r < 0)
			return pv_error_set(err, PV_EIO, PV_NO_OFFSET,
					    "read failed: %s",
					    strerror(errno));
		*got = (size_t)r;
	}
	if (!*got)
		in->raw_eof = 1;
	return 0;
}

/* Tops up cbuf with raw bytes; keeps what has not been consumed. */
static int fill_cbuf(struct input *in, struct pv_error *err)
{
	size_t got;

	if (in->cbuf_pos > 0 && in->cbuf_pos < in->cbuf_len)
		memmove(in->cbuf, in->cbuf + in->cbuf_pos,
			in->cbuf_len - in->cbuf_pos);
	in->cbuf_len -= in->cbuf_pos;
	in->cbuf_pos = 0;
	if (in->cbuf_len == in->cbuf_cap)
		return 0;
	PV_TRY(raw_read(in, in->cbuf + in->cbuf_len,
			in->cbuf_cap - in->cbuf_len, &got, err));
	in->cbuf_len += got;
	return 0;
}

static int open_common(struct input *in, struct pv_error *err)
{
	unsigned char *nb;

	/* Peek at the magic bytes through a small buffer: plain input then
	 * goes straight from the file to the reader's window (one copy of
	 * the first PEEK_SIZE bytes at most), and only a compressed stream
	 * gets the big buffer.  malloc, not calloc: cbuf[cbuf_len..) is
	 * never read, and zeroing it cost a page fault per 4 KB per log. */
	in->cbuf_cap = PEEK_SIZE;
	if (in->fd < 0 && in->mem_len < PEEK_SIZE)
		in->cbuf_cap = in->mem_len < 64 ? 64 : in->mem_len;
	in->cbuf = malloc(in->cbuf_cap);
	if (!in->cbuf)
		return pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET,
				    "out of memory");
	memset(in->cbuf, 0, 4);   /* the magic check below reads 4 */
	/* read until 4 bytes or the end */
	while (in->cbuf_len < 4 && !in->raw_eof)
		PV_TRY(fill_cbuf(in, err));
	if (in->cbuf_len >= 2 && in->cbuf[0] == 0x1f && in->cbuf[1] == 0x8b) {
		in->codec = INPUT_GZIP;
		memset(&in->z, 0, sizeof(in->z));
		if (inflateInit2(&in->z, 15 + 16) != Z_OK)
			return pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET,
					    "cannot start gzip decoder");
		in->z_live = 1;
	} else if (in->cbuf_len >= 4 && in->cbuf[0] == 0x28 &&
		   in->cbuf[1] == 0xb5 && in->cbuf[2] == 0x2f &&
		   in->cbuf[3] == 0xfd) {
		in->codec = INPUT_ZSTD;
		in->zs = ZSTD_createDStream();
		if (!in->zs || ZSTD_isError(ZSTD_initDStream(in->zs)))
			return pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET,
					    "cannot start zstd decoder");
		in->zs_hint = 1;
	}
	if (in->codec != INPUT_NONE && in->cbuf_cap < CBUF_SIZE &&
	    (in->fd >= 0 || in->mem_len > in->cbuf_cap)) {
		size_t cap = CBUF_SIZE;
		if (in->fd < 0 && in->mem_len < cap)
			cap = in->mem_len;
		nb = realloc(in->cbuf, cap);
		if (!nb)
			return pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET,
					    "out of memory");
		in->cbuf = nb;
		in->cbuf_cap = cap;
	}
	return 0;
}

int input__open_fd(struct input *in, int fd, struct pv_error *err)
{
	memset(in, 0, sizeof(*in));
	in->fd = fd;
	return open_common(in, err);
}

int input__open_mem(struct input *in, const void *mem, size_t len,
		    struct pv_error *err)
{
	memset(in, 0, sizeof(*in));
	in->fd = -1;
	in->mem = mem;
	in->mem_len = len;
	return open_common(in, err);
}

static void set_damaged(struct input *in, const char *why)
{
	if (!in->damaged) {
		in->damaged = 1;
		snprintf(in->why, sizeof(in->why), "%s", why);
	}
}

static int read_gzip(struct input *in, unsigned char *buf, size_t n,
		     size_t *got, struct pv_error *err)
{
	*got = 0;
	while (*got == 0 && !in->z_ended) {
		int zr;
		if (in->cbuf_pos == in->cbuf_len) {
			PV_TRY(fill_cbuf(in, err));
			if (in->cbuf_len == 0) {
				set_damaged(in, "gzip stream ends early");
				in->z_ended = 1;
				break;
			}
		}
		in->z.next_in = in->cbuf + in->cbuf_pos;
		in->z.avail_in = (uInt)(in->cbuf_len - in->cbuf_pos);
		in->z.next_out = buf;
		in->z.avail_out = (uInt)(n > UINT32_MAX ? UINT32_MAX : n);
		zr = inflate(&in->z, Z_NO_FLUSH);
		in->cbuf_pos = in->cbuf_len - in->z.avail_in;
		*got = (size_t)(in->z.next_out - buf);
		if (zr == Z_STREAM_END) {
			/* another member may follow (concatenated gzip) */
			if (in->cbuf_pos == in->cbuf_len)
				PV_TRY(fill_cbuf(in, err));
			if (in->cbuf_pos < in->cbuf_len &&
			    in->cbuf[in->cbuf_pos] == 0x1f)
				inflateReset(&in->z);
			else
				in->z_ended = 1;
		} else if (zr == Z_BUF_ERROR && in->z.avail_in == 0) {
			continue;   /* needs more input */
		} else if (zr != Z_OK) {
			set_damaged(in, "gzip data is corrupt");
			in->z_ended = 1;
		}
	}
	return 0;
}

static int read_zstd(struct input *in, unsigned char *buf, size_t n,
		     size_t *got, struct pv_error *err)
{
	*got = 0;
	while (*got == 0 && !in->z_ended) {
		ZSTD_inBuffer ib;
		ZSTD_outBuffer ob = { buf, n, 0 };
		size_t r;
		if (in->cbuf_pos == in->cbuf_len) {
			PV_TRY(fill_cbuf(in, err));
			if (in->cbuf_len == 0) {
				if (in->zs_hint != 0)
					set_damaged(in, "zstd stream ends early");
				in->z_ended = 1;
				break;
			}
		}
		ib.src = in->cbuf + in->cbuf_pos;
		ib.size = in->cbuf_len - in->cbuf_pos;
		ib.pos = 0;
		r = ZSTD_decompressStream(in->zs, &ob, &ib);
		in->cbuf_pos += ib.pos;
		*got = ob.pos;
		if (ZSTD_isError(r)) {
			char why[160];
			snprintf(why, sizeof(why), "zstd data is corrupt (%s)",
				 ZSTD_getErrorName(r));
			set_damaged(in, why);
			in->z_ended = 1;
		}
		in->zs_hint = ZSTD_isError(r) ? 0 : r;
	}
	return 0;
}

int input__read(struct input *in, void *buf, size_t n, size_t *got,
		struct pv_error *err)
{
	if (in->codec == INPUT_GZIP)
		return read_gzip(in, buf, n, got, err);
	if (in->codec == INPUT_ZSTD)
		return read_zstd(in, buf, n, got, err);
	/* plain: first hand out the peeked bytes, then read straight into
	 * the caller's buffer (no extra copy) */
	if (in->cbuf_pos < in->cbuf_len) {
		size_t k = in->cbuf_len - in->cbuf_pos;
		if (k > n)
			k = n;
		memcpy(buf, in->cbuf + in->cbuf_pos, k);
		in->cbuf_pos += k;
		*got = k;
		return 0;
	}
	return raw_read(in, buf, n, got, err);
}

void input__close(struct input *in)
{
	if (in->z_live)
		inflateEnd(&in->z);
	if (in->zs)
		ZSTD_freeDStream(in->zs);
	free(in->cbuf);
	in->cbuf = NULL;
	in->z_live = 0;
	in->zs = NULL;
}

const char *input__codec_name(const struct input *in)
{
	return in->codec == INPUT_GZIP ? "gzip" :
	       in->codec == INPUT_ZSTD ? "zstd" : "none";
}
