/* reader.c - the record loop: static header, prologue, body, trailer.
 *
 * One pass over the bytes through a reused window buffer; a record that
 * straddles two reads is the only thing ever moved.  Every length read
 * from the file is checked against the configured limits before it sizes
 * anything, so a hostile log costs at most one record's worth of memory.
 * Damage after the header keeps everything before it (docs/format.md,
 * section 9).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "profile/pv_format.h"
#include "reader/reader_int.h"

#define WINDOW (1u << 20)
#define LOOKAHEAD_RECORDS 3   /* records that must parse after a fix-up */

const char *pv_reader_marker_name(unsigned m)
{
	switch (m) {
	case PV_MARKER_STACK: return "stack sample";
	case PV_MARKER_CODE_NAME: return "code name";
	case PV_MARKER_TRAILER: return "trailer";
	case PV_MARKER_INTERP_NAME: return "interpreter name";
	case PV_MARKER_HEADER: return "header";
	case PV_MARKER_TIME: return "time";
	case PV_MARKER_META: return "meta";
	case PV_MARKER_NATIVE_SYMBOL: return "native symbol";
	case PV_MARKER_ALLOC_SAMPLE: return "allocation sample";
	case PV_MARKER_OBJECT_INFO: return "object info";
	default: return "unknown";
	}
}

/* Moves the window's unread bytes to its start, and grows it to hold need
 * bytes.  Returns 0 or PV_ENOMEM. */
static int move_window(struct rd *r, size_t need)
{
	if (r->pos) {
		memmove(r->buf, r->buf + r->pos, r->end - r->pos);
		r->base += r->pos;
		r->end -= r->pos;
		r->pos = 0;
	}
	if (need > r->cap) {
		size_t ncap = r->cap;
		unsigned char *nb;
		while (ncap < need)
			ncap *= 2;
		nb = realloc(r->buf, ncap);
		if (!nb)
			return pv_error_set(r->err, PV_ENOMEM, PV_NO_OFFSET,
					    "out of memory");
		r->buf = nb;
		r->cap = ncap;
	}
	return 0;
}

/* Makes at least need bytes available at buf+pos.  Returns 1 when they
 * are, 0 when the input ends first, a negative code on failure. */
static int fill(struct rd *r, size_t need)
{
	while (r->end - r->pos < need) {
		size_t got;
		if (r->eof)
			return 0;
		/* the window moves (or grows) only when need bytes from pos
		 * do not fit in it: a small log, read whole by the first
		 * read, never moves, so its symbol texts are never copied */
		if (r->cap - r->pos < need) {
			/* symbol texts in the window are copied out first */
			if (r->bind_kept < r->nbind)
				PV_TRY(rd__keep_bindings(r));
			PV_TRY(move_window(r, need));
		}
		PV_TRY(input__read(&r->in, r->buf + r->end, r->cap - r->end,
				   &got, r->err));
		if (!got)
			r->eof = 1;
		r->end += got;
	}
	return 1;
}

/* ---- static header and header record --------------------------------- */

static int header_error(struct rd *r, uint64_t off, const char *what)
{
	return pv_error_set(r->err, PV_EFORMAT, off, "%s", what);
}

static int read_static_header(struct rd *r)
{
	struct pv_source *s = &r->p->sources[r->src];
	const unsigned char *b;
	int rc = fill(r, 16);
	int64_t w[5];

	if (rc < 0)
		return rc;
	b = r->buf + r->pos;
	if (r->end - r->pos >= 8 && b[4] == 3 && !b[5] && !b[6] && !b[7] &&
	    !b[0] && !b[1] && !b[2] && !b[3]) {
		r->W = 4, r->be = 0;
	} else if (r->end - r->pos >= 8 && b[7] == 3 && !b[4] && !b[5] &&
		   !b[6] && !b[0] && !b[1] && !b[2] && !b[3]) {
		r->W = 4, r->be = 1;
	} else if (r->end - r->pos >= 16 && b[8] == 3) {
		r->W = 8, r->be = 0;
	} else if (r->end - r->pos >= 16 && b[15] == 3) {
		r->W = 8, r->be = 1;
	} else {
		r->no_header = 1;
		return header_error(r, 0, r->end - r->pos < 16 ?
			"not a vmprof log (too short for a header)" :
			"not a vmprof log (no header word 3 at byte 4, 7, 8 or 15)");
	}
	rc = fill(r, 5 * (size_t)r->W);
	if (rc < 0)
		return rc;
	if (!rc)
		return header_error(r, r->end - r->pos,
				    "file ends inside the static header");
	for (int i = 0; i < 5; i++)
		w[i] = rd_word(r, b = r->buf + r->pos + (size_t)i * r->W);
	if (w[0] != 0 || w[1] != 3 || w[2] != 0)
		return header_error(r, 0,
			"not a vmprof log (static header words are not 0, 3, 0)");
	if (w[4] != 0 && !(w[4] == 1 && r->W == 4))
		return pv_error_set(r->err, PV_EFORMAT, 4 * (uint64_t)r->W,
				    "bad static header: word 4 is %lld",
				    (long long)w[4]);
	r->A = (r->W == 4 && w[4] == 1) ? 8 : r->W;
	s->word_size = r->W;
	s->addr_size = r->A;
	s->big_endian = r->be;
	s->win64 = w[4] == 1;
	s->period_usec = w[3];
	r->pos += 5 * (size_t)r->W;
	if (w[3] <= 0)
		pv_warn(&r->opts->warn, PV_NO_OFFSET,
			"sampling period is %lld us", (long long)w[3]);
	return 0;
}

