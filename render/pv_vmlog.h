/* pv_vmlog.h - the one vmprof log writer: record encoders in a log's own
 * word size and byte order, a copy of a log with name records added
 * (`symbolize`), and a whole profile written as one aggregate log
 * (`merge`), marked by the meta key
 * PV_AGGREGATE_KEY (profile/pv_profile.h): "samples" when counts are
 * samples, "microseconds" when counts times the header period are
 * microseconds (logs of different periods merged, weighted by period).
 *
 * Record layouts follow docs/format.md, sections 3-8 (static header, 0x05
 * header, 0x06 time, 0x07 meta, 0x02/0x08 names, 0x01 samples, 0x03
 * trailer).
 * Writers return 0, or a negative PV_E* code with err filled.
 */
#ifndef PV_VMLOG_H
#define PV_VMLOG_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "profile/pv_buf.h"
#include "profile/pv_error.h"
#include "profile/pv_profile.h"

/* Layout of the log being written. */
struct pv_vmlog_layout {
	int word_size;    /* 4 or 8: lengths and counts */
	int addr_size;    /* 4 or 8: keys, slots, thread ids */
	int big_endian;
};

/* Size of a name record (marker 0x02 code name or 0x08 native symbol);
 * when cap holds it, also encodes it into buf. */
size_t pv_vmlog_encode_name(const struct pv_vmlog_layout *l, uint8_t marker,
			    uint64_t key, const char *text, size_t len,
			    unsigned char *buf, size_t cap);

/* A stream of records to a FILE. */
struct pv_vmlog_writer {
	FILE *out;
	struct pv_vmlog_layout l;
	struct pv_buf scratch;    /* one record */
	int failed;               /* a write failed (sticky) */
};

void pv_vmlog_writer_init(struct pv_vmlog_writer *w, FILE *out,
			  const struct pv_vmlog_layout *l);
void pv_vmlog_writer_release(struct pv_vmlog_writer *w);
int pv_vmlog_static_header(struct pv_vmlog_writer *w, int64_t period_usec,
			   int win64, struct pv_error *err);
/* 0x05: version (>= 4 writes the flags byte), flags, interpreter name
 * (cut at 255 bytes). */
int pv_vmlog_header(struct pv_vmlog_writer *w, int version, uint8_t flags,
		    const char *interp, struct pv_error *err);
/* 0x06 start time, zone empty. */
int pv_vmlog_time(struct pv_vmlog_writer *w, int64_t sec, int64_t usec,
		  struct pv_error *err);
int pv_vmlog_meta(struct pv_vmlog_writer *w, const char *key,
		  const char *value, struct pv_error *err);
int pv_vmlog_name(struct pv_vmlog_writer *w, uint8_t marker, uint64_t key,
		  const char *text, size_t len, struct pv_error *err);
/* 0x01 for a version 1-6 log without memory: count, depth, slots (leaf
 * first), thread. */
int pv_vmlog_sample(struct pv_vmlog_writer *w, int64_t count,
		    const uint64_t *slots, size_t nslots, uint64_t thread,
		    struct pv_error *err);
/* 0x03, with the end time when has_time (version >= 5 layout). */
int pv_vmlog_trailer(struct pv_vmlog_writer *w, int has_time, int64_t sec,
		     int64_t usec, struct pv_error *err);

/* ---- a copy of a log with name records added (symbolize) ------------- */

struct pv_reader_stream;
struct pv_sym_record;
/* Copies the log's bytes up to src->records_end, then 0x08 records for
 * recs[0..n), then (when the log has a trailer) the trailer and whatever
 * follows it.  Without a trailer the bytes after the last whole record (a
 * record cut off, damage) are dropped: records appended after them could
 * not be read.  PV_EWRITE: writing failed; PV_EIO: reading the input
 * failed (err->offset set), or it changed while it was read. */
int pv_render_symbolize_vmprof(FILE *out, struct pv_reader_stream *in,
			       const struct pv_source *src,
			       const struct pv_sym_record *recs, size_t n,
			       struct pv_error *err);

/* symbolize --list: the records recs[0..n) as text, one a line: the
 * address in hex, a tab, the name (control characters shown escaped,
 * pv_textsafe.h, so a name cannot break the line).  A failed write shows
 * on out's error flag. */
void pv_render_symbolize_text(FILE *out, const struct pv_sym_record *recs,
			      size_t n);

/* ---- a profile as one aggregate log (merge) ---------------------------- */

struct pv_vmlog_opts {
	int expand;   /* one count-1 record per sample (vmprof's reader) */
};

/* Writes p (its samples as they stand after filters and symbolization) as
 * one aggregate log: one 0x01 record per distinct (stack, thread) with its
 * count in the count word, name records for the functions those stacks
 * use, the header, flags and meta that hold for every source.  The bytes
 * depend only on what p holds, never on the order its logs were read in.
 * Logs whose layouts cannot share one log (word size, byte order,
 * interpreter, lines against pair mode, folded stacks) give PV_EUSAGE
 * naming the two. */
int pv_render_merge_vmprof(FILE *out, const struct pv_profile *p,
			   const struct pv_vmlog_opts *opts,
			   struct pv_error *err);

#endif
