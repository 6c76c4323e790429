/* fuzz_folded.c - libFuzzer target for the folded-stacks reader
 * ("a;b;c 12" lines, as flamegraph.pl and inferno take them): the bytes
 * are given to the reader as text that starts like folded stacks, so the
 * folded path is taken for nearly every input, then the call tree is
 * built and the harness stripped as every command does.  Any crash,
 * leak, sanitizer report or unbounded allocation is a finding.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "profile/pv_calltree.h"
#include "profile/pv_profile.h"
#include "reader/pv_reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* a leading well-formed line makes the reader take the folded path;
	 * the fuzzer's bytes follow it */
	static const char lead[] = "main;run 1\n";
	struct pv_profile *p = pv_profile_new();
	struct pv_read_opts opts = { 0 };
	struct pv_error err;
	struct pv_tree_opts to = { 0 };
	struct pv_calltree *t = NULL;
	size_t n = sizeof(lead) - 1;
	char *buf;

	if (!p)
		return 0;
	buf = malloc(n + size + 1);
	if (!buf) {
		pv_profile_free(p);
		return 0;
	}
	/* the first byte chooses: with the lead line, or the bytes alone
	 * (then detection itself is fuzzed) */
	if (size && (data[0] & 1)) {
		memcpy(buf, lead, n);
	} else {
		n = 0;
	}
	memcpy(buf + n, data, size);
	opts.path = "fuzz";
	opts.max_samples = 200000;
	if (pv_reader_parse(p, buf, n + size, &opts, NULL, &err) == 0) {
		pv_profile_update_weights(p);
		if (pv_calltree_build(&t, p, &to, NULL) == 0) {
			pv_calltree_sort(t, p, pv_cnode_cmp_total);
			pv_calltree_free(t);
		}
		if (pv_profile_strip_harness(p, NULL, &err) == 0) {
			t = NULL;
			to.reverse = 1;
			if (pv_calltree_build(&t, p, &to, NULL) == 0)
				pv_calltree_free(t);
		}
	}
	free(buf);
	pv_profile_free(p);
	return 0;
}