static void set_layout(struct rd *r)
{
	struct pv_source *s = &r->p->sources[r->src];
	int v = r->version;
	uint32_t fixed;

	r->flags = s->flags;
	r->has_thread = v >= 1;
	r->has_mem = (v >= 4 && (r->flags & PV_FLAG_MEMORY)) || v == 3;
	r->pairs = v == 2 || (v >= 4 && (r->flags & PV_FLAG_RPYTHON));
	r->lines = !r->pairs && v >= 4 && (r->flags & PV_FLAG_LINES);
	r->legacy = v <= 1;
	r->v7 = v >= 7;
	/* the writer's 8184-byte record buffer caps the slots
	 * (docs/format.md 6.2) */
	fixed = 1 + 2 * (uint32_t)r->W +
		(uint32_t)r->A * (uint32_t)(r->has_thread + r->has_mem);
	r->depth_cap = (8184 - fixed) / (uint32_t)r->A;
	if (r->pairs || r->lines)
		r->depth_cap &= ~1u;
}

/* Header record (0x05) or legacy interpreter name (0x04). */
static int read_header_record(struct rd *r)
{
	struct pv_source *s = &r->p->sources[r->src];
	uint64_t off = r->base + r->pos;
	const unsigned char *b;
	size_t need;
	int rc = fill(r, 1);

	if (rc < 0)
		return rc;
	if (!rc)
		return header_error(r, off, "file ends before the header record");
	b = r->buf + r->pos;
	if (b[0] == PV_MARKER_INTERP_NAME) {
		PV_TRY(rc = fill(r, 2));
		if (rc)
			rc = fill(r, 2 + (size_t)r->buf[r->pos + 1]);
		if (rc < 0)
			return rc;
		if (!rc)
			return header_error(r, off,
					    "file ends inside the interpreter name record");
		b = r->buf + r->pos;
		s->version = 0;
		s->interpreter = pv_profile_intern(r->p, (const char *)b + 2, b[1]);
		if (!s->interpreter)
			return pv_error_set(r->err, PV_ENOMEM, PV_NO_OFFSET,
					    "out of memory");
		r->pos += 2 + (size_t)b[1];
	} else if (b[0] == PV_MARKER_HEADER) {
		int version;
		PV_TRY(rc = fill(r, 3));
		if (!rc)
			return header_error(r, off,
					    "file ends inside the header record");
		b = r->buf + r->pos;
		version = b[1] << 8 | b[2];
		need = version >= 4 ? 5 : 4;
		PV_TRY(rc = fill(r, need));
		if (rc)
			rc = fill(r, need + r->buf[r->pos + need - 1]);
		if (rc < 0)
			return rc;
		if (!rc)
			return header_error(r, off,
					    "file ends inside the header record");
		b = r->buf + r->pos;
		if (b[1] != 0 || version > 7)
			return pv_error_set(r->err, PV_EFORMAT, off + 1,
					    "unsupported format version %d",
					    version);
		s->version = version;
		s->flags = version >= 4 ? b[3] : 0;
		s->interpreter = pv_profile_intern(r->p, (const char *)b + need,
						   b[need - 1]);
		if (!s->interpreter)
			return pv_error_set(r->err, PV_ENOMEM, PV_NO_OFFSET,
					    "out of memory");
		r->pos += need + b[need - 1];
	} else {
		return pv_error_set(r->err, PV_EFORMAT, off,
				    "expected a header record (0x05), found byte 0x%02x",
				    b[0]);
	}
	if (!s->interpreter)
		return pv_error_set(r->err, PV_ENOMEM, PV_NO_OFFSET,
				    "out of memory");
	r->version = s->version;
	set_layout(r);
	if (s->flags & 0xe0)
		pv_warn(&r->opts->warn, off,
			"unknown mode flag bits 0x%02x kept", s->flags & 0xe0);
	return 0;
}

