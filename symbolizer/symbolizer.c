/* symbolizer.c - the pv_sym object: where modules were loaded, the
 * (module, offset) cache, name demangling and the lookup that combines the
 * symbol table with DWARF (see pv_symbolizer.h).
 *
 * Name choice follows llvm-symbolizer: the DWARF inline chain gives every
 * level, and the outermost level takes the symbol table's name when one
 * covers the address (so a gcc clone reads foo.constprop.0, a cold part
 * foo.cold).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <elfutils/libdwelf.h>
#include <libiberty/demangle.h>

#include "symbolizer/sym_internal.h"

struct region {
	uint64_t start, end;
	uint64_t pgoff;       /* maps: file offset mapped at start */
	uint64_t bias;        /* --module: link address = addr - bias */
	uint32_t module;
	uint8_t from_maps;
};

struct cache_slot {
	uint64_t off;
	uint32_t mod;         /* UINT32_MAX: empty slot */
	int32_t n;
	const struct pv_sym_frame *frames;
};

struct demangle_slot {
	const char *raw;      /* NULL: empty slot */
	const char *out;
};

/* ---- small hash maps ---------------------------------------------------- */

static uint64_t mix(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ULL;
	return x ^ (x >> 33);
}

static struct cache_slot *cache_find(struct pv_sym *s, uint32_t mod,
				     uint64_t off)
{
	size_t mask = s->cache_cap - 1;
	size_t i = (size_t)mix(off * 31 + mod) & mask;

	while (s->cache[i].mod != UINT32_MAX &&
	       (s->cache[i].mod != mod || s->cache[i].off != off))
		i = (i + 1) & mask;
	return &s->cache[i];
}

static int cache_grow(struct pv_sym *s)
{
	struct cache_slot *old = s->cache;
	size_t oldcap = s->cache_cap, i;

	s->cache_cap = oldcap ? oldcap * 2 : 1024;
	s->cache = malloc(s->cache_cap * sizeof(*s->cache));
	if (!s->cache) {
		s->cache = old;
		s->cache_cap = oldcap;
		return PV_ENOMEM;
	}
	for (i = 0; i < s->cache_cap; i++)
		s->cache[i].mod = UINT32_MAX;
	for (i = 0; i < oldcap; i++)
		if (old[i].mod != UINT32_MAX)
			*cache_find(s, old[i].mod, old[i].off) = old[i];
	free(old);
	return 0;
}

static struct demangle_slot *dm_find(struct demangle_slot *t, size_t cap,
				     const char *raw)
{
	size_t mask = cap - 1;
	size_t i = (size_t)mix((uint64_t)(uintptr_t)raw) & mask;

	while (t[i].raw && t[i].raw != raw)
		i = (i + 1) & mask;
	return &t[i];
}

static int dm_grow(struct pv_sym *s)
{
	struct demangle_slot *old = s->dm, *t;
	size_t oldcap = s->dm_cap, cap = oldcap ? oldcap * 2 : 1024, i;

	t = calloc(cap, sizeof(*t));
	if (!t)
		return PV_ENOMEM;
	for (i = 0; i < oldcap; i++)
		if (old[i].raw)
			*dm_find(t, cap, old[i].raw) = old[i];
	free(old);
	s->dm = t;
	s->dm_cap = cap;
	return 0;
}

/* ---- names -------------------------------------------------------------- */

char *pv_sym_demangle(const char *name)
{
	char *r;

	if (!name)
		return NULL;
	/* rust_demangle knows both Rust schemes and refuses C++; plain
	 * cplus_demangle in auto style would print a legacy Rust name as C++
	 * with its hash */
	if ((name[0] == '_' && (name[1] == 'R' || name[1] == 'Z')) &&
	    (r = rust_demangle(name, DMGL_PARAMS | DMGL_ANSI)))
		return r;
	if (name[0] == '_' && name[1] == 'Z')
		return cplus_demangle(name, DMGL_PARAMS | DMGL_ANSI |
				      DMGL_GNU_V3);
	return NULL;
}

