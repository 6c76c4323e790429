/* hash.c - byte hashing and the open-addressing row index (pv_hash.h). */
#include <stdlib.h>
#include <string.h>

#include "profile/pv_hash.h"

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

void pv_rowindex_init(struct pv_rowindex *ix)
{
	ix->slot = NULL;
	ix->tag = NULL;
	ix->cap = 0;
	ix->n = 0;
}

void pv_rowindex_release(struct pv_rowindex *ix)
{
	free(ix->slot);
	free(ix->tag);
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
		uint32_t s = ix->slot[i];
		if (!s)
			return UINT32_MAX;
		if (ix->tag[i] == tag && eq(ctx, s - 1))
			return s - 1;
	}
}

/* The bucket comes from the 32-bit tag alone, so growing the table needs
 * no access to the rows' keys. */
static void place(uint32_t *slot, uint32_t *tags, size_t mask, uint32_t tag,
		  uint32_t s)
{
	size_t i;

	for (i = tag & mask; slot[i]; i = (i + 1) & mask)
		;
	slot[i] = s;
	tags[i] = tag;
}

int pv_rowindex_insert(struct pv_rowindex *ix, uint64_t hash, uint32_t row)
{
	if ((ix->n + 1) * 4 > ix->cap * 3) {
		size_t ncap = ix->cap ? ix->cap * 2 : 64;
		uint32_t *ns = calloc(ncap, sizeof(*ns));
		uint32_t *nt = calloc(ncap, sizeof(*nt));
		if (!ns || !nt) {
			free(ns);
			free(nt);
			return -1;
		}
		for (size_t i = 0; i < ix->cap; i++) {
			if (ix->slot[i])
				place(ns, nt, ncap - 1, ix->tag[i],
				      ix->slot[i]);
		}
		free(ix->slot);
		free(ix->tag);
		ix->slot = ns;
		ix->tag = nt;
		ix->cap = ncap;
	}
	place(ix->slot, ix->tag, ix->cap - 1, (uint32_t)hash, row + 1);
	ix->n++;
	return 0;
}
