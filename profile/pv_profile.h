/* pv_profile.h - the in-memory profile model every view works on.
 *
 * Column tables with indices instead of pointers (docs/architecture.md):
 *   sources  one row per log read (header facts, counts, damage)
 *   funcs    distinct functions (name, file, line): what views group by
 *   frames   distinct (address, kind, line) stack entries -> func (logs
 *            share a frame only when it names the same func)
 *   stacks   distinct call-path prefixes: (prefix stack, frame), root first;
 *            a row's prefix always has a smaller id, so one backward pass
 *            over the table propagates counts to callers
 *   threads  distinct (log, raw thread id), numbered 1..N
 *   samples  parallel columns: stack, thread, time, memory, count
 *
 * Two shapes of sample rows.  In time order (the default) one row per
 * sample read, in file order, with its time and memory.  Aggregated
 * (pv_profile_set_aggregate before reading): one row per distinct
 * (stack, thread) pair in order of first appearance, its count in
 * sample_count, and no time or memory columns; memory then grows with
 * distinct stacks, threads and names, never with samples.  Views that
 * need no per-sample order read both shapes the same way, through
 * pv_sample_weight().
 *
 * Ownership: a profile owns everything it holds (one arena for strings and
 * fixed rows, growable arrays for the tables); pointers into it are
 * borrowed and live until pv_profile_free().  Transforms (filters, merge,
 * symbolization) rewrite a profile in place: copying the sample columns of
 * a multi-GB log for every filter would double the memory a run needs.
 */
#ifndef PV_PROFILE_H
#define PV_PROFILE_H

#include <stddef.h>
#include <stdint.h>

#include "profile/pv_arena.h"
#include "profile/pv_error.h"

#define PV_NONE UINT32_MAX   /* "no row": root's prefix, empty stack */

enum pv_kind {
	PV_KIND_PYTHON = 0,  /* interpreted Python frame (code object) */
	PV_KIND_JIT,         /* PyPy JIT-compiled Python frame */
	PV_KIND_NATIVE,      /* native function (C, C++, Rust, ...) */
	PV_KIND_INLINE,      /* native function inlined into its caller */
	PV_KIND_GC,          /* garbage collector */
	PV_KIND_BLACKHOLE,   /* PyPy blackhole interpreter */
	PV_KIND_ASSEMBLER,   /* machine code block with no symbol */
	PV_KIND_THREAD,      /* synthetic: root of a per-thread tower */
	PV_KIND_UNKNOWN,     /* anything else (unknown PyPy kinds, legacy) */
	PV_KIND_COUNT
};

/* "python", "jit", "native", "inline", "gc", "blackhole", "assembler",
 * "thread", "unknown". */
const char *pv_kind_name(enum pv_kind kind);

enum pv_lang {
	PV_LANG_PYTHON = 0,  /* py: records */
	PV_LANG_NATIVE,      /* n: records, native frames */
	PV_LANG_OTHER        /* other VMs' records, unparsed text, synthetic */
};

/* A function: what top, flame, merge and diff group by. */
struct pv_func {
	const char *name;     /* interned, never NULL */
	const char *file;     /* source file, "" when unknown */
	const char *module;   /* native: library path, "" when unknown */
	uint32_t line;        /* first line, 0 when unknown */
	uint8_t lang;         /* enum pv_lang */
	uint8_t placeholder;  /* name stands in for a missing one (<native 0x..>) */
};

/* One distinct stack entry of one log. */
struct pv_frame {
	uint64_t addr;        /* code id, or native function address (untagged) */
	uint32_t func;        /* row in funcs; PV_NONE until names are resolved */
	uint32_t line;        /* current line (lines mode), else 0 */
	uint32_t source;      /* row in sources: addresses mean something per log */
	uint8_t kind;         /* enum pv_kind */
	uint8_t pad_[3];
};

