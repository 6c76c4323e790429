/* dwp.c - split units from a DWARF package (.dwp), for libdw versions
 * that read only loose .dwo files (elfutils before 0.191).
 *
 * A package concatenates the .dwo sections of many units and says in
 * .debug_cu_index, per unit id, where each unit's part of each section
 * lies (DWARF 5 section 7.3.5; version 2 is the GNU form for DWARF 4).
 * libdw cannot be told those bases, so each unit looked up becomes a
 * small ELF image of its own whose sections are exactly that unit's
 * parts: the image holds only headers, and each section's data is pointed
 * at the package's bytes (no copy).  The unit's addresses are indexes
 * into the skeleton file's .debug_addr from its DW_AT_addr_base: that
 * section, from the base on, goes in as .debug_addr.dwo, so libdw reads
 * index 0 at offset 0 (a DWARF 4 unit's .debug_ranges likewise from
 * DW_AT_GNU_ranges_base).  The package is looked for beside the binary
 * (BINARY.dwp, as gdb does) and beside its debug file.
 *
 * One thing libdw still gets wrong on such a unit: without its skeleton
 * it takes 0 as the unit's base address, which offset-pair range list
 * entries are relative to.  Those lists are read here instead
 * (pv_sym__dwp_ranges), from the skeleton's DW_AT_low_pc.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <dwarf.h>

#include "symbolizer/sym_internal.h"

/* Section columns of the index: DWARF 5 ids, and version 2's. */
enum { COL_INFO, COL_ABBREV, COL_LINE, COL_LOCLISTS, COL_LOC, COL_STROFF,
       COL_MACRO, COL_RNGLISTS, NCOLS };
static const char *const col_name[NCOLS] = {
	".debug_info.dwo", ".debug_abbrev.dwo", ".debug_line.dwo",
	".debug_loclists.dwo", ".debug_loc.dwo", ".debug_str_offsets.dwo",
	".debug_macro.dwo", ".debug_rnglists.dwo"
};

struct dwp_unit {
	Elf *elf;
	Dwarf *dwarf;
	unsigned char *image;
	/* for range lists (see pv_sym__dwp_ranges) */
	const unsigned char *rng, *addr;
	size_t rng_size, addr_size;
	uint64_t base;          /* the skeleton's DW_AT_low_pc */
	unsigned version;
	uint8_t asize, osize;
	int msb;
};

struct pv_sym__dwp {
	int fd;
	Elf *elf;
	int msb;
	unsigned version;               /* 2 or 5 */
	const unsigned char *index;     /* .debug_cu_index */
	size_t index_size;
	uint32_t ncols, nunits, nslots;
	Elf_Data *sec[NCOLS];           /* the package's sections */
	Elf_Data *str;                  /* .debug_str.dwo, shared */
	struct dwp_unit *units;
	size_t nunits_open, units_cap;
};

static uint64_t get(const struct pv_sym__dwp *d, const unsigned char *p,
		    int n)
{
	uint64_t v = 0;
	int i;

	for (i = 0; i < n; i++)
		v |= (uint64_t)p[d->msb ? i : n - 1 - i] << (8 * (n - 1 - i));
	return v;
}

static Elf_Data *section(Elf *elf, const char *want)
{
	Elf_Scn *scn = NULL;
	size_t shstrndx;

	if (elf_getshdrstrndx(elf, &shstrndx))
		return NULL;
	while ((scn = elf_nextscn(elf, scn))) {
		GElf_Shdr sh;
		const char *name;

		if (!gelf_getshdr(scn, &sh) || sh.sh_type == SHT_NOBITS ||
		    !(name = elf_strptr(elf, shstrndx, sh.sh_name)) ||
		    strcmp(name, want))
			continue;
		if ((sh.sh_flags & SHF_COMPRESSED) &&
		    elf_compress(scn, 0, 0) < 0)
			return NULL;
		return elf_getdata(scn, NULL);
	}
	return NULL;
}

/* Column of a section id of the index, or -1 (a section we do not need,
 * such as version 2's .debug_types). */
static int column(unsigned version, uint32_t id)
{
	if (version == 5) {
		static const int v5[] = { -1, COL_INFO, -1, COL_ABBREV,
					  COL_LINE, COL_LOCLISTS, COL_STROFF,
					  COL_MACRO, COL_RNGLISTS };
		return id < 9 ? v5[id] : -1;
	} else {
		static const int v2[] = { -1, COL_INFO, -1, COL_ABBREV,
					  COL_LINE, COL_LOC, COL_STROFF, -1,
					  COL_MACRO };
		return id < 9 ? v2[id] : -1;
	}
}

