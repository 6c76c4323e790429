/* reader_int.h - private to reader/: the state of one log being read. */
#ifndef PV_READER_INT_H
#define PV_READER_INT_H

#include <stddef.h>
#include <stdint.h>

#include "profile/pv_buf.h"
#include "profile/pv_hash.h"
#include "profile/pv_profile.h"
#include "reader/input.h"
#include "reader/pv_reader.h"

/* A symbol record kept until the end: names are resolved after the whole
 * log has been read because they may follow the samples that use them. */
struct binding {
	uint64_t key;
	uint32_t seq;        /* file order */
	uint8_t marker;      /* 0x02 or 0x08 */
	uint32_t len;
	const char *text;    /* in the read window, or once the window has
				moved in the profile's arena; not interned */
};

/* One entry of the raw-stack cache: a sample's slot bytes, as they lie in
 * the file, to its stack row. */
struct raw_entry {
	uint64_t hash;
	uint64_t off;        /* into rd.raw */
	uint32_t len;
	uint32_t stack;      /* stack row, or PV_NONE for an empty stack */
};

struct rd {
	struct pv_profile *p;
	uint32_t src;
	const struct pv_read_opts *opts;
	struct pv_error *err;
	struct input in;

	/* buffer window: buf[pos..end) holds file bytes base+pos.. */
	unsigned char *buf;
	size_t cap, pos, end;
	uint64_t base;
	int eof;

	/* layout */
	int W, A, be, version;
	uint8_t flags;
	int has_thread, has_mem, pairs, lines, legacy, v7;
	uint32_t depth_cap;
	uint32_t max_depth, max_string;
	int no_header;   /* the static header's word 3 was not found */

	/* symbol records */
	struct binding *bind;
	uint32_t nbind, bind_cap;
	uint32_t bind_kept;   /* bind[0, bind_kept) texts are in the arena */

	/* raw stack cache */
	struct raw_entry *cache;
	size_t cache_cap, cache_n;
	struct pv_buf raw;       /* the slot bytes the entries point into */
	struct raw_entry last;   /* the previous sample's entry (len 0: none) */

	/* decode scratch: the frames of one stack (struct pv_frame) */
	struct pv_buf fr;

	/* meta keys read so far: hash of the key -> row in source.meta */
	struct pv_rowindex meta_keys;

	/* last thread seen (consecutive samples usually share it) */
	uint64_t last_raw_thread;
	uint32_t last_thread;
	int have_last_thread;

	float last_time;
	uint64_t samples_at_start;   /* p->nsamples before this log */
};

static inline uint64_t rd_u64(const struct rd *r, const unsigned char *b)
{
	uint64_t v;
	__builtin_memcpy(&v, b, 8);
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	return r->be ? __builtin_bswap64(v) : v;
#else
	return r->be ? v : __builtin_bswap64(v);
#endif
}

static inline uint32_t rd_u32(const struct rd *r, const unsigned char *b)
{
	uint32_t v;
	__builtin_memcpy(&v, b, 4);
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	return r->be ? __builtin_bswap32(v) : v;
#else
	return r->be ? v : __builtin_bswap32(v);
#endif
}

/* A W-byte word, sign-extended (lengths are C longs). */
static inline int64_t rd_word(const struct rd *r, const unsigned char *b)
{
	return r->W == 8 ? (int64_t)rd_u64(r, b) : (int64_t)(int32_t)rd_u32(r, b);
}

/* An A-byte value, unsigned (addresses, thread ids, memory). */
static inline uint64_t rd_addr(const struct rd *r, const unsigned char *b)
{
	return r->A == 8 ? rd_u64(r, b) : rd_u32(r, b);
}

/* stack.c */
int rd__sample_stack(struct rd *r, const unsigned char *slots,
		     uint64_t depth, uint32_t *stack);
void rd__stack_release(struct rd *r);
/* folded.c: folded stacks text instead of a vmprof log */
int rd__looks_folded(struct rd *r);
int rd__read_folded(struct rd *r);
/* names.c */
/* Records a symbol record's text (which stays in the read window) for
 * its key.  Returns 0 or a negative code. */
int rd__add_binding(struct rd *r, uint8_t marker, uint64_t key,
		    const unsigned char *text, uint32_t len);
/* Copies the texts still in the read window into the profile's arena;
 * fill() calls it before the window moves.  Returns 0 or PV_ENOMEM. */
int rd__keep_bindings(struct rd *r);
int rd__resolve_names(struct rd *r);
void rd__names_release(struct rd *r);

#endif
