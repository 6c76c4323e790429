/* test_folded_reader.c - the folded stacks reader against a model of
 * its input: random lines over tens of thousands of names (the name
 * table grows in the middle of lines), names repeated within a line,
 * lines sharing prefixes with the line before and with older ones, empty
 * frames, comments and lines without a count.  Every sample must walk
 * back to exactly the frames its line wrote. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reader/pv_reader.h"

#define MAXD 90

static uint64_t rng;

static uint32_t below(uint32_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng % n);
}

struct line {
	uint32_t f[MAXD];
	uint32_t depth;
	uint32_t count;
};

/* Name k: Python style with a location for even k, bare for odd k. */
static size_t put_name(char *s, uint32_t k)
{
	if (k % 2)
		return (size_t)sprintf(s, "g%u", k);
	return (size_t)sprintf(s, "f%u (m%u.py:%u)", k, k % 7, k % 1000);
}

static void check_frame(const struct pv_profile *p, uint32_t frame,
			uint32_t k)
{
	const struct pv_func *fn = &p->funcs[p->frames[frame].func];
	char want[64];

	if (k % 2) {
		sprintf(want, "g%u", k);
		assert_string_equal(fn->name, want);
		assert_string_equal(fn->file, "");
	} else {
		sprintf(want, "f%u", k);
		assert_string_equal(fn->name, want);
		sprintf(want, "m%u.py", k % 7);
		assert_string_equal(fn->file, want);
		assert_int_equal(fn->line, k % 1000);
	}
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static void test_folded__samples_walk_back_to_their_lines(void **state)
{
	uint32_t n = 6000, nnames = 40000, good = 0;
	struct line *lines = calloc(n, sizeof(*lines));
	size_t cap = (size_t)n * MAXD * 24, len = 0;
	char *text = malloc(cap);
	struct pv_profile *p = pv_profile_new();
	struct pv_error err = { 0 };
	uint64_t total = 0, *pairs;
	uint8_t *used;
	uint32_t distinct = 0;

	(void)state;
	assert_non_null(lines);
	assert_non_null(text);
	assert_non_null(p);
	rng = 0x2545f4914f6cdd1dULL;
	len += (size_t)sprintf(text, "# folded stacks\n");
	for (uint32_t i = 0; i < n; i++) {
		struct line *l = &lines[i];
		uint32_t share = 0;
		if (i && below(4)) {
			/* the line before, or an older one */
			const struct line *from = below(2) ? &lines[i - 1] :
						  &lines[below(i)];
			share = below(from->depth + 1);
			memcpy(l->f, from->f, share * sizeof(uint32_t));
		}
		l->depth = share + 1 + below(MAXD - share);
		for (uint32_t k = share; k < l->depth; k++)
			l->f[k] = k && !below(6) ? l->f[below(k)] :
						   below(nnames);
		l->count = 1 + below(50);
		for (uint32_t k = 0; k < l->depth; k++) {
			if (k)
				text[len++] = ';';
			if (!below(40))
				text[len++] = ';';   /* an empty frame */
			len += put_name(text + len, l->f[k]);
		}
		len += (size_t)sprintf(text + len, below(10) ? " %u\n" :
					" %u\r\n", l->count);
		if (!below(50))
			len += (size_t)sprintf(text + len, "a;b;c\n");
		assert_true(len + MAXD * 24 < cap);
	}
	assert_int_equal(pv_reader_parse(p, text, len, NULL, NULL, &err), 0);
	assert_int_equal(p->nsamples, n);
	for (uint32_t i = 0; i < n; i++) {
		const struct line *l = &lines[i];
		uint32_t s = p->sample_stack[i], k = l->depth;
		assert_int_equal(p->stacks[s].depth, l->depth);
		while (s != PV_NONE) {
			assert_true(k > 0);
			check_frame(p, p->stacks[s].frame, l->f[--k]);
			s = p->stacks[s].prefix;
		}
		assert_int_equal(k, 0);
		total += l->count;
		good++;
	}
	assert_int_equal(pv_profile_total_weight(p), total);
	assert_int_equal(good, n);
	/* one frame per distinct text, one stack row per distinct path */
	used = calloc(nnames, 1);
	pairs = malloc(p->nstacks * sizeof(*pairs));
	assert_non_null(used);
	assert_non_null(pairs);
	for (uint32_t i = 0; i < n; i++)
		for (uint32_t k = 0; k < lines[i].depth; k++) {
			distinct += !used[lines[i].f[k]];
			used[lines[i].f[k]] = 1;
		}
	assert_int_equal(p->nframes, distinct);
	for (uint32_t a = 0; a < p->nstacks; a++) {
		assert_true(p->stacks[a].prefix == PV_NONE ||
			    p->stacks[a].prefix < a);
		pairs[a] = (uint64_t)p->stacks[a].prefix << 32 |
			   p->stacks[a].frame;
	}
	qsort(pairs, p->nstacks, sizeof(*pairs), cmp_u64);
	for (uint32_t a = 1; a < p->nstacks; a++)
		assert_true(pairs[a] != pairs[a - 1]);
	free(used);
	free(pairs);
	pv_profile_free(p);
	free(text);
	free(lines);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			test_folded__samples_walk_back_to_their_lines),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
