/* test_reader.c - the decoder on hand-built logs: every layout (word
 * size, byte order, Windows 64, versions 0-7, lines, memory, PyPy pairs),
 * what each record puts in the model, names and times.  Damage, errors
 * and writer quirks are in test_reader_errors.c.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>
#include <zlib.h>
#include <zstd.h>

#include "tests/support/logwriter.h"
#include "tests/support/readcheck.h"

#define T_ANY(A, big, small) ((A) == 8 ? (uint64_t)(big) : (uint64_t)(small))

/* A CPython-style log: meta, time, four samples on two threads, names
 * after the samples (as CPython writes them), trailer 2 s later. */
static void cpython_log(struct logw *w, int version, unsigned flags)
{
	uint64_t t1 = T_ANY(w->A, 0x7f12deadbeef10ULL, 0xdeadbe10u);
	uint64_t t2 = T_ANY(w->A, 0x7f12deadbeef90ULL, 0xdeadbe90u);
	uint64_t s0[] = { 0x1000, 0x2000 };
	uint64_t s1[] = { 0x3001, 0x1000, 0x2000 };
	uint64_t s2[] = { 0x2000 };

	logw_header(w, version, flags, "cpython");
	logw_meta(w, "os", "linux");
	logw_meta(w, "bits", "64");
	logw_time(w, 1700000000, 250000);
	logw_sample(w, s0, 2, t1, 1000, 0);
	logw_sample(w, s1, 3, t2, 2000, 0);
	logw_sample(w, s2, 1, t1, 3000, 0);
	logw_sample(w, s0, 2, t1, 4000, 0);
	logw_name(w, 0x02, 0x1000, "py:leaf:10:prog.py");
	logw_name(w, 0x02, 0x2000, "py:main:1:prog.py");
	logw_name(w, 0x08, 0x3001, "n:c_helper:0:libx.so");
	logw_trailer(w, 1700000002, 250000);
}

static void check_cpython(const struct rc_read *r, int W, int A, int be,
			  int version)
{
	const struct pv_profile *p = r->p;
	const struct pv_source *s = r->s;
	char buf[512];

	assert_int_equal(r->rc, 0);
	assert_int_equal(s->word_size, W);
	assert_int_equal(s->addr_size, A);
	assert_int_equal(s->big_endian, be);
	assert_int_equal(s->win64, W == 4 && A == 8);
	assert_int_equal(s->version, version);
	assert_string_equal(s->interpreter, "cpython");
	assert_int_equal(s->period_usec, 1000);
	assert_int_equal(s->nmeta, 2);
	assert_string_equal(s->meta[0].key, "os");
	assert_string_equal(s->meta[0].value, "linux");
	assert_string_equal(s->meta[1].key, "bits");
	assert_int_equal(s->has_start, 1);
	assert_int_equal(s->start_sec, 1700000000);
	assert_int_equal(s->start_usec, 250000);
	assert_int_equal(s->trailer, 1);
	assert_int_equal(s->truncated, 0);
	assert_int_equal(s->symbols, 2);
	assert_int_equal(s->native_symbols, 1);
	assert_int_equal(s->samples, 4);
	assert_int_equal(p->nsamples, 4);
	assert_string_equal(rc_sample(p, 0, 1, buf, sizeof(buf)),
			    "main/python;leaf/python");
	assert_string_equal(rc_sample(p, 1, 1, buf, sizeof(buf)),
			    "main/python;leaf/python;c_helper/native");
	assert_string_equal(rc_sample(p, 2, 0, buf, sizeof(buf)), "main");
	/* a stack is stored once however many samples share it */
	assert_int_equal(p->sample_stack[0], p->sample_stack[3]);
	assert_int_equal(p->nstacks, 3);
	{
		const struct pv_func *leaf =
			pv_stack_func(p, p->sample_stack[0]);
		assert_int_equal(leaf->line, 10);
		assert_string_equal(leaf->file, "prog.py");
	}
	if (version >= 1) {
		assert_int_equal(p->nthreads, 2);
		assert_int_equal(s->threads, 2);
		assert_int_equal(p->threads[0].number, 1);
		assert_int_equal(p->threads[1].number, 2);
		assert_true(p->threads[0].raw_id ==
			    T_ANY(A, 0x7f12deadbeef10ULL, 0xdeadbe10u));
		assert_true(p->threads[1].raw_id ==
			    T_ANY(A, 0x7f12deadbeef90ULL, 0xdeadbe90u));
		assert_int_equal(p->sample_thread[0], 0);
		assert_int_equal(p->sample_thread[1], 1);
		assert_int_equal(p->sample_thread[2], 0);
		assert_int_equal(p->threads[0].samples, 3);
	}
	/* version 5+: end time, samples spread evenly over 2 s */
	if (version >= 5) {
		assert_int_equal(s->has_end, 1);
		assert_int_equal(s->end_sec, 1700000002);
		assert_int_equal(s->time_basis, PV_TIME_SPREAD);
		for (size_t i = 0; i < 4; i++)
			assert_float_equal(p->sample_time[i], 0.5 * (double)i,
					   1e-6);
	} else {
		assert_int_equal(s->has_end, 0);
		assert_int_equal(s->time_basis, PV_TIME_PERIOD);
		assert_float_equal(p->sample_time[3], 0.003, 1e-6);
	}
}

