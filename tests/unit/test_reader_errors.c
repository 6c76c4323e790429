/* test_reader_errors.c - the reader on bad and quirky logs: every header
 * error (exit status 3 in the CLI) with its exact offset, every kind of
 * damage after the header (whole samples before it kept, one warning
 * naming the offset), and the writer quirks fixed up and counted.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "tests/support/logwriter.h"
#include "tests/support/readcheck.h"

static const uint64_t st[] = { 0x1000, 0x2000 };

/* A v6 log with a header, two samples, and whatever the test adds. */
static void start(struct logw *w, int W, int be, unsigned flags)
{
	logw_init(w, W, be, 0, 1000);
	logw_header(w, 6, flags, "cpython");
	logw_sample(w, st, 2, 5, 100, 0);
	logw_sample(w, st, 1, 5, 100, 0);
}

static void header_error(const void *buf, size_t len, uint64_t offset,
			 const char *msg)
{
	struct rc_read r;

	rc_parse(&r, buf, len, NULL);
	assert_int_equal(r.rc, PV_EFORMAT);
	assert_int_equal(r.err.code, PV_EFORMAT);
	assert_int_equal(r.err.offset, offset);
	if (!strstr(r.err.msg, msg))
		fail_msg("'%s' does not say '%s'", r.err.msg, msg);
	rc_release(&r);
}

static void test_reader_errors__short_header(void **state)
{
	struct logw w;

	(void)state;
	header_error("", 0, 0, "too short for a header");
	logw_init(&w, 8, 0, 0, 1000);
	header_error(w.buf, 10, 0, "too short for a header");
	/* the offset is where the bytes end */
	header_error(w.buf, 30, 30, "file ends inside the static header");
	/* all of it, but nothing after it */
	header_error(w.buf, w.len, 40, "file ends before the header record");
	logw_free(&w);
	logw_init(&w, 4, 1, 0, 1000);
	header_error(w.buf, 19, 19, "file ends inside the static header");
	logw_free(&w);
}

static void test_reader__not_a_log(void **state)
{
	struct logw w;

	(void)state;
	header_error("hello, this is not a profile\n", 29, 0,
		     "no header word 3");
	logw_init(&w, 8, 0, 0, 1000);
	w.buf[16] = 7;   /* word 2 must be 0 */
	header_error(w.buf, w.len, 0, "static header words are not 0, 3, 0");
	logw_free(&w);
	logw_init(&w, 8, 1, 0, 1000);
	w.buf[39] = 2;   /* word 4: 0, or 1 for Windows 64 with W = 4 */
	header_error(w.buf, w.len, 32, "word 4 is 2");
	logw_free(&w);
	logw_init(&w, 8, 0, 1, 1000);   /* "win64" with 8-byte words */
	header_error(w.buf, w.len, 32, "word 4 is 1");
	logw_free(&w);
}

static void test_reader_errors__header_record(void **state)
{
	struct logw w;

	(void)state;
	logw_init(&w, 4, 0, 0, 1000);
	logw_u8(&w, 0x01);
	header_error(w.buf, w.len, 20,
		     "expected a header record (0x05), found byte 0x01");
	logw_free(&w);

	logw_init(&w, 8, 0, 0, 1000);
	logw_header(&w, 6, 0, "cpython");
	header_error(w.buf, w.len - 3, 40,
		     "file ends inside the header record");
	header_error(w.buf, 42, 40, "file ends inside the header record");
	w.buf[42] = 8;
	header_error(w.buf, w.len, 41, "unsupported format version 8");
	w.buf[41] = 1;
	w.buf[42] = 6;
	header_error(w.buf, w.len, 41, "unsupported format version 262");
	logw_free(&w);

	logw_init(&w, 8, 0, 0, 1000);
	logw_header(&w, 0, 0, "cpython");
	header_error(w.buf, w.len - 1, 40,
		     "file ends inside the interpreter name record");
	logw_free(&w);
}

/* Damage after the header: rc 0, the samples before kept, the source
 * says truncated at off, and exactly one warning names off. */
static void damaged(const struct logw *w, const struct pv_read_opts *o,
		    uint64_t off, uint64_t samples, const char *what)
{
	struct rc_read r;

	rc_parse(&r, w->buf, w->len, o);
	assert_int_equal(r.rc, 0);
	assert_int_equal(r.s->truncated, 1);
	assert_int_equal(r.s->truncated_offset, off);
	assert_int_equal(r.s->samples, samples);
	assert_int_equal(r.p->nsamples, samples);
	if (!strstr(r.s->damage, what))
		fail_msg("damage '%s' does not say '%s'", r.s->damage, what);
	assert_int_equal(r.warns.n, 1);
	assert_int_equal(r.warns.offset[0], off);
	assert_non_null(strstr(r.warns.msg[0], what));
	rc_release(&r);
}

