/* fuzz_elf.c - libFuzzer target for ELF/DWARF input to the symbolizer:
 * the bytes are written to a file that is added as a module (at its
 * link addresses and at a load address), then addresses spread over the
 * first words of the input and a fixed range are looked up, named when
 * unresolved, and demangled.  A module is untrusted input (it comes with
 * the log from another machine): any crash, leak, sanitizer report or
 * unbounded allocation is a finding.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "symbolizer/pv_symbolizer.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char path[64];

static void probe(struct pv_sym *s, uint64_t addr)
{
	const struct pv_sym_frame *chain = NULL;
	const char *module = NULL;
	uint64_t off = 0;
	char buf[128];
	int n = pv_sym_lookup(s, addr, &chain, &module, &off);

	for (int i = 0; i < n; i++) {
		char *d = pv_sym_demangle(chain[i].name);
		/* every field is readable and terminated */
		if (strlen(chain[i].name) + strlen(chain[i].file) > SIZE_MAX / 2)
			__builtin_trap();
		free(d);
	}
	pv_sym_native_start(s, addr);
	pv_sym_unresolved_name(s, addr, buf, sizeof(buf));
}

static void run(const uint8_t *data, size_t size, uint64_t load)
{
	/* never a debuginfod request, whatever the environment says */
	struct pv_sym_opts o = { .offline = 1 };
	struct pv_error err = { 0 };
	struct pv_sym *s = NULL;

	if (pv_sym_new(&s, &o, &err))
		return;
	if (pv_sym_add_module(s, path, load, &err) == 0) {
		uint64_t base = load == PV_SYM_LINK_ADDR ? 0 : load;
		for (size_t i = 0; i + 8 <= size && i < 64; i += 8) {
			uint64_t a;
			memcpy(&a, data + i, 8);
			probe(s, a);
			probe(s, base + (a & 0xffff));
		}
		for (uint64_t a = 0; a < 0x3000; a += 0x101)
			probe(s, base + a);
	}
	pv_sym_free(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FILE *f;

	if (!path[0])
		snprintf(path, sizeof(path), "/tmp/fuzz-elf-%ld.so",
			 (long)getpid());
	f = fopen(path, "wb");
	if (!f)
		return 0;
	if (fwrite(data, 1, size, f) != size) {
		fclose(f);
		return 0;
	}
	fclose(f);
	run(data, size, PV_SYM_LINK_ADDR);
	run(data, size, 0x400000);
	unlink(path);
	return 0;
}