static void dwp_free(struct pv_sym__dwp *d)
{
	size_t i;

	if (!d)
		return;
	for (i = 0; i < d->nunits_open; i++) {
		dwarf_end(d->units[i].dwarf);
		elf_end(d->units[i].elf);
		free(d->units[i].image);
	}
	free(d->units);
	elf_end(d->elf);
	if (d->fd >= 0)
		close(d->fd);
	free(d);
}

/* Opens path as a package: its index must parse and fit. */
static struct pv_sym__dwp *dwp_open(const char *path)
{
	struct pv_sym__dwp *d = calloc(1, sizeof(*d));
	Elf_Data *ix;
	GElf_Ehdr eh;
	size_t i;

	if (!d)
		return NULL;
	d->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (d->fd < 0)
		goto bad;
	d->elf = elf_begin(d->fd, ELF_C_READ_MMAP, NULL);
	if (!d->elf || !gelf_getehdr(d->elf, &eh))
		goto bad;
	d->msb = eh.e_ident[EI_DATA] == ELFDATA2MSB;
	ix = section(d->elf, ".debug_cu_index");
	if (!ix || ix->d_size < 16)
		goto bad;
	d->index = ix->d_buf;
	d->index_size = ix->d_size;
	if (get(d, d->index, 4) == 2)
		d->version = 2;
	else if (get(d, d->index, 2) == 5)
		d->version = 5;
	else
		goto bad;
	d->ncols = (uint32_t)get(d, d->index + 4, 4);
	d->nunits = (uint32_t)get(d, d->index + 8, 4);
	d->nslots = (uint32_t)get(d, d->index + 12, 4);
	/* slots are a power of two; hash 8 + row 4 per slot, then the
	 * column ids and two tables of nunits rows */
	if (!d->nslots || (d->nslots & (d->nslots - 1)) || !d->ncols ||
	    d->ncols > 64 || d->nunits > d->nslots ||
	    16 + 12 * (uint64_t)d->nslots +
	    4 * (uint64_t)d->ncols * (1 + 2 * (uint64_t)d->nunits) >
	    d->index_size)
		goto bad;
	for (i = 0; i < NCOLS; i++)
		d->sec[i] = section(d->elf, col_name[i]);
	d->str = section(d->elf, ".debug_str.dwo");
	if (!d->sec[COL_INFO] || !d->sec[COL_ABBREV])
		goto bad;
	return d;
bad:
	dwp_free(d);
	return NULL;
}

/* Row (1-based) of unit id in the index, 0 when absent. */
static uint32_t find_row(const struct pv_sym__dwp *d, uint64_t id)
{
	uint32_t mask = d->nslots - 1, slot = (uint32_t)id & mask;
	uint32_t step = ((uint32_t)(id >> 32) & mask) | 1, k;

	for (k = 0; k < d->nslots; k++) {
		const unsigned char *h = d->index + 16 + 8 * (size_t)slot;
		uint32_t row = (uint32_t)get(d, d->index + 16 +
					     8 * (size_t)d->nslots +
					     4 * (size_t)slot, 4);
		uint64_t sig = get(d, h, 8);

		if (sig == id && row)
			return row <= d->nunits ? row : 0;
		if (!sig && !row)
			return 0;
		slot = (slot + step) & mask;
	}
	return 0;
}

struct part {
	const char *name;
	const void *buf;
	size_t size;
};

/* The bytes of a section of the file holding the skeleton from offset
 * base on; empty when absent or base is past its end. */
static struct part tail_of(Elf *elf, const char *name, const char *as,
			   uint64_t base)
{
	Elf_Data *d = section(elf, name);
	struct part p = { as, NULL, 0 };

	if (d && d->d_buf && base < d->d_size) {
		p.buf = (const char *)d->d_buf + base;
		p.size = d->d_size - base;
	}
	return p;
}

/* A relocatable ELF image of nparts sections, all empty in the image;
 * once opened, each section's data is pointed at its part. */
