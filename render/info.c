/* info.c - `info`'s view of one log (pv_info.h): every figure the reader
 * keeps about a source row, as aligned text or as one JSON object.  What
 * each figure means: docs/semantics.md. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "render/pv_info.h"
#include "render/pv_json.h"
#include "render/pv_text.h"
#include "render/pv_textsafe.h"

static const char *time_basis_text(enum pv_time_basis b)
{
	switch (b) {
	case PV_TIME_RECORDED: return "recorded";
	case PV_TIME_SPREAD: return "spread";
	default: return "period";
	}
}

static const char *flag_names[] = { "memory", "lines", "native", "rpython",
				    "real_time" };

/* Folded stacks text rather than a vmprof log: the reader marks it with
 * the meta entry format=folded stacks and no vmprof version. */
int pv_source_is_folded(const struct pv_source *s)
{
	for (uint32_t m = 0; m < s->nmeta; m++)
		if (!strcmp(s->meta[m].key, "format") &&
		    !strcmp(s->meta[m].value, "folded stacks"))
			return s->version == 0;
	return 0;
}

static json_t *source_json(const struct pv_profile *p, uint32_t i)
{
	const struct pv_source *s = &p->sources[i];
	json_t *o = json_object(), *flags = json_object(), *meta = json_object();
	json_t *threads = json_array();
	char buf[64];
	double d;
	int known = pv_source_span(s, &d);

	json_object_set_new(o, "file", pv_json_string(s->path));
	json_object_set_new(o, "compression", json_string(s->compression));
	json_object_set_new(o, "bytes", json_integer((json_int_t)s->bytes));
	json_object_set_new(o, "word_size", json_integer(s->word_size));
	json_object_set_new(o, "address_size", json_integer(s->addr_size));
	json_object_set_new(o, "byte_order",
			    json_string(s->big_endian ? "big" : "little"));
	json_object_set_new(o, "windows64", json_boolean(s->win64));
	json_object_set_new(o, "format", json_string(pv_source_is_folded(s) ?
			    "folded stacks" : "vmprof"));
	if (pv_source_is_folded(s))
		json_object_set_new(o, "folded_lines",
				    json_integer((json_int_t)s->folded_lines));
	json_object_set_new(o, "version", json_integer(s->version));
	json_object_set_new(o, "mode_byte", json_integer(s->flags));
	for (int b = 0; b < 5; b++)
		json_object_set_new(flags, flag_names[b],
				    json_boolean(s->flags & (1u << b)));
	json_object_set_new(o, "flags", flags);
	json_object_set_new(o, "interpreter", pv_json_string(s->interpreter));
	json_object_set_new(o, "period_usec", json_integer(s->period_usec));
	json_object_set_new(o, "samples", json_integer((json_int_t)s->samples));
	json_object_set_new(o, "allocation_samples",
			    json_integer((json_int_t)s->alloc_samples));
	json_object_set_new(o, "empty_samples",
			    json_integer((json_int_t)s->empty_samples));
	json_object_set_new(o, "threads", json_integer(s->threads));
	for (uint32_t t = s->first_thread; t < s->first_thread + s->nthreads; t++) {
		json_t *th = json_object();
		snprintf(buf, sizeof(buf), "0x%" PRIx64, p->threads[t].raw_id);
		json_object_set_new(th, "number", json_integer(p->threads[t].number));
		json_object_set_new(th, "raw_id", json_string(buf));
		json_object_set_new(th, "samples",
				    json_integer((json_int_t)p->threads[t].samples));
		json_array_append_new(threads, th);
	}
	json_object_set_new(o, "thread_list", threads);
	json_object_set_new(o, "symbols", json_integer((json_int_t)s->symbols));
	json_object_set_new(o, "native_symbols",
			    json_integer((json_int_t)s->native_symbols));
	if (s->has_start) {
		pv_text_iso_time(s->start_sec, s->start_usec, buf, sizeof(buf));
		json_object_set_new(o, "start_time", json_string(buf));
	} else {
		json_object_set_new(o, "start_time", json_null());
	}
	if (s->has_end) {
		pv_text_iso_time(s->end_sec, s->end_usec, buf, sizeof(buf));
		json_object_set_new(o, "end_time", json_string(buf));
	} else {
		json_object_set_new(o, "end_time", json_null());
	}
	json_object_set_new(o, "duration_sec", known ? json_real(d) : json_null());
	json_object_set_new(o, "sample_times",
			    json_string(s->aggregate ? "none (aggregate)" :
					time_basis_text(s->time_basis)));
	json_object_set_new(o, "aggregate", json_boolean(s->aggregate));
	json_object_set_new(o, "counted_samples",
			    json_integer((json_int_t)s->counted));
	for (uint32_t m = 0; m < s->nmeta; m++) {
		/* a key that is not UTF-8 is kept, repaired as values are
		 * (jansson refuses such keys) */
		json_t *k = pv_json_string(s->meta[m].key);
		if (k)
			json_object_set_new(meta, json_string_value(k),
					    pv_json_string(s->meta[m].value));
		json_decref(k);
	}
	json_object_set_new(o, "meta", meta);
	json_object_set_new(o, "trailer", json_boolean(s->trailer));
	json_object_set_new(o, "truncated", json_boolean(s->truncated));
	json_object_set_new(o, "truncated_offset",
			    s->truncated ? json_integer((json_int_t)s->truncated_offset)
					 : json_null());
	json_object_set_new(o, "damage",
			    s->truncated ? pv_json_string(s->damage) : json_null());
	json_object_set_new(o, "bytes_after_trailer",
			    json_integer((json_int_t)s->bytes_after_trailer));
	json_object_set_new(o, "second_profile", json_boolean(s->second_profile));
	json_object_set_new(o, "capped_stacks",
			    json_integer((json_int_t)s->capped_stacks));
	json_object_set_new(o, "memory_fixups",
			    json_integer((json_int_t)s->mem_fixups));
	json_object_set_new(o, "max_depth", json_integer(s->max_depth));
	/* what the reader accepted but counted as odd (docs/format.md,
	 * section 9): a CI check can fail on any of them */
	json_object_set_new(o, "object_info_records",
			    json_integer((json_int_t)s->objinfo_records));
	json_object_set_new(o, "count_not_1",
			    json_integer((json_int_t)s->count_not_1));
	json_object_set_new(o, "invalid_times",
			    json_integer((json_int_t)s->bad_times));
	json_object_set_new(o, "odd_pair_samples",
			    json_integer((json_int_t)s->odd_pairs));
	json_object_set_new(o, "unknown_kinds",
			    json_integer((json_int_t)s->unknown_kinds));
	json_object_set_new(o, "duplicate_meta",
			    json_integer((json_int_t)s->duplicate_meta));
	return o;
}

