/* export_vmprof.c - the vmprof web viewer's flame graph JSON: a tree of
 * [symbol text, address as a decimal string, count, meta, children]. */
#include <inttypes.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "profile/pv_calltree.h"
#include "render/pv_export.h"
#include "render/pv_json.h"

/* "py:name:line:file" / "n:name:line:file", the symbol text the viewer
 * splits on colons. */
static json_t *symbol_text(const struct pv_profile *p, uint32_t func)
{
	const struct pv_func *f = &p->funcs[func];
	const char *lang = f->lang == PV_LANG_NATIVE ? "n" : "py";
	size_t n;
	char *buf;
	json_t *j;

	if (f->lang == PV_LANG_OTHER)
		return pv_json_string(f->name);
	n = strlen(f->name) + strlen(f->file) + strlen(f->module) + 32;
	buf = malloc(n);
	if (!buf)
		return NULL;
	snprintf(buf, n, "%s:%s:%u:%s", lang, f->name, f->line,
		 f->file[0] ? f->file : f->module[0] ? f->module : "-");
	j = pv_json_string(buf);
	free(buf);
	return j;
}

static json_t *node(const struct pv_profile *p, const struct pv_calltree *t,
		    uint32_t n)
{
	const struct pv_cnode *c = &t->nodes[n];
	json_t *a = json_array(), *kids = json_array(), *meta = json_object();
	char addr[32];

	snprintf(addr, sizeof(addr), "%" PRIu64, p->frames[c->frame].addr);
	json_array_append_new(a, symbol_text(p, c->func));
	json_array_append_new(a, json_string(addr));
	json_array_append_new(a, json_integer((json_int_t)c->total));
	/* meta stays empty: the viewer's "jit" counter counts samples whose
	 * innermost frame was compiled, which a function-merged node does
	 * not keep apart */
	json_array_append_new(a, meta);
	for (uint32_t k = c->first_child; k != PV_NONE; k = t->nodes[k].next_sibling)
		json_array_append_new(kids, node(p, t, k));
	json_array_append_new(a, kids);
	return a;
}

json_t *pv_export_vmprof(const struct pv_profile *p)
{
	struct pv_calltree *t = NULL;
	json_t *tree, *data, *o;
	const char *vm = p->nsources ? p->sources[0].interpreter : "";
	uint32_t nroots = 0;

	if (pv_calltree_build(&t, p, NULL, NULL) < 0)
		return NULL;
	for (uint32_t r = t->first_root; r != PV_NONE; r = t->nodes[r].next_sibling)
		nroots++;
	if (nroots == 1) {
		tree = node(p, t, t->first_root);
	} else {
		/* the viewer wants one root: a synthetic one holds them all */
		json_t *kids = json_array();
		tree = json_array();
		json_array_append_new(tree, json_string("py:<all samples>:0:-"));
		json_array_append_new(tree, json_string("0"));
		json_array_append_new(tree, json_integer((json_int_t)t->total));
		json_array_append_new(tree, json_object());
		for (uint32_t r = t->first_root; r != PV_NONE;
		     r = t->nodes[r].next_sibling)
			json_array_append_new(kids, node(p, t, r));
		json_array_append_new(tree, kids);
	}
	pv_calltree_free(t);
	data = json_object();
	json_object_set_new(data, "VM", pv_json_string(vm));
	json_object_set_new(data, "profiles", tree);
	json_object_set_new(data, "argv", pv_json_string(vm));
	json_object_set_new(data, "version", json_integer(2));
	o = json_object();
	json_object_set_new(o, "data", data);
	return o;
}
