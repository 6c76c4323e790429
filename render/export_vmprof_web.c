/* export_vmprof_web.c - the vmprof web viewer's flame graph JSON: a tree
 * of [symbol text, address as a decimal string, count, meta, children],
 * written depth first with an explicit walk (no recursion), so the depth
 * of a stack never limits it. */
#include <inttypes.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "profile/pv_calltree.h"
#include "render/pv_export.h"
#include "render/pv_jsonw.h"

/* "py:name:line:file" / "n:name:line:file", the symbol text the viewer
 * splits on colons. */
static int symbol_text(struct pv_jw *w, const struct pv_profile *p,
		       uint32_t func)
{
	const struct pv_func *f = &p->funcs[func];
	const char *lang = f->lang == PV_LANG_NATIVE ? "n" : "py";
	size_t n;
	char *buf;

	if (f->lang == PV_LANG_OTHER) {
		pv_jw_str(w, f->name);
		return 0;
	}
	n = strlen(f->name) + strlen(f->file) + strlen(f->module) + 32;
	buf = malloc(n);
	if (!buf)
		return -1;
	snprintf(buf, n, "%s:%s:%u:%s", lang, f->name, f->line,
		 f->file[0] ? f->file : f->module[0] ? f->module : "-");
	pv_jw_str(w, buf);
	free(buf);
	return 0;
}

/* "[symbol,"address",total,{},[" of node n */
static int open_node(struct pv_jw *w, const struct pv_profile *p,
		     const struct pv_calltree *t, uint32_t n)
{
	const struct pv_cnode *c = &t->nodes[n];

	pv_jw_char(w, '[');
	if (symbol_text(w, p, c->func) < 0)
		return -1;
	pv_jw_raw(w, ",\"");
	pv_jw_u64(w, p->frames[c->frame].addr);
	pv_jw_raw(w, "\",");
	pv_jw_u64(w, c->total);
	/* meta stays empty: the viewer's "jit" counter counts samples whose
	 * innermost frame was compiled, which a function-merged node does
	 * not keep apart */
	pv_jw_raw(w, ",{},[");
	return 0;
}

/* Every tree of the forest starting at first, siblings comma-separated. */
static int forest(struct pv_jw *w, const struct pv_profile *p,
		  const struct pv_calltree *t, uint32_t first)
{
	uint32_t n = first;

	while (n != PV_NONE) {
		if (open_node(w, p, t, n) < 0)
			return -1;
		if (t->nodes[n].first_child != PV_NONE) {
			n = t->nodes[n].first_child;
			continue;
		}
		/* close n and every ancestor whose last child it ends */
		for (;;) {
			pv_jw_raw(w, "]]");
			if (t->nodes[n].next_sibling != PV_NONE) {
				pv_jw_char(w, ',');
				n = t->nodes[n].next_sibling;
				break;
			}
			n = t->nodes[n].parent;
			if (n == PV_NONE)
				break;
		}
	}
	return 0;
}

int pv_render_export_vmprof_web(const struct pv_profile *p,
				const struct pv_export_opts *o, FILE *out,
				struct pv_error *err)
{
	struct pv_calltree *t = NULL;
	struct pv_jw *w;
	const char *vm = p->nsources ? p->sources[0].interpreter : "";
	uint32_t nroots = 0;
	int rc;

	(void)o;
	if (pv_calltree_build(&t, p, NULL, err) < 0)
		return err ? err->code : PV_ENOMEM;
	w = malloc(sizeof(*w));
	if (!w) {
		pv_calltree_free(t);
		return pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET,
				    "out of memory");
	}
	pv_jw_init(w, out);
	for (uint32_t r = t->first_root; r != PV_NONE; r = t->nodes[r].next_sibling)
		nroots++;
	pv_jw_raw(w, "{\"data\":{\"VM\":");
	pv_jw_str(w, vm);
	pv_jw_raw(w, ",\"profiles\":");
	if (nroots != 1) {
		/* the viewer wants one root: a synthetic one holds them all */
		pv_jw_raw(w, "[\"py:<all samples>:0:-\",\"0\",");
		pv_jw_u64(w, t->total);
		pv_jw_raw(w, ",{},[");
	}
	rc = forest(w, p, t, t->first_root);
	if (nroots != 1)
		pv_jw_raw(w, "]]");
	pv_jw_raw(w, ",\"argv\":");
	pv_jw_str(w, vm);
	pv_jw_raw(w, ",\"version\":2}}\n");
	if (rc < 0)
		rc = pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET, "out of memory");
	else if (pv_jw_finish(w) < 0)
		rc = pv_error_set(err, PV_EWRITE, PV_NO_OFFSET, "write failed");
	pv_calltree_free(t);
	free(w);
	return rc;
}
