/* export_json.c - profview's own JSON form of a profile: the model's
 * tables as they are, so other programs can rebuild any view.  The
 * format is described in README.md ("profview JSON"). */
#include <inttypes.h>
#include <stdio.h>

#include "render/pv_export.h"
#include "render/pv_json.h"

static json_t *sources_json(const struct pv_profile *p)
{
	json_t *a = json_array();

	for (uint32_t i = 0; i < p->nsources; i++) {
		const struct pv_source *s = &p->sources[i];
		json_t *o = json_object();
		json_object_set_new(o, "path", pv_json_string(s->path));
		json_object_set_new(o, "interpreter", pv_json_string(s->interpreter));
		json_object_set_new(o, "version", json_integer(s->version));
		json_object_set_new(o, "period_usec", json_integer(s->period_usec));
		json_object_set_new(o, "lines", json_boolean(s->flags & PV_FLAG_LINES));
		json_object_set_new(o, "memory", json_boolean(s->flags & PV_FLAG_MEMORY));
		json_object_set_new(o, "real_time", json_boolean(s->flags & PV_FLAG_REAL_TIME));
		json_object_set_new(o, "weight", json_integer((json_int_t)s->weight));
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *funcs_json(const struct pv_profile *p)
{
	static const char *lang[] = { "python", "native", "other" };
	json_t *a = json_array();

	for (uint32_t i = 0; i < p->nfuncs; i++) {
		const struct pv_func *f = &p->funcs[i];
		json_t *o = json_object();
		json_object_set_new(o, "name", pv_json_string(f->name));
		json_object_set_new(o, "file", pv_json_string(f->file));
		json_object_set_new(o, "line", json_integer(f->line));
		json_object_set_new(o, "module", pv_json_string(f->module));
		json_object_set_new(o, "lang", json_string(lang[f->lang < 3 ? f->lang : 2]));
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *frames_json(const struct pv_profile *p)
{
	json_t *a = json_array();
	char addr[32];

	for (uint32_t i = 0; i < p->nframes; i++) {
		const struct pv_frame *f = &p->frames[i];
		json_t *o = json_object();
		snprintf(addr, sizeof(addr), "0x%" PRIx64, f->addr);
		json_object_set_new(o, "func", f->func == PV_NONE ? json_null() :
				    json_integer(f->func));
		json_object_set_new(o, "address", json_string(addr));
		json_object_set_new(o, "kind", json_string(pv_kind_name(f->kind)));
		json_object_set_new(o, "line", json_integer(f->line));
		json_object_set_new(o, "source", json_integer(f->source));
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *stacks_json(const struct pv_profile *p)
{
	json_t *a = json_array();

	/* [prefix, frame] pairs; prefix -1 at the root, always < the row */
	for (uint32_t i = 0; i < p->nstacks; i++) {
		const struct pv_stack *s = &p->stacks[i];
		json_t *pair = json_array();
		json_array_append_new(pair, json_integer(s->prefix == PV_NONE ? -1 :
							  (json_int_t)s->prefix));
		json_array_append_new(pair, json_integer(s->frame));
		json_array_append_new(a, pair);
	}
	return a;
}

static json_t *threads_json(const struct pv_profile *p)
{
	json_t *a = json_array();
	char raw[32];

	for (uint32_t th = 0; th < p->nthreads; th++) {
		json_t *o = json_object(), *st = json_array(), *tm = json_array();
		json_t *mem = p->sample_mem ? json_array() : NULL;
		snprintf(raw, sizeof(raw), "0x%" PRIx64, p->threads[th].raw_id);
		json_object_set_new(o, "number", json_integer(p->threads[th].number));
		json_object_set_new(o, "raw_id", json_string(raw));
		json_object_set_new(o, "source", json_integer(p->threads[th].source));
		for (size_t i = 0; i < p->nsamples; i++) {
			uint32_t s = p->sample_stack[i];
			if (p->sample_thread[i] != th)
				continue;
			json_array_append_new(st, json_integer(s == PV_NONE ? -1 :
							       (json_int_t)s));
			/* float seconds: 6 decimals are the log's resolution */
			json_array_append_new(tm, json_real(
				(double)(int64_t)((double)p->sample_time[i] * 1e6 + 0.5) / 1e6));
			if (mem)
				json_array_append_new(mem, json_integer(p->sample_mem[i]));
		}
		json_object_set_new(o, "samples", st);
		json_object_set_new(o, "times", tm);
		if (mem)
			json_object_set_new(o, "memory_kib", mem);
		json_array_append_new(a, o);
	}
	return a;
}

json_t *pv_export_json(const struct pv_profile *p)
{
	json_t *o = json_object();

	json_object_set_new(o, "format", json_string("profview-profile"));
	json_object_set_new(o, "version", json_integer(1));
	json_object_set_new(o, "weighted", json_boolean(p->weighted));
	json_object_set_new(o, "sources", sources_json(p));
	json_object_set_new(o, "funcs", funcs_json(p));
	json_object_set_new(o, "frames", frames_json(p));
	json_object_set_new(o, "stacks", stacks_json(p));
	json_object_set_new(o, "threads", threads_json(p));
	return o;
}
