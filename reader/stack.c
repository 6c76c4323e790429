/* stack.c - a sample's slots to a stack row.
 *
 * Most samples repeat a stack already seen, so the slot bytes are hashed
 * as they lie in the file and looked up first; only a new byte sequence is
 * decoded (byte order, tags, pairs) and walked into the stack table.
 */
#include <stdlib.h>
#include <string.h>

#include "profile/pv_hash.h"
#include "reader/reader_int.h"

/* Raw bytes kept for exact comparison; past this the cache stops growing
 * (new stacks are still decoded correctly, just not remembered). */
#define RAW_LIMIT ((size_t)64 << 20)

#define FR(r) PV_BUF_ITEMS(&(r)->fr, struct pv_frame)

/* PyPy entry kinds (docs/format.md 6.3) */
enum { K_CODE = 1, K_BLACKHOLE = 2, K_JITTED = 3, K_JITTING = 4, K_GC = 5,
       K_ASSEMBLER = 6, K_NATIVE = 7 };

static int push(struct rd *r, size_t *n, uint64_t addr, uint8_t kind,
		uint32_t line)
{
	struct pv_frame *f = pv_buf_extend(&r->fr, sizeof(*f));

	if (!f)
		return pv_buf_error(&r->fr, "stack", r->err);
	f->addr = addr;
	f->kind = kind;
	f->line = line;
	f->source = r->src;
	f->func = PV_NONE;
	(*n)++;
	return 0;
}

/* Decodes slots (leaf first) into r->fr (leaf first); returns count. */
static int decode(struct rd *r, const unsigned char *slots, uint64_t depth,
		  size_t *count)
{
	size_t A = (size_t)r->A, n = 0;
	struct pv_source *s = &r->p->sources[r->src];

	pv_buf_reset(&r->fr);

	if (r->pairs) {
		uint64_t npairs = depth / 2;
		if (depth & 1)
			s->odd_pairs++;
		for (uint64_t i = 0; i < npairs; i++) {
			uint64_t kind = rd_addr(r, slots + 2 * i * A);
			uint64_t v = rd_addr(r, slots + (2 * i + 1) * A);
			switch (kind) {
			case K_CODE:
				/* (3, X) right inside (1, X): the JIT frame of
				 * the activation the interpreter entered; one
				 * frame, remembered as JIT (docs/semantics.md
				 * section 4) */
				if (n && FR(r)[n - 1].kind == PV_KIND_JIT &&
				    FR(r)[n - 1].addr == v)
					continue;
				PV_TRY(push(r, &n, v, PV_KIND_PYTHON, 0));
				break;
			case K_JITTED:
				PV_TRY(push(r, &n, v, PV_KIND_JIT, 0));
				break;
			case K_ASSEMBLER:
				break;   /* machine code block: not a frame */
			case K_NATIVE:
				PV_TRY(push(r, &n, v & ~(uint64_t)1,
					    PV_KIND_NATIVE, 0));
				break;
			case K_BLACKHOLE:
				PV_TRY(push(r, &n, v, PV_KIND_BLACKHOLE, 0));
				break;
			case K_GC:
				PV_TRY(push(r, &n, v, PV_KIND_GC, 0));
				break;
			default:
				/* unknown kinds stay opaque frames; the kind
				 * is kept in the line field for the name */
				s->unknown_kinds++;
				PV_TRY(push(r, &n, v, PV_KIND_UNKNOWN,
					    (uint32_t)(kind > UINT32_MAX ?
						       UINT32_MAX : kind)));
				break;
			}
		}
	} else if (r->lines) {
		uint64_t npairs = depth / 2;
		if (depth & 1)
			s->odd_pairs++;
		for (uint64_t i = 0; i < npairs; i++) {
			uint64_t line = rd_addr(r, slots + 2 * i * A);
			uint64_t code = rd_addr(r, slots + (2 * i + 1) * A);
			if (code & 1)
				PV_TRY(push(r, &n, code & ~(uint64_t)1,
					    PV_KIND_NATIVE, 0));
			else
				PV_TRY(push(r, &n, code, PV_KIND_PYTHON,
					    (uint32_t)(line > UINT32_MAX ?
						       0 : line)));
		}
	} else {
		for (uint64_t i = 0; i < depth; i++) {
			uint64_t v = rd_addr(r, slots + i * A);
			if (r->legacy)
				/* raw machine stack: named slots are code,
				 * the rest native PCs; decided at the end */
				PV_TRY(push(r, &n, v, PV_KIND_UNKNOWN, 0));
			else if (v & 1)
				PV_TRY(push(r, &n, v & ~(uint64_t)1,
					    PV_KIND_NATIVE, 0));
			else
				PV_TRY(push(r, &n, v, PV_KIND_PYTHON, 0));
		}
	}
	*count = n;
	return 0;
}