struct pv_stack {
	uint32_t prefix;      /* caller's stack row, PV_NONE at the root */
	uint32_t frame;       /* row in frames */
	uint32_t depth;       /* 1 at the root */
};

struct pv_thread {
	uint64_t raw_id;      /* as written (PyThreadState address, OS id, 0) */
	uint32_t number;      /* 1..N in order of first appearance */
	uint32_t source;
	uint64_t samples;     /* samples read for this thread */
};

struct pv_meta {
	const char *key;
	const char *value;
};

enum pv_time_basis {
	PV_TIME_RECORDED = 0, /* version 7: each sample carries its time */
	PV_TIME_SPREAD,       /* evenly spread over start..end */
	PV_TIME_PERIOD        /* no end time: index x period */
};

/* What was learnt about one log while reading it. */
struct pv_source {
	const char *path;          /* as given on the command line, "-" for stdin */
	const char *compression;   /* "none", "gzip", "zstd" */
	uint64_t bytes;            /* decompressed bytes read */
	int word_size;             /* 4 or 8 */
	int addr_size;             /* 4 or 8 */
	int big_endian;
	int win64;                 /* header word 4 == 1 */
	int version;               /* 0 for legacy 0x04 logs */
	uint8_t flags;             /* raw mode byte (PV_FLAG_*) */
	const char *interpreter;   /* "pypy", "cpython", ... ("" if none) */
	int64_t period_usec;
	int has_start, has_end;
	int64_t start_sec, start_usec, end_sec, end_usec;
	int has_mono_start;        /* v7: meta start_time_offset */
	double mono_start;
	struct pv_meta *meta;
	uint32_t nmeta;

	/* record counts */
	uint64_t samples;          /* whole 0x01 records */
	uint64_t alloc_samples;    /* whole 0x09 records (kept out of samples) */
	uint64_t objinfo_records;  /* 0x0a records */
	uint64_t symbols;          /* 0x02 records */
	uint64_t native_symbols;   /* 0x08 records, placeholders included */
	uint64_t empty_samples;    /* depth 0 */
	uint64_t count_not_1;      /* count word other than 1 (v0..v6) in a
				      log not marked as an aggregate */
	uint64_t counted;          /* samples the count words add up to */
	uint64_t capped_stacks;    /* depth at the writer's cap: roots missing */
	uint64_t mem_fixups;       /* records read with a memory word less/more */
	uint64_t bad_times;        /* v7 times that were NaN or negative */
	uint64_t odd_pairs;        /* pair-mode records with an odd depth */
	uint64_t unknown_kinds;    /* PyPy entries of kinds 0, 4, >7 */
	uint64_t duplicate_meta;
	uint32_t threads;          /* distinct raw thread ids */
	uint32_t max_depth;        /* most frames in one sample */

	/* how reading ended */
	int trailer;               /* a trailer record was read */
	int truncated;             /* ended inside a record or at damage */
	uint64_t truncated_offset; /* offset of the first incomplete/bad record */
	const char *damage;        /* what was wrong there ("" if nothing) */
	uint64_t bytes_after_trailer;
	/* where the log's records end, in decompressed bytes: the trailer's
	 * offset when one was read, else the end of the last whole record;
	 * 0 for input that is not a vmprof log (folded stacks).  Lets a
	 * writer add records where every reader still sees them. */
	uint64_t records_end;
	/* folded stacks text: the lines read as samples (0 for a log) */
	uint64_t folded_lines;
	int second_profile;        /* another static header follows the trailer */
	/* written by `profview merge` (meta profview.aggregate): one record
	 * per distinct stack and thread with its count, so no per-sample
	 * time order and no memory curve.  PV_AGGREGATE_USEC: counts times
	 * the period are microseconds (logs of different periods merged) */
	int aggregate;

	enum pv_time_basis time_basis;
	uint64_t weight;           /* per-sample weight (1, or period in us) */
	uint32_t first_thread;     /* threads of this log: first row ... */
	uint32_t nthreads;         /* ... and count */
};

