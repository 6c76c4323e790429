/* test_profile.c - the model: interning, stacks, call trees, filters. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "profile/pv_calltree.h"
#include "profile/pv_filter.h"
#include "profile/pv_profile.h"

/* Builds a profile with named python funcs and samples given as
 * root-first name paths separated by ';'. */
static struct pv_profile *build(const char *const *paths, size_t n)
{
	struct pv_profile *p = pv_profile_new();
	uint32_t src, th;

	assert_non_null(p);
	assert_int_equal(pv_profile_add_source(p, &src, NULL), 0);
	p->sources[src].period_usec = 1000;
	assert_int_equal(pv_profile_add_thread(p, 0, 0, &th, NULL), 0);
	for (size_t i = 0; i < n; i++) {
		char buf[256], *save = NULL, *tok;
		uint32_t stack = PV_NONE;
		strcpy(buf, paths[i]);
		for (tok = strtok_r(buf, ";", &save); tok;
		     tok = strtok_r(NULL, ";", &save)) {
			struct pv_func f = { 0 };
			struct pv_frame fr = { 0 };
			uint32_t func, frame;
			f.name = pv_profile_intern_str(p, tok);
			f.file = pv_profile_intern_str(p, "prog.py");
			f.module = pv_profile_intern_str(p, "");
			assert_int_equal(pv_profile_add_func(p, &f, &func, NULL), 0);
			fr.addr = func * 16 + 16;
			fr.func = func;
			assert_int_equal(pv_profile_add_frame(p, &fr, &frame, NULL), 0);
			assert_int_equal(pv_profile_add_stack(p, stack, frame, &stack, NULL), 0);
		}
		assert_int_equal(pv_profile_add_sample(p, stack, th, (float)i, 0, NULL), 0);
		p->sources[src].samples++;
	}
	return p;
}

static const struct pv_cnode *find_child(const struct pv_profile *p,
					 const struct pv_calltree *t,
					 uint32_t parent, const char *name)
{
	uint32_t c = parent == PV_NONE ? t->first_root : t->nodes[parent].first_child;
	char buf[64];

	for (; c != PV_NONE; c = t->nodes[c].next_sibling)
		if (!strcmp(pv_cnode_name(p, t, c, buf), name))
			return &t->nodes[c];
	return NULL;
}

static void test_profile__interning(void **state)
{
	struct pv_profile *p = pv_profile_new();
	const char *a, *b;
	(void)state;
	a = pv_profile_intern_str(p, "fib");
	b = pv_profile_intern(p, "fibonacci", 3);
	assert_ptr_equal(a, b);
	assert_ptr_not_equal(a, pv_profile_intern_str(p, "fi"));
	pv_profile_free(p);
}

static void test_profile__stacks_are_hash_consed(void **state)
{
	static const char *const paths[] = { "main;a;b", "main;a;b", "main;a", "main;c;b" };
	struct pv_profile *p = build(paths, 4);
	(void)state;
	/* distinct prefixes: main, main;a, main;a;b, main;c, main;c;b */
	assert_int_equal(p->nstacks, 5);
	assert_int_equal(p->sample_stack[0], p->sample_stack[1]);
	assert_int_equal(p->stacks[p->sample_stack[0]].depth, 3);
	pv_profile_free(p);
}

static void test_profile__calltree_counts(void **state)
{
	static const char *const paths[] = { "main;a;b", "main;a;b", "main;a", "main;c;b" };
	struct pv_profile *p = build(paths, 4);
	struct pv_calltree *t;
	const struct pv_cnode *main_, *a, *b;
	(void)state;
	assert_int_equal(pv_calltree_build(&t, p, NULL, NULL), 0);
	main_ = find_child(p, t, PV_NONE, "main");
	assert_non_null(main_);
	assert_int_equal(main_->total, 4);
	assert_int_equal(main_->self, 0);
	a = find_child(p, t, (uint32_t)(main_ - t->nodes), "a");
	assert_int_equal(a->total, 3);
	assert_int_equal(a->self, 1);
	b = find_child(p, t, (uint32_t)(a - t->nodes), "b");
	assert_int_equal(b->total, 2);
	pv_calltree_free(t);

	/* reversed: b is a root with 3 samples (two under a, one under c) */
	{
		struct pv_tree_opts o = { .reverse = 1 };
		assert_int_equal(pv_calltree_build(&t, p, &o, NULL), 0);
		b = find_child(p, t, PV_NONE, "b");
		assert_non_null(b);
		assert_int_equal(b->total, 3);
		pv_calltree_free(t);
	}
	pv_profile_free(p);
}

static void test_profile__filters(void **state)
{
	static const char *const paths[] = { "main;a;b", "main;a;b", "main;a", "main;c;b" };
	struct pv_profile *p;
	struct pv_filter f = { 0 };
	struct pv_error err = { 0 };
	struct pv_calltree *t;
	(void)state;

	p = build(paths, 4);
	f.focus[0] = "^c$";
	f.nfocus = 1;
	assert_int_equal(pv_profile_filter(p, &f, &err), 0);
	assert_int_equal(p->nsamples, 1);
	pv_profile_free(p);

	p = build(paths, 4);
	memset(&f, 0, sizeof(f));
	f.ignore[0] = "^b$";
	f.nignore = 1;
	assert_int_equal(pv_profile_filter(p, &f, &err), 0);
	assert_int_equal(p->nsamples, 1);   /* only main;a */
	pv_profile_free(p);

	p = build(paths, 4);
	memset(&f, 0, sizeof(f));
	f.hide[0] = "^a$";
	f.nhide = 1;
	assert_int_equal(pv_profile_filter(p, &f, &err), 0);
	assert_int_equal(p->nsamples, 4);   /* hide keeps samples */
	assert_int_equal(pv_calltree_build(&t, p, NULL, NULL), 0);
	{
		const struct pv_cnode *m = find_child(p, t, PV_NONE, "main");
		const struct pv_cnode *b = find_child(p, t, (uint32_t)(m - t->nodes), "b");
		assert_null(find_child(p, t, (uint32_t)(m - t->nodes), "a"));
		assert_non_null(b);
		/* main;a;b twice became main;b; main;c;b stays under c */
		assert_int_equal(b->total, 2);
		assert_int_equal(m->self, 1);   /* main;a became main */
	}
	pv_calltree_free(t);
	pv_profile_free(p);

	p = build(paths, 4);
	memset(&f, 0, sizeof(f));
	f.has_from = 1, f.from = 1.0;
	f.has_to = 1, f.to = 3.0;
	assert_int_equal(pv_profile_filter(p, &f, &err), 0);
	assert_int_equal(p->nsamples, 2);   /* times 1 and 2 */
	pv_profile_free(p);

	p = build(paths, 4);
	memset(&f, 0, sizeof(f));
	f.focus[0] = "(";
	f.nfocus = 1;
	assert_int_equal(pv_profile_filter(p, &f, &err), PV_EUSAGE);
	pv_profile_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_profile__interning),
		cmocka_unit_test(test_profile__stacks_are_hash_consed),
		cmocka_unit_test(test_profile__calltree_counts),
		cmocka_unit_test(test_profile__filters),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
