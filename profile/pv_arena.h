/* pv_arena.h - a bump allocator: many small allocations, one release.
 *
 * Every profile owns one arena; strings, frames and tables that never
 * shrink live there and are freed together by pv_arena_release().
 * Allocation returns NULL on failure (never aborts).
 */
#ifndef PV_ARENA_H
#define PV_ARENA_H

#include <stddef.h>

struct pv_arena_block;

struct pv_arena {
	struct pv_arena_block *head;
	size_t block_size;   /* size of ordinary blocks; big requests get their own */
	size_t used_bytes;   /* total bytes handed out, for statistics */
};

void pv_arena_init(struct pv_arena *a, size_t block_size);
void pv_arena_release(struct pv_arena *a);
void *pv_arena_alloc(struct pv_arena *a, size_t size);   /* 16-byte aligned */
void *pv_arena_calloc(struct pv_arena *a, size_t n, size_t size);
char *pv_arena_strndup(struct pv_arena *a, const char *s, size_t len);
char *pv_arena_strdup(struct pv_arena *a, const char *s);
char *pv_arena_printf(struct pv_arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
