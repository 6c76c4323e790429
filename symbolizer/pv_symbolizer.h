/* pv_symbolizer.h - native addresses to functions, file:line and inline
 * frames, offline, for ELF binaries of any class, byte order and machine.
 *
 * The caller says where modules were loaded (a copy of /proc/PID/maps, or
 * explicit PATH@ADDRESS pairs); the symbolizer opens each module the first
 * time an address falls into it, indexes it once (sorted symbol table, per
 * unit address ranges, line tables and inline ranges, the latter two built
 * lazily per compilation unit) and answers every lookup by binary search.
 * Each (module, offset) is resolved once and cached.
 *
 * Ownership: a struct pv_sym owns its libelf/libdw handles, its cache and
 * every string it returns; pointers handed out stay valid until
 * pv_sym_free().  pv_sym_apply() copies what it needs into the profile.
 * Missing files are reported once each through opts.warn, never as errors.
 */
#ifndef PV_SYMBOLIZER_H
#define PV_SYMBOLIZER_H

#include <stddef.h>
#include <stdint.h>

#include "profile/pv_error.h"
#include "profile/pv_profile.h"

struct pv_sym;

struct pv_sym_opts {
	const char *sysroot;              /* look binaries up under DIR, or NULL */
	const char *const *debug_dirs;    /* separate debug files; NULL/0 means
					   * /usr/lib/debug */
	size_t ndebug_dirs;
	const char *const *search_dirs;   /* find a module by file name when its
					   * recorded path is missing */
	size_t nsearch_dirs;
	int no_demangle;                  /* keep raw (mangled) names */
	struct pv_warner warn;            /* one warning per missing file */
	/* debuginfod: servers asked, by build id, for the debug file of a
	 * module that has none locally; these come after DEBUGINFOD_URLS.
	 * offline: no request at all, whatever the environment says. */
	const char *const *debuginfod_urls;
	size_t ndebuginfod_urls;
	int offline;
	/* seconds a debuginfod request may go without progress before it
	 * is abandoned (then one warning and no more requests); 0 means
	 * DEBUGINFOD_TIMEOUT, else 10 */
	unsigned debuginfod_timeout;
};

/* One level of an address's inline chain. */
struct pv_sym_frame {
	const char *name;   /* function; demangled unless no_demangle; never NULL */
	const char *file;   /* source file, "" when unknown */
	uint32_t line;      /* 0 when unknown */
	uint32_t column;    /* 0 when unknown */
	uint32_t decl_line; /* where the function is declared (DW_AT_decl_line),
			     * 0 when unknown: a per-function constant, unlike
			     * line */
};

/* Creates a symbolizer; opts may be NULL (defaults).  The option strings
 * are copied.  Returns 0 or PV_ENOMEM. */
int pv_sym_new(struct pv_sym **out, const struct pv_sym_opts *opts,
	       struct pv_error *err);
void pv_sym_free(struct pv_sym *s);   /* accepts NULL */

/* Adds every file-backed mapping of a /proc/PID/maps text (a copy from the
 * profiled process).  Files are not opened yet.  A line that does not
 * parse fails with PV_EFORMAT and the byte offset of that line; mappings
 * before it are kept. */
int pv_sym_add_maps(struct pv_sym *s, const char *text, size_t len,
		    struct pv_error *err);

/* Adds one module whose first loadable segment (file offset 0) was mapped
 * at load_addr (what --module PATH@HEXADDR gives; for a non-PIE
 * executable, its link address), or at its link-time addresses when
 * load_addr is PV_SYM_LINK_ADDR (addresses are then module offsets, as
 * addr2line -e takes them).  The file is opened now: a missing or
 * unreadable file is one warning and the call still succeeds (the extent
 * of the module is then unknown, so its addresses stay <native 0x...>). */
#define PV_SYM_LINK_ADDR UINT64_MAX
int pv_sym_add_module(struct pv_sym *s, const char *path, uint64_t load_addr,
		      struct pv_error *err);

/* Resolves one runtime address exactly (no return-address adjustment).
 * *chain receives the frames outermost first: the real function, then
 * each inlined callee down to the innermost.  The file:line of a level is
 * where it calls the next level; the innermost's comes from the line
 * table.  *module receives the module path as recorded (or NULL when no
 * mapping covers addr) and *offset the address in the module's ELF
 * address space (the value addr2line -e MODULE takes; when the file could
 * not be read, the file offset).  Any out-pointer may be NULL.
 * Returns the chain length, 0 when no function covers the address, or a
 * negative PV_E* code when memory runs out. */
int pv_sym_lookup(struct pv_sym *s, uint64_t addr,
		  const struct pv_sym_frame **chain, const char **module,
		  uint64_t *offset);

/* The address a vmprof native frame stands for.  vmprof writes a
 * function's start address with bit 0 set, so a reader that clears the
 * bit turns the start of a function at an odd address (common at -Os, or
 * on x86 without alignment) into the last byte of the function before it.
 * Returns addr | 1 when a function starts there and none at addr, else
 * addr. */
uint64_t pv_sym_native_start(struct pv_sym *s, uint64_t addr);

/* Display name of an unresolved address: "[libfoo.so+0x1234]" (the
 * module's base name) when a mapping covers it, "<native 0x7f...>"
 * otherwise.  Written to buf (always terminated); returns buf. */
char *pv_sym_unresolved_name(struct pv_sym *s, uint64_t addr, char *buf,
			     size_t size);

/* The mapping that covers addr, for formats that keep mappings: the
 * module's path as recorded, the covered range [*start, *limit), the file
 * offset mapped at *start, and the module's GNU build id as hex ("" when
 * the file cannot be read or has none).  Strings live until pv_sym_free.
 * Returns 1, 0 when nothing covers addr, or PV_ENOMEM. */