static void test_reader_errors__absurd_depth(void **state)
{
	struct pv_read_opts o = { 0 };

	(void)state;
	for (int W = 4; W <= 8; W += 4) {
		struct logw w;
		size_t off;
		start(&w, W, W == 4, 0);
		off = w.len;
		logw_u8(&w, 0x01);
		logw_word(&w, 1);
		logw_word(&w, 1000000);
		logw_addr(&w, 0x1000);
		damaged(&w, NULL, off, 2,
			"stack depth 1000000 exceeds limit 65536");
		/* a negative depth */
		w.len = off;
		logw_u8(&w, 0x01);
		logw_word(&w, 1);
		logw_word(&w, -2);
		damaged(&w, NULL, off, 2, "stack depth -2 exceeds limit");
		/* the caller's limit */
		w.len = off;
		logw_sample(&w, st, 2, 5, 0, 0);
		o.max_depth = 1;   /* the first sample has depth 2 */
		damaged(&w, &o, 5 * (size_t)W + 12, 0,
			"stack depth 2 exceeds limit 1");
		logw_free(&w);
	}
}

static void test_reader_errors__unknown_marker(void **state)
{
	struct logw w;
	size_t off;

	(void)state;
	start(&w, 8, 0, 0);
	off = w.len;
	logw_u8(&w, 0x0b);
	logw_sample(&w, st, 2, 5, 0, 0);
	damaged(&w, NULL, off, 2, "unknown record marker 0x0b");
	w.buf[off] = 0x00;   /* a zero-filled tail */
	damaged(&w, NULL, off, 2, "unknown record marker 0x00");
	w.buf[off] = 0x09;   /* allocation samples exist only in version 7 */
	damaged(&w, NULL, off, 2, "unknown record marker 0x09");
	w.buf[off] = 0x04;   /* the legacy name record, not in a body */
	damaged(&w, NULL, off, 2, "unknown record marker 0x04");
	logw_free(&w);
}

static void test_reader_errors__string_past_end(void **state)
{
	struct pv_read_opts o = { 0 };

	(void)state;
	for (int W = 4; W <= 8; W += 4) {
		struct logw w;
		size_t off;
		start(&w, W, 0, 0);
		off = w.len;
		logw_u8(&w, 0x02);
		logw_addr(&w, 0x1000);
		logw_word(&w, 1000);
		logw_bytes(&w, "py:f:1:x.py", 11);
		damaged(&w, NULL, off, 2,
			"file ends inside a code name record");
		w.buf[off] = 0x08;
		damaged(&w, NULL, off, 2,
			"file ends inside a native symbol record");
		/* longer than any limit: refused before any allocation */
		w.len = off;
		logw_u8(&w, 0x02);
		logw_addr(&w, 0x1000);
		logw_word(&w, 0x7fffffff);
		logw_bytes(&w, "py:f", 4);
		damaged(&w, NULL, off, 2,
			"symbol length 2147483647 exceeds limit 1048576");
		w.len = off;
		logw_name(&w, 0x02, 0x1000, "py:f:1:x.py");
		o.max_string = 10;
		damaged(&w, &o, off, 2, "symbol length 11 exceeds limit 10");
		/* meta: key running past the end, value over the limit */
		w.len = off;
		logw_u8(&w, 0x07);
		logw_word(&w, 50);
		logw_bytes(&w, "os", 2);
		damaged(&w, NULL, off, 2, "file ends inside a meta record");
		w.len = off;
		logw_u8(&w, 0x07);
		logw_word(&w, 2);
		logw_bytes(&w, "os", 2);
		logw_word(&w, -1);
		damaged(&w, NULL, off, 2, "meta length exceeds limit");
		logw_free(&w);
	}
}