/* Meta key marking an aggregate log; value "samples" or "microseconds". */
#define PV_AGGREGATE_KEY "profview.aggregate"
#define PV_AGGREGATE_SAMPLES 1
#define PV_AGGREGATE_USEC    2

#define PV_FLAG_MEMORY    0x01
#define PV_FLAG_LINES     0x02
#define PV_FLAG_NATIVE    0x04
#define PV_FLAG_RPYTHON   0x08
#define PV_FLAG_REAL_TIME 0x10

struct pv_index;   /* private hash indexes (profile/intern.c) */

struct pv_profile {
	struct pv_arena arena;

	struct pv_source *sources;
	uint32_t nsources, sources_cap;
	struct pv_func *funcs;
	uint32_t nfuncs, funcs_cap;
	struct pv_frame *frames;
	uint32_t nframes, frames_cap;
	struct pv_stack *stacks;
	uint32_t nstacks, stacks_cap;
	struct pv_thread *threads;
	uint32_t nthreads, threads_cap;

	/* sample columns, n rows each; mem_kib is NULL when no log has memory,
	 * time and mem are NULL in an aggregated profile */
	uint32_t *sample_stack;    /* PV_NONE for an empty stack */
	uint32_t *sample_thread;   /* row in threads */
	float *sample_time;        /* seconds since the start of its log */
	uint32_t *sample_mem;      /* resident set size in KiB */
	/* how many samples each row stands for; NULL means 1 each.  Folded
	 * stacks ("a;b;c 42") carry counts: one row per line keeps a 200k
	 * line file at 200k rows instead of one row per counted sample */
	uint32_t *sample_count;
	size_t nsamples, samples_cap;

	/* 1: rows are (stack, thread) aggregates (see the top of this file);
	 * sample_count is then always present */
	int aggregate;

	/* 1: pv_profile_absorb gives threads of different logs with the
	 * same raw id and period one row (owned by the first such log), so
	 * N logs of the same program add no thread and no sample rows.  For
	 * views that never tell one log's threads from another's (thread
	 * numbers, --group-by, --thread and per-thread views need it off);
	 * each sample still weighs what its own log's period says. */
	int pool_threads;

	/* 1 when merged logs have different periods: weights are then
	 * microseconds and views say "time" instead of "samples" */
	int weighted;

	/* the total weight before the filters dropped samples
	 * (pv_profile_filter: --thread, --from/--to, --ignore, --focus);
	 * 0 when no filter dropped any, so views can say "N of M" */
	uint64_t filtered_from;

	struct pv_index *idx;
};

/* Lifecycle.  pv_profile_free accepts NULL. */
struct pv_profile *pv_profile_new(void);
void pv_profile_free(struct pv_profile *p);

/* Interned copy of s[0..len): equal texts give the same pointer. */
const char *pv_profile_intern(struct pv_profile *p, const char *s, size_t len);
const char *pv_profile_intern_str(struct pv_profile *p, const char *s);

/* Row builders; each interns (returns the existing row for an equal key)
 * and writes the row index to *out.  Keys:
 *   func:   name, file, module, line, lang (strings must be interned)
 *   frame:  source, addr, kind, line
 *   stack:  prefix, frame
 *   thread: source, raw_id */
int pv_profile_add_func(struct pv_profile *p, const struct pv_func *f,
			uint32_t *out, struct pv_error *err);
int pv_profile_add_frame(struct pv_profile *p, const struct pv_frame *f,
			 uint32_t *out, struct pv_error *err);
int pv_profile_add_stack(struct pv_profile *p, uint32_t prefix,
			 uint32_t frame, uint32_t *out, struct pv_error *err);
/* Appends a chain of n rows known to be missing: frames[0] under prefix,
 * frames[1] under that row, and so on; the first row's id goes to
 * *first (the others follow it).  The caller vouches that prefix is a
 * row it added and has not extended with frames[0] yet (a reader inside
 * the stack that created it), so no lookups are made and the index
 * writes overlap. */