static Elf *make_image(const struct pv_sym__dwp *d, const struct part *parts,
		       size_t nparts, unsigned char **image)
{
	Elf64_Ehdr eh;
	Elf64_Shdr sh[NCOLS + 5];
	size_t strsz = 1, i, shoff, size;
	unsigned char *img;
	Elf_Data src, dst;
	Elf_Scn *scn;
	Elf *e;

	for (i = 0; i < nparts; i++)
		strsz += strlen(parts[i].name) + 1;
	strsz += sizeof(".shstrtab");
	shoff = (sizeof(eh) + strsz + 7) & ~(size_t)7;
	size = shoff + (nparts + 2) * sizeof(Elf64_Shdr);
	img = calloc(1, size);
	if (!img)
		return NULL;
	memset(&eh, 0, sizeof(eh));
	memcpy(eh.e_ident, ELFMAG, SELFMAG);
	eh.e_ident[EI_CLASS] = ELFCLASS64;
	eh.e_ident[EI_DATA] = d->msb ? ELFDATA2MSB : ELFDATA2LSB;
	eh.e_ident[EI_VERSION] = EV_CURRENT;
	eh.e_type = ET_REL;
	eh.e_version = EV_CURRENT;
	eh.e_shoff = shoff;
	eh.e_ehsize = sizeof(eh);
	eh.e_shentsize = sizeof(Elf64_Shdr);
	eh.e_shnum = (Elf64_Half)(nparts + 2);
	eh.e_shstrndx = (Elf64_Half)(nparts + 1);
	memset(sh, 0, sizeof(sh));
	{
		char *names = (char *)img + sizeof(eh);
		size_t at = 1;

		for (i = 0; i < nparts; i++) {
			sh[i + 1].sh_name = (Elf64_Word)at;
			sh[i + 1].sh_type = SHT_PROGBITS;
			sh[i + 1].sh_offset = sizeof(eh);
			sh[i + 1].sh_addralign = 1;
			at += (size_t)sprintf(names + at, "%s",
					      parts[i].name) + 1;
		}
		sh[nparts + 1].sh_name = (Elf64_Word)at;
		sh[nparts + 1].sh_type = SHT_STRTAB;
		sh[nparts + 1].sh_offset = sizeof(eh);
		sh[nparts + 1].sh_size = strsz;
		sh[nparts + 1].sh_addralign = 1;
		sprintf(names + at, ".shstrtab");
	}
	memset(&src, 0, sizeof(src));
	memset(&dst, 0, sizeof(dst));
	src.d_version = dst.d_version = EV_CURRENT;
	src.d_type = ELF_T_EHDR;
	src.d_buf = &eh;
	src.d_size = sizeof(eh);
	dst.d_buf = img;
	dst.d_size = sizeof(eh);
	if (!elf64_xlatetof(&dst, &src, eh.e_ident[EI_DATA]))
		goto bad;
	src.d_type = ELF_T_SHDR;
	src.d_buf = sh;
	src.d_size = (nparts + 2) * sizeof(Elf64_Shdr);
	dst.d_buf = img + shoff;
	dst.d_size = src.d_size;
	if (!elf64_xlatetof(&dst, &src, eh.e_ident[EI_DATA]))
		goto bad;
	e = elf_memory((char *)img, size);
	if (!e)
		goto bad;
	for (i = 0; i < nparts; i++) {
		Elf_Data *data;

		scn = elf_getscn(e, i + 1);
		data = scn ? elf_getdata(scn, NULL) : NULL;
		if (!data) {
			elf_end(e);
			goto bad;
		}
		data->d_buf = (void *)parts[i].buf;
		data->d_size = parts[i].size;
	}
	*image = img;
	return e;
bad:
	free(img);
	return NULL;
}

static int attr_u(Dwarf_Die *die, int a, int b, uint64_t *out)
{
	Dwarf_Attribute at;
	Dwarf_Word w;

	if ((!dwarf_attr(die, a, &at) && (!b || !dwarf_attr(die, b, &at))) ||
	    dwarf_formudata(&at, &w))
		return -1;
	*out = w;
	return 0;
}

