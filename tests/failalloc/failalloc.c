/* failalloc.c - allocation failure on demand, for tests/cli/t0914.
 *
 * Linked into a copy of profview with the linker's --wrap for malloc,
 * calloc, realloc, strdup and strndup, so every allocation profview's
 * own code makes comes here first; jansson's allocations are routed here
 * too (json_set_alloc_funcs).  Libraries' internal allocations (libxml2,
 * cairo, zlib, libc's stdio) are not counted.
 *
 *   PV_FAIL_ALLOC=N   the Nth allocation (from 1) returns NULL, once
 *   PV_FAIL_ALLOC=0   none fails; the number made is printed on standard
 *                     error at exit ("failalloc: N allocations")
 *   PV_FAIL_ALLOC_TRACE=1  also print where the failing one was made
 *                     (addresses for addr2line)
 */
#include <execinfo.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t n);
char *__real_strdup(const char *s);
char *__real_strndup(const char *s, size_t n);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t n);
char *__wrap_strdup(const char *s);
char *__wrap_strndup(const char *s, size_t n);

static atomic_ulong calls;
static unsigned long fail_at;
static int counting;

/* 1 when this allocation is the one to fail. */
static int fail_now(void)
{
	unsigned long k = atomic_fetch_add(&calls, 1) + 1;

	if (!fail_at || k != fail_at)
		return 0;
	if (getenv("PV_FAIL_ALLOC_TRACE")) {
		void *at[32];
		backtrace_symbols_fd(at, backtrace(at, 32), 2);
	}
	return 1;
}

void *__wrap_malloc(size_t n)
{
	return fail_now() ? NULL : __real_malloc(n);
}

void *__wrap_calloc(size_t n, size_t size)
{
	return fail_now() ? NULL : __real_calloc(n, size);
}

void *__wrap_realloc(void *p, size_t n)
{
	return fail_now() ? NULL : __real_realloc(p, n);
}

char *__wrap_strdup(const char *s)
{
	return fail_now() ? NULL : __real_strdup(s);
}

char *__wrap_strndup(const char *s, size_t n)
{
	return fail_now() ? NULL : __real_strndup(s, n);
}

static void report(void)
{
	if (counting)
		fprintf(stderr, "failalloc: %lu allocations\n",
			atomic_load(&calls));
}

__attribute__((constructor)) static void failalloc_init(void)
{
	const char *v = getenv("PV_FAIL_ALLOC");

	if (!v)
		return;
	fail_at = strtoul(v, NULL, 10);
	counting = !fail_at;
	json_set_alloc_funcs(__wrap_malloc, free);
	atexit(report);
}
