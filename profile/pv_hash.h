/* pv_hash.h - hashing and an open-addressing index of table rows.
 *
 * The index stores row numbers only; the caller's rows hold the keys, and
 * an equality callback compares a probe key with a row.  Shared by the
 * model's interning tables, the reader's stack cache and the views.
 */
#ifndef PV_HASH_H
#define PV_HASH_H

#include <stddef.h>
#include <stdint.h>

static inline uint64_t pv_hash_mix(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h;
}

static inline uint64_t pv_hash_combine(uint64_t h, uint64_t v)
{
	return pv_hash_mix(h ^ (v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2)));
}

/* Fast hash of a byte string (8 bytes a step). */
uint64_t pv_hash_bytes(const void *data, size_t len, uint64_t seed);

/* A slot keeps its tag beside its row: a probe into a table of millions
 * of rows then costs one cache miss, not two. */
struct pv_rowslot {
	uint32_t row;     /* row + 1, 0 = empty */
	uint32_t tag;     /* low 32 bits of the row's hash: skips compares */
};

struct pv_rowindex {
	struct pv_rowslot *slot;
	size_t cap;       /* power of two */
	size_t n;
};

/* eq(ctx, row) says whether row holds the probed key. */
typedef int (*pv_row_eq)(const void *ctx, uint32_t row);

void pv_rowindex_init(struct pv_rowindex *ix);
void pv_rowindex_release(struct pv_rowindex *ix);
/* Row holding the key, or UINT32_MAX. */
uint32_t pv_rowindex_find(const struct pv_rowindex *ix, uint64_t hash,
			  pv_row_eq eq, const void *ctx);
/* Records that row has this hash (the key must not be present yet).
 * Returns 0, or -1 when memory runs out (never after a reserve). */
int pv_rowindex_insert(struct pv_rowindex *ix, uint64_t hash, uint32_t row);
/* Makes room for n rows in all, so that inserts up to there cannot fail
 * or move the table.  Returns 0 or -1. */
int pv_rowindex_reserve(struct pv_rowindex *ix, size_t n);
/* Asks the CPU to fetch the slot a probe for hash starts at (a batch of
 * inserts then waits for its cache misses once, not once each). */
static inline void pv_rowindex_prefetch(const struct pv_rowindex *ix,
					uint64_t hash)
{
#if defined(__GNUC__) || defined(__clang__)
	if (ix->cap)
		__builtin_prefetch(&ix->slot[(uint32_t)hash & (ix->cap - 1)],
				   1);
#else
	(void)ix;
	(void)hash;
#endif
}

#endif