static void test_reader_errors__truncated_sample(void **state)
{
	(void)state;
	for (int W = 4; W <= 8; W += 4) {
		struct logw w;
		size_t off, end;
		start(&w, W, 1, PV_FLAG_MEMORY);
		off = w.len;
		logw_sample(&w, st, 2, 5, 100, 0);
		logw_trailer(&w, 0, 0);
		end = w.len;
		/* cut at every byte of the third sample */
		for (size_t cut = off + 1; cut < end - 25; cut++) {
			w.len = cut;
			damaged(&w, NULL, off, 2,
				"file ends inside a stack sample record");
		}
		/* cut on the record boundary: no damage, no trailer */
		{
			struct rc_read r;
			rc_parse(&r, w.buf, end - 25, NULL);
			assert_int_equal(r.rc, 0);
			assert_int_equal(r.s->truncated, 0);
			assert_int_equal(r.s->trailer, 0);
			assert_int_equal(r.s->samples, 3);
			assert_int_equal(r.warns.n, 1);
			assert_true(rc_warned(&r.warns, "no trailer"));
			rc_release(&r);
		}
		/* the trailer's end time cut: still a finished recording */
		{
			struct rc_read r;
			rc_parse(&r, w.buf, end - 3, NULL);
			assert_int_equal(r.rc, 0);
			assert_int_equal(r.s->trailer, 1);
			assert_int_equal(r.s->truncated, 0);
			assert_int_equal(r.s->has_end, 0);
			assert_int_equal(r.s->samples, 3);
			rc_release(&r);
		}
		logw_free(&w);
	}
}

static void test_reader_errors__sample_limit(void **state)
{
	struct pv_read_opts o = { 0 };
	struct logw w;
	struct rc_read r;

	(void)state;
	start(&w, 8, 0, 0);
	logw_sample(&w, st, 2, 5, 0, 0);
	o.max_samples = 2;
	rc_parse(&r, w.buf, w.len, &o);
	assert_int_equal(r.rc, PV_ELIMIT);
	assert_int_equal(r.err.offset, w.len - (1 + 8 + 8 + 3 * 8));
	assert_non_null(strstr(r.err.msg, "more than 2 samples"));
	rc_release(&r);
	logw_free(&w);
}

/* The memory-word quirk (docs/format.md 6.5): a record one address word
 * short in memory mode, or one word long without it, is read as such
 * when the records after it parse; counted and reported once. */
static void test_reader_errors__memory_word(void **state)
{
	static const uint64_t deep[] = { 0x1000, 0x2000, 0x3000 };
	struct logw w;
	struct rc_read r;
	char buf[256];

	(void)state;
	for (int W = 4; W <= 8; W += 4) {
		start(&w, W, 0, PV_FLAG_MEMORY);
		logw_sample(&w, deep, 3, 5, 300, 0);
		w.len -= (size_t)W;            /* memory word missing */
		logw_sample(&w, st, 2, 5, 400, 0);
		logw_sample(&w, st, 1, 5, 500, 0);
		logw_name(&w, 0x02, 0x1000, "py:f:1:x.py");
		logw_name(&w, 0x02, 0x2000, "py:g:1:x.py");
		logw_name(&w, 0x02, 0x3000, "py:h:1:x.py");
		logw_trailer(&w, 0, 0);
		rc_parse(&r, w.buf, w.len, NULL);
		assert_int_equal(r.rc, 0);
		assert_int_equal(r.s->truncated, 0);
		assert_int_equal(r.s->samples, 5);
		assert_int_equal(r.s->mem_fixups, 1);
		assert_string_equal(rc_sample(r.p, 2, 0, buf, sizeof(buf)),
				    "h;g;f");
		assert_string_equal(rc_sample(r.p, 3, 0, buf, sizeof(buf)),
				    "g;f");
		assert_int_equal(r.p->sample_mem[2], 0);
		assert_int_equal(r.p->sample_mem[3], 400);
		assert_int_equal(r.p->sample_mem[4], 500);
		assert_int_equal(r.warns.n, 1);
		assert_true(rc_warned(&r.warns, "1 samples had a memory word"));
		rc_release(&r);
		logw_free(&w);
	}
	/* without memory mode, one record with an extra word */
	start(&w, 8, 0, 0);
	logw_sample(&w, deep, 3, 5, 0, 0);
	logw_addr(&w, 777);
	logw_sample(&w, st, 2, 5, 0, 0);
	logw_trailer(&w, 0, 0);
	rc_parse(&r, w.buf, w.len, NULL);
	assert_int_equal(r.rc, 0);
	assert_int_equal(r.s->truncated, 0);
	assert_int_equal(r.s->samples, 4);
	assert_int_equal(r.s->mem_fixups, 1);
	assert_int_equal(r.p->threads[0].raw_id, 5);
	assert_int_equal(r.p->nthreads, 1);
	rc_release(&r);
	logw_free(&w);
	/* the last sample before the trailer one word short */
	start(&w, 8, 0, PV_FLAG_MEMORY);
	logw_sample(&w, deep, 3, 5, 300, 0);
	w.len -= 8;
	logw_trailer(&w, 1700000000, 0);
	rc_parse(&r, w.buf, w.len, NULL);
	assert_int_equal(r.rc, 0);
	assert_int_equal(r.s->truncated, 0);
	assert_int_equal(r.s->samples, 3);
	assert_int_equal(r.s->mem_fixups, 1);
	assert_int_equal(r.s->has_end, 1);
	rc_release(&r);
	logw_free(&w);
}

