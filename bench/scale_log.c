/* scale_log.c - makes a large vmprof log from a small real one.
 *
 *   scale_log IN OUT TARGET_BYTES
 *
 * The output is IN with its stack-sample records repeated until it holds
 * about TARGET_BYTES: the bytes before the first sample, then the original
 * span from the first to the last sample (symbol and meta records inside
 * it included, once), then the sample records alone N-1 more times, then
 * the rest (names, trailer).  Repeating only 0x01 records keeps the log
 * valid and keeps the symbol tables the size of the original, so the
 * reader's memory should not grow with the copies.
 *
 * The record walk is a separate, deliberately plain decoder of the layout
 * (docs/format.md, sections 3-6): if it disagrees with the log it stops
 * with an error rather than guess.  Logs of version 7 are refused (their
 * per-sample times would run backwards in the copies), as are the quirky
 * records the reader fixes up (a sample one memory word short).
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct lay {
	const unsigned char *b;
	size_t len;
	int W, A, be, version, has_thread, has_mem;
};

static uint64_t get(const struct lay *l, size_t off, int n)
{
	uint64_t v = 0;

	for (int i = 0; i < n; i++) {
		unsigned byte = l->b[off + (size_t)(l->be ? i : n - 1 - i)];
		v = v << 8 | byte;
	}
	if (n == 4)   /* words are C longs: sign-extend */
		v = (uint64_t)(int64_t)(int32_t)(uint32_t)v;
	return v;
}

static int die(const char *what, size_t off)
{
	fprintf(stderr, "scale_log: offset %zu: %s\n", off, what);
	return -1;
}

static int static_header(struct lay *l, size_t *pos)
{
	const unsigned char *b = l->b;

	if (l->len < 20)
		return die("too short for a vmprof log", 0);
	if (b[4] == 3 && !b[0] && !b[5])
		l->W = 4, l->be = 0;
	else if (b[7] == 3 && !b[0] && !b[4])
		l->W = 4, l->be = 1;
	else if (b[8] == 3)
		l->W = 8, l->be = 0;
	else if (l->len >= 40 && b[15] == 3)
		l->W = 8, l->be = 1;
	else
		return die("not a vmprof log", 0);
	l->A = (l->W == 4 && get(l, 16, 4) == 1) ? 8 : l->W;
	*pos = 5 * (size_t)l->W;
	if (*pos + 4 > l->len || b[*pos] != 0x05)
		return die("no header record (version 0 logs are not scaled)",
			   *pos);
	l->version = b[*pos + 1] << 8 | b[*pos + 2];
	if (l->version >= 7)
		return die("version 7 logs are not scaled", *pos);
	{
		unsigned flags = l->version >= 4 ? b[*pos + 3] : 0;
		size_t n = l->version >= 4 ? 5 : 4;
		l->has_thread = l->version >= 1;
		l->has_mem = (l->version >= 4 && (flags & 1)) ||
			     l->version == 3;
		if (*pos + n > l->len)
			return die("header record cut", *pos);
		*pos += n + b[*pos + n - 1];
	}
	return 0;
}

/* Size of the record at pos, or 0 when it does not fit or is unknown. */
static size_t record_size(const struct lay *l, size_t pos)
{
	size_t W = (size_t)l->W, A = (size_t)l->A, left = l->len - pos, n;
	uint64_t v, v2;

	switch (l->b[pos]) {
	case 0x01:
		n = 1 + 2 * W;
		if (left < n)
			return 0;
		v = get(l, pos + 1 + W, l->W);
		if (v > 65536)
			return 0;
		n += A * (v + (size_t)(l->has_thread + l->has_mem));
		return n <= left ? n : 0;
	case 0x02:
	case 0x08:
		n = 1 + A + W;
		if (left < n)
			return 0;
		v = get(l, pos + 1 + A, l->W);
		return v <= left - n ? n + v : 0;
	case 0x03:
		return l->version >= 5 && left >= 25 ? 25 : left;
	case 0x06:
		return left >= 25 ? 25 : 0;
	case 0x07:
		n = 1 + W;
		if (left < n)
			return 0;
		v = get(l, pos + 1, l->W);
		if (v > left - n || left - n - v < W)
			return 0;
		n += v + W;
		v2 = get(l, pos + n - W, l->W);
		return v2 <= left - n ? n + v2 : 0;
	default:
		return 0;
	}
}

static int write_all(FILE *f, const void *p, size_t n)
{
	return fwrite(p, 1, n, f) == n ? 0 : -1;
}

int main(int argc, char **argv)
{
	struct lay l = { 0 };
	unsigned char *in = NULL, *block = NULL;
	size_t cap = 0, pos, first = 0, last = 0, nblock = 0, nsamples = 0;
	unsigned long long target, copies;
	FILE *f, *out;
	int rc = 1;

	if (argc != 4) {
		fprintf(stderr, "usage: scale_log IN OUT TARGET_BYTES\n");
		return 2;
	}
	target = strtoull(argv[3], NULL, 10);
	f = fopen(argv[1], "rb");
	if (!f) {
		fprintf(stderr, "scale_log: %s: %s\n", argv[1],
			strerror(errno));
		return 1;
	}
	for (;;) {
		size_t got;
		if (l.len == cap) {
			cap = cap ? 2 * cap : 1 << 20;
			in = realloc(in, cap);
			if (!in)
				return 1;
		}
		got = fread(in + l.len, 1, cap - l.len, f);
		if (!got)
			break;
		l.len += got;
	}
	fclose(f);
	l.b = in;
	block = malloc(l.len ? l.len : 1);
	if (!block || static_header(&l, &pos) < 0)
		goto done;
	/* walk every record; collect the samples into one block */
	while (pos < l.len) {
		size_t n = record_size(&l, pos);
		if (!n) {
			die("record this tool cannot size (unknown or quirky)",
			    pos);
			goto done;
		}
		if (l.b[pos] == 0x01) {
			if (!nsamples)
				first = pos;
			last = pos + n;
			memcpy(block + nblock, l.b + pos, n);
			nblock += n;
			nsamples++;
		}
		if (l.b[pos] == 0x03)
			break;
		pos += n;
	}
	if (!nsamples) {
		die("no stack samples to repeat", pos);
		goto done;
	}
	copies = target > l.len ? (target - l.len) / nblock + 1 : 1;
	out = fopen(argv[2], "wb");
	if (!out) {
		fprintf(stderr, "scale_log: %s: %s\n", argv[2],
			strerror(errno));
		goto done;
	}
	rc = write_all(out, l.b, last);
	for (unsigned long long i = 1; i < copies && !rc; i++)
		rc = write_all(out, block, nblock);
	if (!rc)
		rc = write_all(out, l.b + last, l.len - last);
	if (fclose(out) || rc) {
		fprintf(stderr, "scale_log: %s: write failed\n", argv[2]);
		rc = 1;
		goto done;
	}
	fprintf(stderr,
		"scale_log: %s: version %d, %d-byte words, %s-endian; "
		"%zu samples (%zu bytes, offsets %zu-%zu) x %llu = %llu "
		"samples\n",
		argv[1], l.version, l.W, l.be ? "big" : "little", nsamples,
		nblock, first, last, copies,
		(unsigned long long)nsamples * copies);
	rc = 0;
done:
	free(in);
	free(block);
	return rc;
}