static void layout(int W, int be, int win64, int version)
{
	struct logw w;
	struct rc_read r;

	logw_init(&w, W, be, win64, 1000);
	cpython_log(&w, version, 0);
	rc_parse(&r, w.buf, w.len, NULL);
	check_cpython(&r, W, win64 ? 8 : W, be, version);
	assert_int_equal(r.warns.n, 0);
	assert_int_equal(r.s->bytes, w.len);
	assert_string_equal(r.s->compression, "none");
	rc_release(&r);
	logw_free(&w);
}

static void test_reader__w8_le(void **state)
{
	(void)state;
	layout(8, 0, 0, 6);
}

static void test_reader__w8_be(void **state)
{
	(void)state;
	layout(8, 1, 0, 6);
}

static void test_reader__w4_le(void **state)
{
	(void)state;
	layout(4, 0, 0, 6);
}

static void test_reader__w4_be(void **state)
{
	(void)state;
	layout(4, 1, 0, 6);
}

static void test_reader__win64(void **state)
{
	(void)state;
	layout(4, 0, 1, 6);
}

static void test_reader__win64_be(void **state)
{
	(void)state;
	layout(4, 1, 1, 5);
}

static void test_reader__v1(void **state)
{
	(void)state;
	layout(8, 0, 0, 1);
}

static void test_reader__v4_w4(void **state)
{
	(void)state;
	layout(4, 0, 0, 4);
}


/* Version 0: 0x04 interpreter record, no thread word, slots are a raw
 * machine stack: those named by a code record are Python, the rest
 * native PCs. */
static void test_reader__v0_legacy(void **state)
{
	uint64_t st[] = { 0x1000, 0x40a0b0, 0x2000 };
	struct logw w;
	struct rc_read r;
	char buf[512];

	(void)state;
	logw_init(&w, 4, 0, 0, 10000);
	logw_header(&w, 0, 0, "cpython");
	logw_name(&w, 0x02, 0x1000, "py:leaf:10:prog.py");
	logw_name(&w, 0x02, 0x2000, "py:main:1:prog.py");
	logw_sample(&w, st, 3, 0, 0, 0);
	logw_sample(&w, st + 1, 2, 0, 0, 0);
	logw_trailer(&w, 0, 0);
	rc_parse(&r, w.buf, w.len, NULL);
	assert_int_equal(r.rc, 0);
	assert_int_equal(r.s->version, 0);
	assert_string_equal(r.s->interpreter, "cpython");
	assert_int_equal(r.s->period_usec, 10000);
	assert_int_equal(r.s->samples, 2);
	assert_int_equal(r.p->nthreads, 1);
	assert_int_equal(r.p->threads[0].raw_id, 0);
	assert_string_equal(rc_sample(r.p, 0, 1, buf, sizeof(buf)),
			    "main/python;<native 0x40a0b0>/native;leaf/python");
	assert_string_equal(rc_sample(r.p, 1, 1, buf, sizeof(buf)),
			    "main/python;<native 0x40a0b0>/native");
	assert_int_equal(r.s->trailer, 1);
	assert_int_equal(r.s->truncated, 0);
	rc_release(&r);
	logw_free(&w);
}

