/* test_buf.c - the growable buffer: growth, items, the cap, stickiness. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "profile/pv_buf.h"

static void test_bytes(void **state)
{
	struct pv_buf b = PV_BUF_INIT(PV_BUF_NOLIMIT);
	char expect[10001];

	(void)state;
	assert_null(b.data);
	for (int i = 0; i < 10000; i++) {
		expect[i] = (char)('a' + i % 26);
		assert_int_equal(pv_buf_add(&b, &expect[i], 1), 0);
	}
	expect[10000] = '\0';
	assert_int_equal(b.len, 10000);
	assert_true(b.alloc > b.len);
	assert_string_equal((char *)b.data, expect);   /* NUL after len */
	assert_int_equal(pv_buf_addf(&b, "%d-%s", 42, "x"), 0);
	assert_int_equal(pv_buf_adds(&b, "!"), 0);
	assert_memory_equal(b.data + 10000, "42-x!", 6);
	pv_buf_reset(&b);
	assert_int_equal(b.len, 0);
	assert_string_equal((char *)b.data, "");
	pv_buf_release(&b);
	assert_null(b.data);
	pv_buf_release(&b);   /* twice is fine */
}

struct item { uint64_t a; uint32_t b; };

static void test_items(void **state)
{
	struct pv_buf b;

	(void)state;
	pv_buf_init(&b, PV_BUF_NOLIMIT);
	for (uint32_t i = 0; i < 1000; i++) {
		struct item *it = pv_buf_extend(&b, sizeof(*it));
		assert_non_null(it);
		assert_int_equal(it->a, 0);   /* zeroed */
		it->a = (uint64_t)i << 40;
		it->b = i;
	}
	assert_int_equal(PV_BUF_COUNT(&b, struct item), 1000);
	for (uint32_t i = 0; i < 1000; i++) {
		assert_int_equal(PV_BUF_ITEMS(&b, struct item)[i].b, i);
		assert_true(PV_BUF_ITEMS(&b, struct item)[i].a ==
			    (uint64_t)i << 40);
	}
	pv_buf_release(&b);
}

/* An append past the cap fails, empties the buffer, and every later
 * append fails the same way until a reset. */
static void test_cap_sticky(void **state)
{
	struct pv_buf b = PV_BUF_INIT(8);
	struct pv_error err;

	(void)state;
	assert_int_equal(pv_buf_add(&b, "12345678", 8), 0);
	assert_int_equal(pv_buf_error(&b, "x", &err), 0);
	assert_int_equal(pv_buf_add(&b, "9", 1), PV_ELIMIT);
	assert_null(b.data);
	assert_int_equal(b.len, 0);
	assert_int_equal(pv_buf_add(&b, "", 0), PV_ELIMIT);
	assert_int_equal(pv_buf_addf(&b, "%d", 1), PV_ELIMIT);
	assert_null(pv_buf_extend(&b, 1));
	assert_int_equal(pv_buf_reserve(&b, 1), PV_ELIMIT);
	assert_int_equal(pv_buf_status(&b), PV_ELIMIT);
	assert_int_equal(pv_buf_error(&b, "the table", &err), PV_ELIMIT);
	assert_int_equal(err.code, PV_ELIMIT);
	assert_string_equal(err.msg, "the table larger than 8 bytes");
	pv_buf_reset(&b);
	assert_int_equal(pv_buf_addf(&b, "%s", "abcdefgh"), 0);
	assert_int_equal(pv_buf_addf(&b, "%s", "i"), PV_ELIMIT);
	pv_buf_release(&b);
}

static void test_reserve_detach(void **state)
{
	struct pv_buf b = PV_BUF_INIT(1000);
	size_t len;
	char *d;

	(void)state;
	assert_null(pv_buf_detach(&b, &len));
	assert_int_equal(len, 0);
	assert_int_equal(pv_buf_reserve(&b, 100), 0);
	assert_true(b.alloc >= 101 && b.alloc <= 1001);
	memcpy(b.data, "hello", 5);
	pv_buf_setlen(&b, 5);
	assert_string_equal((char *)b.data, "hello");
	assert_int_equal(pv_buf_reserve(&b, 995), 0);
	assert_int_equal(b.alloc, 1001);   /* never beyond the cap */
	assert_int_equal(pv_buf_reserve(&b, 996), PV_ELIMIT);
	assert_int_equal(pv_buf_add(&b, "x", 1), PV_ELIMIT);   /* sticky */
	pv_buf_reset(&b);
	assert_int_equal(pv_buf_adds(&b, "kept"), 0);
	d = pv_buf_detach(&b, &len);
	assert_int_equal(len, 4);
	assert_string_equal(d, "kept");
	assert_null(b.data);
	assert_int_equal(b.max, 1000);
	free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bytes),
		cmocka_unit_test(test_items),
		cmocka_unit_test(test_cap_sticky),
		cmocka_unit_test(test_reserve_detach),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
