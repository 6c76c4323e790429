/* mkseeds.c - writes the generated part of the fuzz seed corpus: one small
 * log per layout the reader knows (tests/support/logwriter.h), so the
 * fuzzer starts from every branch of the record loop rather than having
 * to discover the layouts.   mkseeds DIR
 */
#include <stdio.h>
#include <string.h>

#include "tests/support/logwriter.h"

static const char *dir;
static int failed;

static void save(struct logw *w, const char *name)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/gen-%s.prof", dir, name);
	if (logw_save(w, path))
		failed = 1;
	logw_free(w);
}

/* names and samples common to the CPython-style layouts */
static void body(struct logw *w, int lines)
{
	uint64_t a[] = { 0x1000, 0x2000, 0x3001 };
	uint64_t l[] = { 12, 0x1000, 7, 0x2000, 0, 0x3001 };

	logw_meta(w, "os", "linux");
	logw_time(w, 1700000000, 250000);
	for (int i = 0; i < 4; i++) {
		if (lines)
			logw_sample(w, l, 6 - (size_t)(i & 1) * 2,
				    0x7f00 + (uint64_t)(i & 1), 1024, 0);
		else
			logw_sample(w, a, 3 - (size_t)(i & 1),
				    0x7f00 + (uint64_t)(i & 1), 1024, 0);
	}
	logw_name(w, 0x02, 0x1000, "py:leaf:10:prog.py");
	logw_name(w, 0x02, 0x2000, "py:main:1:prog.py");
	logw_name(w, 0x08, 0x3000, "c_helper:0:libx.so");
	logw_trailer(w, 1700000001, 0);
}

static void pypy(struct logw *w)
{
	/* (6,asm) (3,8) (1,8) (7,native|1) (2,..) (5,..) (9,..) */
	uint64_t s[] = { 7, 0x5001, 6, 0xdead0, 3, 8, 1, 8, 1, 12,
			 2, 16, 5, 20, 9, 24 };

	logw_name(w, 0x02, 8, "py:f:3:prog.py");
	logw_name(w, 0x02, 12, "py:<module>:1:prog.py");
	logw_name(w, 0x02, 12, "py:<module>:1:prog.py");
	for (int i = 0; i < 3; i++)
		logw_sample(w, s + 2 * i, 16 - 2 * (size_t)i, 0, 64, 0);
	logw_trailer(w, 1700000002, 5);
}

int main(int argc, char **argv)
{
	struct logw w;

	if (argc != 2) {
		fprintf(stderr, "usage: mkseeds DIR\n");
		return 2;
	}
	dir = argv[1];

	logw_init(&w, 4, 0, 0, 1000);     /* v0: 0x04, raw machine stack */
	logw_header(&w, 0, 0, "cpython");
	body(&w, 0);
	save(&w, "v0-w4-le");

	logw_init(&w, 8, 0, 0, 1000);
	logw_header(&w, 1, 0, "cpython");
	body(&w, 0);
	save(&w, "v1-w8-le");

	logw_init(&w, 8, 0, 0, 1000);
	logw_header(&w, 2, 0, "pypy");
	pypy(&w);
	save(&w, "v2-pairs");

	logw_init(&w, 4, 1, 0, 1000);
	logw_header(&w, 3, 0, "cpython");
	body(&w, 0);
	save(&w, "v3-w4-be-mem");

	logw_init(&w, 8, 0, 0, 1000);
	logw_header(&w, 4, 0x02, "cpython");
	body(&w, 1);
	save(&w, "v4-lines");

	logw_init(&w, 8, 1, 0, 999);
	logw_header(&w, 5, 0x01 | 0x02 | 0x04, "cpython");
	body(&w, 1);
	save(&w, "v5-w8-be-mem-lines-native");

	logw_init(&w, 8, 0, 0, 1000);
	logw_header(&w, 6, 0x08 | 0x04 | 0x01, "pypy");
	pypy(&w);
	save(&w, "v6-pypy-native-mem");

	logw_init(&w, 4, 0, 1, 1000);     /* Windows 64: W 4, A 8 */
	logw_header(&w, 6, 0x04, "cpython");
	body(&w, 0);
	save(&w, "v6-win64");

	logw_init(&w, 8, 0, 0, 1000);
	logw_header(&w, 7, 0x01, "cpython");
	logw_meta(&w, "start_time_offset", "451.25");
	{
		uint64_t a[] = { 0x1000, 0x2000 };
		logw_sample(&w, a, 2, 1, 10, 451.5);
		logw_sample(&w, a, 1, 1, 10, 451.75);
		/* 0x09: the 0x01 layout; 0x0a: time, depth, entries */
		logw_sample(&w, a, 2, 1, 10, 452.0);
		w.buf[w.len - (1 + 8 + 8 + 2 * 8 + 2 * 8)] = 0x09;
		logw_u8(&w, 0x0a);
		logw_i64(&w, 0);
		logw_word(&w, 2);
		logw_addr(&w, 0x11);
		logw_addr(&w, 0x20);
	}
	logw_name(&w, 0x02, 0x1000, "py:f:2:prog.py");
	logw_trailer(&w, 1700000003, 0);
	save(&w, "v7-alloc-objinfo");

	/* memory mode with one sample a memory word short (writer quirk) */
	logw_init(&w, 8, 0, 0, 1000);
	logw_header(&w, 6, 0x01, "cpython");
	{
		uint64_t a[] = { 0x1000, 0x2000 };
		logw_sample(&w, a, 2, 7, 100, 0);
		logw_sample(&w, a, 2, 7, 100, 0);
		w.len -= 8;
		logw_sample(&w, a, 1, 7, 120, 0);
		logw_sample(&w, a, 2, 7, 140, 0);
	}
	logw_name(&w, 0x02, 0x1000, "py:f:2:prog.py");
	logw_trailer(&w, 1700000003, 0);
	save(&w, "v6-mem-quirk");
	return failed;
}