/* ---- record spans ------------------------------------------------------ */

enum span { SPAN_OK = 0, SPAN_MORE = 1, SPAN_BAD = 2 };

/* Size of the record at b (avail bytes there).  SPAN_OK: *size is the
 * whole record.  SPAN_MORE: *size bytes are needed to say more.  SPAN_BAD:
 * the record is invalid, why says how.  mem_delta adds (or removes) one
 * address word to sample records, for the memory-word quirk. */
static enum span record_span(const struct rd *r, const unsigned char *b,
			     size_t avail, int mem_delta, size_t *size,
			     char *why, size_t why_len)
{
	size_t W = (size_t)r->W, A = (size_t)r->A, n;
	int64_t len, len2;

	switch (b[0]) {
	case PV_MARKER_STACK:
	case PV_MARKER_ALLOC_SAMPLE:
	case PV_MARKER_OBJECT_INFO: {
		size_t count = r->v7 ? 8 : W, extra;
		int64_t depth;
		if (b[0] != PV_MARKER_STACK && !r->v7)
			goto bad_marker;
		n = 1 + count + W;
		if (avail < n) {
			*size = n;
			return SPAN_MORE;
		}
		depth = rd_word(r, b + 1 + count);
		if (depth < 0 || (uint64_t)depth > r->max_depth) {
			snprintf(why, why_len,
				 "stack depth %lld exceeds limit %u",
				 (long long)depth, r->max_depth);
			return SPAN_BAD;
		}
		extra = b[0] == PV_MARKER_OBJECT_INFO ? 0 :
			(size_t)(r->has_thread + r->has_mem + mem_delta);
		*size = n + A * ((size_t)depth + extra);
		return avail < *size ? SPAN_MORE : SPAN_OK;
	}
	case PV_MARKER_CODE_NAME:
	case PV_MARKER_NATIVE_SYMBOL:
		n = 1 + A + W;
		if (avail < n) {
			*size = n;
			return SPAN_MORE;
		}
		len = rd_word(r, b + 1 + A);
		if (len < 0 || (uint64_t)len > r->max_string) {
			snprintf(why, why_len,
				 "symbol length %lld exceeds limit %u",
				 (long long)len, r->max_string);
			return SPAN_BAD;
		}
		*size = n + (size_t)len;
		return avail < *size ? SPAN_MORE : SPAN_OK;
	case PV_MARKER_TRAILER:
		/* the trailer's time is optional: a cut one is not damage */
		*size = 1;
		return SPAN_OK;
	case PV_MARKER_HEADER:
		if (avail < 4) {
			*size = 4;
			return SPAN_MORE;
		}
		n = ((b[1] << 8 | b[2]) >= 4) ? 5 : 4;
		if (avail < n) {
			*size = n;
			return SPAN_MORE;
		}
		*size = n + b[n - 1];
		return avail < *size ? SPAN_MORE : SPAN_OK;
	case PV_MARKER_TIME:
		*size = 25;
		return avail < 25 ? SPAN_MORE : SPAN_OK;
	case PV_MARKER_META:
		n = 1 + W;
		if (avail < n) {
			*size = n;
			return SPAN_MORE;
		}
		len = rd_word(r, b + 1);
		if (len < 0 || (uint64_t)len > r->max_string)
			goto bad_meta;
		n += (size_t)len + W;
		if (avail < n) {
			*size = n;
			return SPAN_MORE;
		}
		len2 = rd_word(r, b + n - W);
		if (len2 < 0 || (uint64_t)len2 > r->max_string)
			goto bad_meta;
		*size = n + (size_t)len2;
		return avail < *size ? SPAN_MORE : SPAN_OK;
	default:
		goto bad_marker;
	}
bad_meta:
	snprintf(why, why_len, "meta length exceeds limit %u", r->max_string);
	return SPAN_BAD;
bad_marker:
	snprintf(why, why_len, "unknown record marker 0x%02x", b[0]);
	return SPAN_BAD;
}

static int valid_marker(const struct rd *r, unsigned m)
{
	return (m >= PV_MARKER_STACK && m <= PV_MARKER_NATIVE_SYMBOL && m != PV_MARKER_INTERP_NAME) ||
	       (r->v7 && (m == PV_MARKER_ALLOC_SAMPLE || m == PV_MARKER_OBJECT_INFO));
}

