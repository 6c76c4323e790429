/* test_jsonw.c - the streaming JSON writer: numbers, strings, failures. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "render/pv_jsonw.h"

/* What the writer produced for one value, through fn. */
static char *run(void (*fn)(struct pv_jw *, const void *), const void *arg)
{
	static struct pv_jw w;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	pv_jw_init(&w, f);
	fn(&w, arg);
	assert_int_equal(pv_jw_finish(&w), 0);
	fclose(f);
	return buf;
}

struct fx { int64_t v; int d; };
static void put_fixed(struct pv_jw *w, const void *a)
{
	const struct fx *x = a;
	pv_jw_fixed(w, x->v, x->d);
}
static void put_u64(struct pv_jw *w, const void *a)
{
	pv_jw_u64(w, *(const uint64_t *)a);
}
static void put_i64(struct pv_jw *w, const void *a)
{
	pv_jw_i64(w, *(const int64_t *)a);
}
static void put_str(struct pv_jw *w, const void *a)
{
	pv_jw_str(w, a);
}

static void test_fixed(void **state)
{
	static const struct { struct fx x; const char *want; } cases[] = {
		{ { 0, 3 }, "0" }, { { 1, 3 }, "0.001" }, { { 10, 3 }, "0.01" },
		{ { 100, 3 }, "0.1" }, { { 1000, 3 }, "1" },
		{ { 4052942, 3 }, "4052.942" }, { { 1234500, 3 }, "1234.5" },
		{ { -1500, 3 }, "-1.5" }, { { 4053, 6 }, "0.004053" },
		{ { 2109508000, 6 }, "2109.508" }, { { 7, 1 }, "0.7" },
		{ { 123456789, 9 }, "0.123456789" }, { { 42, 0 }, "42" },
		{ { INT64_MAX, 3 }, "9223372036854775.807" },
	};
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *s = run(put_fixed, &cases[i].x);
		assert_string_equal(s, cases[i].want);
		free(s);
	}
}

static void test_integers(void **state)
{
	uint64_t u[] = { 0, 9, 10, 99, 100, 101, 12345, UINT64_MAX };
	const char *uw[] = { "0", "9", "10", "99", "100", "101", "12345",
			     "18446744073709551615" };
	int64_t m = INT64_MIN;
	char *s;

	(void)state;
	for (size_t i = 0; i < sizeof(u) / sizeof(u[0]); i++) {
		s = run(put_u64, &u[i]);
		assert_string_equal(s, uw[i]);
		free(s);
	}
	s = run(put_i64, &m);
	assert_string_equal(s, "-9223372036854775808");
	free(s);
}

static void put_fixed3_in_place(struct pv_jw *w, const void *a)
{
	char *o = pv_jw_room(w, PV_JW_NUM);

	pv_jw_wrote(w, pv_jw_fmt_fixed3(o, *(const int64_t *)a));
}
static void put_u64_in_place(struct pv_jw *w, const void *a)
{
	char *o = pv_jw_room(w, PV_JW_NUM);

	pv_jw_wrote(w, pv_jw_fmt_u64(o, *(const uint64_t *)a));
}

/* The in-place formatters write what the calls do, at every digit count
 * and around each power of ten. */
static void test_in_place(void **state)
{
	uint64_t p10 = 1;

	(void)state;
	for (int k = 0; k < 20; k++, p10 *= 10) {
		for (int d = -1; d <= 1; d++) {
			uint64_t u = p10 + (uint64_t)(int64_t)d;
			int64_t v = (int64_t)(u & INT64_MAX);
			struct fx x = { v, 3 }, nx = { -v, 3 };
			char *a = run(put_u64, &u), *b = run(put_u64_in_place, &u);
			assert_string_equal(a, b);
			free(a);
			free(b);
			a = run(put_fixed, &x);
			b = run(put_fixed3_in_place, &v);
			assert_string_equal(a, b);
			free(a);
			free(b);
			v = -v;
			a = run(put_fixed, &nx);
			b = run(put_fixed3_in_place, &v);
			assert_string_equal(a, b);
			free(a);
			free(b);
		}
	}
	{
		int64_t v = 4052940;   /* trailing zero trimmed */
		char *b = run(put_fixed3_in_place, &v);
		assert_string_equal(b, "4052.94");
		free(b);
	}
}

static void test_strings(void **state)
{
	char *s;

	(void)state;
	s = run(put_str, "a\"b\\c</script>\n\x01");
	assert_string_equal(s, "\"a\\\"b\\\\c\\u003c/script>\\u000a\\u0001\"");
	free(s);
	/* invalid UTF-8 becomes U+FFFD; valid sequences stay */
	s = run(put_str, "\xff\xc3\xa9");
	assert_string_equal(s, "\"\xef\xbf\xbd\xc3\xa9\"");
	free(s);
}

/* A document bigger than the buffer to a full disk fails at the end. */
static void test_failure(void **state)
{
	struct pv_jw *w = malloc(sizeof(*w));
	FILE *f = fopen("/dev/full", "w");

	(void)state;
	if (!f) {
		free(w);
		skip();
	}
	pv_jw_init(w, f);
	for (int i = 0; i < 100000; i++)
		pv_jw_str(w, "some text to fill the buffer");
	assert_int_equal(pv_jw_finish(w), -1);
	fclose(f);
	free(w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fixed),
		cmocka_unit_test(test_in_place),
		cmocka_unit_test(test_integers),
		cmocka_unit_test(test_strings),
		cmocka_unit_test(test_failure),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
