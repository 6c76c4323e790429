/* gen_manysamples.c - writes a zstd-compressed vmprof log of many small
 * samples: the memory benchmark's input.
 *
 *   gen_manysamples OUT.prof.zst NSAMPLES
 *
 * The log (version 4, 8-byte words, little-endian, CPython layout with a
 * thread word) names NFUNCS functions and holds NSAMPLES stack samples,
 * each one frame deep (33 bytes; one in six is two deep, 41 bytes), on
 * one of two threads, in a short repeating pattern: 320M samples are
 * about 11 GB of log that zstd packs into about a megabyte.  The log is streamed through libzstd, so
 * neither the log nor its compressed form is ever held in memory.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zstd.h>

#define NFUNCS 6
#define PATTERN 12   /* samples before the pattern repeats */

struct out {
	FILE *f;
	ZSTD_CCtx *cx;
	unsigned char in[1 << 17];
	size_t n;
	unsigned char zbuf[1 << 17];
	uint64_t raw;
};

static void die(const char *what)
{
	fprintf(stderr, "gen_manysamples: %s\n", what);
	exit(1);
}

static void flush(struct out *o, ZSTD_EndDirective end)
{
	ZSTD_inBuffer in = { o->in, o->n, 0 };
	size_t left;

	do {
		ZSTD_outBuffer ob = { o->zbuf, sizeof(o->zbuf), 0 };
		left = ZSTD_compressStream2(o->cx, &ob, &in, end);
		if (ZSTD_isError(left))
			die(ZSTD_getErrorName(left));
		if (fwrite(o->zbuf, 1, ob.pos, o->f) != ob.pos)
			die("write failed");
	} while (end == ZSTD_e_end ? left != 0 : in.pos < in.size);
	o->n = 0;
}

static void put(struct out *o, const void *b, size_t len)
{
	const unsigned char *p = b;

	o->raw += len;
	while (len) {
		size_t k = sizeof(o->in) - o->n;
		if (k > len)
			k = len;
		memcpy(o->in + o->n, p, k);
		o->n += k;
		p += k;
		len -= k;
		if (o->n == sizeof(o->in))
			flush(o, ZSTD_e_continue);
	}
}

static void word(struct out *o, uint64_t v)
{
	unsigned char b[8];

	for (int i = 0; i < 8; i++)
		b[i] = (unsigned char)(v >> (8 * i));
	put(o, b, 8);
}

static void byte(struct out *o, unsigned v)
{
	unsigned char b = (unsigned char)v;

	put(o, &b, 1);
}

int main(int argc, char **argv)
{
	static const char interp[] = "cpython";
	struct out *o;
	uint64_t n;
	char *end;

	if (argc != 3)
		die("usage: gen_manysamples OUT NSAMPLES");
	n = strtoull(argv[2], &end, 10);
	if (*end || !n)
		die("NSAMPLES must be a positive number");
	o = calloc(1, sizeof(*o));
	if (!o || !(o->cx = ZSTD_createCCtx()))
		die("out of memory");
	ZSTD_CCtx_setParameter(o->cx, ZSTD_c_compressionLevel, 3);
	o->f = fopen(argv[1], "wb");
	if (!o->f)
		die("cannot open the output");
	/* static header: 0, 3, 0, period 1000 us, 0 */
	word(o, 0);
	word(o, 3);
	word(o, 0);
	word(o, 1000);
	word(o, 0);
	/* header record: version 4, no mode flags, interpreter name */
	byte(o, 0x05);
	byte(o, 0);
	byte(o, 4);
	byte(o, 0);
	byte(o, sizeof(interp) - 1);
	put(o, interp, sizeof(interp) - 1);
	for (int i = 0; i < NFUNCS; i++) {
		char name[64];
		int len = snprintf(name, sizeof(name), "py:func%d:%d:bench.py",
				   i, 10 * (i + 1));
		byte(o, 0x02);
		word(o, 0x1000 + 0x10 * (uint64_t)i);
		word(o, (uint64_t)len);
		put(o, name, (size_t)len);
	}
	for (uint64_t i = 0; i < n; i++) {
		unsigned k = (unsigned)(i % PATTERN);
		uint64_t leaf = 0x1000 + 0x10 * (k % NFUNCS);
		int depth = k % 6 == 5 ? 2 : 1;

		byte(o, 0x01);
		word(o, 1);
		word(o, (uint64_t)depth);
		word(o, leaf);
		if (depth == 2)
			word(o, 0x1000);   /* func0 calls it */
		word(o, k & 1 ? 0x7f0000002000 : 0x7f0000001000);
	}
	byte(o, 0x03);
	flush(o, ZSTD_e_end);
	if (fclose(o->f))
		die("write failed");
	fprintf(stderr, "gen_manysamples: %llu samples, %.2f GB of log\n",
		(unsigned long long)n, (double)o->raw / 1e9);
	ZSTD_freeCCtx(o->cx);
	free(o);
	return 0;
}
