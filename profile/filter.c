/* filter.c - thread, time, focus, ignore and hide filters (pv_filter.h). */
#include <errno.h>
#include <math.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "profile/pv_buf.h"
#include "profile/pv_filter.h"

struct pv_matcher {
	regex_t re[PV_FILTER_MAX];
	int n;
	struct pv_buf memo;  /* int8_t per func: -1 unknown, 0, 1 */
};

int pv_matcher_new(struct pv_matcher **out, const char *const *patterns,
		   int n, struct pv_error *err)
{
	struct pv_matcher *m = calloc(1, sizeof(*m));

	*out = NULL;
	if (!m)
		return pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET,
				    "out of memory");
	for (int i = 0; i < n && i < PV_FILTER_MAX; i++) {
		if (regcomp(&m->re[i], patterns[i], REG_EXTENDED | REG_NOSUB)) {
			pv_matcher_free(m);
			return pv_error_set(err, PV_EUSAGE, PV_NO_OFFSET,
					    "invalid regular expression '%s'",
					    patterns[i]);
		}
		m->n = i + 1;
	}
	*out = m;
	return 0;
}

int pv_matcher_func(struct pv_matcher *m, const struct pv_profile *p,
		    uint32_t func)
{
	const struct pv_func *f;
	char full[1024];
	int hit = 0;

	if (func == PV_NONE || func >= p->nfuncs)
		return 0;
	if (m->memo.len < p->nfuncs) {
		/* when the memo cannot grow, the answer is computed without
		 * it (the memo starts again empty): slower, never wrong */
		size_t old = m->memo.len;
		if (pv_buf_extend(&m->memo, p->nfuncs - old))
			memset(m->memo.data + old, 0xff, p->nfuncs - old);
		else
			pv_buf_reset(&m->memo);
	}
	if (func < m->memo.len && (int8_t)m->memo.data[func] >= 0)
		return (int8_t)m->memo.data[func];
	f = &p->funcs[func];
	snprintf(full, sizeof(full), "%s %s:%u", f->name,
		 f->file[0] ? f->file : f->module, f->line);
	for (int i = 0; i < m->n && !hit; i++)
		hit = !regexec(&m->re[i], f->name, 0, NULL, 0) ||
		      !regexec(&m->re[i], full, 0, NULL, 0);
	if (func < m->memo.len)
		m->memo.data[func] = (unsigned char)hit;
	return hit;
}

void pv_matcher_free(struct pv_matcher *m)
{
	if (!m)
		return;
	for (int i = 0; i < m->n; i++)
		regfree(&m->re[i]);
	pv_buf_release(&m->memo);
	free(m);
}

/* ---- threads and time -------------------------------------------------- */

struct thread_keep {
	uint8_t *keep;   /* per thread row */
};

static int keep_thread(void *ctx, const struct pv_profile *p, size_t i)
{
	const struct thread_keep *k = ctx;
	return k->keep[p->sample_thread[i]];
}

static int select_threads(struct pv_profile *p, const struct pv_filter *f,
			  uint8_t *keep, struct pv_error *err)
{
	for (int i = 0; i < f->nthreads; i++) {
		const char *s = f->threads[i];
		char *end;
		int found = 0;
		unsigned long long v = strtoull(s, &end, 0);
		int hex = s[0] == '0' && (s[1] == 'x' || s[1] == 'X');

		if (!*s || *end)
			return pv_error_set(err, PV_EUSAGE, PV_NO_OFFSET,
					    "bad thread '%s' (a number 1..N or a raw id 0x...)",
					    s);
		for (uint32_t t = 0; t < p->nthreads; t++) {
			/* a plain number is a display number first */
			if ((!hex && p->threads[t].number == v) ||
			    ((hex || v > p->nthreads) &&
			     p->threads[t].raw_id == v)) {
				keep[t] = 1;
				found = 1;
			}
		}
		if (!found)
			return pv_error_set(err, PV_EUSAGE, PV_NO_OFFSET,
					    "no thread '%s' in the profile (it has %u)",
					    s, p->nthreads);
	}
	return 0;
}

int pv_filter_parse_time(const char *s, double *value, int *pct)
{
	static const struct { const char *suffix; double scale; } units[] = {
		{ "", 1 }, { "s", 1 }, { "ms", 1e-3 }, { "us", 1e-6 },
		{ "\xc2\xb5s", 1e-6 }, { "%", 1 }
	};
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (errno || end == s || !isfinite(v) || v < 0 ||
	    !((*s >= '0' && *s <= '9') || *s == '.'))
		return -1;
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		if (strcmp(end, units[i].suffix))
			continue;
		*pct = units[i].suffix[0] == '%';
		if (*pct && v > 100)
			return -1;
		*value = v * units[i].scale;
		return 0;
	}
	return -1;
}

double pv_source_duration(const struct pv_profile *p, uint32_t src)
{
	const struct pv_source *s = &p->sources[src];
	double d = 0, last = -1;

	if (s->time_basis != PV_TIME_PERIOD && pv_source_span(s, &d) &&
	    d > 0)
		return d;
	for (size_t i = 0; p->sample_time && i < p->nsamples; i++)
		if (p->threads[p->sample_thread[i]].source == src &&
		    p->sample_time[i] > last)
			last = p->sample_time[i];
	if (last < 0)
		return 0;
	return last + (s->period_usec > 0 ? (double)s->period_usec / 1e6 :
		       0.001);
}

/* The window of each log in seconds (percentages resolved against its
 * duration). */
struct time_window {
	double *from, *to;     /* per source */
	int has_from, has_to;
};

