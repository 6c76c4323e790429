/* module.c - finding, opening and indexing one ELF module.
 *
 * A module is looked for under the sysroot (or at its recorded path), then
 * by file name in the search directories.  Its DWARF may live in a
 * separate debug file, found by build-id (DIR/.build-id/xx/rest.debug)
 * or by .gnu_debuglink, and in a dwz "alt" file.  When none is found
 * locally, debuginfod servers are asked by build-id (debuginfod.c).
 * Names come from DWARF when there is some, else from the symbol tables:
 * .symtab (the binary's, else its debug file's, else MiniDebugInfo's)
 * and .dynsym.  Nothing here assumes the host: libelf converts every
 * class and byte order, and only PT_LOAD headers, symbol values and
 * PPC64 ELFv1 function descriptors are interpreted.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <elfutils/libdwelf.h>
#include <zlib.h>

#include "profile/pv_buf.h"
#include "symbolizer/sym_internal.h"

static const char *const default_debug_dirs[] = { "/usr/lib/debug" };

static int is_regular(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Joins a, b and c into a malloc'ed path (b and c may be ""). */
static char *join3(const char *a, const char *b, const char *c)
{
	size_t n = strlen(a) + strlen(b) + strlen(c) + 1;
	char *r = malloc(n);

	if (r)
		snprintf(r, n, "%s%s%s", a, b, c);
	return r;
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/* The file to open for a recorded path, or NULL (errno-free: absence is
 * not an error).  *oom is set when memory ran out. */
static char *locate(const struct pv_sym *s, const char *path, int *oom)
{
	const struct pv_sym_opts *o = &s->opts;
	char *cand;
	size_t i;

	if (o->sysroot && o->sysroot[0])
		cand = join3(o->sysroot, path[0] == '/' ? "" : "/", path);
	else
		cand = strdup(path);
	if (!cand)
		goto oom;
	if (is_regular(cand))
		return cand;
	free(cand);
	for (i = 0; i < o->nsearch_dirs; i++) {
		cand = join3(o->search_dirs[i], "/", base_name(path));
		if (!cand)
			goto oom;
		if (is_regular(cand))
			return cand;
		free(cand);
	}
	return NULL;
oom:
	*oom = 1;
	return NULL;
}

static int open_elf(const char *path, int *fd, Elf **elf)
{
	*fd = open(path, O_RDONLY | O_CLOEXEC);
	if (*fd < 0)
		return -1;
	*elf = elf_begin(*fd, ELF_C_READ_MMAP, NULL);
	if (!*elf || elf_kind(*elf) != ELF_K_ELF) {
		elf_end(*elf);
		close(*fd);
		*elf = NULL;
		*fd = -1;
		return -1;
	}
	return 0;
}

/* Whether elf carries its own DWARF (a stripped file keeps the section
 * headers with SHT_NOBITS, which does not count). */
static int has_dwarf(Elf *elf)
{
	Elf_Scn *scn = NULL;
	size_t shstrndx;

	if (elf_getshdrstrndx(elf, &shstrndx))
		return 0;
	while ((scn = elf_nextscn(elf, scn))) {
		GElf_Shdr sh;
		const char *name;

		if (!gelf_getshdr(scn, &sh) || sh.sh_type == SHT_NOBITS)
			continue;
		name = elf_strptr(elf, shstrndx, sh.sh_name);
		if (name && (!strcmp(name, ".debug_info") ||
			     !strcmp(name, ".zdebug_info")))
			return 1;
	}
	return 0;
}

static int same_build_id(Elf *a, Elf *b)
{
	const void *ida, *idb;
	ssize_t na = dwelf_elf_gnu_build_id(a, &ida);
	ssize_t nb = dwelf_elf_gnu_build_id(b, &idb);

	if (na <= 0 || nb <= 0)
		return -1;   /* cannot tell */
	return na == nb && !memcmp(ida, idb, (size_t)na);
}

static int crc_matches(int fd, uint32_t want)
{
	unsigned char buf[65536];
	uLong crc = crc32(0L, Z_NULL, 0);
	ssize_t n;

	if (lseek(fd, 0, SEEK_SET) < 0)
		return 0;
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		crc = crc32(crc, buf, (uInt)n);
	return n == 0 && (uint32_t)crc == want;
}

/* Takes fd as the debug file of m if it belongs to it (else closes it).
 * path is kept for what --verbose says. */
static int take_debug_fd(struct pv_sym__module *m, int fd, const char *path,
			 int check_crc, uint32_t crc)
{
	Elf *elf;
	int same;

	elf = elf_begin(fd, ELF_C_READ_MMAP, NULL);
	if (!elf || elf_kind(elf) != ELF_K_ELF) {
		elf_end(elf);
		close(fd);
		return -1;
	}
	same = same_build_id(m->elf, elf);
	if (same == 0 || (same < 0 && check_crc && !crc_matches(fd, crc)) ||
	    !has_dwarf(elf) || !(m->debug_file = strdup(path))) {
		elf_end(elf);
		close(fd);
		return -1;
	}
	m->debug_fd = fd;
	m->debug_elf = elf;
	return 0;
}

/* Opens cand as the debug file of m if it belongs to it. */
static int try_debug(struct pv_sym__module *m, const char *cand,
		     int check_crc, uint32_t crc)
{
	int fd;

	if (!is_regular(cand) || (m->file && !strcmp(cand, m->file)))
		return -1;
	fd = open(cand, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	return take_debug_fd(m, fd, cand, check_crc, crc);
}

/* Asks debuginfod for the debug file of m by its build id. */
static void fetch_debug_file(struct pv_sym *s, struct pv_sym__module *m)
{
	const void *id;
	ssize_t nid = dwelf_elf_gnu_build_id(m->elf, &id);
	char *path = NULL;
	int fd;

	if (nid <= 1)
		return;
	fd = pv_sym__debuginfod_find(s, id, (size_t)nid, &path);
	if (fd >= 0 && !take_debug_fd(m, fd, path ? path : "?", 0, 0))
		m->names = PV_SYM_NAMES_DEBUGINFOD;
	free(path);
}

/* "DIR/.build-id/xx/rest.debug" for a build-id, malloc'ed. */
static char *build_id_path(const char *dir, const unsigned char *id,
			   size_t n, const char *suffix)
{
	size_t len = strlen(dir) + 12 + 2 * n + strlen(suffix) + 2;
	char *r = malloc(len), *p;
	size_t i;

	if (!r || n < 2) {
		free(r);
		return NULL;
	}
	p = r + snprintf(r, len, "%s/.build-id/%02x/", dir, id[0]);
	for (i = 1; i < n; i++)
		p += snprintf(p, len - (size_t)(p - r), "%02x", id[i]);
	snprintf(p, len - (size_t)(p - r), "%s", suffix);
	return r;
}

static void debug_dirs(const struct pv_sym *s, const char *const **dirs,
		       size_t *n)
{
	if (s->opts.ndebug_dirs) {
		*dirs = s->opts.debug_dirs;
		*n = s->opts.ndebug_dirs;
	} else {
		*dirs = default_debug_dirs;
		*n = 1;
	}
}

/* Looks for a separate debug file; gdb's order: build-id, then
 * debuglink next to the file, in .debug/, then under each debug dir. */
static void find_debug_file(const struct pv_sym *s, struct pv_sym__module *m)
{
	const char *const *dirs;
	const unsigned char *id;
	const char *link;
	const void *idv;
	GElf_Word crc = 0;
	ssize_t nid;
	size_t ndirs, i;
	char *cand, *dir, *slash;

	debug_dirs(s, &dirs, &ndirs);
	nid = dwelf_elf_gnu_build_id(m->elf, &idv);
	id = idv;
	for (i = 0; nid > 1 && i < ndirs; i++) {
		cand = build_id_path(dirs[i], id, (size_t)nid, ".debug");
		if (cand && !try_debug(m, cand, 0, 0)) {
			free(cand);
			return;
		}
		free(cand);
	}
	link = dwelf_elf_gnu_debuglink(m->elf, &crc);
	if (!link || !link[0] || !(dir = strdup(m->file)))
		return;
	slash = strrchr(dir, '/');
	if (slash)
		slash[1] = '\0';
	else
		dir[0] = '\0';
	const char *fmts[] = { "", ".debug/" };
	for (i = 0; i < 2; i++) {
		cand = join3(dir[0] ? dir : "./", fmts[i], link);
		if (cand && !try_debug(m, cand, 1, crc)) {
			free(cand);
			free(dir);
			return;
		}
		free(cand);
	}
	free(dir);
	/* DIR + the recorded directory + the link name */
	dir = strdup(m->path);
	if (!dir)
		return;
	slash = strrchr(dir, '/');
	if (slash)
		slash[1] = '\0';
	else
		dir[0] = '\0';
	for (i = 0; i < ndirs; i++) {
		char *d = join3(dirs[i], dir[0] == '/' ? "" : "/", dir);

		cand = d ? join3(d, "", link) : NULL;
		free(d);
		if (cand && !try_debug(m, cand, 1, crc)) {
			free(cand);
			break;
		}
		free(cand);
	}
	free(dir);
}

/* dwz: when the DWARF refers to an alt file, look for it by build-id in
 * the debug dirs ourselves; otherwise libdw searches only its defaults. */
static void find_alt_file(const struct pv_sym *s, struct pv_sym__module *m)
{
	const char *const *dirs;
	const char *name;
	const void *id;
	ssize_t nid;
	size_t ndirs, i;

	nid = dwelf_dwarf_gnu_debugaltlink(m->dwarf, &name, &id);
	if (nid <= 1)
		return;
	debug_dirs(s, &dirs, &ndirs);
	for (i = 0; i < ndirs; i++) {
		char *cand = build_id_path(dirs[i], id, (size_t)nid, ".debug");
		int fd;
		Elf *elf;
		Dwarf *alt;

		if (!cand || open_elf(cand, &fd, &elf)) {
			free(cand);
			continue;
		}
		free(cand);
		alt = dwarf_begin_elf(elf, DWARF_C_READ, NULL);
		if (!alt) {
			elf_end(elf);
			close(fd);
			continue;
		}
		dwarf_setalt(m->dwarf, alt);
		m->alt_dwarf = alt;
		m->alt_elf = elf;
		m->alt_fd = fd;
		return;
	}
}

/* A debug file from debuginfod that refers to a dwz file: when libdw
 * does not find that file itself (beside the debug file, or in
 * /usr/lib/debug/.dwz), the servers are asked for it by its build-id. */
static void fetch_alt_file(struct pv_sym *s, struct pv_sym__module *m)
{
	const char *name;
	const void *id;
	ssize_t nid;
	char *path = NULL;
	int fd;
	Elf *elf;
	Dwarf *alt;

	nid = dwelf_dwarf_gnu_debugaltlink(m->dwarf, &name, &id);
	if (nid <= 1 || m->alt_dwarf || dwarf_getalt(m->dwarf))
		return;
	fd = pv_sym__debuginfod_find(s, id, (size_t)nid, &path);
	free(path);
	if (fd < 0)
		return;
	elf = elf_begin(fd, ELF_C_READ_MMAP, NULL);
	alt = elf ? dwarf_begin_elf(elf, DWARF_C_READ, NULL) : NULL;
	if (!alt) {
		elf_end(elf);
		close(fd);
		return;
	}
	dwarf_setalt(m->dwarf, alt);
	m->alt_dwarf = alt;
	m->alt_elf = elf;
	m->alt_fd = fd;
}

static int read_phdrs(struct pv_sym__module *m)
{
	size_t n, i;

	if (elf_getphdrnum(m->elf, &n))
		return 0;
	m->phdrs = calloc(n ? n : 1, sizeof(*m->phdrs));
	if (!m->phdrs)
		return PV_ENOMEM;
	for (i = 0; i < n; i++) {
		GElf_Phdr ph;

		if (!gelf_getphdr(m->elf, (int)i, &ph) || ph.p_type != PT_LOAD)
			continue;
		m->phdrs[m->nphdrs].offset = ph.p_offset;
		m->phdrs[m->nphdrs].filesz = ph.p_filesz;
		m->phdrs[m->nphdrs].vaddr = ph.p_vaddr;
		m->phdrs[m->nphdrs].memsz = ph.p_memsz;
		m->nphdrs++;
	}
	return 0;
}

int pv_sym__module_vaddr(const struct pv_sym__module *m, uint64_t fileoff,
			 uint64_t *vaddr)
{
	size_t i;

	for (i = 0; i < m->nphdrs; i++) {
		const struct pv_sym__phdr *ph = &m->phdrs[i];

		if (fileoff >= ph->offset && fileoff - ph->offset < ph->filesz) {
			*vaddr = fileoff - ph->offset + ph->vaddr;
			return 0;
		}
	}
	return -1;
}

/* ---- symbol table ------------------------------------------------------ */

struct rawsym {
	uint64_t addr, size;
	const char *name;
	const char *file;      /* STT_FILE before a local symbol */
	int rank;              /* 0 global, 1 weak, 2 local: lower wins */
};

/* the symbols collected so far: struct rawsym items */
struct symvec {
	struct pv_buf b;
};

#define SV(sv) PV_BUF_ITEMS(&(sv)->b, struct rawsym)
#define NSV(sv) PV_BUF_COUNT(&(sv)->b, struct rawsym)

static int push_sym(struct symvec *sv, const struct rawsym *r)
{
	return pv_buf_add(&sv->b, r, sizeof(*r)) ? PV_ENOMEM : 0;
}

static int exec_section(Elf *elf, size_t ndx)
{
	Elf_Scn *scn = elf_getscn(elf, ndx);
	GElf_Shdr sh;

	return scn && gelf_getshdr(scn, &sh) && (sh.sh_flags & SHF_EXECINSTR);
}

/* PPC64 ELFv1 (big-endian PowerPC64 Linux before ELFv2): a function
 * symbol names its descriptor in .opd, three words whose first is the
 * entry point; DWARF and the samples speak of the entry.  ELFv2 has no
 * .opd.  The section is read from the binary itself (a debug file's copy
 * is SHT_NOBITS).  In a shared object or PIE the words may be left zero
 * in the file, filled at load time by R_PPC64_RELATIVE relocations whose
 * addend is the link-time entry point: those are read too. */
#define R_PPC64_RELATIVE_ 22

static int cmp_rel(const void *a, const void *b)
{
	const uint64_t *x = a, *y = b;

	return x[0] < y[0] ? -1 : x[0] > y[0];
}

static int opd_relocs(struct pv_sym__module *m)
{
	Elf_Scn *scn = NULL;
	size_t cap = 0;

	while ((scn = elf_nextscn(m->elf, scn))) {
		GElf_Shdr sh;
		Elf_Data *d;
		size_t i, n;

		if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_RELA ||
		    !(sh.sh_flags & SHF_ALLOC) || !sh.sh_entsize ||
		    !(d = elf_getdata(scn, NULL)))
			continue;
		n = sh.sh_size / sh.sh_entsize;
		for (i = 0; i < n; i++) {
			GElf_Rela r;

			if (!gelf_getrela(d, (int)i, &r))
				break;
			if (GELF_R_TYPE(r.r_info) != R_PPC64_RELATIVE_ ||
			    r.r_offset < m->opd_lo || r.r_offset >= m->opd_hi)
				continue;
			if (m->nopd_rel == cap) {
				size_t nc = cap ? cap * 2 : 256;
				void *v = realloc(m->opd_rel,
						  nc * sizeof(*m->opd_rel));

				if (!v)
					return PV_ENOMEM;
				m->opd_rel = v;
				cap = nc;
			}
			m->opd_rel[m->nopd_rel][0] = r.r_offset;
			m->opd_rel[m->nopd_rel][1] = (uint64_t)r.r_addend;
			m->nopd_rel++;
		}
	}
	if (m->nopd_rel)
		qsort(m->opd_rel, m->nopd_rel, sizeof(*m->opd_rel), cmp_rel);
	return 0;
}

static int find_opd(struct pv_sym__module *m)
{
	GElf_Ehdr eh;
	Elf_Scn *scn = NULL;
	size_t shstrndx;

	if (!gelf_getehdr(m->elf, &eh) || eh.e_machine != EM_PPC64 ||
	    elf_getshdrstrndx(m->elf, &shstrndx))
		return 0;
	while ((scn = elf_nextscn(m->elf, scn))) {
		GElf_Shdr sh;
		const char *name;
		Elf_Data *d;

		if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_PROGBITS ||
		    !(name = elf_strptr(m->elf, shstrndx, sh.sh_name)) ||
		    strcmp(name, ".opd") || !(d = elf_rawdata(scn, NULL)) ||
		    d->d_size < sh.sh_size)
			continue;
		m->opd = d->d_buf;
		m->opd_lo = sh.sh_addr;
		m->opd_hi = sh.sh_addr + sh.sh_size;
		m->opd_msb = eh.e_ident[EI_DATA] == ELFDATA2MSB;
		return opd_relocs(m);
	}
	return 0;
}

