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
 * its parent by rounding.
 *
 * Deep stacks make many events (every depth that changes between two
 * samples closes one), so an event is kept short and written in place:
 * {"ph":"X","pid":P,"tid":T,"ts":..,"dur":..,"name":..,"args":{"samples":N}}
 * with the thread's and the function's parts made once.  The name is the
 * function's; when another function has the same name, its file and line
 * follow in parentheses. */
#include <stdlib.h>
#include <string.h>

#include "profile/pv_sort.h"
#include "render/export_int.h"
#include "render/pv_export.h"
#include "render/pv_jsonw.h"

struct open_frame {
	uint32_t func;
	int64_t start;
	uint64_t samples;     /* the thread's samples before it opened */
};

struct walker {
	struct pv_jw *w;
	const struct pv_profile *p;
	struct open_frame *open;
	uint32_t nopen;
	uint32_t pid, tid;
	uint64_t cum;         /* the thread's samples so far */
	char head[80];        /* ,\n{"ph":"X","pid":N,"tid":N,"ts": */
	size_t headlen;
	/* the last event's times and samples as written: most events close
	 * together with their neighbours, opened at the same sample */
	int64_t mid_start, mid_end;
	char mid[64];         /* TS,"dur":DUR */
	size_t midlen;
	uint64_t cnt_v;
	char cnt[32];         /* N}} */
	size_t cntlen;
	int *first;
	char **frag;          /* per func: its event fragment, or NULL */
	size_t *fraglen;
	uint8_t *dup;         /* per func: another has the same name */
	int failed;           /* out of memory */
};

/* The constant part of a function's events, made once:
 * ,"name":"..","args":{"samples": */
static const char *fragment(struct walker *k, uint32_t func, size_t *len)
{
	const struct pv_func *fn = &k->p->funcs[func];
	struct pv_jw *w;
	char *buf = NULL, *name = NULL;
	size_t n = 0;
	FILE *mem;

	if (k->frag[func]) {
		*len = k->fraglen[func];
		return k->frag[func];
	}
	if (k->dup[func] && ex_func_file(fn)[0]) {
		const char *l = pv_func_label(fn), *f = ex_func_file(fn);
		size_t cap = strlen(l) + strlen(f) + 16;
		name = malloc(cap);
		if (name && fn->file[0])
			snprintf(name, cap, "%s (%s:%u)", l, f, fn->line);
		else if (name)
			snprintf(name, cap, "%s (%s)", l, f);
	}
	mem = (name || !k->dup[func] || !ex_func_file(fn)[0]) ?
	      open_memstream(&buf, &n) : NULL;
	w = mem ? malloc(sizeof(*w)) : NULL;
	if (!w) {
		if (mem)
			fclose(mem);
		free(buf);
		free(name);
		k->failed = 1;
		return NULL;
	}
	pv_jw_init(w, mem);
	pv_jw_raw(w, ",\"name\":");
	pv_jw_str(w, name ? name : pv_func_label(fn));
	pv_jw_raw(w, ",\"args\":{\"samples\":");
	if (pv_jw_finish(w) < 0)
		k->failed = 1;
	free(w);
	free(name);
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
	uint64_t samples = k->cum - f->samples;
	char *o;

	if (!frag)
		return;
	if (f->start != k->mid_start || end != k->mid_end) {
		o = pv_jw_fmt_fixed3(k->mid, f->start);
		memcpy(o, ",\"dur\":", 7);
		o = pv_jw_fmt_fixed3(o + 7, end - f->start);
		k->midlen = (size_t)(o - k->mid);
		k->mid_start = f->start;
		k->mid_end = end;
	}
	if (samples != k->cnt_v) {
		o = pv_jw_fmt_u64(k->cnt, samples);
		memcpy(o, "}}", 2);
		k->cntlen = (size_t)(o + 2 - k->cnt);
		k->cnt_v = samples;
	}
	if (*k->first || n > sizeof(w->buf) / 2) {
		/* the first event (no comma before it), or a name longer
		 * than the buffer: piece by piece */
		pv_jw_rawn(w, k->head + 2 * *k->first,
			   k->headlen - 2 * *k->first);
		pv_jw_rawn(w, k->mid, k->midlen);
		pv_jw_rawn(w, frag, n);
		pv_jw_rawn(w, k->cnt, k->cntlen);
		*k->first = 0;
		return;
	}
	/* whole arrays copied (fixed sizes, no call), then cut to length */
	o = pv_jw_room(w, sizeof(k->head) + sizeof(k->mid) + n +
			  sizeof(k->cnt));
	memcpy(o, k->head, sizeof(k->head));
	o += k->headlen;
	memcpy(o, k->mid, sizeof(k->mid));
	o += k->midlen;
	memcpy(o, frag, n);
	o += n;
	memcpy(o, k->cnt, sizeof(k->cnt));
	pv_jw_wrote(w, o + k->cntlen);
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

	uint32_t depth = 0;
	int seen = 0;

	k->nopen = 0;
	k->cum = 0;
	ex_spans_init(&sp, p, b, th);
	while (ex_spans_next(&sp, &row, &s0, &e0)) {
		uint32_t s = p->sample_stack[row], c = 0;
		uint64_t count = p->sample_count ? p->sample_count[row] : 1;

		/* path and depth stay from the previous sample of the stack */
		if (s != prev_stack || !seen)
			depth = ex_path(p, s, path);
		seen = 1;
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
			k->open[k->nopen].samples = k->cum;
		}
		k->cum += count;
		prev_end = e0;
		prev_stack = s;
	}
	close_to(k, 0, prev_end);
}

static int label_cmp(const void *a, const void *b, void *ctx)
{
	const struct pv_profile *p = ctx;

	return strcmp(pv_func_label(&p->funcs[*(const uint32_t *)a]),
		      pv_func_label(&p->funcs[*(const uint32_t *)b]));
}

/* Per function: whether another function has the same name (calloc'ed;
 * NULL when out of memory). */
static uint8_t *mark_dups(const struct pv_profile *p)
{
	uint8_t *dup = calloc(p->nfuncs + 1, 1);
	uint32_t *ord = malloc((p->nfuncs + 1) * sizeof(*ord));

	if (!dup || !ord) {
		free(dup);
		free(ord);
		return NULL;
	}
	for (uint32_t i = 0; i < p->nfuncs; i++)
		ord[i] = i;
	/* ties in any order: only equal names matter */
	pv_sort(ord, p->nfuncs, sizeof(*ord), label_cmp, (void *)p);
	for (uint32_t i = 1; i < p->nfuncs; i++)
		if (!label_cmp(&ord[i - 1], &ord[i], (void *)p))
			dup[ord[i - 1]] = dup[ord[i]] = 1;
	free(ord);
	return dup;
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
	struct walker k = { .w = w, .p = p, .open = open,
			    .mid_start = -1, .cnt_v = UINT64_MAX };
	int first = 1, rc;
	char name[600];

	(void)o;
	k.frag = calloc(p->nfuncs + 1, sizeof(*k.frag));
	k.fraglen = calloc(p->nfuncs + 1, sizeof(*k.fraglen));
	k.dup = mark_dups(p);
	if (!w || !path || !open || !k.frag || !k.fraglen || !k.dup ||
	    ex_bythread_build(&b, p, err) < 0) {
		free(k.dup);
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
		k.headlen = (size_t)snprintf(k.head, sizeof(k.head),
			",\n{\"ph\":\"X\",\"pid\":%u,\"tid\":%u,\"ts\":",
			k.pid, k.tid);
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
	free(k.dup);
	ex_bythread_free(&b);
	free(path);
	free(open);
	free(w);
	return rc;
}