/* PyPy pairs: (6, block) dropped, (3, X) right inside (1, X) is one JIT
 * frame, native (7, addr|1), kinds 2 and 5 as blackhole and gc, other
 * kinds kept as opaque frames and counted. */
static void pypy(int version, unsigned flags, int W, int be)
{
	uint64_t a[] = { 7, 0x5001, 6, 0xdead0, 3, 8, 1, 8, 1, 12 };
	uint64_t b[] = { 2, 16, 5, 20, 9, 24, 1, 12 };
	uint64_t c[] = { 3, 8, 1, 12, 1, 8, 1, 12 };   /* 3,8 then 1,12 */
	uint64_t d[] = { 1, 8, 1, 12, 4 };             /* odd: 4 dropped */
	struct logw w;
	struct rc_read r;
	char buf[512];

	logw_init(&w, W, be, 0, 1000);
	logw_header(&w, version, flags, "pypy");
	logw_name(&w, 0x02, 8, "py:f:3:prog.py");
	logw_name(&w, 0x02, 12, "py:<module>:1:prog.py");
	logw_sample(&w, a, 10, 0, 0, 0);
	logw_sample(&w, b, 8, 0, 0, 0);
	logw_sample(&w, c, 8, 0, 0, 0);
	logw_sample(&w, d, 5, 0, 0, 0);
	logw_name(&w, 0x08, 0x5001, "n:memcpy:0:libc.so.6");
	logw_trailer(&w, 1, 0);
	rc_parse(&r, w.buf, w.len, NULL);
	assert_int_equal(r.rc, 0);
	assert_int_equal(r.s->samples, 4);
	assert_string_equal(rc_sample(r.p, 0, 1, buf, sizeof(buf)),
			    "<module>/python;f/jit;memcpy/native");
	assert_string_equal(rc_sample(r.p, 1, 1, buf, sizeof(buf)),
			    "<module>/python;<kind 9 0x18>/unknown;"
			    "<gc 0x14>/gc;<blackhole 0x10>/blackhole");
	assert_string_equal(rc_sample(r.p, 2, 1, buf, sizeof(buf)),
			    "<module>/python;f/python;<module>/python;f/jit");
	assert_string_equal(rc_sample(r.p, 3, 1, buf, sizeof(buf)),
			    "<module>/python;f/python");
	assert_int_equal(r.s->unknown_kinds, 1);
	assert_int_equal(r.s->odd_pairs, 1);
	/* JIT and interpreted frames of f: two frames, one function */
	{
		uint32_t up = r.p->stacks[r.p->sample_stack[0]].prefix;
		uint32_t jit = pv_stack_frame(r.p, up)->func;
		uint32_t py = pv_stack_frame(r.p, r.p->sample_stack[3])->func;
		assert_int_equal(jit, py);
	}
	assert_true(rc_warned(&r.warns, "odd number of slots"));
	rc_release(&r);
	logw_free(&w);
}

static void test_reader__pypy_v6(void **state)
{
	(void)state;
	pypy(6, PV_FLAG_RPYTHON | PV_FLAG_NATIVE, 8, 0);
}

static void test_reader__pypy_v2_w4_be(void **state)
{
	(void)state;
	pypy(2, 0, 4, 1);   /* version 2 is pair mode without the flag */
}