static int keep_time(void *ctx, const struct pv_profile *p, size_t i)
{
	const struct time_window *w = ctx;
	uint32_t src = p->threads[p->sample_thread[i]].source;
	double t = p->sample_time[i];

	return (!w->has_from || t >= w->from[src]) &&
	       (!w->has_to || t < w->to[src]);
}

static void time_text(double v, int pct, char *buf, size_t n)
{
	snprintf(buf, n, pct ? "%g%%" : "%g s", v);
}

static int by_time(struct pv_profile *p, const struct pv_filter *f,
		   struct pv_error *err)
{
	struct time_window w = { NULL, NULL, f->has_from, f->has_to };
	uint32_t n = p->nsources ? p->nsources : 1;
	int rc = 0;

	w.from = calloc(n, sizeof(double));
	w.to = calloc(n, sizeof(double));
	if (!w.from || !w.to) {
		rc = pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET,
				  "out of memory");
		goto out;
	}
	for (uint32_t s = 0; s < p->nsources; s++) {
		double d = (f->from_pct && f->has_from) ||
			   (f->to_pct && f->has_to) ?
			   pv_source_duration(p, s) : 0;
		w.from[s] = f->from_pct ? f->from / 100 * d : f->from;
		w.to[s] = f->to_pct ? f->to / 100 * d : f->to;
		if (f->has_from && f->has_to && w.from[s] > w.to[s]) {
			char a[48], b[48];
			time_text(f->from, f->from_pct, a, sizeof(a));
			time_text(f->to, f->to_pct, b, sizeof(b));
			rc = pv_error_set(err, PV_EUSAGE, PV_NO_OFFSET,
					  "--from %s lies after --to %s%s%s",
					  a, b, p->nsources > 1 ? " in " : "",
					  p->nsources > 1 ? p->sources[s].path
							  : "");
			goto out;
		}
	}
	pv_profile_keep_samples(p, keep_time, &w);
out:
	free(w.from);
	free(w.to);
	return rc;
}

/* ---- focus / ignore / hide -------------------------------------------- */

/* Per stack row: whether a matching frame lies on its path. */
static uint8_t *path_matches(const struct pv_profile *p, struct pv_matcher *m)
{
	uint8_t *on = malloc(p->nstacks ? p->nstacks : 1);

	if (!on)
		return NULL;
	for (uint32_t s = 0; s < p->nstacks; s++) {
		uint32_t pre = p->stacks[s].prefix;
		on[s] = (pre != PV_NONE && on[pre]) ||
			pv_matcher_func(m, p, p->frames[p->stacks[s].frame].func);
	}
	return on;
}

struct path_keep {
	const uint8_t *on;
	int want;   /* 1: keep matching (focus), 0: keep others (ignore) */
};

static int keep_path(void *ctx, const struct pv_profile *p, size_t i)
{
	const struct path_keep *k = ctx;
	uint32_t s = p->sample_stack[i];
	int on = s != PV_NONE && k->on[s];

	return on == k->want;
}

static int by_path(struct pv_profile *p, const char *const *pats, int n,
		   int want, struct pv_error *err)
{
	struct pv_matcher *m;
	struct path_keep k;
	uint8_t *on;

	PV_TRY(pv_matcher_new(&m, pats, n, err));
	on = path_matches(p, m);
	pv_matcher_free(m);
	if (!on)
		return pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET,
				    "out of memory");
	k.on = on;
	k.want = want;
	pv_profile_keep_samples(p, keep_path, &k);
	free(on);
	return 0;
}

static int64_t hide_map(void *ctx, struct pv_stackmap *m, uint32_t old,
			uint32_t new_prefix)
{
	struct pv_matcher *mt = ctx;
	struct pv_profile *p = pv_stackmap_profile(m);
	uint32_t frame = p->stacks[old].frame;

	if (pv_matcher_func(mt, p, p->frames[frame].func))
		return new_prefix;   /* the frame goes, its samples stay */
	return pv_stackmap_push(m, new_prefix, frame);
}

static int filter_samples(struct pv_profile *p, const struct pv_filter *f,
			  struct pv_error *err);

int pv_profile_filter(struct pv_profile *p, const struct pv_filter *f,
		      struct pv_error *err)
{
	uint64_t before = 0, after;

	if (f->nthreads || f->has_from || f->has_to || f->nignore ||
	    f->nfocus)
		before = pv_profile_total_weight(p);
	PV_TRY(filter_samples(p, f, err));
	if (before) {
		after = pv_profile_total_weight(p);
		if (after < before && !p->filtered_from)
			p->filtered_from = before;
	}
	return 0;
}

/* The filters in their order; the frame filter (--hide) keeps every
 * sample. */
static int filter_samples(struct pv_profile *p, const struct pv_filter *f,
			  struct pv_error *err)
{
	if (f->nthreads) {
		struct thread_keep k;
		int rc;
		k.keep = calloc(p->nthreads ? p->nthreads : 1, 1);
		if (!k.keep)
			return pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET,
					    "out of memory");
		rc = select_threads(p, f, k.keep, err);
		if (rc == 0)
			pv_profile_keep_samples(p, keep_thread, &k);
		free(k.keep);
		PV_TRY(rc);
	}
	if (f->has_from || f->has_to)
		PV_TRY(by_time(p, f, err));
	if (f->nignore)
		PV_TRY(by_path(p, f->ignore, f->nignore, 0, err));
	if (f->nfocus)
		PV_TRY(by_path(p, f->focus, f->nfocus, 1, err));
	if (f->nhide) {
		struct pv_matcher *m;
		int rc;
		PV_TRY(pv_matcher_new(&m, f->hide, f->nhide, err));
		rc = pv_profile_map_stacks(p, hide_map, m, err);
		pv_matcher_free(m);
		PV_TRY(rc);
	}
	return 0;
}
