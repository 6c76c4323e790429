/* logwriter.c - vmprof log writer for tests (logwriter.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/support/logwriter.h"

static void put(struct logw *w, const void *p, size_t n)
{
	if (w->len + n > w->cap) {
		size_t ncap = w->cap ? w->cap * 2 : 4096;
		while (ncap < w->len + n)
			ncap *= 2;
		w->buf = realloc(w->buf, ncap);
		if (!w->buf)
			abort();
		w->cap = ncap;
	}
	memcpy(w->buf + w->len, p, n);
	w->len += n;
}

static void put_int(struct logw *w, uint64_t v, int size)
{
	unsigned char b[8];

	for (int i = 0; i < size; i++) {
		int shift = w->be ? (size - 1 - i) * 8 : i * 8;
		b[i] = (unsigned char)(v >> shift);
	}
	put(w, b, (size_t)size);
}

void logw_u8(struct logw *w, unsigned v)
{
	unsigned char b = (unsigned char)v;
	put(w, &b, 1);
}

void logw_word(struct logw *w, int64_t v) { put_int(w, (uint64_t)v, w->W); }
void logw_addr(struct logw *w, uint64_t v) { put_int(w, v, w->A); }
void logw_i64(struct logw *w, int64_t v) { put_int(w, (uint64_t)v, 8); }
void logw_bytes(struct logw *w, const void *p, size_t n) { put(w, p, n); }

void logw_init(struct logw *w, int word_size, int big_endian, int win64,
	       long period_usec)
{
	memset(w, 0, sizeof(*w));
	w->W = word_size;
	w->A = win64 ? 8 : word_size;
	w->be = big_endian;
	logw_word(w, 0);
	logw_word(w, 3);
	logw_word(w, 0);
	logw_word(w, period_usec);
	logw_word(w, win64 ? 1 : 0);
}

void logw_free(struct logw *w)
{
	free(w->buf);
	memset(w, 0, sizeof(*w));
}

void logw_header(struct logw *w, int version, unsigned flags,
		 const char *interp)
{
	size_t n = strlen(interp);

	w->version = version;
	w->flags = version >= 4 ? flags : 0;
	if (version == 0) {
		logw_u8(w, 0x04);
		logw_u8(w, (unsigned)n);
		put(w, interp, n);
		return;
	}
	logw_u8(w, 0x05);
	logw_u8(w, 0);
	logw_u8(w, (unsigned)version);
	if (version >= 4)
		logw_u8(w, flags);
	logw_u8(w, (unsigned)n);
	put(w, interp, n);
}

void logw_time(struct logw *w, int64_t sec, int64_t usec)
{
	logw_u8(w, 0x06);
	logw_i64(w, sec);
	logw_i64(w, usec);
	put(w, "\0\0\0\0\0\0\0\0", 8);
}

void logw_meta(struct logw *w, const char *key, const char *val)
{
	logw_u8(w, 0x07);
	logw_word(w, (int64_t)strlen(key));
	put(w, key, strlen(key));
	logw_word(w, (int64_t)strlen(val));
	put(w, val, strlen(val));
}

void logw_name(struct logw *w, unsigned marker, uint64_t key,
	       const char *text)
{
	logw_u8(w, marker);
	logw_addr(w, key);
	logw_word(w, (int64_t)strlen(text));
	put(w, text, strlen(text));
}

void logw_sample(struct logw *w, const uint64_t *slots, size_t depth,
		 uint64_t thread, uint64_t mem_kib, double time)
{
	logw_u8(w, 0x01);
	if (w->version >= 7) {
		uint64_t bits;
		memcpy(&bits, &time, 8);
		put_int(w, bits, 8);
	} else {
		logw_word(w, 1);
	}
	logw_word(w, (int64_t)depth);
	for (size_t i = 0; i < depth; i++)
		logw_addr(w, slots[i]);
	if (w->version >= 1)
		logw_addr(w, thread);
	if ((w->version >= 4 && (w->flags & 1)) || w->version == 3)
		logw_addr(w, mem_kib);
}

void logw_trailer(struct logw *w, int64_t sec, int64_t usec)
{
	logw_u8(w, 0x03);
	if (w->version >= 5) {
		logw_i64(w, sec);
		logw_i64(w, usec);
		put(w, "\0\0\0\0\0\0\0\0", 8);
	}
}

int logw_save(const struct logw *w, const char *path)
{
	FILE *f = fopen(path, "wb");
	int ok;

	if (!f)
		return -1;
	ok = fwrite(w->buf, 1, w->len, f) == w->len;
	ok &= fclose(f) == 0;
	return ok ? 0 : -1;
}