/* The display form of a raw symbol name, cached by its (stable) pointer:
 * the same libelf/libdw string is demangled once per run. */
static const char *display_name(struct pv_sym *s, const char *raw)
{
	struct demangle_slot *slot;
	char *d;

	if (s->opts.no_demangle || !raw || raw[0] != '_')
		return raw;
	if ((s->dm_used + 1) * 2 > s->dm_cap && dm_grow(s))
		return NULL;
	slot = dm_find(s->dm, s->dm_cap, raw);
	if (slot->raw)
		return slot->out;
	d = pv_sym_demangle(raw);
	slot->out = d ? pv_arena_strdup(&s->arena, d) : raw;
	free(d);
	if (!slot->out)
		return NULL;
	slot->raw = raw;
	s->dm_used++;
	return slot->out;
}

/* Cleans path in place, lexically (no file system look-up): "." parts
 * and repeated '/' go, "dir/.." goes where dir is a name, so
 * "././cburn.c" is "cburn.c" and "/usr/src/./a/../b.c" is
 * "/usr/src/b.c".  A relative path keeps its leading "..", an absolute
 * one drops ".." at the root; "" becomes ".". */
static void clean_path(char *path)
{
	char *out = path, *in = path;
	int abs = path[0] == '/';
	size_t keep = abs;   /* bytes of out no ".." may remove */

	if (abs)
		in++, out++;
	while (*in) {
		size_t n = strcspn(in, "/");

		if (n == 0 || (n == 1 && in[0] == '.')) {
			/* nothing */
		} else if (n == 2 && in[0] == '.' && in[1] == '.') {
			size_t len = (size_t)(out - path);

			if (len > keep) {
				/* back to the previous '/' */
				while (out > path + keep && out[-1] != '/')
					out--;
				if (out > path + keep)
					out--;
			} else if (!abs) {
				if (out > path)
					*out++ = '/';
				memcpy(out, "..", 2);
				out += 2;
				keep = (size_t)(out - path);
			}
		} else {
			if (out > path + abs)
				*out++ = '/';
			memmove(out, in, n);
			out += n;
		}
		in += n;
		while (*in == '/')
			in++;
	}
	if (out == path)
		*out++ = '.';
	*out = 0;
}

/* llvm-symbolizer prints absolute paths: a relative name from the line
 * table is joined to the unit's directory (cached like names). */
static const char *display_file(struct pv_sym *s,
				const struct pv_sym__level *lv)
{
	struct demangle_slot *slot;
	char *path;

	if (!lv->file)
		return "";
	if ((s->dm_used + 1) * 2 > s->dm_cap && dm_grow(s))
		return NULL;
	slot = dm_find(s->dm, s->dm_cap, lv->file);
	if (slot->raw)
		return slot->out;
	if (lv->file[0] == '/' || !lv->comp_dir || !lv->comp_dir[0])
		path = pv_arena_strdup(&s->arena, lv->file);
	else
		path = pv_arena_printf(&s->arena, "%s/%s", lv->comp_dir,
				       lv->file);
	if (!path)
		return NULL;
	clean_path(path);
	slot->out = path;
	slot->raw = lv->file;
	s->dm_used++;
	return slot->out;
}

/* ---- lifecycle ---------------------------------------------------------- */

static const char **copy_strv(struct pv_arena *a, const char *const *v,
			      size_t n)
{
	const char **r;
	size_t i;

	if (!n)
		return NULL;
	r = pv_arena_calloc(a, n, sizeof(*r));
	for (i = 0; r && i < n; i++)
		if (!(r[i] = pv_arena_strdup(a, v[i] ? v[i] : "")))
			return NULL;
	return r;
}

int pv_sym_new(struct pv_sym **out, const struct pv_sym_opts *opts,
	       struct pv_error *err)
{
	struct pv_sym *s;