/* Whether LOOKAHEAD_RECORDS records parse from offset off (relative to
 * pos), or the input ends cleanly on a record boundary first.  May move
 * the window (offsets stay valid). */
static int parses_from(struct rd *r, size_t off)
{
	char why[8];

	for (int k = 0; k < LOOKAHEAD_RECORDS; k++) {
		size_t size = 1;
		enum span sp;
		int rc = fill(r, off + 1);
		if (rc < 0)
			return 0;
		if (!rc)   /* a clean end is fine, a record past it is not */
			return r->end - r->pos == off;
		if (!valid_marker(r, r->buf[r->pos + off]))
			return 0;
		if (r->buf[r->pos + off] == PV_MARKER_TRAILER)
			return 1;   /* the trailer: what follows is not records */
		while ((sp = record_span(r, r->buf + r->pos + off,
					 r->end - r->pos - off, 0, &size, why,
					 sizeof(why))) == SPAN_MORE) {
			if (fill(r, off + size) <= 0)
				return 0;
		}
		if (sp == SPAN_BAD)
			return 0;
		off += size;
	}
	return 1;
}

/* ---- record bodies ---------------------------------------------------- */

static int read_sample(struct rd *r, const unsigned char *b, int mem_delta)
{
	struct pv_source *s = &r->p->sources[r->src];
	size_t W = (size_t)r->W, A = (size_t)r->A;
	size_t count_len = r->v7 ? 8 : W;
	uint64_t depth = (uint64_t)rd_word(r, b + 1 + count_len);
	const unsigned char *slots = b + 1 + count_len + W;
	const unsigned char *tail = slots + depth * A;
	int has_mem = r->has_mem + mem_delta > 0;
	uint64_t raw_thread = 0, mem = 0;
	uint32_t stack, thread;
	int64_t count = 1;
	float t = 0;

	if (r->opts->max_samples && s->samples >= r->opts->max_samples)
		return pv_error_set(r->err, PV_ELIMIT, r->base + r->pos,
				    "more than %llu samples",
				    (unsigned long long)r->opts->max_samples);
	if (r->v7) {
		double d;
		uint64_t bits = rd_u64(r, b + 1);
		memcpy(&d, &bits, 8);
		if (isnan(d) || d < 0) {
			s->bad_times++;
			t = r->last_time;
		} else {
			t = (float)(d - (s->has_mono_start ? s->mono_start : 0));
		}
		r->last_time = t;
	} else {
		count = rd_word(r, b + 1);
		if (count != 1 && !s->aggregate)
			s->count_not_1++;
		if (count < 1)
			count = 1;   /* no weight to give: counted once */
	}
	if (r->has_thread)
		raw_thread = rd_addr(r, tail);
	if (has_mem)
		mem = rd_addr(r, tail + A * (size_t)r->has_thread);
	if (depth >= r->depth_cap)
		s->capped_stacks++;
	PV_TRY(rd__sample_stack(r, slots, depth, &stack));
	if (stack == PV_NONE)
		s->empty_samples++;
	if (!r->have_last_thread || raw_thread != r->last_raw_thread) {
		PV_TRY(pv_profile_add_thread(r->p, r->src,
					     raw_thread, &thread, r->err));
		r->last_raw_thread = raw_thread;
		r->last_thread = thread;
		r->have_last_thread = 1;
	}
	thread = r->last_thread;
	r->p->threads[thread].samples += (uint64_t)count;
	s = &r->p->sources[r->src];
	s->samples++;
	s->counted += (uint64_t)count;
	/* a count word above one weighs the record by it (aggregate logs
	 * written by `merge`); a row holds up to UINT32_MAX, more take
	 * several (or add to the pair's row when aggregated) */
	return pv_profile_add_samples(r->p, stack, thread, t,
				      mem > UINT32_MAX ? UINT32_MAX :
				      (uint32_t)mem, (uint64_t)count, r->err);
}

struct meta_probe {
	const struct pv_meta *rows;
	const char *key;
	size_t len;
};

static int meta_eq(const void *ctx, uint32_t row)
{
	const struct meta_probe *pr = ctx;
	const char *k = pr->rows[row].key;

	return strlen(k) == pr->len && !memcmp(k, pr->key, pr->len);
}

/* Room for one more entry in s->meta, an array in the profile's arena
 * that doubles when full (4, 8, 16, ... entries).  Returns 0 or -1. */
static int meta_room(struct pv_profile *p, struct pv_source *s)
{
	uint32_t n = s->nmeta;
	size_t cap = n < 4 ? 4 : 2 * (size_t)n;
	struct pv_meta *m;

	if (n && (n < 4 || (n & (n - 1))))
		return 0;   /* n is not 0, 4, 8, 16, ...: not full */
	m = pv_arena_alloc(&p->arena, cap * sizeof(*m));
	if (!m)
		return -1;
	if (n)
		memcpy(m, s->meta, n * sizeof(*m));
	s->meta = m;
	return 0;
}

