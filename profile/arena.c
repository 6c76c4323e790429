/* arena.c - bump allocator backing every profile (see pv_arena.h). */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "profile/pv_arena.h"

struct pv_arena_block {
	struct pv_arena_block *next;
	size_t size;
	size_t used;
	_Alignas(16) unsigned char data[];
};

void pv_arena_init(struct pv_arena *a, size_t block_size)
{
	a->head = NULL;
	a->block_size = block_size ? block_size : 64 * 1024;
	a->used_bytes = 0;
}

void pv_arena_release(struct pv_arena *a)
{
	struct pv_arena_block *b = a->head;

	while (b) {
		struct pv_arena_block *next = b->next;
		free(b);
		b = next;
	}
	a->head = NULL;
	a->used_bytes = 0;
}

static struct pv_arena_block *new_block(size_t size)
{
	struct pv_arena_block *b;

	if (size > SIZE_MAX - sizeof(*b))
		return NULL;
	b = malloc(sizeof(*b) + size);
	if (!b)
		return NULL;
	b->size = size;
	b->used = 0;
	return b;
}

void *pv_arena_alloc(struct pv_arena *a, size_t size)
{
	struct pv_arena_block *b = a->head;
	size_t need;

	if (size > SIZE_MAX - 15)
		return NULL;
	need = (size + 15) & ~(size_t)15;
	if (!need)
		need = 16;
	if (!b || b->size - b->used < need) {
		if (need > a->block_size / 4) {
			/* A big request gets a block of its own, linked behind
			 * the current one so the current block keeps filling. */
			struct pv_arena_block *big = new_block(need);
			if (!big)
				return NULL;
			big->used = need;
			if (b) {
				big->next = b->next;
				b->next = big;
			} else {
				big->next = NULL;
				a->head = big;
			}
			a->used_bytes += need;
			return big->data;
		}
		b = new_block(a->block_size);
		if (!b)
			return NULL;
		b->next = a->head;
		a->head = b;
	}
	void *p = b->data + b->used;
	b->used += need;
	a->used_bytes += need;
	return p;
}

void *pv_arena_calloc(struct pv_arena *a, size_t n, size_t size)
{
	void *p;

	if (size && n > SIZE_MAX / size)
		return NULL;
	p = pv_arena_alloc(a, n * size);
	if (p)
		memset(p, 0, n * size);
	return p;
}

char *pv_arena_strndup(struct pv_arena *a, const char *s, size_t len)
{
	char *p;

	if (len == SIZE_MAX)
		return NULL;
	p = pv_arena_alloc(a, len + 1);
	if (!p)
		return NULL;
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *pv_arena_strdup(struct pv_arena *a, const char *s)
{
	return pv_arena_strndup(a, s, strlen(s));
}

char *pv_arena_printf(struct pv_arena *a, const char *fmt, ...)
{
	va_list ap;
	char small[256];
	int n;
	char *p;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0)
		return NULL;
	p = pv_arena_alloc(a, (size_t)n + 1);
	if (!p)
		return NULL;
	if ((size_t)n < sizeof(small)) {
		memcpy(p, small, (size_t)n + 1);
	} else {
		va_start(ap, fmt);
		vsnprintf(p, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	return p;
}