/* Lines mode: (line, code) pairs, leaf first; a tagged code is native. */
static void lines(int version, unsigned flags, int W, int be)
{
	uint64_t a[] = { 12, 0x1000, 7, 0x2000 };
	uint64_t b[] = { 0, 0x3001, 13, 0x1000, 7, 0x2000 };
	int mem = (flags & PV_FLAG_MEMORY) != 0;
	struct logw w;
	struct rc_read r;
	char buf[512];
	const struct pv_frame *f;

	logw_init(&w, W, be, 0, 1000);
	logw_header(&w, version, flags, "cpython");
	logw_sample(&w, a, 4, 1, 5000, 0);
	logw_sample(&w, b, 6, 1, 6000, 0);
	logw_sample(&w, a, 4, 1, 7000, 0);
	logw_name(&w, 0x02, 0x1000, "py:leaf:10:prog.py");
	logw_name(&w, 0x02, 0x2000, "py:main:1:prog.py");
	logw_name(&w, 0x08, 0x3001, "n:c_helper:0:libx.so");
	logw_trailer(&w, 0, 0);
	rc_parse(&r, w.buf, w.len, NULL);
	assert_int_equal(r.rc, 0);
	assert_int_equal(r.s->samples, 3);
	assert_int_equal(r.s->mem_fixups, 0);
	assert_string_equal(rc_sample(r.p, 1, 1, buf, sizeof(buf)),
			    "main/python;leaf/python;c_helper/native");
	f = pv_stack_frame(r.p, r.p->sample_stack[0]);
	assert_int_equal(f->line, 12);
	assert_int_equal(r.p->funcs[f->func].line, 10);
	f = pv_stack_frame(r.p, r.p->stacks[r.p->sample_stack[1]].prefix);
	assert_int_equal(f->line, 13);
	/* same function, other line: another frame, not another function */
	assert_int_not_equal(r.p->sample_stack[0],
			     r.p->stacks[r.p->sample_stack[1]].prefix);
	assert_int_equal(pv_stack_frame(r.p, r.p->sample_stack[0])->func,
			 f->func);
	f = pv_stack_frame(r.p, r.p->stacks[r.p->sample_stack[0]].prefix);
	assert_int_equal(f->line, 7);
	if (mem) {
		assert_non_null(r.p->sample_mem);
		assert_int_equal(r.p->sample_mem[0], 5000);
		assert_int_equal(r.p->sample_mem[2], 7000);
	} else {
		assert_null(r.p->sample_mem);
	}
	rc_release(&r);
	logw_free(&w);
}

static void test_reader__lines_v4(void **state)
{
	(void)state;
	lines(4, PV_FLAG_LINES, 8, 0);
}

static void test_reader__lines_mem_v5_be(void **state)
{
	(void)state;
	lines(5, PV_FLAG_LINES | PV_FLAG_MEMORY | PV_FLAG_NATIVE, 8, 1);
}

static void test_reader__lines_mem_w4_be(void **state)
{
	(void)state;
	lines(6, PV_FLAG_LINES | PV_FLAG_MEMORY, 4, 1);
}

/* Version 3: a memory word in every sample, whatever the (absent) flags. */
static void test_reader__v3_memory(void **state)
{
	uint64_t a[] = { 0x1000 };
	struct logw w;
	struct rc_read r;

	(void)state;
	logw_init(&w, 4, 1, 0, 1000);
	logw_header(&w, 3, 0, "cpython");
	logw_sample(&w, a, 1, 9, 111, 0);
	logw_sample(&w, a, 1, 9, 222, 0);
	logw_trailer(&w, 0, 0);
	rc_parse(&r, w.buf, w.len, NULL);
	assert_int_equal(r.rc, 0);
	assert_int_equal(r.s->samples, 2);
	assert_non_null(r.p->sample_mem);
	assert_int_equal(r.p->sample_mem[0], 111);
	assert_int_equal(r.p->sample_mem[1], 222);
	assert_int_equal(r.p->threads[0].raw_id, 9);
	rc_release(&r);
	logw_free(&w);
}

/* Version 7: each sample's time is a monotonic double; times are taken
 * relative to meta start_time_offset; 0x09 and 0x0a are counted apart. */
