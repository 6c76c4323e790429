/* diff_json.c - the diff as one JSON object for bots (pv_diff_render.h).
 * Numbers are plain JSON numbers; p-values that underflow are 0. */
#include <math.h>

#include "render/pv_diff_render.h"
#include "render/pv_json.h"

static json_t *number(double v)
{
	return isfinite(v) ? json_real(v) : json_null();
}

static json_t *files(char *const *f, int n)
{
	json_t *a = json_array();

	for (int i = 0; i < n; i++)
		json_array_append_new(a, pv_json_string(f[i]));
	return a;
}

static json_t *side(const struct pv_diff_side *s, int absolute)
{
	json_t *o = json_object();

	json_object_set_new(o, "present", json_boolean(s->func != PV_NONE));
	json_object_set_new(o, absolute ? "total_sec" : "total_pct",
			    number(s->total));
	json_object_set_new(o, absolute ? "self_sec" : "self_pct",
			    number(s->self));
	json_object_set_new(o, "total_samples",
			    json_integer((json_int_t)s->total_n));
	json_object_set_new(o, "self_samples",
			    json_integer((json_int_t)s->self_n));
	return o;
}

static json_t *row(const struct pv_diff_view *v, const struct pv_diff_row *r)
{
	const struct pv_func *f = pv_diff_row_func(r, v->a, v->b);
	int abs = v->d->opts.absolute;
	json_t *o = json_object();

	json_object_set_new(o, "name", pv_json_string(f->name));
	json_object_set_new(o, "file", pv_json_string(f->file));
	json_object_set_new(o, "line", json_integer(f->line));
	json_object_set_new(o, "module", pv_json_string(f->module));
	json_object_set_new(o, "base", side(&r->a, abs));
	json_object_set_new(o, "new", side(&r->b, abs));
	json_object_set_new(o, "delta_total", number(r->d_total));
	json_object_set_new(o, "delta_self", number(r->d_self));
	json_object_set_new(o, "z_total", number(r->z_total));
	json_object_set_new(o, "p_total", number(r->p_total));
	json_object_set_new(o, "q_total", number(r->q_total));
	json_object_set_new(o, "z_self", number(r->z_self));
	json_object_set_new(o, "p_self", number(r->p_self));
	json_object_set_new(o, "q_self", number(r->q_self));
	json_object_set_new(o, "significant", json_boolean(r->significant));
	json_object_set_new(o, "flag", json_string(r->flag > 0 ? "grew" :
				r->flag < 0 ? "shrank" : "none"));
	return o;
}

int pv_render_diff_json(FILE *out, const struct pv_diff_view *v)
{
	const struct pv_diff *d = v->d;
	json_t *o = json_object(), *rows = json_array();
	size_t n = v->limit && v->limit < d->nrows ? v->limit : d->nrows;
	int cr = d->opts.correction;
	const char *corr = cr == PV_DIFF_BH ? "bh" :
			   cr == PV_DIFF_NONE ? "none" : "holm";
	char verdict[1024];
	int rc;

	pv_render_diff_verdict(v, verdict, sizeof(verdict));
	json_object_set_new(o, "verdict", pv_json_string(verdict));
	json_object_set_new(o, "regression",
			    json_boolean(pv_render_diff_failures(v) > 0));
	json_object_set_new(o, "fail_above", v->has_fail_above ?
			    number(v->fail_above) : json_null());
	json_object_set_new(o, "failures",
			    json_integer((json_int_t)pv_render_diff_failures(v)));
	json_object_set_new(o, "mode", json_string(d->opts.absolute ?
						   "absolute" : "share"));
	json_object_set_new(o, "test", json_string(d->opts.absolute ?
			    "poisson-conditional" : "two-proportion-z"));
	json_object_set_new(o, "correction", json_string(corr));
	json_object_set_new(o, "alpha", number(d->opts.alpha));
	json_object_set_new(o, "threshold", number(d->opts.threshold));
	json_object_set_new(o, "functions_tested",
			    json_integer((json_int_t)d->tested));
	json_object_set_new(o, "resolution", number(d->resolution));
	json_object_set_new(o, "grew", json_integer((json_int_t)d->grew));
	json_object_set_new(o, "shrank", json_integer((json_int_t)d->shrank));
	json_object_set_new(o, "base_files", files(v->base_files, v->nbase));
	json_object_set_new(o, "new_files", files(v->new_files, v->nnew));
	json_object_set_new(o, "base_samples",
			    json_integer((json_int_t)d->samples_a));
	json_object_set_new(o, "new_samples",
			    json_integer((json_int_t)d->samples_b));
	json_object_set_new(o, "base_sec", number(d->time_a));
	json_object_set_new(o, "new_sec", number(d->time_b));
	for (size_t i = 0; i < n; i++)
		json_array_append_new(rows, row(v, &d->rows[i]));
	json_object_set_new(o, "functions", rows);
	rc = pv_json_dump_line(o, out);
	json_decref(o);
	return rc < 0 ? -1 : 0;
}
