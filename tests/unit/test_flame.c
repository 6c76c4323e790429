/* test_flame.c - flame layout, SVG writer and folded reader on profiles
 * built in memory. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "reader/pv_reader.h"
#include "render/pv_flame.h"

static struct pv_profile *folded(const char *text)
{
	struct pv_profile *p = pv_profile_new();
	struct pv_error err = { 0 };

	assert_non_null(p);
	assert_int_equal(pv_reader_parse(p, text, strlen(text), NULL, NULL,
					 &err), 0);
	return p;
}

static struct pv_flame_layout *lay(struct pv_profile *p,
				   struct pv_calltree **t,
				   const struct pv_flame_opts *o)
{
	struct pv_tree_opts to = { 0 };
	struct pv_error err = { 0 };
	struct pv_flame_layout *l = NULL;

	assert_int_equal(pv_calltree_build(t, p, &to, &err), 0);
	assert_int_equal(pv_calltree_sort(*t, p, pv_cnode_cmp_name), 0);
	assert_int_equal(pv_flame_layout_new(&l, p, *t, o, &err), 0);
	return l;
}

static void test_flame__folded_counts_and_kinds(void **state)
{
	struct pv_profile *p = folded("main;f (a.py:3);g 5\n"
				      "main;f (a.py:3) 2\n"
				      "main;x::y;memcpy_[k] 4000000000\n");
	(void)state;
	assert_int_equal(pv_profile_total_weight(p), 4000000007ULL);
	assert_int_equal(p->nsamples, 3);
	assert_int_equal(p->sources[0].samples, 4000000007ULL);
	for (uint32_t i = 0; i < p->nfuncs; i++) {
		if (!strcmp(p->funcs[i].name, "f")) {
			assert_string_equal(p->funcs[i].file, "a.py");
			assert_int_equal(p->funcs[i].line, 3);
		}
	}
	pv_profile_free(p);
}

static void test_flame__geometry(void **state)
{
	struct pv_profile *p = folded("m;a;b 30\nm;a;c 10\nm;d 60\nm 0\n");
	struct pv_calltree *t;
	struct pv_flame_opts o = { .width = 1020, .minwidth = -1 };
	struct pv_flame_layout *l = lay(p, &t, &o);
	char nb[64];

	(void)state;
	assert_int_equal(l->nrects, 6);   /* all m a b c d */
	assert_string_equal(pv_flame_name(l, 0, nb), "all");
	assert_true(l->rects[0].w > 999.99 && l->rects[0].w < 1000.01);
	for (uint32_t i = 1; i < l->nrects; i++) {
		const struct pv_flame_rect *r = &l->rects[i], *pr;
		assert_true(r->parent < i);
		pr = &l->rects[r->parent];
		assert_true(r->w <= pr->w + 1e-9);
		assert_true(r->x >= pr->x - 1e-9);
		assert_true(r->x + r->w <= pr->x + pr->w + 1e-9);
		assert_int_equal(r->depth, pr->depth + 1);
	}
	/* children by name: a (40) left of d (60) */
	assert_string_equal(pv_flame_name(l, 2, nb), "a");
	assert_true(l->rects[2].w > 399.99 && l->rects[2].w < 400.01);
	pv_flame_layout_free(l);
	pv_calltree_free(t);
	pv_profile_free(p);
}

static uint32_t red_calls;
static int red(void *ctx, const struct pv_calltree *t, uint32_t node,
	       uint32_t *rgb)
{
	(void)ctx;
	(void)t;
	(void)node;
	red_calls++;
	*rgb = 0xff0000;
	return 1;
}

static size_t tip(void *ctx, const struct pv_calltree *t, uint32_t node,
		  char *buf, size_t len)
{
	(void)ctx;
	(void)t;
	(void)node;
	return (size_t)snprintf(buf, len, "before 1%% & after <2%%>");
}

