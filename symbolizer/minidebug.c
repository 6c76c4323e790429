/* minidebug.c - MiniDebugInfo: the .gnu_debugdata section Fedora and RHEL
 * leave in stripped binaries, an xz-compressed ELF file whose .symtab
 * holds the functions .dynsym lacks (static ones above all).  Its section
 * layout is the original binary's, so symbol values are link-time
 * addresses of the module, as in a symbol table of its own.
 */
#include <stdlib.h>
#include <string.h>

#include <lzma.h>

#include "profile/pv_buf.h"
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
	struct pv_buf b = PV_BUF_INIT(MAX_IMAGE);
	lzma_ret r;

	if (lzma_stream_decoder(&z, UINT64_MAX, 0) != LZMA_OK)
		return PV_ENOMEM;
	z.next_in = in;
	z.avail_in = inlen;
	for (;;) {
		if (!b.data || !z.avail_out) {
			/* the output so far fills the buffer: double it */
			if (b.data)
				pv_buf_setlen(&b, b.alloc - 1);
			if (pv_buf_reserve(&b, b.data ? b.len :
					   inlen * 4 + 4096)) {
				if (pv_buf_status(&b) != PV_ENOMEM)
					goto bad;   /* over MAX_IMAGE */
				lzma_end(&z);
				return PV_ENOMEM;
			}
			z.next_out = b.data + b.len;
			z.avail_out = b.alloc - 1 - b.len;
		}
		r = lzma_code(&z, LZMA_FINISH);
		if (r == LZMA_STREAM_END)
			break;
		if (r == LZMA_MEM_ERROR) {
			lzma_end(&z);
			pv_buf_release(&b);
			return PV_ENOMEM;
		}
		if (r != LZMA_OK && r != LZMA_BUF_ERROR)
			goto bad;
		if (r == LZMA_BUF_ERROR && z.avail_out)
			goto bad;   /* input ended early */
	}
	pv_buf_setlen(&b, b.alloc - 1 - z.avail_out);
	*out = pv_buf_detach(&b, outlen);
	lzma_end(&z);
	return 0;
bad:
	lzma_end(&z);
	pv_buf_release(&b);
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