int pv_profile_add_new_stacks(struct pv_profile *p, uint32_t prefix,
			      const uint32_t *frames, size_t n,
			      uint32_t *first, struct pv_error *err);
int pv_profile_add_thread(struct pv_profile *p, uint32_t source,
			  uint64_t raw_id, uint32_t *out, struct pv_error *err);
int pv_profile_add_source(struct pv_profile *p, uint32_t *out,
			  struct pv_error *err);
int pv_profile_add_sample(struct pv_profile *p, uint32_t stack,
			  uint32_t thread, float time, uint32_t mem_kib,
			  struct pv_error *err);
/* count samples of one stack and thread at once (count may exceed a
 * row's 32 bits: the rest goes to further rows).  In time order they are
 * one row per 2^32-1 samples at time/mem_kib; aggregated, they are added
 * to the pair's row. */
int pv_profile_add_samples(struct pv_profile *p, uint32_t stack,
			   uint32_t thread, float time, uint32_t mem_kib,
			   uint64_t count, struct pv_error *err);
/* Makes p aggregate its samples (see the top of this file).  Only on a
 * profile that holds no samples yet; returns 0 or PV_ENOMEM. */
int pv_profile_set_aggregate(struct pv_profile *p, struct pv_error *err);
/* Allocates the memory column (zero-filled) if it does not exist yet. */
int pv_profile_enable_memory(struct pv_profile *p, struct pv_error *err);
/* Makes sample row i stand for count samples (allocates the count column,
 * every other row counting one, on first use).  Returns 0 or PV_ENOMEM.
 * Time order only: in an aggregated profile use pv_profile_add_samples. */
int pv_profile_set_count(struct pv_profile *p, size_t i, uint32_t count,
			 struct pv_error *err);

/* Convenience accessors. */
static inline const struct pv_frame *
pv_stack_frame(const struct pv_profile *p, uint32_t stack)
{
	return &p->frames[p->stacks[stack].frame];
}
static inline const struct pv_func *
pv_stack_func(const struct pv_profile *p, uint32_t stack)
{
	return &p->funcs[p->frames[p->stacks[stack].frame].func];
}
/* How many samples row i stands for (1 unless counted or aggregated). */
static inline uint64_t pv_sample_count(const struct pv_profile *p, size_t i)
{
	return p->sample_count ? p->sample_count[i] : 1;
}
/* The weight of row i: its count times its log's weight.  Views read
 * sample rows through these two, whatever the shape of the rows. */
static inline uint64_t pv_sample_weight(const struct pv_profile *p, size_t i)
{
	uint64_t w = p->sources[p->threads[p->sample_thread[i]].source].weight;

	return p->sample_count ? w * p->sample_count[i] : w;
}
/* Nonzero when samples may weigh other than one (merged periods, or
 * counted rows): views must then sum pv_sample_weight. */
static inline int pv_profile_has_weights(const struct pv_profile *p)
{
	return p->weighted || p->sample_count;
}
/* The first source that is an aggregate (merged) log, or NULL: views
 * that need time order or memory refuse it. */
const struct pv_source *pv_profile_aggregate(const struct pv_profile *p);
/* The recorded duration of source row s: end minus start, when both
 * times were recorded and end is not before start.  Returns 1 and sets
 * *sec then, else 0 (the one place the duration is computed). */
int pv_source_span(const struct pv_source *s, double *sec);
/* Sum of all sample weights. */
uint64_t pv_profile_total_weight(const struct pv_profile *p);
/* Weight of every sample per stack row (array of nstacks, caller frees). */
uint64_t *pv_profile_stack_weights(const struct pv_profile *p);

/* Display label of a function: "name" for Python and native functions
 * (file and line are separate fields); never NULL. */