	*out = NULL;
	elf_version(EV_CURRENT);
	s = calloc(1, sizeof(*s));
	if (!s)
		return pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET,
				    "out of memory");
	pv_arena_init(&s->arena, 64 * 1024);
	if (opts) {
		s->opts = *opts;
		s->opts.sysroot = opts->sysroot ?
			pv_arena_strdup(&s->arena, opts->sysroot) : NULL;
		s->opts.debug_dirs = copy_strv(&s->arena, opts->debug_dirs,
					       opts->ndebug_dirs);
		s->opts.search_dirs = copy_strv(&s->arena, opts->search_dirs,
						opts->nsearch_dirs);
		s->opts.debuginfod_urls = copy_strv(&s->arena,
						    opts->debuginfod_urls,
						    opts->ndebuginfod_urls);
		if ((opts->sysroot && !s->opts.sysroot) ||
		    (opts->ndebug_dirs && !s->opts.debug_dirs) ||
		    (opts->nsearch_dirs && !s->opts.search_dirs) ||
		    (opts->ndebuginfod_urls && !s->opts.debuginfod_urls)) {
			pv_sym_free(s);
			return pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET,
					    "out of memory");
		}
	}
	if (cache_grow(s) || dm_grow(s)) {
		pv_sym_free(s);
		return pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET,
				    "out of memory");
	}
	*out = s;
	return 0;
}

void pv_sym_free(struct pv_sym *s)
{
	size_t i;

	if (!s)
		return;
	for (i = 0; i < s->nmods; i++) {
		if (s->mods[i].state)
			pv_sym__module_close(&s->mods[i]);
		free(s->mods[i].build_id);
		free(s->mods[i].path);
		free(s->mods[i].file);
	}
	pv_sym__debuginfod_end(s);
	free(s->mods);
	free(s->regions);
	free(s->cache);
	free(s->dm);
	pv_arena_release(&s->arena);
	free(s);
}

void pv_sym_get_stats(const struct pv_sym *s, struct pv_sym_stats *out)
{
	*out = s->stats;
}

const char *pv_sym_names_str(enum pv_sym_names n)
{
	switch (n) {
	case PV_SYM_NAMES_SYMTAB: return "symbol table";
	case PV_SYM_NAMES_DYNSYM: return "dynamic symbols only";
	case PV_SYM_NAMES_MINIDEBUG: return "MiniDebugInfo";
	case PV_SYM_NAMES_DWARF: return "DWARF in the binary";
	case PV_SYM_NAMES_DEBUG_FILE: return "local debug file";
	case PV_SYM_NAMES_DEBUGINFOD: return "debuginfod";
	case PV_SYM_NAMES_NONE: break;
	}
	return "none";
}

size_t pv_sym_module_count(const struct pv_sym *s)
{
	return s->nmods;
}

void pv_sym_module_info(struct pv_sym *s, size_t i,
			struct pv_sym_module_info *out)
{
	struct pv_sym__module *m = &s->mods[i];

	memset(out, 0, sizeof(*out));
	out->path = m->path;
	out->file = m->file;
	out->opened = m->state;
	if (m->state != 1)
		return;
	out->debug_file = m->debug_file;
	out->names = (enum pv_sym_names)m->names;
	out->nsyms = m->nsyms;
	out->opd_syms = m->nopd;
	if (m->dwarf)
		pv_sym__dwarf_split_stats(m, &out->split_units,
					  &out->split_found, &out->split_dwp);
}

/* ---- modules and regions ------------------------------------------------ */

int64_t pv_sym__module_for(struct pv_sym *s, const char *path, size_t len,
			   struct pv_error *err)
{
	struct pv_sym__module *m;
	size_t i;

