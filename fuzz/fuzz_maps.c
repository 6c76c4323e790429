/* fuzz_maps.c - libFuzzer target for the /proc/PID/maps parser and the
 * module table built from it: any bytes must parse or fail cleanly, and
 * lookups over whatever was accepted must stay in bounds.  Files named in
 * the input are looked up for real (at most a few per input: the ones an
 * address falls into), which also exercises the missing-file path.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "symbolizer/pv_symbolizer.h"
#include "symbolizer/sym_internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int count(void *ctx, const struct pv_sym__mapping *m,
		 struct pv_error *err)
{
	size_t *n = ctx;

	(void)err;
	if (m->end < m->start || (m->pathlen && !m->path))
		__builtin_trap();
	(*n)++;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pv_error err = { 0 };
	struct pv_sym *s = NULL;
	const char *text = (const char *)data;
	size_t n = 0;
	char buf[128];
	uint64_t probe = 0;

	pv_sym__parse_maps(text, size, count, &n, &err);
	if (pv_sym_new(&s, NULL, &err))
		return 0;
	pv_sym_add_maps(s, text, size, &err);
	/* probe a few addresses derived from the input */
	for (size_t i = 0; i + 8 <= size && i < 64; i += 8) {
		const struct pv_sym_frame *f;
		const char *module;
		uint64_t off;

		memcpy(&probe, data + i, 8);
		pv_sym_lookup(s, probe, &f, &module, &off);
		pv_sym_unresolved_name(s, probe, buf, sizeof(buf));
	}
	pv_sym_free(s);
	return 0;
}
