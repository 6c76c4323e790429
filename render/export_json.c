/* export_json.c - profview's own JSON form of a profile: the model's
 * tables as they are, so other programs can rebuild any view.  The
 * format is described in README.md ("profview JSON").  Streamed: each
 * thread's samples are written as its rows are walked, one pass. */
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>

#include "render/export_int.h"
#include "render/pv_export.h"
#include "render/pv_jsonw.h"

static void sources(struct pv_jw *w, const struct pv_profile *p)
{
	for (uint32_t i = 0; i < p->nsources; i++) {
		const struct pv_source *s = &p->sources[i];
		pv_jw_raw(w, i ? ",{\"path\":" : "{\"path\":");
		pv_jw_str(w, s->path);
		pv_jw_raw(w, ",\"interpreter\":");
		pv_jw_str(w, s->interpreter);
		pv_jw_raw(w, ",\"version\":");
		pv_jw_i64(w, s->version);
		pv_jw_raw(w, ",\"period_usec\":");
		pv_jw_i64(w, s->period_usec);
		pv_jw_raw(w, ",\"lines\":");
		pv_jw_raw(w, s->flags & PV_FLAG_LINES ? "true" : "false");
		pv_jw_raw(w, ",\"memory\":");
		pv_jw_raw(w, s->flags & PV_FLAG_MEMORY ? "true" : "false");
		pv_jw_raw(w, ",\"real_time\":");
		pv_jw_raw(w, s->flags & PV_FLAG_REAL_TIME ? "true" : "false");
		pv_jw_raw(w, ",\"weight\":");
		pv_jw_u64(w, s->weight);
		pv_jw_char(w, '}');
	}
}

static void funcs(struct pv_jw *w, const struct pv_profile *p)
{
	static const char *lang[] = { "python", "native", "other" };

	for (uint32_t i = 0; i < p->nfuncs; i++) {
		const struct pv_func *f = &p->funcs[i];
		pv_jw_raw(w, i ? ",{\"name\":" : "{\"name\":");
		pv_jw_str(w, f->name);
		pv_jw_raw(w, ",\"file\":");
		pv_jw_str(w, f->file);
		pv_jw_raw(w, ",\"line\":");
		pv_jw_u64(w, f->line);
		pv_jw_raw(w, ",\"module\":");
		pv_jw_str(w, f->module);
		pv_jw_raw(w, ",\"lang\":");
		pv_jw_str(w, lang[f->lang < 3 ? f->lang : 2]);
		pv_jw_char(w, '}');
	}
}

static void frames(struct pv_jw *w, const struct pv_profile *p)
{
	char addr[32];

	for (uint32_t i = 0; i < p->nframes; i++) {
		const struct pv_frame *f = &p->frames[i];
		snprintf(addr, sizeof(addr), "0x%" PRIx64, f->addr);
		pv_jw_raw(w, i ? ",{\"func\":" : "{\"func\":");
		if (f->func == PV_NONE)
			pv_jw_raw(w, "null");
		else
			pv_jw_u64(w, f->func);
		pv_jw_raw(w, ",\"address\":");
		pv_jw_str(w, addr);
		pv_jw_raw(w, ",\"kind\":");
		pv_jw_str(w, pv_kind_name(f->kind));
		pv_jw_raw(w, ",\"line\":");
		pv_jw_u64(w, f->line);
		pv_jw_raw(w, ",\"source\":");
		pv_jw_u64(w, f->source);
		pv_jw_char(w, '}');
	}
}

static void stacks(struct pv_jw *w, const struct pv_profile *p)
{
	/* [prefix, frame] pairs; prefix -1 at the root, always < the row */
	for (uint32_t i = 0; i < p->nstacks; i++) {
		const struct pv_stack *s = &p->stacks[i];
		pv_jw_raw(w, i ? ",[" : "[");
		pv_jw_i64(w, s->prefix == PV_NONE ? -1 : (int64_t)s->prefix);
		pv_jw_char(w, ',');
		pv_jw_u64(w, s->frame);
		pv_jw_char(w, ']');
	}
}

static void column(struct pv_jw *w, const struct pv_profile *p,
		   const size_t *rows, size_t n, int which)
{
	for (size_t k = 0; k < n; k++) {
		size_t i = rows[k];
		if (k)
			pv_jw_char(w, ',');
		if (which == 0) {
			uint32_t s = p->sample_stack[i];
			pv_jw_i64(w, s == PV_NONE ? -1 : (int64_t)s);
		} else if (which == 1) {
			/* seconds: 6 decimals are the log's resolution */
			double us = (double)p->sample_time[i] * 1e6;
			pv_jw_fixed(w, isfinite(us) && fabs(us) < 9e18 ?
				    (int64_t)llround(us) : 0, 6);
		} else if (which == 2) {
			pv_jw_u64(w, p->sample_mem[i]);
		} else {
			pv_jw_u64(w, p->sample_count[i]);
		}
	}
}

static void threads(struct pv_jw *w, const struct pv_profile *p,
		    const struct ex_bythread *b)
{
	char raw[32];

	for (uint32_t th = 0; th < p->nthreads; th++) {
		const size_t *rows = b->rows + b->start[th];
		size_t n = b->start[th + 1] - b->start[th];

		snprintf(raw, sizeof(raw), "0x%" PRIx64, p->threads[th].raw_id);
		pv_jw_raw(w, th ? ",{\"number\":" : "{\"number\":");
		pv_jw_u64(w, p->threads[th].number);
		pv_jw_raw(w, ",\"raw_id\":");
		pv_jw_str(w, raw);
		pv_jw_raw(w, ",\"source\":");
		pv_jw_u64(w, p->threads[th].source);
		pv_jw_raw(w, ",\"samples\":[");
		column(w, p, rows, n, 0);
		pv_jw_raw(w, "],\"times\":[");
		column(w, p, rows, n, 1);
		if (p->sample_mem) {
			pv_jw_raw(w, "],\"memory_kib\":[");
			column(w, p, rows, n, 2);
		}
		if (p->sample_count) {
			/* folded lines and aggregate logs: a row stands for
			 * this many samples */
			pv_jw_raw(w, "],\"counts\":[");
			column(w, p, rows, n, 3);
		}
		pv_jw_raw(w, "]}");
	}
}

int pv_render_export_json(const struct pv_profile *p,
			  const struct pv_export_opts *o, FILE *out,
			  struct pv_error *err)
{
	struct ex_bythread b;
	struct pv_jw *w = malloc(sizeof(*w));
	int rc;

	(void)o;
	if (!w || ex_bythread_build(&b, p, err) < 0) {
		free(w);
		return pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET,
				    "out of memory");
	}
	pv_jw_init(w, out);
	pv_jw_raw(w, "{\"format\":\"profview-profile\",\"version\":1,"
		  "\"weighted\":");
	pv_jw_raw(w, p->weighted ? "true" : "false");
	pv_jw_raw(w, ",\"sources\":[");
	sources(w, p);
	pv_jw_raw(w, "],\"funcs\":[");
	funcs(w, p);
	pv_jw_raw(w, "],\"frames\":[");
	frames(w, p);
	pv_jw_raw(w, "],\"stacks\":[");
	stacks(w, p);
	pv_jw_raw(w, "],\"threads\":[");
	threads(w, p, &b);
	pv_jw_raw(w, "]}\n");
	rc = pv_jw_finish(w) < 0 ?
	     pv_error_set(err, PV_EWRITE, PV_NO_OFFSET, "write failed") : 0;
	ex_bythread_free(&b);
	free(w);
	return rc;
}