static void test_reader__v7_times(void **state)
{
	uint64_t a[] = { 0x1000, 0x2000 };
	struct logw w;
	struct rc_read r;
	size_t at;

	(void)state;
	logw_init(&w, 8, 0, 0, 1000);
	logw_header(&w, 7, PV_FLAG_MEMORY, "cpython");
	logw_meta(&w, "start_time_offset", "451.250000");
	logw_sample(&w, a, 2, 1, 10, 451.5);
	at = w.len;
	logw_sample(&w, a, 2, 1, 10, 452.0);
	w.buf[at] = 0x09;                        /* allocation sample */
	logw_sample(&w, a, 1, 1, 20, 453.25);
	logw_u8(&w, 0x0a);                       /* object info */
	logw_i64(&w, 0);
	logw_word(&w, 2);
	logw_addr(&w, 0x11);
	logw_addr(&w, 0x20);
	logw_sample(&w, a, 1, 1, 30, NAN);       /* keeps the previous time */
	logw_name(&w, 0x02, 0x1000, "py:f:2:prog.py");
	logw_name(&w, 0x02, 0x2000, "py:g:9:prog.py");
	logw_trailer(&w, 0, 0);
	rc_parse(&r, w.buf, w.len, NULL);
	assert_int_equal(r.rc, 0);
	assert_int_equal(r.s->version, 7);
	assert_int_equal(r.s->samples, 3);
	assert_int_equal(r.s->alloc_samples, 1);
	assert_int_equal(r.s->objinfo_records, 1);
	assert_int_equal(r.s->bad_times, 1);
	assert_int_equal(r.s->time_basis, PV_TIME_RECORDED);
	assert_float_equal(r.p->sample_time[0], 0.25, 1e-4);
	assert_float_equal(r.p->sample_time[1], 2.0, 1e-4);
	assert_float_equal(r.p->sample_time[2], 2.0, 1e-4);
	assert_int_equal(r.p->sample_mem[1], 20);
	assert_true(rc_warned(&r.warns, "invalid time"));
	rc_release(&r);
	logw_free(&w);
}

/* Version 7 with 4-byte words: the time slot stays 8 bytes
 * (docs/format.md 6.6), the depth word follows it; Windows 64 the same
 * with 8-byte slots. */
static void v7_narrow(int win64)
{
	uint64_t a[] = { 0x1000, 0x2000 };
	struct logw w;
	struct rc_read r;
	char buf[256];

	logw_init(&w, 4, 0, win64, 1000);
	logw_header(&w, 7, 0, "cpython");
	logw_meta(&w, "start_time_offset", "100.000000");
	logw_sample(&w, a, 2, 0x77, 0, 100.125);
	logw_sample(&w, a + 1, 1, 0x77, 0, 100.5);
	logw_name(&w, 0x02, 0x1000, "py:f:2:prog.py");
	logw_name(&w, 0x02, 0x2000, "py:g:9:prog.py");
	logw_trailer(&w, 0, 0);
	rc_parse(&r, w.buf, w.len, NULL);
	assert_int_equal(r.rc, 0);
	assert_int_equal(r.s->truncated, 0);
	assert_int_equal(r.s->samples, 2);
	assert_int_equal(r.s->addr_size, win64 ? 8 : 4);
	assert_string_equal(rc_sample(r.p, 0, 0, buf, sizeof(buf)), "g;f");
	assert_string_equal(rc_sample(r.p, 1, 0, buf, sizeof(buf)), "g");
	assert_float_equal(r.p->sample_time[0], 0.125, 1e-5);
	assert_float_equal(r.p->sample_time[1], 0.5, 1e-5);
	assert_int_equal(r.p->threads[0].raw_id, 0x77);
	rc_release(&r);
	logw_free(&w);
}

static void test_reader__v7_w4(void **state)
{
	(void)state;
	v7_narrow(0);
}

static void test_reader__v7_win64(void **state)
{
	(void)state;
	v7_narrow(1);
}


/* A sample at the writer's slot cap (8184-byte records) lost its
 * outermost frames: counted so views can say so. */
static void test_reader__depth_cap(void **state)
{
	static uint64_t deep[1100];
	struct logw w;
	struct rc_read r;

	(void)state;
	for (size_t i = 0; i < 1100; i++)
		deep[i] = 0x1000 + 16 * i;
	logw_init(&w, 8, 0, 0, 1000);
	logw_header(&w, 6, 0, "cpython");
	/* LP64, plain mode: (8184 - 1 - 16 - 8) / 8 = 1019 slots */
	logw_sample(&w, deep, 1019, 1, 0, 0);
	logw_sample(&w, deep, 1018, 1, 0, 0);
	logw_sample(&w, deep, 1100, 1, 0, 0);   /* more than any writer */
	logw_trailer(&w, 0, 0);
	rc_parse(&r, w.buf, w.len, NULL);
	assert_int_equal(r.rc, 0);
	assert_int_equal(r.s->samples, 3);
	assert_int_equal(r.s->capped_stacks, 2);
	assert_int_equal(r.s->max_depth, 1100);
	assert_int_equal(r.p->stacks[r.p->sample_stack[2]].depth, 1100);
	rc_release(&r);
	logw_free(&w);
}