const char *pv_func_label(const struct pv_func *f);
/* Orders two functions of the same name by location (file, line, then
 * module), so an order does not depend on which log named a function
 * first: <0, 0 or >0. */
int pv_func_cmp_location(const struct pv_func *a, const struct pv_func *b);

/* Parses a symbol record text (`lang:name:line:file`, docs/format.md
 * section 7) into *f with interned strings.  Text that does not parse
 * becomes the name verbatim (lang OTHER).  Placeholders (`<native symbol
 * 0x...>`) set f->placeholder.  Returns 0 or PV_ENOMEM. */
int pv_func_parse_symbol(struct pv_profile *p, const char *text, size_t len,
			 struct pv_func *f, struct pv_error *err);

/* ---- transforms: in place, one pass each ---------------------------- */

/* Called for each stack row in id order (prefixes first).  new_prefix is
 * the image of the row's prefix in the rebuilt table (PV_NONE at the root
 * or when the whole prefix mapped to the empty stack).  Return the image of
 * this row: usually pv_stackmap_push(m, new_prefix, frame) or new_prefix
 * (drop this frame), or PV_STACK_DROP to drop every sample on this row and
 * below.  A negative value is an error code. */
#define PV_STACK_DROP (UINT32_MAX - 1)
struct pv_stackmap;
typedef int64_t (*pv_stackmap_fn)(void *ctx, struct pv_stackmap *m,
				  uint32_t old_stack, uint32_t new_prefix);
/* Interns (prefix, frame) in the table being built. */
int64_t pv_stackmap_push(struct pv_stackmap *m, uint32_t prefix,
			 uint32_t frame);
/* The profile being rebuilt (its stack table is the old one during the
 * walk; frames and funcs may be added). */
struct pv_profile *pv_stackmap_profile(struct pv_stackmap *m);
/* Rebuilds the stack table through fn and remaps every sample; samples
 * whose row maps to PV_STACK_DROP are removed. */
int pv_profile_map_stacks(struct pv_profile *p, pv_stackmap_fn fn, void *ctx,
			  struct pv_error *err);

/* Keeps the samples for which keep(ctx, p, i) returns nonzero, in order. */
typedef int (*pv_sample_pred)(void *ctx, const struct pv_profile *p, size_t i);
void pv_profile_keep_samples(struct pv_profile *p, pv_sample_pred keep,
			     void *ctx);

/* Drops harness frames (interpreter start-up, runpy, the recording driver)
 * from the root of every stack; see docs/semantics.md section 5.  extra
 * is an additional POSIX extended regex or NULL. */
int pv_profile_strip_harness(struct pv_profile *p, const char *extra,
			     struct pv_error *err);
/* The built-in harness pattern (matched against a function's file). */
extern const char pv_harness_default_re[];

/* Moves everything src holds into dst, then frees src: its sources,
 * threads and samples are appended (rows of an aggregated dst summed),
 * its strings, functions, frames and stacks interned into dst's.  Frames
 * are shared across logs by (address, kind, line, function): a frame row
 * names its first log in frame.source.  Memory for many logs is thus that
 * of their distinct content plus one source row each.  When dst holds
 * nothing yet, src simply becomes dst's content (no copy).  src must be
 * a profile of the same shape (aggregated or not) as dst.  On error dst
 * keeps what it had plus possibly part of src; src is freed in any case. */
int pv_profile_absorb(struct pv_profile *dst, struct pv_profile *src,
		      struct pv_error *err);

/* Merging: reading several logs into one profile merges them (functions
 * are shared by name/file/line/lang/module; threads and samples stay per
 * log, frames too unless pv_profile_absorb shares them).  Call this once
 * all logs are in: when their periods differ, or a log is an aggregate of logs whose periods differed
 * (PV_AGGREGATE_USEC), samples are weighted by their log's period
 * (microseconds) and p->weighted is set. */
void pv_profile_update_weights(struct pv_profile *p);

#endif