/* The entry point a descriptor at addr holds; 0 when addr is not in .opd
 * (or the descriptor is cut off). */
static uint64_t opd_entry(const struct pv_sym__module *m, uint64_t addr)
{
	const unsigned char *p;
	uint64_t v = 0;
	size_t lo = 0, hi = m->nopd_rel;
	int i;

	if (!m->opd || addr < m->opd_lo || addr >= m->opd_hi ||
	    m->opd_hi - addr < 8)
		return 0;
	p = m->opd + (addr - m->opd_lo);
	for (i = 0; i < 8; i++)
		v |= (uint64_t)p[m->opd_msb ? i : 7 - i] << (8 * (7 - i));
	if (v)
		return v;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (m->opd_rel[mid][0] < addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < m->nopd_rel && m->opd_rel[lo][0] == addr ?
		m->opd_rel[lo][1] : 0;
}

/* Function symbols of every table of type `type` in elf.  Assembly often
 * leaves STT_NOTYPE labels; those count when they sit in code, except
 * ARM/AArch64 mapping symbols ($x, $d, $t).  A PPC64 ELFv1 descriptor
 * counts at its entry point (its size is the code's: compilers size the
 * descriptor symbol as the function). */
static int collect_syms(struct pv_sym__module *m, Elf *elf, Elf64_Word type,
			struct symvec *sv, int *found)
{
	GElf_Ehdr eh;
	Elf_Scn *scn = NULL;

	if (!gelf_getehdr(elf, &eh))
		return 0;
	while ((scn = elf_nextscn(elf, scn))) {
		GElf_Shdr sh;
		Elf_Data *data;
		const char *file = NULL;
		size_t i, n;

		if (!gelf_getshdr(scn, &sh) || sh.sh_type != type ||
		    !sh.sh_entsize || !(data = elf_getdata(scn, NULL)))
			continue;
		n = sh.sh_size / sh.sh_entsize;
		if (n > 1)
			*found = 1;
		for (i = 1; i < n; i++) {
			GElf_Sym sym;
			struct rawsym r;
			uint64_t entry;
			int st, bind;

			if (!gelf_getsym(data, (int)i, &sym))
				break;
			st = GELF_ST_TYPE(sym.st_info);
			bind = GELF_ST_BIND(sym.st_info);
			if (st == STT_FILE) {
				/* names the source of the locals after it */
				file = elf_strptr(elf, sh.sh_link,
						  sym.st_name);
				continue;
			}
			if (sym.st_shndx == SHN_UNDEF ||
			    sym.st_shndx >= SHN_LORESERVE)
				continue;
			if (st != STT_FUNC && st != STT_GNU_IFUNC &&
			    st != STT_NOTYPE)
				continue;
			r.name = elf_strptr(elf, sh.sh_link, sym.st_name);
			if (!r.name || !r.name[0])
				continue;
			r.addr = sym.st_value;
			if (st == STT_FUNC && m->opd &&
			    (entry = opd_entry(m, r.addr)) != 0) {
				r.addr = entry;
				m->nopd++;
			} else if (st == STT_NOTYPE &&
				   (r.name[0] == '$' ||
				    !exec_section(elf, sym.st_shndx))) {
				continue;
			}
			if (eh.e_machine == EM_ARM && st == STT_FUNC)
				r.addr &= ~(uint64_t)1;   /* Thumb bit */
			r.size = sym.st_size;
			r.file = bind == STB_LOCAL && file && file[0] ?
				file : NULL;
			r.rank = bind == STB_GLOBAL ? 0 : bind == STB_WEAK ? 1 : 2;
			PV_TRY(push_sym(sv, &r));
		}
	}
	return 0;
}

/* At one address, prefer a sized symbol over a label, then the larger
 * size, then global over weak over local, then the smaller name: a fixed
 * choice among aliases, whatever order the tables list them in. */
static int cmp_rawsym(const void *a, const void *b)
{
	const struct rawsym *x = a, *y = b;

	if (x->addr != y->addr)
		return x->addr < y->addr ? -1 : 1;
	if (x->size != y->size)
		return x->size > y->size ? -1 : 1;
	if (x->rank != y->rank)
		return x->rank - y->rank;
	return strcmp(x->name, y->name);
}

/* Indexes the function symbols: the binary's .symtab, else its debug
 * file's, else its MiniDebugInfo's, plus .dynsym.  Sets m->names to the
 * table the names come from (the caller upgrades it to DWARF). */
static int build_symtab(struct pv_sym *s, struct pv_sym__module *m)
{
	struct symvec sv = { 0 };
	int found = 0, dummy = 0, rc;
	size_t i, n = 0;

	rc = find_opd(m);
	if (!rc)
		rc = collect_syms(m, m->elf, SHT_SYMTAB, &sv, &found);
	if (!rc && !found && m->debug_elf)
		rc = collect_syms(m, m->debug_elf, SHT_SYMTAB, &sv, &found);
	if (!rc && !found && !m->debug_elf) {
		rc = pv_sym__minidebug_open(s, m);
		if (rc == 1) {
			rc = collect_syms(m, m->mini_elf, SHT_SYMTAB, &sv,
					  &found);
			if (!rc && found)
				m->names = PV_SYM_NAMES_MINIDEBUG;
		}
	}
	if (!rc && !m->names)
		m->names = found ? PV_SYM_NAMES_SYMTAB : PV_SYM_NAMES_DYNSYM;
	if (!rc)
		rc = collect_syms(m, m->elf, SHT_DYNSYM, &sv, &dummy);
	if (rc) {
		pv_buf_release(&sv.b);
		return rc;
	}
	if (NSV(&sv))
		qsort(SV(&sv), NSV(&sv), sizeof(struct rawsym), cmp_rawsym);
	m->syms = calloc(NSV(&sv) ? NSV(&sv) : 1, sizeof(*m->syms));
	if (!m->syms) {
		pv_buf_release(&sv.b);
		return PV_ENOMEM;
	}
	for (i = 0; i < NSV(&sv); i++) {
		const struct rawsym *r = &SV(&sv)[i];

		if (n && m->syms[n - 1].addr == r->addr)
			continue;
		m->syms[n].addr = r->addr;
		m->syms[n].size = r->size;
		m->syms[n].name = r->name;
		m->syms[n].file = r->file;
		n++;
	}
	m->nsyms = n;
	pv_buf_release(&sv.b);
	return 0;
}

const struct pv_sym__symbol *
pv_sym__module_symbol(const struct pv_sym__module *m, uint64_t vaddr)
{
	size_t lo = 0, hi = m->nsyms;
	const struct pv_sym__symbol *sym;

	while (lo < hi) {          /* first symbol above vaddr */
		size_t mid = lo + (hi - lo) / 2;

		if (m->syms[mid].addr <= vaddr)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (!lo)
		return NULL;
	sym = &m->syms[lo - 1];
	if (sym->size && vaddr - sym->addr >= sym->size)
		return NULL;
	return sym;
}

/* ---- open / close ------------------------------------------------------ */

int pv_sym__module_open(struct pv_sym *s, struct pv_sym__module *m,
			struct pv_error *err)
{
	GElf_Ehdr eh;
	int oom = 0, rc;

	if (m->state)
		return 0;
	m->state = -1;
	m->fd = m->debug_fd = m->alt_fd = -1;
	m->file = locate(s, m->path, &oom);
	if (oom)
		return pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET,
				    "out of memory");
	if (!m->file) {
		s->stats.modules_missing++;
		pv_warn(&s->opts.warn, PV_NO_OFFSET,
			"cannot find '%s'%s: its addresses stay unresolved",
			m->path, s->opts.sysroot ? " under the sysroot" : "");
		return 0;
	}
	if (open_elf(m->file, &m->fd, &m->elf) || !gelf_getehdr(m->elf, &eh)) {
		s->stats.modules_missing++;
		pv_warn(&s->opts.warn, PV_NO_OFFSET,
			"cannot read '%s' as ELF: its addresses stay "
			"unresolved", m->file);
		pv_sym__module_close(m);
		m->state = -1;
		return 0;
	}
	m->e_type = eh.e_type;
	if (!has_dwarf(m->elf)) {
		find_debug_file(s, m);
		if (!m->debug_elf)
			fetch_debug_file(s, m);
	}
	rc = read_phdrs(m);
	if (!rc)
		rc = build_symtab(s, m);
	if (rc) {
		pv_sym__module_close(m);
		m->state = -1;
		return pv_error_set(err, rc, PV_NO_OFFSET, "out of memory");
	}
	m->dwarf = dwarf_begin_elf(m->debug_elf ? m->debug_elf : m->elf,
				   DWARF_C_READ, NULL);
	if (m->dwarf) {
		if (m->names != PV_SYM_NAMES_DEBUGINFOD)
			m->names = m->debug_elf ? PV_SYM_NAMES_DEBUG_FILE :
				PV_SYM_NAMES_DWARF;
		if (s->opts.ndebug_dirs)
			find_alt_file(s, m);
		if (m->names == PV_SYM_NAMES_DEBUGINFOD)
			fetch_alt_file(s, m);
		rc = pv_sym__dwarf_index(m, err);
		if (rc) {
			pv_sym__module_close(m);
			m->state = -1;
			return rc;
		}
	} else if (!m->nsyms) {
		pv_warn(&s->opts.warn, PV_NO_OFFSET,
			"'%s' has neither symbols nor debug information",
			m->file);
	}
	s->stats.modules_opened++;
	m->state = 1;
	return 0;
}

void pv_sym__module_close(struct pv_sym__module *m)
{
	pv_sym__dwarf_free(m);
	if (m->dwarf)
		dwarf_end(m->dwarf);
	if (m->alt_dwarf)
		dwarf_end(m->alt_dwarf);
	elf_end(m->alt_elf);
	elf_end(m->debug_elf);
	elf_end(m->elf);
	if (m->alt_fd >= 0)
		close(m->alt_fd);
	if (m->debug_fd >= 0)
		close(m->debug_fd);
	if (m->fd >= 0)
		close(m->fd);
	pv_sym__dwp_close(m);
	elf_end(m->mini_elf);
	free(m->mini_buf);
	free(m->phdrs);
	free(m->syms);
	free(m->build_id);
	m->build_id = NULL;
	free(m->opd_rel);
	m->opd_rel = NULL;
	m->nopd_rel = 0;
	free(m->debug_file);
	m->debug_file = NULL;
	m->mini_elf = NULL;
	m->mini_buf = NULL;
	m->opd = NULL;
	m->dwarf = m->alt_dwarf = NULL;
	m->elf = m->debug_elf = m->alt_elf = NULL;
	m->fd = m->debug_fd = m->alt_fd = -1;
	m->phdrs = NULL;
	m->syms = NULL;
	m->nphdrs = m->nsyms = 0;
}