int pv_sym_mapping(struct pv_sym *s, uint64_t addr, const char **path,
		   uint64_t *start, uint64_t *limit, uint64_t *file_offset,
		   const char **build_id);

/* Demangles a C++ (Itanium) or Rust (legacy or v0) symbol; returns NULL
 * when name is not mangled.  The result is malloc'ed. */
char *pv_sym_demangle(const char *name);

/* Rewrites a profile in place: every native frame gets its function's
 * name, file and line, with the module recorded; a func that is a
 * recorder placeholder (<native symbol 0x...>) is replaced; every stack
 * with an inlined address gets the inline chain expanded into frames of
 * kind PV_KIND_INLINE (innermost last, the native frame itself keeps the
 * outermost function).  Names the log already had stay unless the
 * symbolizer resolves the address.  Returns 0 or a PV_E* code. */
int pv_sym_apply(struct pv_sym *s, struct pv_profile *p,
		 struct pv_error *err);

/* ---- native-symbol records for a copy of a log (profview symbolize) --- */

/* One 0x08 record: key is the slot value exactly as the log's samples
 * hold it (start|1 for tagged native frames, the raw PC in legacy logs),
 * text is "n:NAME:LINE:FILE" (docs/format.md 7). */
struct pv_sym_record {
	uint64_t key;
	char *text;        /* malloc'ed, not terminated by the format */
	size_t len;
};

struct pv_sym_record_stats {
	uint64_t native;       /* distinct native keys in the log's samples */
	uint64_t named;        /* of which the symbolizer found a function */
	uint64_t unresolved;   /* no function found at the address */
	uint64_t labelled;     /* of which a record "[module+0xOFFSET]" was
				* written (module known, log had no name) */
	uint64_t same;         /* the log already names it exactly so */
	uint64_t renamed;      /* the log had another function name for it */
	uint64_t inlined;      /* inline chain: outermost function written */
	/* a record of the log sorts after ours, so vmprof's tools (largest
	 * text wins) keep it; profview reads ours (last wins) */
	uint64_t peer_keeps_old;
};

/* Records naming every native frame of log `source` of p that the
 * symbolizer resolves and the log does not already name that way, and
 * "[module+0xOFFSET]" for one it cannot resolve inside a known module
 * when the log has no real name for it (as the views show it).  p
 * must be as read (not yet symbolized: its funcs still tell what the
 * log's own records say).  An inline chain yields its outermost
 * function (a record holds one name per address); LINE is the
 * function's declaration line (as the views use), FILE its source file,
 * else the module path.  *out is sorted by key; free it with
 * pv_sym_records_free.  Returns 0 or PV_ENOMEM. */
int pv_sym_records(struct pv_sym *s, const struct pv_profile *p,
		   uint32_t source, struct pv_sym_record **out, size_t *n,
		   struct pv_sym_record_stats *stats, struct pv_error *err);
void pv_sym_records_free(struct pv_sym_record *r, size_t n);

/* ---- where a module's names come from ---------------------------------- */

enum pv_sym_names {
	PV_SYM_NAMES_NONE,        /* not opened (no address fell in it), or
				   * its file was not found */
	PV_SYM_NAMES_SYMTAB,      /* the binary's own symbol table(s) */
	PV_SYM_NAMES_DYNSYM,      /* the dynamic symbols only (stripped) */
	PV_SYM_NAMES_MINIDEBUG,   /* MiniDebugInfo (.gnu_debugdata) */
	PV_SYM_NAMES_DWARF,       /* DWARF in the binary itself */
	PV_SYM_NAMES_DEBUG_FILE,  /* a separate debug file found locally */
	PV_SYM_NAMES_DEBUGINFOD   /* a debug file fetched from debuginfod */
};

/* "symbol table", "MiniDebugInfo", "debuginfod", ... */
const char *pv_sym_names_str(enum pv_sym_names n);

struct pv_sym_module_info {
	const char *path;         /* as recorded */
	const char *file;         /* the file read, or NULL */
	const char *debug_file;   /* separate debug file read, or NULL */
	int opened;               /* 1 read, 0 never needed, -1 unavailable */
	enum pv_sym_names names;
	size_t nsyms;             /* function symbols indexed */
	size_t opd_syms;          /* of which PPC64 ELFv1 descriptors */
	uint32_t split_units;     /* split DWARF skeleton units */
	uint32_t split_found;     /* of which the split unit was found */
	uint32_t split_dwp;       /* of which from the .dwp package */
};

/* Modules known to s (from the maps or --module), in the order first
 * seen.  pv_sym_module_info fills *out for module i < count; the strings
 * stay valid until pv_sym_free.  It looks up every split unit (a
 * diagnostic, not for the hot path). */
size_t pv_sym_module_count(const struct pv_sym *s);
void pv_sym_module_info(struct pv_sym *s, size_t i,
			struct pv_sym_module_info *out);

/* Counters for tests and `profview info`. */
struct pv_sym_stats {
	uint64_t lookups;          /* pv_sym_lookup calls */
	uint64_t cache_hits;       /* answered from the (module, offset) cache */
	uint32_t modules_opened;   /* files opened and indexed */
	uint32_t modules_missing;  /* modules whose file could not be found */
	uint32_t units_indexed;    /* compilation units whose lines/inlines were
				    * indexed (lazily) */
	uint32_t debuginfod_requests; /* build ids asked of debuginfod */
	uint32_t debuginfod_found;    /* of which a debug file came back */
};
void pv_sym_get_stats(const struct pv_sym *s, struct pv_sym_stats *out);

#endif
