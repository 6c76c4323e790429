/* stream.c - the public face of input.h: a log's decompressed bytes for
 * tools that copy a log rather than read it into a profile (profview
 * symbolize adds records to a copy).  Same codecs, same offsets as the
 * reader, so an offset the reader reported points at the same byte. */
#include <stdlib.h>

#include "reader/input.h"
#include "reader/pv_reader.h"

struct pv_reader_stream {
	struct input in;
};

int pv_reader_stream_open(struct pv_reader_stream **out, int fd,
			  const void *buf, size_t len, struct pv_error *err)
{
	struct pv_reader_stream *s = calloc(1, sizeof(*s));
	int rc;

	*out = NULL;
	if (!s)
		return pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET,
				    "out of memory");
	rc = fd >= 0 ? input__open_fd(&s->in, fd, err) :
		       input__open_mem(&s->in, buf, len, err);
	if (rc < 0) {
		pv_reader_stream_free(s);
		return rc;
	}
	*out = s;
	return 0;
}

int pv_reader_stream_read(struct pv_reader_stream *s, void *buf, size_t n,
			  size_t *got, struct pv_error *err)
{
	return input__read(&s->in, buf, n, got, err);
}

const char *pv_reader_stream_codec(const struct pv_reader_stream *s)
{
	return input__codec_name(&s->in);
}

void pv_reader_stream_free(struct pv_reader_stream *s)
{
	if (!s)
		return;
	input__close(&s->in);
	free(s);
}