static int read_meta(struct rd *r, const unsigned char *b)
{
	struct pv_source *s = &r->p->sources[r->src];
	size_t W = (size_t)r->W;
	size_t klen = (size_t)rd_word(r, b + 1);
	const char *key = (const char *)b + 1 + W;
	size_t vlen = (size_t)rd_word(r, b + 1 + W + klen);
	const char *val = key + klen + W;
	struct meta_probe pr = { s->meta, key, klen };
	uint64_t h = pv_hash_bytes(key, klen, 0);
	struct pv_meta *m;

	if (pv_rowindex_find(&r->meta_keys, h, meta_eq, &pr) != UINT32_MAX) {
		s->duplicate_meta++;
		pv_warn(&r->opts->warn, r->base + r->pos,
			"duplicate meta key '%.*s' ignored",
			(int)(klen > 80 ? 80 : klen), key);
		return 0;
	}
	if (meta_room(r->p, s) ||
	    pv_rowindex_insert(&r->meta_keys, h, s->nmeta))
		return pv_error_set(r->err, PV_ENOMEM, PV_NO_OFFSET,
				    "out of memory");
	m = s->meta;
	m[s->nmeta].key = pv_arena_strndup(&r->p->arena, key, klen);
	m[s->nmeta].value = pv_arena_strndup(&r->p->arena, val, vlen);
	if (!m[s->nmeta].key || !m[s->nmeta].value)
		return pv_error_set(r->err, PV_ENOMEM, PV_NO_OFFSET,
				    "out of memory");
	s->nmeta++;
	if (klen == sizeof(PV_AGGREGATE_KEY) - 1 &&
	    !memcmp(key, PV_AGGREGATE_KEY, klen))
		s->aggregate = vlen == 12 && !memcmp(val, "microseconds", 12) ?
			       PV_AGGREGATE_USEC : PV_AGGREGATE_SAMPLES;
	if (klen == 17 && !memcmp(key, "start_time_offset", 17)) {
		char tmp[64], *end;
		double d;
		size_t n = vlen < sizeof(tmp) - 1 ? vlen : sizeof(tmp) - 1;
		memcpy(tmp, val, n);
		tmp[n] = '\0';
		d = strtod(tmp, &end);
		if (end != tmp && isfinite(d)) {
			s->has_mono_start = 1;
			s->mono_start = d;
		}
	}
	return 0;
}

static void read_time(struct rd *r, const unsigned char *b, int64_t *sec,
		      int64_t *usec, int *has)
{
	*sec = (int64_t)rd_u64(r, b);
	*usec = (int64_t)rd_u64(r, b + 8);
	*has = *usec >= 0 && *usec <= 999999;
	if (!*has)
		pv_warn(&r->opts->warn, r->base + r->pos,
			"time with %lld microseconds ignored",
			(long long)*usec);
}

/* Marks damage at offset off: keeps everything before it. */
static void damage(struct rd *r, uint64_t off, const char *what)
{
	struct pv_source *s = &r->p->sources[r->src];

	if (s->truncated)
		return;
	s->truncated = 1;
	s->truncated_offset = off;
	if (!s->trailer)   /* a gzip stream cut after the trailer */
		s->records_end = off;
	s->damage = pv_profile_intern_str(r->p, what);
	if (!s->damage)   /* out of memory: the offset still says where */
		s->damage = "damaged record";
}

/* After a trailer: another profile, or trailing bytes (legacy maps). */
static int after_trailer(struct rd *r)
{
	struct pv_source *s = &r->p->sources[r->src];
	uint64_t start = r->base + r->pos;
	int rc = fill(r, 16);

	if (rc < 0)
		return rc;
	if (r->end - r->pos >= 16) {
		const unsigned char *b = r->buf + r->pos;
		static const unsigned char zero[8];
		if ((!memcmp(b, zero, 4) && b[4] == 3 && r->W == 4) ||
		    (!memcmp(b, zero, 8) && b[8] == 3 && r->W == 8))
			s->second_profile = 1;
	}
	/* count what follows without keeping it */
	while (r->end > r->pos) {
		r->pos = r->end;
		PV_TRY(fill(r, 1));
	}
	s->bytes_after_trailer = r->base + r->pos - start;
	if (s->second_profile)
		pv_warn(&r->opts->warn, start,
			"a second profile follows the trailer; only the first is read");
	return 0;
}

