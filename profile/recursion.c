/* recursion.c - folding directly recursive calls into one frame
 * (pv_recursion.h), as one stack map. */
#include <stdlib.h>

#include "profile/pv_recursion.h"

struct fold {
	/* per old stack row: the function of the row's image (the frame
	 * the rebuilt stack ends with), PV_NONE for the empty stack */
	uint32_t *imgfunc;
};

static int64_t fold_map(void *ctx, struct pv_stackmap *m, uint32_t old,
			uint32_t new_prefix)
{
	struct fold *f = ctx;
	const struct pv_profile *p = pv_stackmap_profile(m);
	uint32_t prefix = p->stacks[old].prefix, frame = p->stacks[old].frame;
	uint32_t func = p->frames[frame].func;

	f->imgfunc[old] = func;
	/* the caller's image already ends in this function: the call is
	 * the same function calling itself, so its samples stay there */
	if (prefix != PV_NONE && f->imgfunc[prefix] == func)
		return new_prefix;
	return pv_stackmap_push(m, new_prefix, frame);
}

int pv_profile_collapse_recursion(struct pv_profile *p, struct pv_error *err)
{
	struct fold f;
	int rc;

	f.imgfunc = malloc((p->nstacks ? p->nstacks : 1) * sizeof(uint32_t));
	if (!f.imgfunc)
		return pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET,
				    "out of memory");
	rc = pv_profile_map_stacks(p, fold_map, &f, err);
	free(f.imgfunc);
	return rc;
}
