/* pv_sort.h - sorting with a context argument, so no comparator keeps
 * its state in globals (C11's qsort has no context; this is glibc's
 * qsort_r behind one name). */
#ifndef PV_SORT_H
#define PV_SORT_H

#include <stddef.h>

typedef int (*pv_cmp_fn)(const void *a, const void *b, void *ctx);

/* Sorts n elements of size bytes at base by cmp(a, b, ctx).  Not stable:
 * comparators break every tie. */
void pv_sort(void *base, size_t n, size_t size, pv_cmp_fn cmp, void *ctx);

#endif
