/* hash.c - byte hashing and the open-addressing row index (pv_hash.h). */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "profile/pv_hash.h"

#ifdef __SIZEOF_INT128__
/* 64x64->128 multiply folded to 64 bits: one instruction on 64-bit
 * machines and it mixes every input bit into the result. */
static inline uint64_t fold(uint64_t a, uint64_t b)
{
	unsigned __int128 m = (unsigned __int128)a * b;
	return (uint64_t)m ^ (uint64_t)(m >> 64);
}

static inline uint64_t load64(const unsigned char *p)
{
	uint64_t x;
	memcpy(&x, p, 8);
	return x;
}

/* Four lanes, each chained through its own state so that the order of
 * the 16-byte blocks matters, and independent of each other so that the
 * multiplier never waits: the reader hashes every sample's slot bytes
 * (1 GB for a 1 GB log), so this loop is the reader's hot spot. */
uint64_t pv_hash_bytes(const void *data, size_t len, uint64_t seed)
{
	static const uint64_t k[8] = {
		0x243f6a8885a308d3ULL, 0x13198a2e03707344ULL,
		0xa4093822299f31d0ULL, 0x082efa98ec4e6c89ULL,
		0x452821e638d01377ULL, 0xbe5466cf34e90c6cULL,
		0xc0ac29b7c97c50ddULL, 0x3f84d5b5b5470917ULL,
	};
	const unsigned char *p = data;
	uint64_t a = seed ^ k[0], b = seed ^ k[2], c = seed ^ k[4],
		 d = seed ^ k[6];
	uint64_t x = 0, y = 0;
	size_t n = len;

	while (n >= 64) {
		a = fold(load64(p) ^ a, load64(p + 8) ^ k[1]);
		b = fold(load64(p + 16) ^ b, load64(p + 24) ^ k[3]);
		c = fold(load64(p + 32) ^ c, load64(p + 40) ^ k[5]);
		d = fold(load64(p + 48) ^ d, load64(p + 56) ^ k[7]);
		p += 64;
		n -= 64;
	}
	while (n >= 16) {
		a = fold(load64(p) ^ a, load64(p + 8) ^ k[1]);
		p += 16;
		n -= 16;
	}
	if (n >= 8) {
		x = load64(p);
		p += 8;
		n -= 8;
	}
	if (n)
		memcpy(&y, p, n);
	a = fold(x ^ a, y ^ k[3]);
	return pv_hash_mix(fold(a ^ c, b ^ d ^ k[5]) ^
			   (len * 0x9e3779b97f4a7c15ULL));
}
#else
uint64_t pv_hash_bytes(const void *data, size_t len, uint64_t seed)
{
	const unsigned char *p = data;
	uint64_t h = seed ^ (len * 0x9e3779b97f4a7c15ULL);
	uint64_t a = 0x243f6a8885a308d3ULL, b = 0x13198a2e03707344ULL;

	/* Two independent lanes keep the multiplier pipeline busy on long
	 * stacks (a sample is often 1-4 KiB of slots). */
	while (len >= 16) {
		uint64_t x, y;
		memcpy(&x, p, 8);
		memcpy(&y, p + 8, 8);
		a = (a ^ x) * 0x9fb21c651e98df25ULL;
		b = (b ^ y) * 0xc2b2ae3d27d4eb4fULL;
		a ^= a >> 29;
		b ^= b >> 31;
		p += 16;
		len -= 16;
	}
	if (len >= 8) {
		uint64_t x;
		memcpy(&x, p, 8);
		a = (a ^ x) * 0x9fb21c651e98df25ULL;
		p += 8;
		len -= 8;
	}
	if (len) {
		uint64_t x = 0;
		memcpy(&x, p, len);
		b = (b ^ x) * 0xc2b2ae3d27d4eb4fULL;
	}
	return pv_hash_mix(h ^ a ^ pv_hash_mix(b));
}
#endif

void pv_rowindex_init(struct pv_rowindex *ix)
{
	ix->slot = NULL;
	ix->cap = 0;
	ix->n = 0;
}

void pv_rowindex_release(struct pv_rowindex *ix)
{
	free(ix->slot);
	pv_rowindex_init(ix);
}

uint32_t pv_rowindex_find(const struct pv_rowindex *ix, uint64_t hash,
			  pv_row_eq eq, const void *ctx)
{
	size_t mask, i;
	uint32_t tag = (uint32_t)hash;

	if (!ix->cap)
		return UINT32_MAX;
	mask = ix->cap - 1;
	for (i = tag & mask;; i = (i + 1) & mask) {
		struct pv_rowslot s = ix->slot[i];
		if (!s.row)
			return UINT32_MAX;
		if (s.tag == tag && eq(ctx, s.row - 1))
			return s.row - 1;
	}
}

/* The bucket comes from the 32-bit tag alone, so growing the table needs
 * no access to the rows' keys. */
static void place(struct pv_rowslot *slot, size_t mask, uint32_t tag,
		  uint32_t row1)
{
	size_t i;

	for (i = tag & mask; slot[i].row; i = (i + 1) & mask)
		;
	slot[i].row = row1;
	slot[i].tag = tag;
}

#define HUGE_PAGE ((size_t)2 << 20)

/* Zeroed slots.  A big table is probed at random, a cache miss and a
 * TLB miss each time: on huge pages (where the system lends them) the
 * TLB covers it, and zeroing it up front costs one page fault per page
 * instead of a read fault and a copy-on-write fault in probe order. */
static struct pv_rowslot *alloc_slots(size_t n)
{
	size_t bytes = n * sizeof(struct pv_rowslot);
	void *p;

	if (bytes < 4 * HUGE_PAGE)
		return calloc(n, sizeof(struct pv_rowslot));
	if (posix_memalign(&p, HUGE_PAGE, bytes))
		return NULL;
#ifdef MADV_HUGEPAGE
	madvise(p, bytes, MADV_HUGEPAGE);   /* a hint: failure is fine */
#endif
	memset(p, 0, bytes);
	return p;
}

int pv_rowindex_reserve(struct pv_rowindex *ix, size_t n)
{
	size_t ncap = ix->cap ? ix->cap : 64;
	struct pv_rowslot *ns;

	while (n * 4 > ncap * 3)
		ncap *= 2;
	if (ncap == ix->cap)
		return 0;
	ns = alloc_slots(ncap);
	if (!ns)
		return -1;
	/* the new slots are far apart: ask for each a few rows ahead */
	for (size_t i = 0; i < ix->cap; i++) {
#if defined(__GNUC__) || defined(__clang__)
		if (i + 16 < ix->cap)
			__builtin_prefetch(&ns[ix->slot[i + 16].tag &
					       (ncap - 1)], 1);
#endif
		if (ix->slot[i].row)
			place(ns, ncap - 1, ix->slot[i].tag, ix->slot[i].row);
	}
	free(ix->slot);
	ix->slot = ns;
	ix->cap = ncap;
	return 0;
}

int pv_rowindex_insert(struct pv_rowindex *ix, uint64_t hash, uint32_t row)
{
	if (pv_rowindex_reserve(ix, ix->n + 1))
		return -1;
	place(ix->slot, ix->cap - 1, (uint32_t)hash, row + 1);
	ix->n++;
	return 0;
}
