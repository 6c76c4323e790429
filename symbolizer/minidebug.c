/* minidebug.c - MiniDebugInfo: the .gnu_debugdata section Fedora and RHEL
 * leave in stripped binaries, an xz-compressed ELF file whose .symtab
 * holds the functions .dynsym lacks (static ones above all).  Its section
 * layout is the original binary's, so symbol values are link-time
 * addresses of the module, as in a symbol table of its own.
 */
#include <stdlib.h>
#include <string.h>

#include <lzma.h>

#include "symbolizer/sym_internal.h"

/* The decompressed image is capped: a symbol table is a few MB even for
 * the largest binaries; a bigger stream is not MiniDebugInfo. */
#define MAX_IMAGE (256u << 20)

static Elf_Data *find_section(Elf *elf, const char *want)
{
	Elf_Scn *scn = NULL;
	size_t shstrndx;

	if (elf_getshdrstrndx(elf, &shstrndx))
		return NULL;
	while ((scn = elf_nextscn(elf, scn))) {
		GElf_Shdr sh;
		const char *name;

		if (!gelf_getshdr(scn, &sh) || sh.sh_type == SHT_NOBITS)
			continue;
		name = elf_strptr(elf, shstrndx, sh.sh_name);
		if (name && !strcmp(name, want))
			return elf_rawdata(scn, NULL);
	}
	return NULL;
}

/* Whole xz stream in -> malloc'ed bytes out.  Returns 0, -1 when the
 * stream is damaged or too big, PV_ENOMEM. */
static int unxz(const unsigned char *in, size_t inlen, unsigned char **out,
		size_t *outlen)
{
	lzma_stream z = LZMA_STREAM_INIT;
	unsigned char *buf = NULL;
	size_t cap = inlen * 4 + 4096;
	lzma_ret r;

	if (lzma_stream_decoder(&z, UINT64_MAX, 0) != LZMA_OK)
		return PV_ENOMEM;
	z.next_in = in;
	z.avail_in = inlen;
	for (;;) {
		if (!buf || !z.avail_out) {
			size_t used = buf ? cap - z.avail_out : 0;
			unsigned char *nb;

			if (buf)
				cap *= 2;
			if (cap > MAX_IMAGE)
				goto bad;
			nb = realloc(buf, cap);
			if (!nb) {
				lzma_end(&z);
				free(buf);
				return PV_ENOMEM;
			}
			buf = nb;
			z.next_out = buf + used;
			z.avail_out = cap - used;
		}
		r = lzma_code(&z, LZMA_FINISH);
		if (r == LZMA_STREAM_END)
			break;
		if (r == LZMA_MEM_ERROR) {
			lzma_end(&z);
			free(buf);
			return PV_ENOMEM;
		}
		if (r != LZMA_OK && r != LZMA_BUF_ERROR)
			goto bad;
		if (r == LZMA_BUF_ERROR && z.avail_out)
			goto bad;   /* input ended early */
	}
	*outlen = cap - z.avail_out;
	*out = buf;
	lzma_end(&z);
	return 0;
bad:
	lzma_end(&z);
	free(buf);
	return -1;
}

int pv_sym__minidebug_open(struct pv_sym *s, struct pv_sym__module *m)
{
	Elf_Data *d = find_section(m->elf, ".gnu_debugdata");
	unsigned char *img;
	size_t len;
	Elf *e;
	int rc;

	if (!d || !d->d_buf || !d->d_size)
		return 0;
	rc = unxz(d->d_buf, d->d_size, &img, &len);
	if (rc == PV_ENOMEM)
		return rc;
	if (rc) {
		pv_warn(&s->opts.warn, PV_NO_OFFSET,
			"'%s': .gnu_debugdata is not a whole xz stream: "
			"MiniDebugInfo ignored", m->file);
		return 0;
	}
	e = elf_memory((char *)img, len);
	if (!e || elf_kind(e) != ELF_K_ELF) {
		elf_end(e);
		free(img);
		pv_warn(&s->opts.warn, PV_NO_OFFSET,
			"'%s': .gnu_debugdata does not hold an ELF file: "
			"MiniDebugInfo ignored", m->file);
		return 0;
	}
	m->mini_buf = img;
	m->mini_elf = e;
	return 1;
}