	/* maps lists a module's segments one after another: try the last
	 * one first */
	for (i = s->nmods; i-- > 0;)
		if (strlen(s->mods[i].path) == len &&
		    !memcmp(s->mods[i].path, path, len))
			return (int64_t)i;
	if (s->nmods == s->mods_cap) {
		size_t cap = s->mods_cap ? s->mods_cap * 2 : 16;
		void *v = realloc(s->mods, cap * sizeof(*s->mods));

		if (!v)
			goto oom;
		s->mods = v;
		s->mods_cap = cap;
	}
	m = &s->mods[s->nmods];
	memset(m, 0, sizeof(*m));
	m->fd = m->debug_fd = m->alt_fd = -1;
	m->path = malloc(len + 1);
	if (!m->path)
		goto oom;
	memcpy(m->path, path, len);
	m->path[len] = '\0';
	m->base = strrchr(m->path, '/') ? strrchr(m->path, '/') + 1 : m->path;
	return (int64_t)s->nmods++;
oom:
	return pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET, "out of memory");
}

static int add_region(struct pv_sym *s, const struct region *r,
		      struct pv_error *err)
{
	if (s->nregions == s->regions_cap) {
		size_t cap = s->regions_cap ? s->regions_cap * 2 : 64;
		void *v = realloc(s->regions, cap * sizeof(*s->regions));

		if (!v)
			return pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET,
					    "out of memory");
		s->regions = v;
		s->regions_cap = cap;
	}
	s->regions[s->nregions++] = *r;
	s->regions_sorted = 0;
	return 0;
}

/* Only executable file mappings can hold a native frame; pseudo files
 * ([vdso], [heap]) and anonymous memory (JIT code) have nothing to read. */
static int on_mapping(void *ctx, const struct pv_sym__mapping *mp,
		      struct pv_error *err)
{
	struct pv_sym *s = ctx;
	struct region r;
	int64_t mod;

	if (!mp->pathlen || mp->path[0] != '/' || mp->perms[2] != 'x' ||
	    mp->end <= mp->start)
		return 0;
	mod = pv_sym__module_for(s, mp->path, mp->pathlen, err);
	if (mod < 0)
		return (int)mod;
	memset(&r, 0, sizeof(r));
	r.start = mp->start;
	r.end = mp->end;
	r.pgoff = mp->pgoff;
	r.module = (uint32_t)mod;
	r.from_maps = 1;
	return add_region(s, &r, err);
}

int pv_sym_add_maps(struct pv_sym *s, const char *text, size_t len,
		    struct pv_error *err)
{
	return pv_sym__parse_maps(text, len, on_mapping, s, err);
}

int pv_sym_add_module(struct pv_sym *s, const char *path, uint64_t load_addr,
		      struct pv_error *err)
{
	struct pv_sym__module *m;
	struct region r;
	uint64_t lo = UINT64_MAX, hi = 0;
	int64_t mod;
	size_t i;

	mod = pv_sym__module_for(s, path, strlen(path), err);
	if (mod < 0)
		return (int)mod;
	m = &s->mods[mod];
	PV_TRY(pv_sym__module_open(s, m, err));
	if (m->state != 1)
		return 0;
	for (i = 0; i < m->nphdrs; i++) {
		if (m->phdrs[i].vaddr < lo)
			lo = m->phdrs[i].vaddr;
		if (m->phdrs[i].vaddr + m->phdrs[i].memsz > hi)
			hi = m->phdrs[i].vaddr + m->phdrs[i].memsz;
	}
	if (lo >= hi) {
		pv_warn(&s->opts.warn, PV_NO_OFFSET,
			"'%s' has no loadable segment", m->file);
		return 0;
	}
	/* load_addr is where the first segment's page starts */
	lo &= ~(uint64_t)0xfff;
	if (load_addr == PV_SYM_LINK_ADDR)
		load_addr = lo;
	memset(&r, 0, sizeof(r));
	r.bias = load_addr - lo;
	r.start = load_addr;
	r.end = load_addr + (hi - lo);
	r.module = (uint32_t)mod;
	return add_region(s, &r, err);
}