static int decode_stack(struct rd *r, const unsigned char *slots,
			uint64_t depth, uint32_t *stack)
{
	size_t n;
	uint32_t prefix = PV_NONE;

	PV_TRY(decode(r, slots, depth, &n));
	r->p->sources[r->src].max_depth =
		n > r->p->sources[r->src].max_depth ?
			(uint32_t)n : r->p->sources[r->src].max_depth;
	/* the file is leaf first; the stack table is root first */
	while (n--) {
		uint32_t frame;
		PV_TRY(pv_profile_add_frame(r->p, &FR(r)[n], &frame, r->err));
		PV_TRY(pv_profile_add_stack(r->p, prefix, frame, &prefix,
					    r->err));
	}
	*stack = prefix;
	return 0;
}

static int cache_grow(struct rd *r)
{
	size_t ncap = r->cache_cap ? r->cache_cap * 2 : 1024;
	struct raw_entry *nc = calloc(ncap, sizeof(*nc));

	if (!nc)
		return -1;
	for (size_t i = 0; i < r->cache_cap; i++) {
		struct raw_entry *e = &r->cache[i];
		size_t j;
		if (!e->len && !e->hash)
			continue;
		for (j = e->hash & (ncap - 1); nc[j].len || nc[j].hash;
		     j = (j + 1) & (ncap - 1))
			;
		nc[j] = *e;
	}
	free(r->cache);
	r->cache = nc;
	r->cache_cap = ncap;
	return 0;
}

int rd__sample_stack(struct rd *r, const unsigned char *slots,
		     uint64_t depth, uint32_t *stack)
{
	size_t len = (size_t)depth * (size_t)r->A, i;
	uint64_t h;
	struct raw_entry *e;

	if (!depth) {
		*stack = PV_NONE;
		return 0;
	}
	/* consecutive samples often repeat a stack (a hot loop), and the
	 * slots are leaf first, so a different stack differs in its first
	 * bytes: comparing with the previous sample first is cheap either
	 * way and saves the hash when it hits */
	if (r->last.len == len &&
	    !memcmp(r->raw.data + r->last.off, slots, len)) {
		*stack = r->last.stack;
		return 0;
	}
	/* hash 0 with len 0 marks an empty slot; depth > 0 keeps len > 0 */
	h = pv_hash_bytes(slots, len, 0x51ac);
	if (r->cache_cap) {
		for (i = h & (r->cache_cap - 1);; i = (i + 1) & (r->cache_cap - 1)) {
			e = &r->cache[i];
			if (!e->len)
				break;
			if (e->hash == h && e->len == len &&
			    !memcmp(r->raw.data + e->off, slots, len)) {
				r->last = *e;
				*stack = e->stack;
				return 0;
			}
		}
	}
	PV_TRY(decode_stack(r, slots, depth, stack));
	if (r->raw.len + len > RAW_LIMIT || len > UINT32_MAX)
		return 0;
	if ((r->cache_n + 1) * 2 > r->cache_cap && cache_grow(r))
		return 0;   /* no room to remember: still correct */
	if (pv_buf_add(&r->raw, slots, len)) {
		/* the bytes the entries point into are gone: forget them
		 * all (still correct, only slower) */
		memset(r->cache, 0, r->cache_cap * sizeof(*r->cache));
		r->cache_n = 0;
		r->last.len = 0;
		pv_buf_reset(&r->raw);
		return 0;
	}
	for (i = h & (r->cache_cap - 1); r->cache[i].len;
	     i = (i + 1) & (r->cache_cap - 1))
		;
	r->cache[i].hash = h;
	r->cache[i].off = r->raw.len - len;
	r->cache[i].len = (uint32_t)len;
	r->cache[i].stack = *stack;
	r->last = r->cache[i];
	r->cache_n++;
	return 0;
}

void rd__stack_release(struct rd *r)
{
	free(r->cache);
	pv_buf_release(&r->raw);
	pv_buf_release(&r->fr);
	r->cache = NULL;
}