int pv_sym__dwp_unit(struct pv_sym__module *m, Dwarf_CU *skel,
		     Dwarf_Die *die)
{
	struct pv_sym__dwp *d;
	struct part parts[NCOLS + 3];
	struct dwp_unit *u;
	Elf *holder = m->debug_elf ? m->debug_elf : m->elf;
	Dwarf_Die sdie, cudie;
	Dwarf_Half version;
	Dwarf_CU *cu = NULL;
	uint64_t id, addr_base = 0, ranges_base = 0;
	uint8_t type;
	uint32_t row, c, seen = 0;
	size_t np = 0;

	if (!m->dwp_state) {
		const char *bases[2] = { m->file, m->debug_file };

		m->dwp_state = -1;
		for (int i = 0; i < 2 && !m->dwp; i++) {
			char path[4096];
			size_t n;

			if (!bases[i])
				continue;
			n = strlen(bases[i]);
			/* foo.debug -> foo.dwp, else foo -> foo.dwp */
			if (i == 1 && n > 6 && !strcmp(bases[i] + n - 6,
						       ".debug"))
				n -= 6;
			if (snprintf(path, sizeof(path), "%.*s.dwp", (int)n,
				     bases[i]) >= (int)sizeof(path))
				continue;
			m->dwp = dwp_open(path);
		}
		if (m->dwp)
			m->dwp_state = 1;
	}
	if (m->dwp_state != 1)
		return 1;
	d = m->dwp;
	if (dwarf_cu_info(skel, &version, &type, &cudie, NULL, &id, NULL,
			  NULL) || type != DW_UT_skeleton ||
	    !(row = find_row(d, id)))
		return 1;
	attr_u(&cudie, DW_AT_addr_base, DW_AT_GNU_addr_base, &addr_base);
	attr_u(&cudie, DW_AT_GNU_ranges_base, 0, &ranges_base);
	for (c = 0; c < d->ncols; c++) {
		const unsigned char *t = d->index + 16 + 12 * (size_t)d->nslots;
		int col = column(d->version, (uint32_t)get(d, t + 4 * c, 4));
		uint64_t off, size;
		Elf_Data *sec;

		/* each section once, whatever a damaged index repeats */
		if (col < 0 || (seen & (1u << col)) || !(sec = d->sec[col]))
			continue;
		seen |= 1u << col;
		t += 4 * (size_t)d->ncols;
		off = get(d, t + 4 * ((size_t)(row - 1) * d->ncols + c), 4);
		t += 4 * (size_t)d->ncols * d->nunits;
		size = get(d, t + 4 * ((size_t)(row - 1) * d->ncols + c), 4);
		if (off > sec->d_size || size > sec->d_size - off)
			return 1;
		parts[np].name = col_name[col];
		parts[np].buf = (const char *)sec->d_buf + off;
		parts[np].size = (size_t)size;
		np++;
	}
	if (d->str) {
		parts[np].name = ".debug_str.dwo";
		parts[np].buf = d->str->d_buf;
		parts[np].size = d->str->d_size;
		np++;
	}
	parts[np++] = tail_of(holder, ".debug_addr", ".debug_addr.dwo",
			      addr_base);
	if (version < 5)
		parts[np++] = tail_of(holder, ".debug_ranges",
				      ".debug_ranges.dwo", ranges_base);
	if (d->nunits_open == d->units_cap) {
		size_t cap = d->units_cap ? d->units_cap * 2 : 16;
		void *v = realloc(d->units, cap * sizeof(*d->units));

		if (!v)
			return PV_ENOMEM;
		d->units = v;
		d->units_cap = cap;
	}
	u = &d->units[d->nunits_open];
	memset(u, 0, sizeof(*u));
	u->elf = make_image(d, parts, np, &u->image);
	if (!u->elf)
		return 1;
	u->dwarf = dwarf_begin_elf(u->elf, DWARF_C_READ, NULL);
	if (!u->dwarf ||
	    dwarf_get_units(u->dwarf, NULL, &cu, NULL, &type, &sdie, NULL) ||
	    type != DW_UT_split_compile ||
	    dwarf_cu_info(cu, NULL, NULL, NULL, NULL, &id, NULL, NULL) ||
	    !find_row(d, id) || find_row(d, id) != row) {
		dwarf_end(u->dwarf);
		elf_end(u->elf);
		free(u->image);
		return 1;
	}
	{
		Dwarf_Addr lowpc = 0;
		Dwarf_Die scu;
		uint8_t asize = 8, osize = 4;
		size_t k;

		if (dwarf_lowpc(&cudie, &lowpc))
			lowpc = 0;
		if (!dwarf_diecu(&sdie, &scu, &asize, &osize) ||
		    (asize != 4 && asize != 8) || (osize != 4 && osize != 8)) {
			asize = 8;
			osize = 4;
		}
		u->base = lowpc;
		u->version = version;
		u->asize = asize;
		u->osize = osize;
		u->msb = d->msb;
		for (k = 0; k < np; k++) {
			const char *nm = parts[k].name;

			if (!strcmp(nm, ".debug_addr.dwo")) {
				u->addr = parts[k].buf;
				u->addr_size = parts[k].size;
			} else if (!strcmp(nm, version < 5 ?
					   ".debug_ranges.dwo" :
					   ".debug_rnglists.dwo")) {
				u->rng = parts[k].buf;
				u->rng_size = parts[k].size;
			}
		}
	}
	d->nunits_open++;
	*die = sdie;
	return 0;
}

void pv_sym__dwp_close(struct pv_sym__module *m)
{
	dwp_free(m->dwp);
	m->dwp = NULL;
	m->dwp_state = 0;
}

/* ---- range lists of package units ------------------------------------- */

struct reader {
	const unsigned char *p, *end;
	int msb;
	int bad;
};