static int cmp_region(const void *a, const void *b)
{
	const struct region *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->module < y->module ? -1 : x->module > y->module;
}

static const struct region *find_region(struct pv_sym *s, uint64_t addr)
{
	size_t lo = 0, hi;

	if (!s->regions_sorted) {
		if (s->nregions)
			qsort(s->regions, s->nregions, sizeof(*s->regions),
			      cmp_region);
		s->regions_sorted = 1;
	}
	hi = s->nregions;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (s->regions[mid].start <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (!lo || addr >= s->regions[lo - 1].end)
		return NULL;
	return &s->regions[lo - 1];
}

/* Module and link-time address of addr; opens the module on first use.
 * Returns 1 when a region covers addr, 0 when none, or an error. */
static int locate_addr(struct pv_sym *s, uint64_t addr,
		       struct pv_sym__module **mod, uint64_t *vaddr)
{
	const struct region *r = find_region(s, addr);
	struct pv_sym__module *m;
	uint64_t fo;

	*mod = NULL;
	*vaddr = addr;
	if (!r)
		return 0;
	m = &s->mods[r->module];
	PV_TRY(pv_sym__module_open(s, m, NULL));
	*mod = m;
	if (!r->from_maps) {
		*vaddr = addr - r->bias;
		return 1;
	}
	fo = addr - r->start + r->pgoff;
	if (m->state != 1 || pv_sym__module_vaddr(m, fo, vaddr))
		*vaddr = fo;
	return 1;
}

int pv_sym_mapping(struct pv_sym *s, uint64_t addr, const char **path,
		   uint64_t *start, uint64_t *limit, uint64_t *file_offset,
		   const char **build_id)
{
	const struct region *r = find_region(s, addr);
	struct pv_sym__module *m;

	if (!r)
		return 0;
	m = &s->mods[r->module];
	if (!m->build_id) {
		const void *id = NULL;
		ssize_t n = 0;

		(void)pv_sym__module_open(s, m, NULL);
		if (m->state == 1 && m->elf)
			n = dwelf_elf_gnu_build_id(m->elf, &id);
		m->build_id = malloc(n > 0 ? (size_t)n * 2 + 1 : 1);
		if (!m->build_id)
			return PV_ENOMEM;
		m->build_id[0] = '\0';
		for (ssize_t i = 0; i < n; i++)
			snprintf(m->build_id + i * 2, 3, "%02x",
				 ((const unsigned char *)id)[i]);
	}
	*path = m->path;
	*start = r->start;
	*limit = r->end;
	/* --module: the region starts at the file's first byte */
	*file_offset = r->from_maps ? r->pgoff : 0;
	*build_id = m->build_id;
	return 1;
}

/* ---- lookup ------------------------------------------------------------- */

static void unresolved_label(const struct pv_sym__module *m, uint64_t addr,
			     uint64_t vaddr, char *buf, size_t size)
{
	if (m)
		snprintf(buf, size, "[%s+0x%" PRIx64 "]", m->base, vaddr);
	else
		snprintf(buf, size, "<native 0x%" PRIx64 ">", addr);
}

/* Resolves (m, vaddr) into a frame chain in the arena; returns its
 * length (0: nothing names the address) or PV_ENOMEM. */
static int resolve(struct pv_sym *s, struct pv_sym__module *m, uint64_t addr,
		   uint64_t vaddr, const struct pv_sym_frame **out)
{
	struct pv_sym__level lv[PV_SYM__MAX_LEVELS];
	const struct pv_sym__symbol *sym;
	struct pv_sym_frame *f;
	int n, i;

	*out = NULL;
	n = pv_sym__dwarf_lookup(m, vaddr, lv, PV_SYM__MAX_LEVELS,
				 &s->stats.units_indexed);
	if (n < 0)
		return n;
	sym = pv_sym__module_symbol(m, vaddr);
	if (!n && !sym)
		return 0;
	if (!n) {
		memset(&lv[0], 0, sizeof(lv[0]));
		n = 1;
	}
	if (sym) {   /* llvm-symbolizer's symbol-table override */
		lv[n - 1].name = sym->name;
		if (!lv[n - 1].file && sym->file)
			lv[n - 1].file = sym->file;
	}
	f = pv_arena_calloc(&s->arena, (size_t)n, sizeof(*f));
	if (!f)
		return PV_ENOMEM;
	for (i = 0; i < n; i++) {
		const struct pv_sym__level *l = &lv[n - 1 - i];

		f[i].name = l->name ? display_name(s, l->name) : NULL;
		f[i].file = display_file(s, l);
		f[i].line = l->line;
		f[i].column = l->column;
		f[i].decl_line = l->decl_line;
		if ((l->name && !f[i].name) || !f[i].file)
			return PV_ENOMEM;
		if (!f[i].name) {
			char buf[64];

			if (i == 0)
				unresolved_label(m, addr, vaddr, buf,
						 sizeof(buf));
			else
				snprintf(buf, sizeof(buf), "??");
			f[i].name = pv_arena_strdup(&s->arena, buf);
			if (!f[i].name)
				return PV_ENOMEM;
		}
	}
	*out = f;
	return n;
}

int pv_sym_lookup(struct pv_sym *s, uint64_t addr,
		  const struct pv_sym_frame **chain, const char **module,
		  uint64_t *offset)
{
	struct pv_sym__module *m;
	const struct pv_sym_frame *frames = NULL;
	struct cache_slot *slot;
	uint64_t vaddr;
	uint32_t mi;
	int rc, n;

	s->stats.lookups++;
	if (chain)
		*chain = NULL;
	rc = locate_addr(s, addr, &m, &vaddr);
	if (module)
		*module = m ? m->path : NULL;
	if (offset)
		*offset = vaddr;
	if (rc <= 0 || m->state != 1)
		return rc < 0 ? rc : 0;
	mi = (uint32_t)(m - s->mods);
	slot = cache_find(s, mi, vaddr);
	if (slot->mod != UINT32_MAX) {
		s->stats.cache_hits++;
		if (chain)
			*chain = slot->frames;
		return slot->n;
	}
	n = resolve(s, m, addr, vaddr, &frames);
	if (n < 0)
		return n;
	if ((s->cache_used + 1) * 2 > s->cache_cap) {
		if (cache_grow(s))
			return PV_ENOMEM;
		slot = cache_find(s, mi, vaddr);
	}
	slot->mod = mi;
	slot->off = vaddr;
	slot->n = n;
	slot->frames = frames;
	s->cache_used++;
	if (chain)
		*chain = frames;
	return n;
}

static int is_function_start(const struct pv_sym__module *m, uint64_t v)
{
	const struct pv_sym__symbol *sym = pv_sym__module_symbol(m, v);

	return sym && sym->addr == v;
}

uint64_t pv_sym_native_start(struct pv_sym *s, uint64_t addr)
{
	struct pv_sym__module *m, *m1;
	uint64_t v, v1;

	if ((addr & 1) || locate_addr(s, addr, &m, &v) <= 0 ||
	    m->state != 1 || is_function_start(m, v))
		return addr;
	if (locate_addr(s, addr | 1, &m1, &v1) > 0 && m1 == m &&
	    is_function_start(m, v1))
		return addr | 1;
	return addr;
}

char *pv_sym_unresolved_name(struct pv_sym *s, uint64_t addr, char *buf,
			     size_t size)
{
	struct pv_sym__module *m = NULL;
	uint64_t vaddr = addr;

	if (locate_addr(s, addr, &m, &vaddr) <= 0)
		m = NULL;
	unresolved_label(m, addr, vaddr, buf, size);
	return buf;
}