/* The same bytes compressed: detected by magic, not by name. */
static void test_reader__compressed(void **state)
{
	struct logw w;
	struct rc_read r;
	unsigned char *out;
	size_t cap;
	z_stream z;

	(void)state;
	logw_init(&w, 8, 0, 0, 1000);
	cpython_log(&w, 6, 0);
	cap = w.len + 1024;
	out = test_malloc(cap);

	memset(&z, 0, sizeof(z));
	assert_int_equal(deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 8,
				      Z_DEFAULT_STRATEGY), Z_OK);
	z.next_in = w.buf;
	z.avail_in = (uInt)w.len;
	z.next_out = out;
	z.avail_out = (uInt)cap;
	assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
	rc_parse(&r, out, z.total_out, NULL);
	check_cpython(&r, 8, 8, 0, 6);
	assert_string_equal(r.s->compression, "gzip");
	assert_int_equal(r.s->bytes, w.len);
	rc_release(&r);
	/* the gzip trailer cut off: every byte of the log came out, but
	 * the stream is damaged, and that is said */
	rc_parse(&r, out, z.total_out - 4, NULL);
	deflateEnd(&z);
	assert_int_equal(r.rc, 0);
	assert_int_equal(r.s->samples, 4);
	assert_int_equal(r.s->truncated, 1);
	assert_string_equal(r.s->damage, "gzip stream ends early");
	assert_int_equal(r.warns.n, 1);
	rc_release(&r);

	{
		size_t n = ZSTD_compress(out, cap, w.buf, w.len, 3);
		assert_false(ZSTD_isError(n));
		rc_parse(&r, out, n, NULL);
		check_cpython(&r, 8, 8, 0, 6);
		assert_string_equal(r.s->compression, "zstd");
		rc_release(&r);
		/* zstd gives nothing of a cut block: here not even the
		 * header, so the log cannot be read */
		rc_parse(&r, out, n - 1, NULL);
		assert_int_equal(r.rc, PV_EFORMAT);
		rc_release(&r);
	}
	test_free(out);
	logw_free(&w);
}

/* Two logs read into one profile: threads numbered on across logs, each
 * log its own source, frames not shared (addresses are per log) but
 * functions are. */
static void test_reader__two_logs(void **state)
{
	struct logw w;
	struct pv_profile *p = pv_profile_new();
	uint32_t s0, s1;
	char buf[512];

	(void)state;
	logw_init(&w, 8, 0, 0, 1000);
	cpython_log(&w, 6, 0);
	assert_int_equal(pv_reader_parse(p, w.buf, w.len, NULL, &s0, NULL), 0);
	assert_int_equal(pv_reader_parse(p, w.buf, w.len, NULL, &s1, NULL), 0);
	assert_int_equal(s0, 0);
	assert_int_equal(s1, 1);
	assert_int_equal(p->nsamples, 8);
	assert_int_equal(p->nthreads, 4);
	assert_int_equal(p->threads[2].number, 3);
	assert_int_equal(p->threads[2].source, 1);
	assert_int_equal(p->sample_thread[4], 2);
	assert_string_equal(rc_sample(p, 5, 0, buf, sizeof(buf)),
			    "main;leaf;c_helper");
	assert_int_not_equal(p->sample_stack[0], p->sample_stack[4]);
	assert_int_equal(pv_stack_frame(p, p->sample_stack[0])->func,
			 pv_stack_frame(p, p->sample_stack[4])->func);
	pv_profile_free(p);
	logw_free(&w);
}

/* records_end: where the trailer starts, the end of the last whole
 * record when there is none (a torn record after it), 0 for folded
 * stacks; and the public byte stream gives the decompressed bytes. */
