/* pv_reader.h - the whole public surface of reader/: vmprof log bytes in,
 * profile rows out.
 *
 * Every format version (0-7), 4- and 8-byte words, both byte orders, the
 * Windows-64 layout, gzip and zstd input.  Reading a log adds one source
 * to the profile; reading several into the same profile merges them.
 *
 * Return values: 0 when the log was read, including logs damaged after
 * the header (then source->truncated is set, the damage is described in
 * source->damage and reported once through opts->warn); PV_EFORMAT with
 * err->offset when the header cannot be read; PV_EIO, PV_ENOMEM, PV_ELIMIT.
 */
#ifndef PV_READER_H
#define PV_READER_H

#include <stddef.h>
#include <stdint.h>

#include "profile/pv_error.h"
#include "profile/pv_profile.h"

struct pv_read_opts {
	const char *path;        /* recorded in the source row ("" if NULL) */
	uint32_t max_depth;      /* slots per sample; 0 = 65536 */
	uint32_t max_string;     /* bytes per symbol/meta text; 0 = 1 MiB */
	uint64_t max_samples;    /* 0 = no limit */
	struct pv_warner warn;   /* damage, quirks fixed up, missing trailer */
	unsigned threads;        /* threads one input may use; 0 or 1: this
				  * one only (folded stacks use two) */
};

/* Reads the log from fd (not closed) into p. */
int pv_reader_read_fd(struct pv_profile *p, int fd,
		      const struct pv_read_opts *opts, uint32_t *source,
		      struct pv_error *err);
/* Reads the log held in buf[0..len) into p (tests and fuzzers). */
int pv_reader_parse(struct pv_profile *p, const void *buf, size_t len,
		    const struct pv_read_opts *opts, uint32_t *source,
		    struct pv_error *err);

/* The bytes of a log as the reader sees them (gzip and zstd input
 * decompressed), for tools that copy a log: offsets match the ones the
 * reader reports (struct pv_source records_end, truncated_offset).
 * open reads from fd (not closed) when fd >= 0, else from buf[0..len)
 * (borrowed until free).  read gives *got = 0 at the end; a damaged
 * compressed stream simply ends where its good bytes end.  All return 0
 * or PV_EIO/PV_ENOMEM.  free accepts NULL. */
struct pv_reader_stream;
int pv_reader_stream_open(struct pv_reader_stream **out, int fd,
			  const void *buf, size_t len, struct pv_error *err);
int pv_reader_stream_read(struct pv_reader_stream *s, void *buf, size_t n,
			  size_t *got, struct pv_error *err);
/* "none", "gzip" or "zstd". */
const char *pv_reader_stream_codec(const struct pv_reader_stream *s);
void pv_reader_stream_free(struct pv_reader_stream *s);

/* Human name of a record marker ("stack sample", ...). */
const char *pv_reader_marker_name(unsigned marker);

#endif
