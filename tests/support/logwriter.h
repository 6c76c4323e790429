/* logwriter.h - writes vmprof logs of any layout for tests: word size 4
 * or 8, little or big endian, Windows-64 (4-byte words, 8-byte addresses),
 * any version and mode.  Records are appended to a growable buffer; the
 * caller cuts, corrupts or saves the bytes as it likes.
 */
#ifndef PV_TEST_LOGWRITER_H
#define PV_TEST_LOGWRITER_H

#include <stddef.h>
#include <stdint.h>

struct logw {
	unsigned char *buf;
	size_t len, cap;
	int W, A, be;
	int version;
	unsigned flags;
};

/* Starts a log: static header (period in us; win64 sets A = 8 with W = 4). */
void logw_init(struct logw *w, int word_size, int big_endian, int win64,
	       long period_usec);
void logw_free(struct logw *w);

/* Raw pieces in the log's byte order. */
void logw_u8(struct logw *w, unsigned v);
void logw_word(struct logw *w, int64_t v);     /* W bytes */
void logw_addr(struct logw *w, uint64_t v);    /* A bytes */
void logw_i64(struct logw *w, int64_t v);      /* 8 bytes */
void logw_bytes(struct logw *w, const void *p, size_t n);

/* Records. */
void logw_header(struct logw *w, int version, unsigned flags,
		 const char *interp);                 /* 0x05 (0x04 if v0) */
void logw_time(struct logw *w, int64_t sec, int64_t usec);        /* 0x06 */
void logw_meta(struct logw *w, const char *key, const char *val); /* 0x07 */
void logw_name(struct logw *w, unsigned marker, uint64_t key,
	       const char *text);                     /* 0x02 or 0x08 */
/* 0x01 sample: slots leaf first as given; thread/mem written when the
 * version and flags say so.  v7 logs write time as the count slot. */
void logw_sample(struct logw *w, const uint64_t *slots, size_t depth,
		 uint64_t thread, uint64_t mem_kib, double time);
void logw_trailer(struct logw *w, int64_t sec, int64_t usec);     /* 0x03 */

/* Writes the bytes to path; returns 0 or -1. */
int logw_save(const struct logw *w, const char *path);

#endif