static void test_reader__records_end(void **state)
{
	static const char folded[] = "a;b;c 3\n";
	struct pv_reader_stream *st;
	struct logw w;
	struct rc_read r;
	unsigned char *out, chunk[7];
	size_t trailer_at, n = 0, got;
	uint64_t s0[] = { 0x1000, 0x2000 };

	(void)state;
	logw_init(&w, 4, 1, 0, 1000);
	cpython_log(&w, 6, 0);
	trailer_at = w.len - 25;   /* 0x03 + two i64 + 8-byte zone */
	assert_int_equal(w.buf[trailer_at], 0x03);
	rc_parse(&r, w.buf, w.len, NULL);
	assert_int_equal(r.s->trailer, 1);
	assert_int_equal(r.s->records_end, trailer_at);
	rc_release(&r);
	/* no trailer, and half a sample after the last whole record */
	w.len = trailer_at;
	logw_sample(&w, s0, 2, 0xdeadbe10u, 0, 0);
	rc_parse(&r, w.buf, w.len - 3, NULL);
	assert_int_equal(r.s->trailer, 0);
	assert_int_equal(r.s->truncated, 1);
	assert_int_equal(r.s->records_end, trailer_at);
	rc_release(&r);
	/* ends cleanly without a trailer */
	rc_parse(&r, w.buf, trailer_at, NULL);
	assert_int_equal(r.s->truncated, 0);
	assert_int_equal(r.s->records_end, trailer_at);
	rc_release(&r);
	rc_parse(&r, folded, sizeof(folded) - 1, NULL);
	assert_int_equal(r.rc, 0);
	assert_int_equal(r.s->records_end, 0);
	rc_release(&r);

	/* the stream: gzip in, the log's bytes out, in small reads */
	{
		size_t cap = w.len + 1024;
		z_stream z;

		out = test_malloc(cap);
		memset(&z, 0, sizeof(z));
		assert_int_equal(deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 8,
					      Z_DEFAULT_STRATEGY), Z_OK);
		z.next_in = w.buf;
		z.avail_in = (uInt)w.len;
		z.next_out = out;
		z.avail_out = (uInt)cap;
		assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
		assert_int_equal(pv_reader_stream_open(&st, -1, out,
						       z.total_out, NULL), 0);
		deflateEnd(&z);
	}
	assert_string_equal(pv_reader_stream_codec(st), "gzip");
	do {
		assert_int_equal(pv_reader_stream_read(st, chunk,
						       sizeof(chunk), &got,
						       NULL), 0);
		assert_true(n + got <= w.len);
		assert_memory_equal(chunk, w.buf + n, got);
		n += got;
	} while (got);
	assert_int_equal(n, w.len);
	pv_reader_stream_free(st);
	pv_reader_stream_free(NULL);
	test_free(out);
	logw_free(&w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reader__records_end),
		cmocka_unit_test(test_reader__w8_le),
		cmocka_unit_test(test_reader__w8_be),
		cmocka_unit_test(test_reader__w4_le),
		cmocka_unit_test(test_reader__w4_be),
		cmocka_unit_test(test_reader__win64),
		cmocka_unit_test(test_reader__win64_be),
		cmocka_unit_test(test_reader__v1),
		cmocka_unit_test(test_reader__v4_w4),
		cmocka_unit_test(test_reader__v0_legacy),
		cmocka_unit_test(test_reader__pypy_v6),
		cmocka_unit_test(test_reader__pypy_v2_w4_be),
		cmocka_unit_test(test_reader__lines_v4),
		cmocka_unit_test(test_reader__lines_mem_v5_be),
		cmocka_unit_test(test_reader__lines_mem_w4_be),
		cmocka_unit_test(test_reader__v3_memory),
		cmocka_unit_test(test_reader__v7_times),
		cmocka_unit_test(test_reader__v7_w4),
		cmocka_unit_test(test_reader__v7_win64),
		cmocka_unit_test(test_reader__depth_cap),
		cmocka_unit_test(test_reader__compressed),
		cmocka_unit_test(test_reader__two_logs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
