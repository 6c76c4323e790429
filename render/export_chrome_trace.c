/* export_chrome_trace.c - the Trace Event Format (JSON object form) for
 * Perfetto and chrome://tracing: one process per log, one track per
 * thread, complete ("X") events for runs of consecutive samples that have
 * the same function at the same depth under the same callers.
 *
 * Each thread is walked once with its open frames on a stack: a sample
 * closes the frames above the depth where its path departs from the
 * previous one (or all of them after a hole in time) and opens its own.
 * Events are written as they close, so memory grows with depth only.
 * Times are the sample spans of export_int.h, in integer nanoseconds,
 * written as microseconds with 3 decimals, so a child never pokes out of
 * its parent by rounding. */
#include <stdlib.h>

#include "render/export_int.h"
#include "render/pv_export.h"
#include "render/pv_jsonw.h"

static const char *lang_name(const struct pv_func *f)
{
	return f->lang == PV_LANG_PYTHON ? "python" :
	       f->lang == PV_LANG_NATIVE ? "native" : "other";
}

struct open_frame {
	uint32_t func;
	int64_t start;
	uint64_t samples;
};

struct walker {
	struct pv_jw *w;
	const struct pv_profile *p;
	struct open_frame *open;
	uint32_t nopen;
	uint32_t pid, tid;
	char ids[64];         /* ,"pid":N,"tid":N, of the thread */
	size_t idslen;
	int *first;
	char **frag;          /* per func: its event fragment, or NULL */
	size_t *fraglen;
	int failed;           /* out of memory */
};

/* The constant part of a function's events, made once:
 * "name":"..","cat":"..","args":{"file":"..","line":N,"samples": */
static const char *fragment(struct walker *k, uint32_t func, size_t *len)
{
	const struct pv_func *fn = &k->p->funcs[func];
	struct pv_jw *w;
	char *buf = NULL;
	size_t n = 0;
	FILE *mem;

	if (k->frag[func]) {
		*len = k->fraglen[func];
		return k->frag[func];
	}
	mem = open_memstream(&buf, &n);
	w = mem ? malloc(sizeof(*w)) : NULL;
	if (!w) {
		if (mem)
			fclose(mem);
		free(buf);
		k->failed = 1;
		return NULL;
	}
	pv_jw_init(w, mem);
	pv_jw_raw(w, "\"name\":");
	pv_jw_str(w, pv_func_label(fn));
	pv_jw_raw(w, ",\"cat\":");
	pv_jw_str(w, lang_name(fn));
	pv_jw_raw(w, ",\"args\":{\"file\":");
	pv_jw_str(w, ex_func_file(fn));
	pv_jw_raw(w, ",\"line\":");
	pv_jw_u64(w, fn->line);
	pv_jw_raw(w, ",\"samples\":");
	if (pv_jw_finish(w) < 0)
		k->failed = 1;
	free(w);
	if (fclose(mem) != 0 || k->failed) {
		free(buf);
		k->failed = 1;
		return NULL;
	}
	k->frag[func] = buf;
	k->fraglen[func] = n;
	*len = n;
	return buf;
}

static void emit(struct walker *k, const struct open_frame *f, int64_t end)
{
	struct pv_jw *w = k->w;
	size_t n;
	const char *frag = fragment(k, f->func, &n);

	if (!frag)
		return;
	if (*k->first)
		PV_JW_LIT(w, "\n{\"ph\":\"X\",\"ts\":");
	else
		PV_JW_LIT(w, ",\n{\"ph\":\"X\",\"ts\":");
	*k->first = 0;
	pv_jw_fixed(w, f->start, 3);
	PV_JW_LIT(w, ",\"dur\":");
	pv_jw_fixed(w, end - f->start, 3);
	pv_jw_rawn(w, k->ids, k->idslen);
	pv_jw_rawn(w, frag, n);
	pv_jw_u64(w, f->samples);
	PV_JW_LIT(w, "}}");
}

static void close_to(struct walker *k, uint32_t depth, int64_t end)
{
	while (k->nopen > depth)
		emit(k, &k->open[--k->nopen], end);
}

static void thread_events(struct walker *k, const struct ex_bythread *b,
			  uint32_t th, uint32_t *path)
{
	const struct pv_profile *p = k->p;
	struct ex_spans sp;
	size_t row;
	int64_t s0, e0, prev_end = 0;
	uint32_t prev_stack = PV_STACK_DROP;

	k->nopen = 0;
	ex_spans_init(&sp, p, b, th);
	while (ex_spans_next(&sp, &row, &s0, &e0)) {
		uint32_t s = p->sample_stack[row], depth, c = 0;
		uint64_t count = p->sample_count ? p->sample_count[row] : 1;

		depth = ex_path(p, s, path);
		if (s0 <= prev_end) {
			if (s == prev_stack)
				c = depth;
			while (c < depth && c < k->nopen &&
			       k->open[c].func == path[c])
				c++;
		}
		close_to(k, c, prev_end);
		for (; k->nopen < depth; k->nopen++) {
			k->open[k->nopen].func = path[k->nopen];
			k->open[k->nopen].start = s0;
			k->open[k->nopen].samples = 0;
		}
		for (uint32_t i = 0; i < depth; i++)
			k->open[i].samples += count;
		prev_end = e0;
		prev_stack = s;
	}
	close_to(k, 0, prev_end);
}

