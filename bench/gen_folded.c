/* gen_folded.c - writes synthetic folded stacks for the flame benchmark.
 *
 *   gen_folded wide N [SEED]   N distinct stacks, depth 10..60, Python-style
 *                              frame names of ~55 bytes (200k stacks give
 *                              a file of about 390 MB); each stack shares a
 *                              random-length prefix with the one before,
 *                              as sorted collapsed output does; counts
 *                              1..100
 *   gen_folded shuffled N      the same, each stack branching from a
 *                              random recent one (unsorted input)
 *   gen_folded fat N [SEED]    a few fat stacks dominate (a hundred stacks
 *                              of depth 60) and N thin ones (N <= ~11000)
 *                              branch off them with tails of new frames,
 *                              each just wide enough to be drawn at 0.1 px:
 *                              the shape that makes flamegraph.pl write
 *                              SVGs of tens of MB
 *
 * Deterministic for a given seed; output on stdout.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAXD 64
#define NFUNCS 20000

static uint64_t rng_state;

static uint64_t rnd(void)
{
	uint64_t x = rng_state;   /* xorshift64* */

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	rng_state = x;
	return x * 0x2545f4914f6cdd1dULL;
}

static uint32_t below(uint32_t n)
{
	return (uint32_t)(rnd() % n);
}

static char names[NFUNCS][96];

static void make_names(void)
{
	for (int i = 0; i < NFUNCS; i++)
		snprintf(names[i], sizeof(names[i]),
			 "handle_request_%05d (service/pkg%03d/module_%04d.py:%d)",
			 i, i % 397, i % 2503, 10 + i % 900);
}

static void put_stack(const uint32_t *f, int depth, uint64_t count)
{
	for (int d = 0; d < depth; d++) {
		if (d)
			putchar(';');
		fputs(names[f[d]], stdout);
	}
	printf(" %llu\n", (unsigned long long)count);
}

/* Keeps the last K stacks to branch from. */
#define KEEP 4096

static void wide(uint64_t n, int sorted)
{
	static uint32_t keep[KEEP][MAXD];
	static int keep_d[KEEP];
	uint32_t f[MAXD];

	for (uint64_t i = 0; i < n; i++) {
		int depth = 10 + (int)below(51), share = 0;
		if (i) {
			/* branch from the previous stack, as in sorted
			 * (stackcollapse) output, or from a random recent one */
			int k = sorted ? (int)((i - 1) % KEEP) :
				(int)below(i < KEEP ? (uint32_t)i : KEEP);
			share = (int)below((uint32_t)(keep_d[k] < depth ?
						      keep_d[k] : depth));
			memcpy(f, keep[k], (size_t)share * sizeof(*f));
		}
		for (int d = share; d < depth; d++)
			f[d] = below(NFUNCS);
		/* the last frame varies with i, so every stack is distinct */
		f[depth - 1] = (uint32_t)(i % NFUNCS);
		memcpy(keep[i % KEEP], f, sizeof(f));
		keep_d[i % KEEP] = depth;
		put_stack(f, depth, 1 + below(100));
	}
}

static void fat(uint64_t n)
{
	static uint32_t spine[100][MAXD];
	uint32_t f[MAXD];
	/* A 1180 px graph draws a thin stack of weight 11 at >= 0.1 px while
	 * the total stays under 11800 * 11; the fat stacks take the rest
	 * (n up to ~11000) */
	uint64_t budget = 11800 * 11 * 95 / 100, thin_total = n * 11;
	uint64_t fat_each = thin_total < budget ?
		(budget - thin_total) / 100 : 1;

	for (int s = 0; s < 100; s++) {
		for (int d = 0; d < 60; d++)
			spine[s][d] = d < 3 ? (uint32_t)d : below(NFUNCS);
		put_stack(spine[s], 60, fat_each);
	}
	for (uint64_t i = 0; i < n; i++) {
		int s = (int)below(100), at = 5 + (int)below(50);
		int depth = at + 1 + (int)below(MAXD - 1 - (uint32_t)at);
		memcpy(f, spine[s], (size_t)at * sizeof(*f));
		for (int d = at; d < depth; d++)
			f[d] = below(NFUNCS);
		put_stack(f, depth, 11);
	}
}

int main(int argc, char **argv)
{
	uint64_t n;

	if (argc < 3) {
		fputs("usage: gen_folded wide|shuffled|fat N [SEED]\n", stderr);
		return 2;
	}
	n = strtoull(argv[2], NULL, 10);
	rng_state = argc > 3 ? strtoull(argv[3], NULL, 10) | 1 : 88172645463325252ULL;
	make_names();
	if (!strcmp(argv[1], "wide"))
		wide(n, 1);
	else if (!strcmp(argv[1], "shuffled"))
		wide(n, 0);
	else if (!strcmp(argv[1], "fat"))
		fat(n);
	else
		return 2;
	return fflush(stdout) ? 1 : 0;
}
