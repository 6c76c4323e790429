/* sort.c - pv_sort (pv_sort.h) over glibc's qsort_r. */
#define _GNU_SOURCE
#include <stdlib.h>

#include "profile/pv_sort.h"

void pv_sort(void *base, size_t n, size_t size, pv_cmp_fn cmp, void *ctx)
{
	if (n > 1)
		qsort_r(base, n, size, cmp, ctx);
}
