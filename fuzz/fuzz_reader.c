/* fuzz_reader.c - libFuzzer target over the reader and what runs right
 * after it on every command: the bytes are read as a log into a fresh
 * profile, then the call tree is built (by function, by frame, reversed
 * per thread), the recording harness is stripped, and the tree is built
 * again on the rewritten stacks.  Any crash, leak, sanitizer report or
 * unbounded allocation is a finding.
 */
#include <stddef.h>
#include <stdint.h>

#include "profile/pv_calltree.h"
#include "profile/pv_profile.h"
#include "reader/pv_reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void tree(const struct pv_profile *p, int by_frame, int reverse,
		 int per_thread)
{
	struct pv_tree_opts o = { .by_frame = by_frame, .reverse = reverse,
				  .per_thread = per_thread };
	struct pv_calltree *t = NULL;

	if (pv_calltree_build(&t, p, &o, NULL) == 0) {
		pv_calltree_sort(t, p, pv_cnode_cmp_total);
		pv_calltree_free(t);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pv_profile *p = pv_profile_new();
	struct pv_read_opts opts = { 0 };
	struct pv_error err;

	if (!p)
		return 0;
	opts.path = "fuzz";
	/* a compressed input may expand to any number of samples; cap the
	 * work per input, not what the reader accepts */
	opts.max_samples = 200000;
	if (pv_reader_parse(p, data, size, &opts, NULL, &err) == 0) {
		pv_profile_update_weights(p);
		tree(p, 0, 0, 0);
		tree(p, 1, 1, 1);
		if (pv_profile_strip_harness(p, NULL, &err) == 0)
			tree(p, 0, 0, 1);
	}
	pv_profile_free(p);
	return 0;
}