/* The memory-word quirk (docs/format.md, section 6.5): some writers give a
 * sample record one address word fewer (or more) than the log's mode
 * says.  Called with the record at buf+pos spanning *size bytes by the
 * mode; when the byte after it is no record marker but the records from
 * one word earlier (or later) parse, *size becomes that shorter (longer)
 * span, *delta -1 (+1) and the source counts a fix-up.  Otherwise
 * nothing changes and *delta stays 0.  Returns 0 or a negative code
 * (a failed read). */
static int mem_word_fixup(struct rd *r, size_t *size, int *delta)
{
	size_t A = (size_t)r->A;
	int rc;

	PV_TRY(rc = fill(r, *size + 1));
	if (!rc || valid_marker(r, r->buf[r->pos + *size]))
		return 0;
	if (r->has_mem && *size > A && parses_from(r, *size - A))
		*delta = -1;
	else if (!r->has_mem && parses_from(r, *size + A))
		*delta = 1;
	else
		return 0;
	*size = *delta < 0 ? *size - A : *size + A;
	r->p->sources[r->src].mem_fixups++;
	return 0;
}

/* The trailer record at buf+pos, which starts at byte off: marks the
 * source finished there, reads the end time that follows in version 5
 * and later (a cut-short time leaves it unknown), then consumes and
 * counts whatever follows (after_trailer; docs/format.md, section 8).
 * Ends the read: returns 0 or a negative code. */
static int read_trailer(struct rd *r, uint64_t off)
{
	struct pv_source *s = &r->p->sources[r->src];
	int rc;

	s->trailer = 1;
	s->records_end = off;
	r->pos += 1;
	if (r->version >= 5) {
		PV_TRY(rc = fill(r, 24));
		if (rc) {
			read_time(r, r->buf + r->pos, &s->end_sec,
				  &s->end_usec, &s->has_end);
			/* merge writes 0 for "unknown" */
			if (s->aggregate && !s->end_sec && !s->end_usec)
				s->has_end = 0;
			r->pos += 24;
		} else {
			r->pos = r->end;   /* time cut: unknown */
		}
	}
	return after_trailer(r);
}

/* The record loop: reads records from buf+pos until the input ends, the
 * trailer (read_trailer) or damage (kept up to the damaged record, marked
 * by damage()).  Returns 0, or a negative code for a failure that is not
 * damage (out of memory, a failed read, a limit). */
static int read_body(struct rd *r)
{
	struct pv_source *s = &r->p->sources[r->src];
	char why[200];

	for (;;) {
		size_t size = 1;
		enum span sp;
		int rc = fill(r, 1), delta = 0;
		const unsigned char *b;
		uint64_t off = r->base + r->pos;

		if (rc < 0)
			return rc;
		if (!rc) {
			s = &r->p->sources[r->src];
			s->records_end = off;
			break;
		}
		while ((sp = record_span(r, r->buf + r->pos, r->end - r->pos,
					 0, &size, why, sizeof(why))) ==
		       SPAN_MORE) {
			PV_TRY(rc = fill(r, size));
			if (!rc) {
				snprintf(why, sizeof(why),
					 "file ends inside a %s record",
					 pv_reader_marker_name(r->buf[r->pos]));
				damage(r, off, why);
				return 0;
			}
		}
		if (sp == SPAN_BAD) {
			damage(r, off, why);
			return 0;
		}
		if (r->buf[r->pos] == PV_MARKER_STACK ||
		    r->buf[r->pos] == PV_MARKER_ALLOC_SAMPLE)
			PV_TRY(mem_word_fixup(r, &size, &delta));
		b = r->buf + r->pos;
		switch (b[0]) {
		case PV_MARKER_STACK:
			PV_TRY(read_sample(r, b, delta));
			break;
		case PV_MARKER_ALLOC_SAMPLE:
			r->p->sources[r->src].alloc_samples++;
			break;
		case PV_MARKER_OBJECT_INFO:
			r->p->sources[r->src].objinfo_records++;
			break;
		case PV_MARKER_CODE_NAME:
		case PV_MARKER_NATIVE_SYMBOL: {
			uint64_t key = rd_addr(r, b + 1);
			s = &r->p->sources[r->src];
			if (b[0] == PV_MARKER_CODE_NAME)
				s->symbols++;
			else
				s->native_symbols++;
			PV_TRY(rd__add_binding(r, b[0], key,
					       b + 1 + r->A + r->W,
					       (uint32_t)(size - 1 - (size_t)r->A -
							  (size_t)r->W)));
			break;
		}
		case PV_MARKER_HEADER:
			pv_warn(&r->opts->warn, off,
				"second header record ignored");
			break;
		case PV_MARKER_TIME:
			s = &r->p->sources[r->src];
			read_time(r, b + 1, &s->start_sec, &s->start_usec,
				  &s->has_start);
			break;
		case PV_MARKER_META:
			PV_TRY(read_meta(r, b));
			break;
		case PV_MARKER_TRAILER:
			return read_trailer(r, off);
		}
		r->pos += size;
	}
	return 0;
}

