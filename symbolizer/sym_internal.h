/* sym_internal.h - shared inside symbolizer/ only (the double underscore
 * marks it): the maps parser, the per-module ELF/DWARF index and the
 * pv_sym object they hang off.
 */
#ifndef PV_SYM_INTERNAL_H
#define PV_SYM_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include <elfutils/libdw.h>
#include <gelf.h>

#include "profile/pv_arena.h"
#include "profile/pv_error.h"
#include "symbolizer/pv_symbolizer.h"

/* ---- maps.c ----------------------------------------------------------- */

/* One line of /proc/PID/maps.  path points into the parsed text (not
 * terminated); pathlen is 0 for anonymous mappings.  A " (deleted)"
 * suffix is already removed. */
struct pv_sym__mapping {
	uint64_t start, end, pgoff;
	uint64_t inode;
	char perms[5];
	const char *path;
	size_t pathlen;
};
typedef int (*pv_sym__map_fn)(void *ctx, const struct pv_sym__mapping *m,
			      struct pv_error *err);
/* Calls fn for every line; blank lines are skipped.  A malformed line
 * stops with PV_EFORMAT and its byte offset; an error from fn stops the
 * walk and is returned unchanged. */
int pv_sym__parse_maps(const char *text, size_t len, pv_sym__map_fn fn,
		       void *ctx, struct pv_error *err);

/* ---- module.c: one ELF file and its index ------------------------------ */

struct pv_sym__symbol {
	uint64_t addr, size;   /* link-time address; size 0 = up to the next */
	const char *name;      /* owned by libelf (string table) */
	const char *file;      /* local symbols: the preceding STT_FILE, or
				* NULL */
};

struct pv_sym__unit;       /* dwarf.c */

struct pv_sym__range {
	uint64_t lo, hi;       /* [lo, hi) */
	uint32_t unit;         /* index into units */
};

struct pv_sym__phdr {
	uint64_t offset, filesz, vaddr, memsz;
};

struct pv_sym__dwp;        /* dwp.c */

struct pv_sym__module {
	char *path;            /* as recorded (maps or --module) */
	const char *base;      /* base name inside path */
	char *file;            /* the file opened, NULL until found */
	int state;             /* 0 not tried, 1 open, -1 unavailable */

	int fd, debug_fd;      /* -1 when not open */
	Elf *elf, *debug_elf;  /* debug_elf: separate debug file or NULL */
	Dwarf *dwarf;          /* from debug_elf or elf; NULL without DWARF */
	Dwarf *alt_dwarf;      /* .gnu_debugaltlink (dwz) file, if set by us */
	Elf *alt_elf;
	int alt_fd;
	uint16_t e_type;

	/* where names come from (enum pv_sym_names) and the debug file
	 * read, malloc'ed (a local path or debuginfod's cache entry) */
	int names;
	char *debug_file;

	/* MiniDebugInfo: the decompressed .gnu_debugdata image and its ELF
	 * handle (the symbol names point into it) */
	unsigned char *mini_buf;
	Elf *mini_elf;

	/* PPC64 ELFv1: function symbols are descriptors in .opd, whose
	 * first word is the code address */
	uint64_t opd_lo, opd_hi;
	const unsigned char *opd;
	int opd_msb;
	size_t nopd;            /* symbols moved through .opd */
	uint64_t (*opd_rel)[2]; /* (address, value) of the dynamic
				 * relocations that fill .opd in a shared
				 * object or PIE, sorted */
	size_t nopd_rel;

	/* split DWARF: the .dwp package, opened when a skeleton unit's
	 * .dwo is not found (NULL before; dwp_state -1 when absent) */
	struct pv_sym__dwp *dwp;
	int dwp_state;

	struct pv_sym__phdr *phdrs;
	size_t nphdrs;

	struct pv_sym__symbol *syms;   /* sorted by addr, one per address */
	size_t nsyms;

	char *build_id;        /* GNU build id as hex, once asked; "" if none */

	struct pv_sym__range *ranges;  /* unit ranges sorted by lo */
	size_t nranges;
	struct pv_sym__unit *units;
	size_t nunits;
};

struct pv_sym;

/* Opens and indexes the symbol table and unit ranges of m (state 1), or
 * warns once and marks it unavailable (state -1).  Returns 0, or PV_ENOMEM. */
int pv_sym__module_open(struct pv_sym *s, struct pv_sym__module *m,
			struct pv_error *err);
void pv_sym__module_close(struct pv_sym__module *m);
/* Link-time address of a file offset (through the PT_LOAD headers);
 * returns 0 and sets *vaddr, or -1 when no segment holds it. */
int pv_sym__module_vaddr(const struct pv_sym__module *m, uint64_t fileoff,
			 uint64_t *vaddr);
/* The symbol covering vaddr, or NULL. */
const struct pv_sym__symbol *
pv_sym__module_symbol(const struct pv_sym__module *m, uint64_t vaddr);

