/* apply.c - symbolizing a profile in place.
 *
 * Two passes.  First every native frame is looked up once: its func
 * becomes the outermost function at its address, and each inlined level
 * gets a frame of its own (kind PV_KIND_INLINE, same address, line = its
 * depth in the chain, so levels never intern into each other).  Then one
 * pv_profile_map_stacks() pass splices those inline frames above their
 * native frame in every stack: samples keep their stacks, self time moves
 * to the innermost inlined function, as in llvm-symbolizer's view.
 */
#include <stdlib.h>
#include <string.h>

#include "profile/pv_buf.h"
#include "symbolizer/sym_internal.h"

struct apply {
	struct pv_sym *s;
	struct pv_profile *p;
	struct pv_error *err;
	uint32_t nold;         /* frames before symbolization */
	uint32_t *inl_first;   /* per old frame: first row in inl, or NONE */
	uint32_t *inl_count;
	struct pv_buf inl;     /* frame rows (uint32_t) of inline levels,
				* outer first */
};

static int push_inl(struct apply *a, uint32_t frame)
{
	return pv_buf_add(&a->inl, &frame, sizeof(frame)) ? PV_ENOMEM : 0;
}

/* The func row of one level of a chain. */
static int level_func(struct apply *a, const struct pv_sym_frame *f,
		      const char *module, uint32_t *out)
{
	struct pv_profile *p = a->p;
	struct pv_func fn;

	memset(&fn, 0, sizeof(fn));
	fn.name = pv_profile_intern_str(p, f->name);
	fn.file = pv_profile_intern_str(p, f->file);
	fn.module = pv_profile_intern_str(p, module ? module : "");
	/* the declaration line identifies the function; the line at the
	 * address would split it by address */
	fn.line = f->decl_line;
	fn.lang = PV_LANG_NATIVE;
	if (!fn.name || !fn.file || !fn.module)
		return PV_ENOMEM;
	return pv_profile_add_func(p, &fn, out, a->err);
}

/* [module+0xOFFSET] for a frame the log could not name either. */
static int unresolved_func(struct apply *a, uint64_t addr,
			   const char *module, uint32_t *out)
{
	struct pv_func fn;
	char buf[512];

	memset(&fn, 0, sizeof(fn));
	pv_sym_unresolved_name(a->s, addr, buf, sizeof(buf));
	fn.name = pv_profile_intern_str(a->p, buf);
	fn.file = pv_profile_intern_str(a->p, "");
	fn.module = pv_profile_intern_str(a->p, module);
	fn.lang = PV_LANG_NATIVE;
	fn.placeholder = 1;
	if (!fn.name || !fn.file || !fn.module)
		return PV_ENOMEM;
	return pv_profile_add_func(a->p, &fn, out, a->err);
}

static int symbolize_frame(struct apply *a, uint32_t i)
{
	struct pv_profile *p = a->p;
	const struct pv_sym_frame *chain;
	const char *module;
	uint64_t offset, addr = pv_sym_native_start(a->s, p->frames[i].addr);
	uint32_t source = p->frames[i].source;
	uint32_t func;
	int n, k;

	n = pv_sym_lookup(a->s, addr, &chain, &module, &offset);
	if (n < 0)
		return n;
	if (n == 0) {
		uint32_t old = p->frames[i].func;

		/* keep a name the recorder found; replace a stand-in */
		if (!module || (old != PV_NONE && !p->funcs[old].placeholder))
			return 0;
		PV_TRY(unresolved_func(a, addr, module, &func));
		p->frames[i].func = func;
		return 0;
	}
	PV_TRY(level_func(a, &chain[0], module, &func));
	p->frames[i].func = func;
	if (n == 1)
		return 0;
	a->inl_first[i] = (uint32_t)PV_BUF_COUNT(&a->inl, uint32_t);
	a->inl_count[i] = (uint32_t)(n - 1);
	for (k = 1; k < n; k++) {
		struct pv_frame fr;
		uint32_t row;

		memset(&fr, 0, sizeof(fr));
		fr.addr = addr;
		fr.kind = PV_KIND_INLINE;
		fr.line = (uint32_t)k;
		fr.source = source;
		fr.func = PV_NONE;
		PV_TRY(level_func(a, &chain[k], module, &func));
		PV_TRY(pv_profile_add_frame(p, &fr, &row, a->err));
		p->frames[row].func = func;
		PV_TRY(push_inl(a, row));
	}
	return 0;
}

static int64_t splice(void *ctx, struct pv_stackmap *m, uint32_t old,
		      uint32_t new_prefix)
{
	struct apply *a = ctx;
	uint32_t frame = a->p->stacks[old].frame;
	int64_t top = pv_stackmap_push(m, new_prefix, frame);
	uint32_t k;

	if (top < 0 || frame >= a->nold || a->inl_first[frame] ==
	    PV_NONE)
		return top;
	for (k = 0; k < a->inl_count[frame] && top >= 0; k++)
		top = pv_stackmap_push(m, (uint32_t)top,
				       PV_BUF_ITEMS(&a->inl, uint32_t)
						[a->inl_first[frame] + k]);
	return top;
}

int pv_sym_apply(struct pv_sym *s, struct pv_profile *p, struct pv_error *err)
{
	struct apply a = { .s = s, .p = p, .err = err, .nold = p->nframes };
	uint32_t i;
	int rc = 0;

	a.inl_first = malloc((a.nold ? a.nold : 1) * sizeof(*a.inl_first));
	a.inl_count = calloc(a.nold ? a.nold : 1, sizeof(*a.inl_count));
	if (!a.inl_first || !a.inl_count) {
		rc = PV_ENOMEM;
		goto done;
	}
	for (i = 0; i < a.nold; i++)
		a.inl_first[i] = PV_NONE;
	for (i = 0; i < a.nold && !rc; i++)
		if (p->frames[i].kind == PV_KIND_NATIVE)
			rc = symbolize_frame(&a, i);
	if (!rc && a.inl.len)
		rc = pv_profile_map_stacks(p, splice, &a, err);
done:
	free(a.inl_first);
	free(a.inl_count);
	pv_buf_release(&a.inl);
	if (rc == PV_ENOMEM)
		return pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET,
				    "out of memory");
	return rc;
}