static uint64_t rd(struct reader *r, int n)
{
	uint64_t v = 0;
	int i;

	if (r->end - r->p < n) {
		r->bad = 1;
		r->p = r->end;
		return 0;
	}
	for (i = 0; i < n; i++)
		v |= (uint64_t)r->p[r->msb ? i : n - 1 - i] <<
			(8 * (n - 1 - i));
	r->p += n;
	return v;
}

static uint64_t uleb(struct reader *r)
{
	uint64_t v = 0;
	int shift = 0;

	while (r->p < r->end) {
		unsigned char b = *r->p++;

		if (shift < 64)
			v |= (uint64_t)(b & 0x7f) << shift;
		shift += 7;
		if (!(b & 0x80))
			return v;
	}
	r->bad = 1;
	return 0;
}

static int addrx(const struct dwp_unit *u, uint64_t idx, uint64_t *out)
{
	struct reader r = { u->addr, u->addr + u->addr_size, u->msb, 0 };

	if (!u->addr || idx >= u->addr_size / u->asize)
		return -1;
	r.p += idx * u->asize;
	*out = rd(&r, u->asize);
	return r.bad ? -1 : 0;
}

static const struct dwp_unit *unit_of(const struct pv_sym__module *m,
				      Dwarf_Die *die)
{
	Dwarf *dbg = dwarf_cu_getdwarf(die->cu);
	size_t i;

	for (i = 0; m->dwp && i < m->dwp->nunits_open; i++)
		if (m->dwp->units[i].dwarf == dbg)
			return &m->dwp->units[i];
	return NULL;
}

int pv_sym__dwp_ranges(const struct pv_sym__module *m, Dwarf_Die *die,
		       pv_sym__range_fn fn, void *ctx)
{
	const struct dwp_unit *u = unit_of(m, die);
	Dwarf_Attribute at;
	Dwarf_Word off;
	struct reader r;
	uint64_t base, lo, hi, mask;
	int n = 0;

	if (!u || !dwarf_attr(die, DW_AT_ranges, &at))
		return -1;
	if (!u->rng)
		return 0;
	r.msb = u->msb;
	r.bad = 0;
	r.end = u->rng + u->rng_size;
	if (dwarf_whatform(&at) == DW_FORM_rnglistx) {
		/* an index into the offsets after the unit's list header
		 * (12 bytes; 20 for 64-bit DWARF) */
		size_t hdr = u->osize == 8 ? 20 : 12;

		if (dwarf_formudata(&at, &off) || hdr > u->rng_size ||
		    off >= (u->rng_size - hdr) / u->osize)
			return 0;
		r.p = u->rng + hdr + off * u->osize;
		off = rd(&r, u->osize) + hdr;
	} else if (dwarf_formudata(&at, &off)) {
		return 0;
	}
	if (off >= u->rng_size)
		return 0;
	r.p = u->rng + off;
	base = u->base;
	mask = u->asize == 8 ? UINT64_MAX : UINT32_MAX;
	while (!r.bad && r.p < r.end) {
		if (u->version < 5) {
			/* .debug_ranges: pairs, (0, 0) ends, (~0, a) sets
			 * the base */
			lo = rd(&r, u->asize);
			hi = rd(&r, u->asize);
			if (r.bad || (!lo && !hi))
				break;
			if (lo == mask) {
				base = hi;
				continue;
			}
			lo += base;
			hi += base;
		} else {
			int kind = *r.p++;

			switch (kind) {
			case DW_RLE_end_of_list:
				return n;
			case DW_RLE_base_addressx:
				if (addrx(u, uleb(&r), &base))
					return n;
				continue;
			case DW_RLE_base_address:
				base = rd(&r, u->asize);
				continue;
			case DW_RLE_startx_endx:
				if (addrx(u, uleb(&r), &lo) ||
				    addrx(u, uleb(&r), &hi))
					return n;
				break;
			case DW_RLE_startx_length:
				if (addrx(u, uleb(&r), &lo))
					return n;
				hi = lo + uleb(&r);
				break;
			case DW_RLE_offset_pair:
				lo = base + uleb(&r);
				hi = base + uleb(&r);
				break;
			case DW_RLE_start_end:
				lo = rd(&r, u->asize);
				hi = rd(&r, u->asize);
				break;
			case DW_RLE_start_length:
				lo = rd(&r, u->asize);
				hi = lo + uleb(&r);
				break;
			default:
				return n;
			}
		}
		if (r.bad)
			break;
		if (hi > lo) {
			PV_TRY(fn(ctx, lo, hi));
			n++;
		}
	}
	return n;
}