/* ---- minidebug.c: MiniDebugInfo ---------------------------------------- */

/* Decompresses m->elf's .gnu_debugdata (an xz stream holding an ELF file
 * with a .symtab) into m->mini_buf/m->mini_elf.  Returns 1 when done, 0
 * when there is none or it cannot be read (a warning), or PV_ENOMEM. */
int pv_sym__minidebug_open(struct pv_sym *s, struct pv_sym__module *m);

/* ---- debuginfod.c ------------------------------------------------------- */

/* Asks the debuginfod servers for the debug file of build id (id, n).
 * Returns an open file descriptor and sets *path (malloc'ed, the cache
 * entry), or -1: no server, --offline, not found, or the servers fail
 * (then one warning, and no further requests in this run). */
int pv_sym__debuginfod_find(struct pv_sym *s, const unsigned char *id,
			    size_t n, char **path);
void pv_sym__debuginfod_end(struct pv_sym *s);

/* ---- dwp.c: DWARF package files ----------------------------------------- */

/* Opens the split unit dwo_id of skeleton cu from m's .dwp package
 * (found beside the module or its debug file), as a Dwarf of its own that
 * reads the skeleton's .debug_addr.  Fills *die with the split unit's DIE.
 * Returns 0, 1 when not found, or PV_ENOMEM. */
int pv_sym__dwp_unit(struct pv_sym__module *m, Dwarf_CU *skel,
		     Dwarf_Die *die);
void pv_sym__dwp_close(struct pv_sym__module *m);
/* The address ranges [lo, hi) of a DIE with DW_AT_ranges in a unit from
 * the package, each passed to fn (which returns 0 or an error).  Returns
 * the number of ranges, an error from fn, or -1 when die is not from the
 * package or has no DW_AT_ranges (libdw's dwarf_ranges is right then). */
typedef int (*pv_sym__range_fn)(void *ctx, uint64_t lo, uint64_t hi);
int pv_sym__dwp_ranges(const struct pv_sym__module *m, Dwarf_Die *die,
		       pv_sym__range_fn fn, void *ctx);

/* ---- dwarf.c: unit ranges, lines and inline chains -------------------- */

/* Raw result of a DWARF lookup, innermost level first (like DWARF's own
 * nesting is walked), names not yet demangled. */
struct pv_sym__level {
	const char *name;      /* linkage name if any, else name; may be NULL */
	const char *file;      /* NULL when unknown; may be relative */
	const char *comp_dir;  /* the unit's DW_AT_comp_dir, or NULL */
	uint32_t line, column;
	uint32_t decl_line;    /* of this level's function */
};
#define PV_SYM__MAX_LEVELS 64

/* Builds m->units/m->ranges from the units' own DW_AT_ranges/low_pc
 * (never .debug_aranges).  Returns 0 or PV_ENOMEM. */
int pv_sym__dwarf_index(struct pv_sym__module *m, struct pv_error *err);
void pv_sym__dwarf_free(struct pv_sym__module *m);
/* Split DWARF of m: skeleton units, and of those the ones whose split
 * unit was found (in a .dwo or the .dwp).  Looks every one up. */
void pv_sym__dwarf_split_stats(struct pv_sym__module *m, uint32_t *units,
			       uint32_t *found, uint32_t *from_dwp);
/* Fills lv[0..] innermost first; returns the number of levels (0 when no
 * unit covers vaddr), or PV_ENOMEM.  *indexed is incremented when a unit
 * had to be indexed for this call. */
int pv_sym__dwarf_lookup(struct pv_sym__module *m, uint64_t vaddr,
			 struct pv_sym__level *lv, int max, uint32_t *indexed);

/* ---- symbolizer.c ----------------------------------------------------- */

struct pv_sym {
	struct pv_sym_opts opts;      /* strings copied into arena */
	struct pv_arena arena;        /* options, names, frame chains */

	struct pv_sym__module *mods;
	size_t nmods, mods_cap;

	struct region *regions;       /* address ranges, sorted lazily */
	size_t nregions, regions_cap;
	int regions_sorted;

	struct cache_slot *cache;     /* open addressing on (module, offset) */
	size_t cache_cap, cache_used;

	struct demangle_slot *dm;     /* raw name pointer -> demangled */
	size_t dm_cap, dm_used;

	struct pv_sym_stats stats;

	/* debuginfod: the client, made on first use; failed once a server
	 * failed (one warning, then no more requests) */
	void *dfd_client;
	int dfd_state;                /* 0 unused, 1 ready, -1 off/failed */
	char *dfd_urls;               /* DEBUGINFOD_URLS plus --debuginfod */
};

/* Finds or adds the module named path; returns its index or PV_ENOMEM. */
int64_t pv_sym__module_for(struct pv_sym *s, const char *path, size_t len,
			   struct pv_error *err);

#endif