static void metadata(struct pv_jw *w, const char *what, uint32_t pid,
		     uint32_t tid, const char *name, int *first)
{
	pv_jw_raw(w, *first ? "\n{\"name\":" : ",\n{\"name\":");
	*first = 0;
	pv_jw_str(w, what);
	pv_jw_raw(w, ",\"ph\":\"M\",\"pid\":");
	pv_jw_u64(w, pid);
	pv_jw_raw(w, ",\"tid\":");
	pv_jw_u64(w, tid);
	pv_jw_raw(w, ",\"args\":{\"name\":");
	pv_jw_str(w, name);
	pv_jw_raw(w, "}}");
}

static void other_data(struct pv_jw *w, const struct pv_profile *p)
{
	pv_jw_raw(w, "\"otherData\":{\"exporter\":\"profview\","
		  "\"sample_spans\":\"a sample lasts until the thread's next "
		  "sample when that comes within 1.5 slots, else one slot; "
		  "slot = the period (recorded times) or the spacing of the "
		  "spread\",\"logs\":[");
	for (uint32_t i = 0; i < p->nsources; i++) {
		const struct pv_source *s = &p->sources[i];
		enum ex_times t = ex_source_times(p, i);
		pv_jw_raw(w, i ? ",{\"pid\":" : "{\"pid\":");
		pv_jw_u64(w, i + 1);
		pv_jw_raw(w, ",\"path\":");
		pv_jw_str(w, s->path);
		pv_jw_raw(w, ",\"times\":");
		pv_jw_str(w, ex_times_name(t));
		pv_jw_raw(w, ",\"slot_us\":");
		pv_jw_fixed(w, ex_slot_ns(p, i), 3);
		pv_jw_raw(w, ",\"duration_us\":");
		if (t != EX_TIMES_COUNTS && s->has_start && s->has_end)
			pv_jw_fixed(w, (s->end_sec - s->start_sec) * 1000000000LL +
				    (s->end_usec - s->start_usec) * 1000LL, 3);
		else
			pv_jw_raw(w, "null");
		pv_jw_char(w, '}');
	}
	pv_jw_raw(w, "]}");
}

int pv_render_export_chrome_trace(const struct pv_profile *p,
				  const struct pv_export_opts *o, FILE *out,
				  struct pv_error *err)
{
	struct ex_bythread b;
	uint32_t maxd = ex_max_depth(p);
	struct pv_jw *w = malloc(sizeof(*w));
	uint32_t *path = malloc(maxd * sizeof(*path));
	struct open_frame *open = malloc(maxd * sizeof(*open));
	struct walker k = { .w = w, .p = p, .open = open };
	int first = 1, rc;
	char name[600];

	(void)o;
	k.frag = calloc(p->nfuncs + 1, sizeof(*k.frag));
	k.fraglen = calloc(p->nfuncs + 1, sizeof(*k.fraglen));
	if (!w || !path || !open || !k.frag || !k.fraglen ||
	    ex_bythread_build(&b, p, err) < 0) {
		free(k.frag);
		free(k.fraglen);
		free(w);
		free(path);
		free(open);
		return pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET,
				    "out of memory");
	}
	k.first = &first;
	pv_jw_init(w, out);
	pv_jw_raw(w, "{\"displayTimeUnit\":\"ms\",");
	other_data(w, p);
	pv_jw_raw(w, ",\"traceEvents\":[");
	for (uint32_t i = 0; i < p->nsources; i++)
		metadata(w, "process_name", i + 1, 0, p->sources[i].path,
			 &first);
	for (uint32_t th = 0; th < p->nthreads; th++) {
		const struct pv_thread *t = &p->threads[th];
		if (b.start[th] == b.start[th + 1])
			continue;   /* filtered out */
		snprintf(name, sizeof(name), "thread %u (0x%llx)", t->number,
			 (unsigned long long)t->raw_id);
		metadata(w, "thread_name", (uint32_t)t->source + 1, t->number,
			 name, &first);
		k.pid = (uint32_t)t->source + 1;
		k.tid = t->number;
		k.idslen = (size_t)snprintf(k.ids, sizeof(k.ids),
					    ",\"pid\":%u,\"tid\":%u,", k.pid,
					    k.tid);
		thread_events(&k, &b, th, path);
	}
	pv_jw_raw(w, "\n]}\n");
	rc = pv_jw_finish(w) < 0 ?
	     pv_error_set(err, PV_EWRITE, PV_NO_OFFSET, "write failed") : 0;
	if (k.failed)
		rc = pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET, "out of memory");
	for (uint32_t i = 0; i < p->nfuncs; i++)
		free(k.frag[i]);
	free(k.frag);
	free(k.fraglen);
	ex_bythread_free(&b);
	free(path);
	free(open);
	free(w);
	return rc;
}