/* Stray bytes after the last sample, fewer than a memory word: not the
 * memory-word quirk (that word would run past the end) but damage there
 * (found by the fuzzer: the reader read past its data). */
static void test_reader_errors__fixup_past_end(void **state)
{
	struct logw w;
	size_t off;

	(void)state;
	for (int mem = 0; mem <= 1; mem++) {
		start(&w, 8, 0, mem ? PV_FLAG_MEMORY : 0);
		logw_sample(&w, st, 2, 5, 100, 0);
		off = w.len;
		logw_bytes(&w, "\x64\x00\x00", 3);
		damaged(&w, NULL, off, 3, "unknown record marker 0x64");
		logw_free(&w);
	}
}

/* Duplicate names (reader/names.c): a real name beats a placeholder, a
 * Python name beats another, and among equals the last one wins. */
static void test_reader_errors__duplicate_names(void **state)
{
	static const uint64_t s[] = { 0x1000, 0x2000, 0x3001, 0x4001 };
	struct logw w;
	struct rc_read r;
	char buf[256];

	(void)state;
	logw_init(&w, 8, 0, 0, 1000);
	logw_header(&w, 6, PV_FLAG_NATIVE, "cpython");
	logw_name(&w, 0x02, 0x1000, "py:old:1:x.py");
	logw_sample(&w, s, 4, 1, 0, 0);
	logw_name(&w, 0x02, 0x1000, "py:new:2:x.py");
	logw_name(&w, 0x02, 0x2000, "py:pyname:3:x.py");
	logw_name(&w, 0x02, 0x2000, "other-vm-name");
	logw_name(&w, 0x08, 0x3001, "n:real_fn:0:libx.so");
	logw_name(&w, 0x08, 0x3001, "n:<native symbol 0x3001>:0:-");
	logw_name(&w, 0x08, 0x4001, "n:<native symbol 0x4001>:0:-");
	logw_trailer(&w, 0, 0);
	rc_parse(&r, w.buf, w.len, NULL);
	assert_int_equal(r.rc, 0);
	assert_int_equal(r.s->symbols, 4);
	assert_int_equal(r.s->native_symbols, 3);
	assert_string_equal(rc_sample(r.p, 0, 0, buf, sizeof(buf)),
			    "<native 0x4000>;real_fn;pyname;new");
	rc_release(&r);
	logw_free(&w);
}

/* An aggregate (merge's output): counts weigh records in every layout
 * and are not oddities; the trailer's zero end time means unknown. */
static void test_reader_errors__aggregate(void **state)
{
	static const int layouts[][2] = { { 8, 0 }, { 4, 0 }, { 8, 1 } };

	(void)state;
	for (size_t k = 0; k < 3; k++) {
		struct logw w;
		struct rc_read r;
		size_t at;

		logw_init(&w, layouts[k][0], layouts[k][1], 0, 1000);
		logw_header(&w, 6, 0, "cpython");
		logw_meta(&w, PV_AGGREGATE_KEY, "samples");
		at = w.len;
		logw_sample(&w, st, 2, 5, 0, 0);
		/* count 40000 in the writer's word size and byte order */
		w.buf[at + (layouts[k][1] ? (size_t)layouts[k][0] : 1)] = 0x40;
		w.buf[at + (layouts[k][1] ? (size_t)layouts[k][0] - 1 : 2)] =
			0x9c;
		logw_sample(&w, st, 1, 5, 0, 0);
		logw_trailer(&w, 0, 0);
		rc_parse(&r, w.buf, w.len, NULL);
		assert_int_equal(r.rc, 0);
		assert_int_equal(r.s->aggregate, PV_AGGREGATE_SAMPLES);
		assert_int_equal(r.s->samples, 2);
		assert_int_equal(r.s->counted, 40001);
		assert_int_equal(r.s->count_not_1, 0);
		assert_int_equal(pv_profile_total_weight(r.p), 40001);
		assert_int_equal(r.s->has_end, 0);
		assert_false(rc_warned(&r.warns, "count other than 1"));
		rc_release(&r);
		logw_free(&w);
	}
}

