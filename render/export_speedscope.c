/* export_speedscope.c - speedscope's sampled-profile file format,
 * streamed: one pass over each thread's samples. */
#include <stdlib.h>

#include "render/export_int.h"
#include "render/pv_export.h"
#include "render/pv_jsonw.h"

static void frames(struct pv_jw *w, const struct pv_profile *p)
{
	/* one shared frame per function: index = func row */
	for (uint32_t i = 0; i < p->nfuncs; i++) {
		const struct pv_func *f = &p->funcs[i];
		pv_jw_raw(w, i ? ",{" : "{");
		pv_jw_key(w, 0, "name");
		pv_jw_str(w, pv_func_label(f));
		if (ex_func_file(f)[0]) {
			pv_jw_key(w, 1, "file");
			pv_jw_str(w, ex_func_file(f));
		}
		if (f->line) {
			pv_jw_key(w, 1, "line");
			pv_jw_u64(w, f->line);
		}
		pv_jw_char(w, '}');
	}
}

struct run {
	uint32_t stack;     /* PV_STACK_DROP: none yet */
	uint64_t weight;    /* counts, or nanoseconds when timed */
};

static void put_stack(struct pv_jw *w, const struct pv_profile *p,
		      uint32_t s, uint32_t *path, int first)
{
	uint32_t n = ex_path(p, s, path);

	pv_jw_raw(w, first ? "[" : ",[");
	for (uint32_t i = 0; i < n; i++) {
		/* written in place: stacks are most of the file */
		char *o = pv_jw_room(w, PV_JW_NUM + 1);
		if (i)
			*o++ = ',';
		pv_jw_wrote(w, pv_jw_fmt_u64(o, path[i]));
	}
	pv_jw_char(w, ']');
}

static void put_weight(struct pv_jw *w, uint64_t v, int timed)
{
	if (timed)
		pv_jw_fixed(w, (int64_t)v, 6);   /* ns as ms */
	else
		pv_jw_u64(w, v);
}

/* Writes the samples array, then the weights, of one thread: two passes
 * over its rows, merging the same runs both times. */
static void thread_arrays(struct pv_jw *w, const struct pv_profile *p,
			  const struct ex_bythread *b, uint32_t th,
			  uint32_t *path, int timed, int weights)
{
	struct ex_spans sp;
	struct run cur = { PV_STACK_DROP, 0 };
	size_t row;
	int64_t t0, t1;
	int first = 1;

	ex_spans_init(&sp, p, b, th);
	for (;;) {
		int more = ex_spans_next(&sp, &row, &t0, &t1);
		uint32_t s = more ? p->sample_stack[row] : PV_STACK_DROP;
		uint64_t v = !more ? 0 : timed ? (uint64_t)(t1 - t0) :
			     pv_sample_weight(p, row);

		if (cur.stack != PV_STACK_DROP &&
		    (!more || !ex_same_funcs(p, cur.stack, s))) {
			if (weights) {
				if (!first)
					pv_jw_char(w, ',');
				put_weight(w, cur.weight, timed);
			} else {
				put_stack(w, p, cur.stack, path, first);
			}
			first = 0;
			cur.stack = PV_STACK_DROP;
			cur.weight = 0;
		}
		if (!more)
			break;
		if (cur.stack == PV_STACK_DROP)
			cur.stack = s;
		cur.weight += v;
	}
}

static void thread_name(const struct pv_profile *p, uint32_t th, char *buf,
			size_t size)
{
	const struct pv_thread *t = &p->threads[th];

	if (p->nsources > 1)
		snprintf(buf, size, "%s thread %u (0x%llx)",
			 p->sources[t->source].path, t->number,
			 (unsigned long long)t->raw_id);
	else
		snprintf(buf, size, "thread %u (0x%llx)", t->number,
			 (unsigned long long)t->raw_id);
}

int pv_render_export_speedscope(const struct pv_profile *p,
				const struct pv_export_opts *o, FILE *out,
				struct pv_error *err)
{
	struct ex_bythread b;
	struct pv_jw *w = malloc(sizeof(*w));
	uint32_t *path = malloc(ex_max_depth(p) * sizeof(*path));
	int timed = ex_profile_timed(p), nprof = 0, rc;
	char name[600];

	if (!w || !path || ex_bythread_build(&b, p, err) < 0) {
		free(w);
		free(path);
		return pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET,
				    "out of memory");
	}
	pv_jw_init(w, out);
	pv_jw_raw(w, "{\"$schema\":"
		  "\"https://www.speedscope.app/file-format-schema.json\","
		  "\"shared\":{\"frames\":[");
	frames(w, p);
	pv_jw_raw(w, "]},\"profiles\":[");
	for (uint32_t th = 0; th < p->nthreads; th++) {
		struct ex_spans sp;
		size_t row;
		int64_t t0, t1, first = -1;
		uint64_t total = 0;

		/* the extent: counts from 0, or the thread's time span */
		ex_spans_init(&sp, p, &b, th);
		while (ex_spans_next(&sp, &row, &t0, &t1)) {
			if (first < 0)
				first = t0;
			total += timed ? (uint64_t)(t1 - t0) :
				 pv_sample_weight(p, row);
		}
		if (first < 0)
			continue;   /* every sample was filtered out */
		thread_name(p, th, name, sizeof(name));
		pv_jw_raw(w, nprof++ ? ",{" : "{");
		pv_jw_raw(w, "\"type\":\"sampled\",\"name\":");
		pv_jw_str(w, name);
		/* CPU-time mode delivers fewer samples than the period says,
		 * so untimed samples are counts, not time */
		pv_jw_raw(w, ",\"unit\":");
		pv_jw_str(w, timed ? "milliseconds" :
			  p->weighted ? "microseconds" : "none");
		pv_jw_raw(w, ",\"startValue\":");
		put_weight(w, timed ? (uint64_t)first : 0, timed);
		pv_jw_raw(w, ",\"endValue\":");
		/* weights fill [start, end] exactly */
		put_weight(w, timed ? (uint64_t)first + total : total, timed);
		pv_jw_raw(w, ",\"samples\":[");
		thread_arrays(w, p, &b, th, path, timed, 0);
		pv_jw_raw(w, "],\"weights\":[");
		thread_arrays(w, p, &b, th, path, timed, 1);
		pv_jw_raw(w, "]}");
	}
	pv_jw_raw(w, "],\"name\":");
	pv_jw_str(w, o && o->name ? o->name : "profview");
	pv_jw_raw(w, ",\"activeProfileIndex\":0,\"exporter\":\"profview\"}\n");
	rc = pv_jw_finish(w) < 0 ?
	     pv_error_set(err, PV_EWRITE, PV_NO_OFFSET, "write failed") : 0;
	ex_bythread_free(&b);
	free(path);
	free(w);
	return rc;
}
