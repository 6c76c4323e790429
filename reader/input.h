/* input.h - private to reader/: a byte source that hides compression.
 *
 * Reads a file descriptor or a memory buffer; gzip (1f 8b) and zstd
 * (28 b5 2f fd) streams are recognised by their magic bytes and
 * decompressed on the fly, whatever the file is called.
 */
#ifndef PV_READER_INPUT_H
#define PV_READER_INPUT_H

#include <stddef.h>
#include <stdint.h>
#include <zlib.h>
#include <zstd.h>

#include "profile/pv_error.h"

enum input_codec { INPUT_NONE = 0, INPUT_GZIP, INPUT_ZSTD };

struct input {
	int fd;                        /* -1 for memory input */
	const unsigned char *mem;
	size_t mem_len, mem_pos;
	int raw_eof;

	enum input_codec codec;
	unsigned char *cbuf;           /* compressed bytes waiting */
	size_t cbuf_cap, cbuf_pos, cbuf_len;
	z_stream z;
	int z_live, z_ended;
	ZSTD_DStream *zs;
	size_t zs_hint;                /* last ZSTD_decompressStream result */

	int damaged;                   /* the compressed stream is bad/cut */
	char why[160];
};

/* Open over fd (not closed by input_close) or over mem[0..len).  Reads
 * the first bytes to pick the codec.  Returns 0 or a PV_E* code. */
int input__open_fd(struct input *in, int fd, struct pv_error *err);
int input__open_mem(struct input *in, const void *mem, size_t len,
		    struct pv_error *err);
/* Decompressed bytes into buf; *got = 0 at the end (check in->damaged).
 * Returns 0 or PV_EIO/PV_ENOMEM. */
int input__read(struct input *in, void *buf, size_t n, size_t *got,
		struct pv_error *err);
void input__close(struct input *in);
const char *input__codec_name(const struct input *in);

#endif
