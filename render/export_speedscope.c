/* export_speedscope.c - speedscope's sampled-profile file format. */
#include <stdlib.h>

#include "render/pv_export.h"
#include "render/pv_json.h"

static json_t *frames_json(const struct pv_profile *p)
{
	json_t *a = json_array();

	/* one shared frame per function: index = func row */
	for (uint32_t i = 0; i < p->nfuncs; i++) {
		const struct pv_func *f = &p->funcs[i];
		json_t *o = json_object();
		json_object_set_new(o, "name", pv_json_string(pv_func_label(f)));
		if (f->file[0] || f->module[0])
			json_object_set_new(o, "file",
				pv_json_string(f->file[0] ? f->file : f->module));
		if (f->line)
			json_object_set_new(o, "line", json_integer(f->line));
		json_array_append_new(a, o);
	}
	return a;
}

/* Root-first function indices of a stack row. */
static json_t *stack_json(const struct pv_profile *p, uint32_t s)
{
	uint32_t depth = s == PV_NONE ? 0 : p->stacks[s].depth, i;
	json_t *a = json_array();
	uint32_t *path = malloc((depth ? depth : 1) * sizeof(*path));

	if (!path)
		return a;
	for (i = depth; s != PV_NONE && i > 0; s = p->stacks[s].prefix)
		path[--i] = p->frames[p->stacks[s].frame].func;
	for (i = 0; i < depth; i++)
		json_array_append_new(a, json_integer(path[i]));
	free(path);
	return a;
}

static json_t *thread_profile(const struct pv_profile *p, uint32_t th)
{
	json_t *o = json_object(), *samples = json_array();
	json_t *weights = json_array();
	uint32_t last = PV_STACK_DROP;
	uint64_t acc = 0, total = 0;
	char name[160];
	const struct pv_thread *t = &p->threads[th];

	for (size_t i = 0; i <= p->nsamples; i++) {
		uint32_t s = i < p->nsamples ? p->sample_stack[i] : PV_STACK_DROP;
		if (i < p->nsamples && p->sample_thread[i] != th)
			continue;
		if (s != last && acc) {
			json_array_append_new(samples, stack_json(p, last));
			json_array_append_new(weights,
					      json_integer((json_int_t)acc));
			acc = 0;
		}
		if (i == p->nsamples)
			break;
		last = s;
		acc += pv_sample_weight(p, i);
		total += pv_sample_weight(p, i);
	}
	if (p->nsources > 1)
		snprintf(name, sizeof(name), "%s thread %u (0x%llx)",
			 p->sources[t->source].path, t->number,
			 (unsigned long long)t->raw_id);
	else
		snprintf(name, sizeof(name), "thread %u (0x%llx)", t->number,
			 (unsigned long long)t->raw_id);
	if (!total) {
		/* every sample of the thread was filtered out */
		json_decref(o);
		json_decref(samples);
		json_decref(weights);
		return NULL;
	}
	json_object_set_new(o, "type", json_string("sampled"));
	json_object_set_new(o, "name", pv_json_string(name));
	/* CPU-time mode delivers far fewer samples than the period says,
	 * so unweighted samples are counts, not time */
	json_object_set_new(o, "unit", json_string(p->weighted ?
						   "microseconds" : "none"));
	json_object_set_new(o, "startValue", json_integer(0));
	json_object_set_new(o, "endValue", json_integer((json_int_t)total));
	json_object_set_new(o, "samples", samples);
	json_object_set_new(o, "weights", weights);
	return o;
}

json_t *pv_export_speedscope(const struct pv_profile *p, const char *name)
{
	json_t *o = json_object(), *shared = json_object();
	json_t *profiles = json_array();

	json_object_set_new(o, "$schema",
		json_string("https://www.speedscope.app/file-format-schema.json"));
	json_object_set_new(shared, "frames", frames_json(p));
	json_object_set_new(o, "shared", shared);
	for (uint32_t th = 0; th < p->nthreads; th++) {
		json_t *t = thread_profile(p, th);
		if (t)
			json_array_append_new(profiles, t);
	}
	json_object_set_new(o, "profiles", profiles);
	json_object_set_new(o, "name", pv_json_string(name));
	json_object_set_new(o, "activeProfileIndex", json_integer(0));
	json_object_set_new(o, "exporter", json_string("profview"));
	return o;
}