/* Times of version 0-6 samples: spread over the recorded duration, or
 * index x period when there is no end time (docs/semantics.md, section 7). */
static void assign_times(struct rd *r)
{
	struct pv_source *s = &r->p->sources[r->src];
	size_t first = r->samples_at_start;
	/* the log's rows; aggregated rows are not samples, and get no time */
	size_t n = r->p->sample_time ? r->p->nsamples - first :
		   (size_t)s->samples;
	double dur = 0, step;

	if (r->v7) {
		s->time_basis = PV_TIME_RECORDED;
		return;
	}
	pv_source_span(s, &dur);
	if (dur > 0 && n) {
		s->time_basis = PV_TIME_SPREAD;
		step = dur / (double)n;
	} else {
		s->time_basis = PV_TIME_PERIOD;
		step = (s->period_usec > 0 ? (double)s->period_usec : 1000.0) / 1e6;
	}
	if (!r->p->sample_time)
		return;   /* aggregated: no per-sample times */
	for (size_t i = 0; i < n; i++)
		r->p->sample_time[first + i] = (float)((double)i * step);
}

static void report(struct rd *r)
{
	struct pv_source *s = &r->p->sources[r->src];

	if (s->truncated)
		pv_warn(&r->opts->warn, s->truncated_offset,
			"%s; kept the %llu whole samples before it",
			s->damage, (unsigned long long)s->samples);
	else if (!s->trailer)
		pv_warn(&r->opts->warn, PV_NO_OFFSET,
			"no trailer: the recording did not finish (end time unknown)");
	if (s->mem_fixups)
		pv_warn(&r->opts->warn, PV_NO_OFFSET,
			"%llu samples had a memory word missing or extra; read as such",
			(unsigned long long)s->mem_fixups);
	if (s->count_not_1)
		pv_warn(&r->opts->warn, PV_NO_OFFSET,
			"%llu samples have a count other than 1; each weighed by its count",
			(unsigned long long)s->count_not_1);
	if (s->bad_times)
		pv_warn(&r->opts->warn, PV_NO_OFFSET,
			"%llu samples have an invalid time; the previous time is used",
			(unsigned long long)s->bad_times);
	if (s->odd_pairs)
		pv_warn(&r->opts->warn, PV_NO_OFFSET,
			"%llu samples have an odd number of slots in pair mode; last slot dropped",
			(unsigned long long)s->odd_pairs);
}

static int starts(const unsigned char *b, size_t n, const char *magic,
		  size_t len)
{
	return n >= len && !memcmp(b, magic, len);
}

/* What the first bytes of an input that is neither a vmprof log nor
 * folded stacks look like, for the error. */
static const char *looks_like(const unsigned char *b, size_t n)
{
	size_t i = 0, text = 1;

	if (!n)
		return "an empty file";
	if (starts(b, n, "\x7f" "ELF", 4))
		return "an ELF file (a program or library)";
	if (starts(b, n, "\x89PNG\r\n\x1a\n", 8))
		return "a PNG image";
	if (starts(b, n, "\xff\xd8\xff", 3))
		return "a JPEG image";
	if (starts(b, n, "GIF8", 4))
		return "a GIF image";
	if (starts(b, n, "%PDF", 4))
		return "a PDF document";
	if (starts(b, n, "PK\x03\x04", 4))
		return "a zip archive";
	if (starts(b, n, "\xfd" "7zXZ", 5))
		return "xz data (not read: decompress it first)";
	if (starts(b, n, "BZh", 3))
		return "bzip2 data (not read: decompress it first)";
	if (starts(b, n, "\x1f\x8b", 2))
		return "gzip data";
	if (starts(b, n, "\x28\xb5\x2f\xfd", 4))
		return "zstd data";
	if (starts(b, n, "PERFILE2", 8))
		return "a perf.data file (run 'perf script' on it)";
	for (size_t k = 0; k < n && k < 4096; k++)
		if (!b[k] || (b[k] < 0x20 && b[k] != '\n' && b[k] != '\r' &&
			      b[k] != '\t' && b[k] != '\f'))
			text = 0;
	if (!text)
		return "binary data of no known kind";
	while (i < n && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' ||
			 b[i] == '\n'))
		i++;
	if (i < n && (b[i] == '{' || b[i] == '['))
		return "JSON";
	if (i < n && b[i] == '<')
		return "XML or HTML (an SVG, a report?)";
	return "text that is not folded stacks (a folded line is "
	       "\"frame;frame;... COUNT\")";
}