static void test_flame__hooks_embedding_hostile(void **state)
{
	struct pv_profile *p = folded("m;<a href=\"x\">&amp;;\xff\xfe\x01 3\n"
				      "m;ok 1\n");
	struct pv_calltree *t;
	struct pv_flame_note note = { "gone: \xc3 old()", 0x00ff00 };
	struct pv_flame_opts o = { .minwidth = -1, .id_prefix = "g2",
				   .hooks = { red, tip, NULL },
				   .notes = &note, .nnotes = 1 };
	struct pv_flame_layout *l = lay(p, &t, &o);
	struct pv_error err = { 0 };
	char *svg, *again;
	size_t len, len2;
	xmlDocPtr doc;

	(void)state;
	assert_int_equal(pv_render_flame_svg_string(l, &svg, &len, &err), 0);
	assert_int_equal(pv_render_flame_svg_string(l, &again, &len2, &err), 0);
	assert_int_equal(len, len2);
	assert_memory_equal(svg, again, len);   /* deterministic */
	doc = xmlReadMemory(svg, (int)len, "x.svg", NULL, XML_PARSE_NONET);
	assert_non_null(doc);                   /* well formed */
	xmlFreeDoc(doc);
	assert_non_null(strstr(svg, "id=\"g2-frames\""));
	assert_non_null(strstr(svg, "#ff0000"));
	assert_true(red_calls > 0);
	assert_non_null(strstr(svg, "before 1% &amp; after &lt;2%&gt;"));
	assert_non_null(strstr(svg, "&lt;a href=&quot;x&quot;&gt;&amp;amp\n"));
	assert_non_null(strstr(svg, "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"));
	assert_non_null(strstr(svg, "gone: \xef\xbf\xbd old()"));
	assert_null(strstr(svg, "#pvf"));
	free(svg);
	free(again);

	/* into a caller's writer: no XML declaration */
	{
		xmlBufferPtr b = xmlBufferCreate();
		xmlTextWriterPtr w = xmlNewTextWriterMemory(b, 0);
		assert_int_equal(pv_render_flame_svg_element(l, w, &err), 0);
		xmlFreeTextWriter(w);
		assert_null(strstr((const char *)xmlBufferContent(b), "<?xml"));
		assert_int_equal(strncmp((const char *)xmlBufferContent(b),
					 "<svg", 4), 0);
		xmlBufferFree(b);
	}
	pv_flame_layout_free(l);
	pv_calltree_free(t);
	pv_profile_free(p);
}

static void test_flame__budget_raises_minwidth(void **state)
{
	struct pv_profile *p = pv_profile_new();
	struct pv_calltree *t;
	struct pv_flame_opts o = { .minwidth = -1, .max_size = 60000 };
	struct pv_flame_layout *l;
	struct pv_error err = { 0 };
	char text[64], *all = malloc(1 << 20), *svg;
	size_t n = 0, len;

	(void)state;
	for (int i = 0; i < 2000; i++) {
		snprintf(text, sizeof(text), "root;f%04d;g%04d %d\n", i, i,
			 1 + i % 7);
		memcpy(all + n, text, strlen(text));
		n += strlen(text);
	}
	assert_int_equal(pv_reader_parse(p, all, n, NULL, NULL, &err), 0);
	l = lay(p, &t, &o);
	assert_true(l->raised);
	assert_true(l->minwidth > 0.1);
	assert_true(l->omitted > 0);
	assert_int_equal(pv_render_flame_svg_string(l, &svg, &len, &err), 0);
	assert_true(len <= 60000);
	assert_non_null(strstr(svg, "left out to keep the file under"));
	for (uint32_t i = 1; i < l->nrects; i++)
		assert_true(l->rects[i].w >= l->minwidth);
	free(svg);
	free(all);
	pv_flame_layout_free(l);
	pv_calltree_free(t);
	pv_profile_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_flame__folded_counts_and_kinds),
		cmocka_unit_test(test_flame__geometry),
		cmocka_unit_test(test_flame__hooks_embedding_hostile),
		cmocka_unit_test(test_flame__budget_raises_minwidth),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