/* One line listing the oddities the reader counted, when there are any. */
static void print_odd(FILE *out, const struct pv_source *s)
{
	const struct {
		uint64_t n;
		const char *what;
	} odd[] = {
		{ s->count_not_1, "samples with a count other than 1" },
		{ s->bad_times, "samples with an invalid time" },
		{ s->odd_pairs, "pair-mode samples with an odd slot" },
		{ s->unknown_kinds, "PyPy entries of unknown kind" },
		{ s->duplicate_meta, "duplicate meta keys" },
	};
	int any = 0;

	for (size_t k = 0; k < sizeof(odd) / sizeof(odd[0]); k++) {
		if (!odd[k].n)
			continue;
		fprintf(out, "%s%" PRIu64 " %s",
			any++ ? ", " : "  odd          ", odd[k].n,
			odd[k].what);
	}
	if (any)
		fputc('\n', out);
}

/* before, text from the log made safe for a terminal, after */
static void put(FILE *out, const char *before, const char *text,
		const char *after)
{
	fputs(before, out);
	pv_text_put(out, text, strlen(text));
	fputs(after, out);
}

int pv_render_info_text(FILE *out, const struct pv_profile *p, uint32_t i)
{
	const struct pv_source *s = &p->sources[i];
	char a[64], b[64];
	int any = 0;
	double d;
	int known = pv_source_span(s, &d);

	put(out, "", s->path, "\n");
	put(out, "  interpreter  ", s->interpreter[0] ? s->interpreter :
	    "(none)", "\n");
	if (pv_source_is_folded(s))
		fprintf(out, "  format       folded stacks: %" PRIu64 " lines, "
			"%" PRIu64 " samples (text: no times, no mode)\n",
			s->folded_lines, s->samples);
	else
		fprintf(out, "  format       version %d, %d-byte words, "
			"%d-byte addresses, %s-endian%s\n", s->version,
			s->word_size, s->addr_size,
			s->big_endian ? "big" : "little",
			s->win64 ? ", Windows 64-bit" : "");
	fprintf(out, "  mode         ");
	for (int bit = 0; bit < 5; bit++)
		if (s->flags & (1u << bit))
			fprintf(out, "%s%s", any++ ? ", " : "", flag_names[bit]);
	fprintf(out, "%s (flags 0x%02x)\n", any ? "" : "cpu time", s->flags);
	fprintf(out, "  period       %lld us\n", (long long)s->period_usec);
	if (s->aggregate)
		fprintf(out, "  aggregate    yes: merged logs, one record per "
			"stack and thread with its count; no sample times, no "
			"memory curve%s\n", s->aggregate == PV_AGGREGATE_USEC ?
			"; counts x period are microseconds" : "");
	fprintf(out, "  samples      %" PRIu64, s->aggregate ? s->counted :
		s->samples);
	if (s->aggregate)
		fprintf(out, " in %" PRIu64 " records", s->samples);
	if (s->empty_samples)
		fprintf(out, " (%" PRIu64 "%s with no frame)", s->empty_samples,
			s->aggregate ? " records" : "");
	if (s->alloc_samples)
		fprintf(out, ", %" PRIu64 " allocation samples", s->alloc_samples);
	if (s->objinfo_records)
		fprintf(out, ", %" PRIu64 " object info records",
			s->objinfo_records);
	fputc('\n', out);
	fprintf(out, "  threads      %u", s->threads);
	for (uint32_t t = s->first_thread; t < s->first_thread + s->nthreads && t < s->first_thread + 8; t++)
		fprintf(out, "%s#%u 0x%" PRIx64 " (%" PRIu64 ")",
			t == s->first_thread ? ": " : ", ", p->threads[t].number,
			p->threads[t].raw_id, p->threads[t].samples);
	if (s->nthreads > 8)
		fprintf(out, ", ...");
	fputc('\n', out);
	fprintf(out, "  symbols      %" PRIu64 " code names, %" PRIu64 " native symbols\n",
		s->symbols, s->native_symbols);
	if (s->has_start)
		pv_text_iso_time(s->start_sec, s->start_usec, a, sizeof(a));
	if (s->has_end)
		pv_text_iso_time(s->end_sec, s->end_usec, b, sizeof(b));
	fprintf(out, "  start        %s\n", s->has_start ? a : "unknown");
	fprintf(out, "  end          %s\n", s->has_end ? b : "unknown");
	if (known && s->aggregate)   /* many runs, side by side: no rate */
		fprintf(out, "  duration     %.6f s (earliest start to latest "
			"end of the logs merged)\n", d);
	else if (known)
		fprintf(out, "  duration     %.6f s (%.0f samples/s)\n", d,
			d > 0 ? (double)s->counted / d : 0.0);
	else
		fprintf(out, "  duration     unknown\n");
	fprintf(out, "  sample times %s\n",
		s->aggregate ? "none (an aggregate keeps no time order)" :
		s->time_basis == PV_TIME_RECORDED ? "recorded with each sample" :
		s->time_basis == PV_TIME_SPREAD ? "spread evenly over the duration" :
		"sample index x period (no end time)");
	if (s->nmeta) {
		fprintf(out, "  meta        ");
		for (uint32_t m = 0; m < s->nmeta; m++) {
			put(out, " ", s->meta[m].key, "=");
			put(out, "", s->meta[m].value, "");
		}
		fputc('\n', out);
	}
	fprintf(out, "  compression  %s\n", s->compression);
	fprintf(out, "  trailer      %s\n", s->trailer ? "yes" : "no");
	if (s->truncated)
		fprintf(out, "  truncated    yes, at offset %" PRIu64 ": ",
			s->truncated_offset);
	if (s->truncated)
		put(out, "", s->damage, "\n");
	else
		fprintf(out, "  truncated    no\n");
	if (s->bytes_after_trailer)
		fprintf(out, "  after trailer %" PRIu64 " bytes%s\n",
			s->bytes_after_trailer,
			s->second_profile ? " (a second profile, not read)" : "");
	if (s->capped_stacks)
		fprintf(out, "  capped       %" PRIu64 " samples at the writer's depth cap (roots missing)\n",
			s->capped_stacks);
	if (s->mem_fixups)
		fprintf(out, "  fix-ups      %" PRIu64 " samples with a memory word missing or extra\n",
			s->mem_fixups);
	print_odd(out, s);
	return ferror(out) ? PV_EWRITE : 0;
}

int pv_render_info_json(FILE *out, const struct pv_profile *p, uint32_t i)
{
	json_t *j = source_json(p, i);
	int rc = pv_json_dump_line(j, out);

	json_decref(j);
	return rc;
}