/* The error for an input with no vmprof header that is not folded
 * stacks either: both formats were tried, and what it looks like. */
static int neither(struct rd *r)
{
	char first[sizeof(r->err->msg)];
	const char *codec = input__codec_name(&r->in);
	const char *kind = looks_like(r->buf + r->pos, r->end - r->pos);

	snprintf(first, sizeof(first), "%s", r->err->msg);
	if (strcmp(codec, "none"))
		return pv_error_set(r->err, PV_EFORMAT, 0,
			"%s nor folded stacks: %s data that holds no log "
			"but %s", first, codec, kind);
	return pv_error_set(r->err, PV_EFORMAT, 0,
		"%s nor folded stacks: it looks like %s", first, kind);
}

/* Size of the first read window for fd (or len bytes in memory): WINDOW,
 * or less for an input known to be smaller. */
static size_t window_for(int fd, size_t len)
{
	struct stat st;

	if (fd < 0)
		return len < WINDOW / 4 ? 4 * (len < 1024 ? 1024 : len) :
					  WINDOW;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    st.st_size < (off_t)WINDOW / 2)
		return st.st_size < 32768 ? 65536 : 2 * (size_t)st.st_size;
	return WINDOW;
}

static int read_log(struct pv_profile *p, int fd, const void *mem,
		    size_t len, const struct pv_read_opts *opts,
		    uint32_t *source, struct pv_error *err)
{
	static const struct pv_read_opts defaults;
	struct rd r = { 0 };
	uint32_t src;
	int rc;

	if (!opts)
		opts = &defaults;
	PV_TRY(pv_profile_add_source(p, &src, err));
	if (source)
		*source = src;
	r.p = p;
	r.src = src;
	r.opts = opts;
	r.err = err;
	r.max_depth = opts->max_depth ? opts->max_depth : 65536;
	r.max_string = opts->max_string ? opts->max_string : (1u << 20);
	r.samples_at_start = p->nsamples;
	p->sources[src].path = pv_profile_intern_str(p, opts->path ? opts->path : "");
	/* the window grows when a record needs it, so a small input starts
	 * small: the fuzzer runs one in memory thousands of times, and a
	 * command may read thousands of small files */
	r.cap = window_for(fd, len);
	r.buf = malloc(r.cap);
	if (!r.buf || !p->sources[src].path)
		return pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET, "out of memory");
	rc = fd >= 0 ? input__open_fd(&r.in, fd, err) :
		       input__open_mem(&r.in, mem, len, err);
	if (rc == 0) {
		p->sources[src].compression = input__codec_name(&r.in);
		rc = read_static_header(&r);
		/* not a vmprof header: folded stacks text is read instead */
		if (rc == PV_EFORMAT && rd__looks_folded(&r)) {
			rc = rd__read_folded(&r);
			goto out;
		}
		if (rc == PV_EFORMAT && r.no_header)
			rc = neither(&r);
	}
	if (rc == 0)
		rc = read_header_record(&r);
	if (rc == 0 && (p->sources[src].flags & PV_FLAG_MEMORY ||
			p->sources[src].version == 3))
		rc = pv_profile_enable_memory(p, err);
	if (rc == 0)
		rc = read_body(&r);
	if (rc == 0 && r.in.damaged) {
		char why[200];
		snprintf(why, sizeof(why), "%s", r.in.why);
		damage(&r, r.base + r.pos, why);
	}
	if (rc == 0) {
		p->sources[src].bytes = r.base + r.end;
		assign_times(&r);
		rc = rd__resolve_names(&r);
	}
	if (rc == 0)
		report(&r);
out:
	input__close(&r.in);
	rd__stack_release(&r);
	rd__names_release(&r);
	pv_rowindex_release(&r.meta_keys);
	free(r.buf);
	return rc;
}

int pv_reader_read_fd(struct pv_profile *p, int fd,
		      const struct pv_read_opts *opts, uint32_t *source,
		      struct pv_error *err)
{
	return read_log(p, fd, NULL, 0, opts, source, err);
}

int pv_reader_parse(struct pv_profile *p, const void *buf, size_t len,
		    const struct pv_read_opts *opts, uint32_t *source,
		    struct pv_error *err)
{
	return read_log(p, -1, buf, len, opts, source, err);
}