/* Odd values the reader accepts and counts rather than rejects. */
static void test_reader_errors__oddities(void **state)
{
	struct logw w;
	struct rc_read r;
	size_t at;

	(void)state;
	start(&w, 8, 0, 0);
	at = w.len;
	logw_sample(&w, st, 2, 5, 0, 0);
	w.buf[at + 1] = 3;                          /* count 3 */
	logw_sample(&w, st, 0, 5, 0, 0);            /* empty stack */
	logw_meta(&w, "os", "linux");
	logw_meta(&w, "os", "windows");             /* duplicate key */
	logw_time(&w, 1700000000, 2000000);         /* bad microseconds */
	logw_sample(&w, st, 2, 0x99, 0, 0);
	logw_trailer(&w, 0, 0);
	at = w.len;
	/* a second profile after the trailer is not read */
	{
		struct logw w2;
		start(&w2, 8, 0, 0);
		logw_bytes(&w, w2.buf, w2.len);
		logw_free(&w2);
	}
	rc_parse(&r, w.buf, w.len, NULL);
	assert_int_equal(r.rc, 0);
	assert_int_equal(r.s->samples, 5);
	assert_int_equal(r.s->count_not_1, 1);
	/* the count weighs its record */
	assert_int_equal(r.s->counted, 7);
	assert_non_null(r.p->sample_count);
	assert_int_equal(r.p->sample_count[2], 3);
	assert_int_equal(pv_profile_total_weight(r.p), 7);
	assert_int_equal(r.s->empty_samples, 1);
	assert_int_equal(r.p->sample_stack[3], PV_NONE);
	assert_int_equal(r.s->nmeta, 1);
	assert_string_equal(r.s->meta[0].value, "linux");
	assert_int_equal(r.s->duplicate_meta, 1);
	assert_int_equal(r.s->has_start, 0);
	assert_int_equal(r.s->nthreads, 2);
	assert_int_equal(r.p->threads[1].raw_id, 0x99);
	assert_int_equal(r.p->threads[1].number, 2);
	assert_int_equal(r.s->second_profile, 1);
	assert_int_equal(r.s->bytes_after_trailer, w.len - at);
	assert_int_equal(r.s->truncated, 0);
	assert_true(rc_warned(&r.warns, "duplicate meta key 'os'"));
	assert_true(rc_warned(&r.warns, "count other than 1"));
	assert_true(rc_warned(&r.warns, "second profile"));
	assert_true(rc_warned(&r.warns, "microseconds"));
	rc_release(&r);
	logw_free(&w);
}

/* Times far apart (found by the fuzzer): the duration must not overflow
 * (UBSan in make test SAN=1); the log reads, times stay ordered. */
static void test_reader_errors__extreme_times(void **state)
{
	struct logw w;
	struct rc_read r;

	(void)state;
	start(&w, 8, 0, 0);
	logw_time(&w, INT64_MIN + 1, 0);
	logw_trailer(&w, INT64_MAX, 999999);
	rc_parse(&r, w.buf, w.len, NULL);
	assert_int_equal(r.rc, 0);
	assert_int_equal(r.s->samples, 2);
	assert_int_equal(r.s->time_basis, PV_TIME_SPREAD);
	assert_true(r.p->sample_time[1] > r.p->sample_time[0]);
	rc_release(&r);
	logw_free(&w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reader_errors__short_header),
		cmocka_unit_test(test_reader__not_a_log),
		cmocka_unit_test(test_reader_errors__header_record),
		cmocka_unit_test(test_reader_errors__absurd_depth),
		cmocka_unit_test(test_reader_errors__unknown_marker),
		cmocka_unit_test(test_reader_errors__string_past_end),
		cmocka_unit_test(test_reader_errors__truncated_sample),
		cmocka_unit_test(test_reader_errors__sample_limit),
		cmocka_unit_test(test_reader_errors__memory_word),
		cmocka_unit_test(test_reader_errors__fixup_past_end),
		cmocka_unit_test(test_reader_errors__duplicate_names),
		cmocka_unit_test(test_reader_errors__oddities),
		cmocka_unit_test(test_reader_errors__aggregate),
		cmocka_unit_test(test_reader_errors__extreme_times),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
