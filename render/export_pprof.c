/* export_pprof.c - pprof's profile.proto (render/profile.proto, compiled
 * by protoc-c at build time), gzipped, written with protobuf-c.
 *
 * Streamed: a serialized protobuf message is the concatenation of its
 * fields, and concatenated messages merge, so each sample, location,
 * function and mapping is packed as a Profile holding just that one
 * element and fed through deflate at once; nothing but the distinct
 * (stack, thread) pairs and the string table is held.  Samples with the
 * same stack and thread are summed into one pprof sample.
 *
 * Content: sample types samples/count and cpu/nanoseconds (wall/
 * nanoseconds when every log was recorded in real-time mode); one
 * location per distinct frame (a function and a line: the current line
 * in lines mode, else the function's first line); native frames carry
 * their module's mapping; each sample has a "thread" label with the
 * thread's number. */
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "profile.pb-c.h"
#include "profile/pv_buf.h"
#include "profile/pv_hash.h"
#include "render/export_int.h"
#include "render/pv_export.h"

/* ---- gzip stream that protobuf-c appends to ------------------------ */

struct gz {
	ProtobufCBuffer base;   /* first: protobuf-c calls base.append */
	z_stream z;
	FILE *out;
	int failed;
	unsigned char buf[1 << 16];
};

static void gz_drain(struct gz *g, int flush)
{
	do {
		int rc;
		size_t have;

		g->z.next_out = g->buf;
		g->z.avail_out = sizeof(g->buf);
		rc = deflate(&g->z, flush);
		if (rc == Z_STREAM_ERROR) {
			g->failed = 1;
			return;
		}
		have = sizeof(g->buf) - g->z.avail_out;
		if (have && fwrite(g->buf, 1, have, g->out) != have)
			g->failed = 1;
	} while (g->z.avail_out == 0 && !g->failed);
}

static void gz_append(ProtobufCBuffer *b, size_t len, const uint8_t *data)
{
	struct gz *g = (struct gz *)b;

	while (len && !g->failed) {
		uInt n = len > (1u << 30) ? 1u << 30 : (uInt)len;
		g->z.next_in = (Bytef *)(uintptr_t)data;
		g->z.avail_in = n;
		gz_drain(g, Z_NO_FLUSH);
		data += n;
		len -= n;
	}
}

/* ---- string table: texts to indices -------------------------------- */

struct strtab {
	struct pv_buf s;    /* const char *, n of them */
	size_t n;
	uint32_t *slot;     /* index + 1 */
	size_t scap;
	int failed;         /* an allocation failed: the table is unusable */
};

#define STRS(t) PV_BUF_ITEMS(&(t)->s, const char *)

static int64_t str_id(struct strtab *t, const char *s)
{
	size_t len = strlen(s), j;
	uint64_t h = pv_hash_bytes(s, len, 7);

	if (t->failed)
		return 0;
	if ((t->n + 1) * 2 > t->scap) {
		size_t cap = t->scap ? t->scap * 2 : 4096;
		uint32_t *slot = calloc(cap, sizeof(*slot));
		if (!slot) {
			t->failed = 1;
			return 0;
		}
		for (size_t i = 0; i < t->n; i++) {
			const char *x = STRS(t)[i];
			j = pv_hash_bytes(x, strlen(x), 7) & (cap - 1);
			while (slot[j])
				j = (j + 1) & (cap - 1);
			slot[j] = (uint32_t)i + 1;
		}
		free(t->slot);
		t->slot = slot;
		t->scap = cap;
	}
	for (j = h & (t->scap - 1); t->slot[j]; j = (j + 1) & (t->scap - 1))
		if (!strcmp(STRS(t)[t->slot[j] - 1], s))
			return t->slot[j] - 1;
	if (pv_buf_add(&t->s, &s, sizeof(s))) {
		t->failed = 1;
		return 0;
	}
	t->slot[j] = (uint32_t)++t->n;
	return (int64_t)t->n - 1;
}

/* ---- samples: (stack, thread) -> count, nanoseconds ----------------- */

struct agg {
	uint32_t stack, thread;
	int64_t count, ns;
};

struct aggmap {
	struct pv_buf a;    /* struct agg, n of them */
	size_t n;
	uint32_t *slot;     /* row + 1 */
	size_t scap;
};

#define AGGS(m) PV_BUF_ITEMS(&(m)->a, struct agg)

static uint64_t agg_hash(uint32_t stack, uint32_t thread)
{
	return pv_hash_mix(((uint64_t)stack << 32) ^ thread);
}

static struct agg *agg_get(struct aggmap *m, uint32_t stack, uint32_t thread)
{
	size_t j;

	if ((m->n + 1) * 2 > m->scap) {
		size_t cap = m->scap ? m->scap * 2 : 4096;
		uint32_t *slot = calloc(cap, sizeof(*slot));
		if (!slot)
			return NULL;
		for (size_t i = 0; i < m->n; i++) {
			j = agg_hash(AGGS(m)[i].stack, AGGS(m)[i].thread) &
			    (cap - 1);
			while (slot[j])
				j = (j + 1) & (cap - 1);
			slot[j] = (uint32_t)i + 1;
		}
		free(m->slot);
		m->slot = slot;
		m->scap = cap;
	}
	for (j = agg_hash(stack, thread) & (m->scap - 1); m->slot[j];
	     j = (j + 1) & (m->scap - 1)) {
		struct agg *x = &AGGS(m)[m->slot[j] - 1];
		if (x->stack == stack && x->thread == thread)
			return x;
	}
	{
		struct agg a = { stack, thread, 0, 0 };

		if (pv_buf_add(&m->a, &a, sizeof(a)))
			return NULL;   /* the map is unusable: the export fails */
	}
	m->slot[j] = (uint32_t)++m->n;
	return &AGGS(m)[m->n - 1];
}

/* ---- writing ------------------------------------------------------- */

static void put(struct gz *g, const Perftools__Profiles__Profile *one)
{
	perftools__profiles__profile__pack_to_buffer(one, &g->base);
}

struct px {
	const struct pv_profile *p;
	const struct pv_export_opts *o;
	struct gz *g;
	struct strtab st;
	uint32_t *mapping_of;   /* per func: mapping id, 0 = none */
	uint8_t *frame_used;
	char **thread_name;     /* per thread row: its number as text */
};

/* One mapping per native module (named by the symbolizer or the log);
 * where it was loaded, and its build id, when the caller knows. */
static int mappings(struct px *x)
{
	const struct pv_profile *p = x->p;
	struct strtab mods = { 0 };
	int rc = 0;

	x->mapping_of = calloc(p->nframes + 1, sizeof(*x->mapping_of));
	if (!x->mapping_of)
		return -1;
	for (uint32_t i = 0; i < p->nframes && !rc; i++) {
		const struct pv_frame *fr = &p->frames[i];
		const struct pv_func *fn;
		size_t before = mods.n;
		int64_t id;

		if (fr->func == PV_NONE)
			continue;
		fn = &p->funcs[fr->func];
		if (fn->lang != PV_LANG_NATIVE || !fn->module[0])
			continue;
		id = str_id(&mods, fn->module);
		if (mods.failed) {
			rc = -1;
			break;
		}
		x->mapping_of[i] = (uint32_t)id + 1;
		if (mods.n > before) {
			Perftools__Profiles__Mapping m =
				PERFTOOLS__PROFILES__MAPPING__INIT, *mp = &m;
			Perftools__Profiles__Profile one =
				PERFTOOLS__PROFILES__PROFILE__INIT;
			const char *path = fn->module, *bid = "";
			uint64_t start = 0, limit = 0, off = 0;

			if (x->o && x->o->module &&
			    x->o->module(x->o->module_ctx, fr->addr, &path,
					 &off, &start, &limit, &bid) <= 0) {
				path = fn->module;
				bid = "";
				start = limit = off = 0;
			}
			m.id = (uint64_t)id + 1;
			m.memory_start = start;
			m.memory_limit = limit;
			m.file_offset = off;
			m.filename = str_id(&x->st, path);
			m.build_id = str_id(&x->st, bid);
			/* the names are already here: pprof must not look
			 * for the binary to symbolize */
			m.has_functions = m.has_filenames = 1;
			m.has_line_numbers = 1;
			one.n_mapping = 1;
			one.mapping = &mp;
			put(x->g, &one);
		}
	}
	pv_buf_release(&mods.s);
	free(mods.slot);
	return rc;
}

static void functions(struct px *x)
{
	const struct pv_profile *p = x->p;

	for (uint32_t f = 0; f < p->nfuncs; f++) {
		const struct pv_func *fn = &p->funcs[f];
		Perftools__Profiles__Function m =
			PERFTOOLS__PROFILES__FUNCTION__INIT, *mp = &m;
		Perftools__Profiles__Profile one =
			PERFTOOLS__PROFILES__PROFILE__INIT;

		m.id = f + 1;
		/* no system_name: pprof would then "demangle" names such
		 * as <module> into nothing */
		m.name = str_id(&x->st, pv_func_label(fn));
		m.filename = str_id(&x->st, ex_func_file(fn));
		m.start_line = fn->line;
		one.n_function = 1;
		one.function = &mp;
		put(x->g, &one);
	}
}

static void locations(struct px *x)
{
	const struct pv_profile *p = x->p;

	for (uint32_t i = 0; i < p->nframes; i++) {
		const struct pv_frame *fr = &p->frames[i];
		Perftools__Profiles__Line l = PERFTOOLS__PROFILES__LINE__INIT;
		Perftools__Profiles__Line *lp = &l;
		Perftools__Profiles__Location m =
			PERFTOOLS__PROFILES__LOCATION__INIT, *mp = &m;
		Perftools__Profiles__Profile one =
			PERFTOOLS__PROFILES__PROFILE__INIT;

		if (!x->frame_used[i] || fr->func == PV_NONE)
			continue;
		m.id = i + 1;
		m.mapping_id = x->mapping_of[i];
		if (fr->kind == PV_KIND_NATIVE || fr->kind == PV_KIND_INLINE)
			m.address = fr->addr;
		l.function_id = fr->func + 1;
		l.line = fr->line ? fr->line : p->funcs[fr->func].line;
		m.n_line = 1;
		m.line = &lp;
		one.n_location = 1;
		one.location = &mp;
		put(x->g, &one);
	}
}

static int samples(struct px *x, int64_t *period_ns)
{
	const struct pv_profile *p = x->p;
	struct aggmap m = { 0 };
	struct agg *last = NULL;
	uint64_t *ids = malloc(ex_max_depth(p) * sizeof(*ids));
	int64_t thread_key = str_id(&x->st, "thread");
	int rc = -1;

	if (!ids)
		return -1;
	for (size_t i = 0; i < p->nsamples; i++) {
		uint32_t s = p->sample_stack[i], th = p->sample_thread[i];
		int64_t c = p->sample_count ? p->sample_count[i] : 1;

		if (!last || last->stack != s || last->thread != th) {
			last = agg_get(&m, s, th);
			if (!last)
				goto done;
		}
		last->count += c;
		last->ns += c * period_ns[p->threads[th].source];
	}
	for (size_t k = 0; k < m.n; k++) {
		Perftools__Profiles__Sample smp =
			PERFTOOLS__PROFILES__SAMPLE__INIT, *sp = &smp;
		Perftools__Profiles__Label lab = PERFTOOLS__PROFILES__LABEL__INIT;
		Perftools__Profiles__Label *lp = &lab;
		Perftools__Profiles__Profile one =
			PERFTOOLS__PROFILES__PROFILE__INIT;
		int64_t v[2] = { AGGS(&m)[k].count, AGGS(&m)[k].ns };
		size_t n = 0;

		/* leaf first */
		for (uint32_t s = AGGS(&m)[k].stack; s != PV_NONE;
		     s = p->stacks[s].prefix) {
			ids[n++] = p->stacks[s].frame + 1;
			x->frame_used[p->stacks[s].frame] = 1;
		}
		lab.key = thread_key;
		lab.str = str_id(&x->st,
				 x->thread_name[AGGS(&m)[k].thread]);
		if (x->st.failed)
			goto done;
		smp.n_location_id = n;
		smp.location_id = ids;
		smp.n_value = 2;
		smp.value = v;
		smp.n_label = 1;
		smp.label = &lp;
		one.n_sample = 1;
		one.sample = &sp;
		put(x->g, &one);
	}
	rc = 0;
done:
	free(ids);
	pv_buf_release(&m.a);
	free(m.slot);
	return rc;
}

static int thread_names(struct px *x)
{
	const struct pv_profile *p = x->p;

	x->thread_name = calloc(p->nthreads + 1, sizeof(*x->thread_name));
	if (!x->thread_name)
		return -1;
	for (uint32_t th = 0; th < p->nthreads; th++) {
		x->thread_name[th] = malloc(12);
		if (!x->thread_name[th])
			return -1;
		snprintf(x->thread_name[th], 12, "%u", p->threads[th].number);
	}
	return 0;
}

/* The scalars and the string table, in one last message. */
static void header(struct px *x, int64_t period)
{
	const struct pv_profile *p = x->p;
	int wall = p->nsources > 0;
	Perftools__Profiles__ValueType vt[2] = {
		PERFTOOLS__PROFILES__VALUE_TYPE__INIT,
		PERFTOOLS__PROFILES__VALUE_TYPE__INIT
	};
	Perftools__Profiles__ValueType pt = PERFTOOLS__PROFILES__VALUE_TYPE__INIT;
	Perftools__Profiles__ValueType *vts[2] = { &vt[0], &vt[1] };
	Perftools__Profiles__Profile one = PERFTOOLS__PROFILES__PROFILE__INIT;
	int64_t comment;
	char text[700];

	for (uint32_t i = 0; i < p->nsources; i++)
		if (!(p->sources[i].flags & PV_FLAG_REAL_TIME))
			wall = 0;
	vt[0].type = str_id(&x->st, "samples");
	vt[0].unit = str_id(&x->st, "count");
	vt[1].type = str_id(&x->st, wall ? "wall" : "cpu");
	vt[1].unit = str_id(&x->st, "nanoseconds");
	pt = vt[1];
	one.n_sample_type = 2;
	one.sample_type = vts;
	one.period_type = &pt;
	one.period = period;
	snprintf(text, sizeof(text), "profview export of %s%s",
		 x->o && x->o->name ? x->o->name : "a profile",
		 p->nsources > 1 ? " and other logs" : "");
	comment = str_id(&x->st, text);
	one.n_comment = 1;
	one.comment = &comment;
	if (p->nsources && p->sources[0].has_start) {
		const struct pv_source *s = &p->sources[0];
		one.time_nanos = s->start_sec * 1000000000LL +
				 s->start_usec * 1000LL;
		if (s->has_end)
			one.duration_nanos =
				(s->end_sec - s->start_sec) * 1000000000LL +
				(s->end_usec - s->start_usec) * 1000LL;
	}
	if (x->st.failed)
		return;
	one.n_string_table = x->st.n;
	one.string_table = (char **)(uintptr_t)STRS(&x->st);
	put(x->g, &one);
}

int pv_render_export_pprof(const struct pv_profile *p,
			   const struct pv_export_opts *o, FILE *out,
			   struct pv_error *err)
{
	struct px x = { .p = p, .o = o };
	struct gz *g = calloc(1, sizeof(*g));
	int64_t *period_ns = calloc(p->nsources + 1, sizeof(*period_ns));
	int rc = PV_ENOMEM, zinit = 0;

	x.g = g;
	if (!g || !period_ns)
		goto done;
	for (uint32_t i = 0; i < p->nsources; i++) {
		int64_t us = p->sources[i].period_usec;
		period_ns[i] = us > 0 && us < INT64_MAX / 1000 ? us * 1000 : 0;
	}
	g->base.append = gz_append;
	g->out = out;
	/* windowBits 15 + 16: a gzip wrapper, as pprof expects */
	if (deflateInit2(&g->z, 6, Z_DEFLATED, 15 + 16, 8,
			 Z_DEFAULT_STRATEGY) != Z_OK)
		goto done;
	zinit = 1;
	x.frame_used = calloc(p->nframes + 1, 1);
	if (!x.frame_used || thread_names(&x) < 0)
		goto done;
	str_id(&x.st, "");   /* string_table[0] must be "" */
	if (mappings(&x) < 0 || samples(&x, period_ns) < 0)
		goto done;
	functions(&x);
	locations(&x);
	header(&x, p->nsources ? period_ns[0] : 0);
	if (x.st.failed)
		goto done;
	g->z.avail_in = 0;
	gz_drain(g, Z_FINISH);
	if (g->failed || fflush(out) != 0 || ferror(out))
		rc = PV_EWRITE;
	else
		rc = 0;
done:
	if (zinit)
		deflateEnd(&g->z);
	if (x.thread_name)
		for (uint32_t th = 0; th < p->nthreads; th++)
			free(x.thread_name[th]);
	free(x.thread_name);
	free(x.mapping_of);
	free(x.frame_used);
	pv_buf_release(&x.st.s);
	free(x.st.slot);
	free(period_ns);
	free(g);
	if (rc == PV_EWRITE)
		return pv_error_set(err, PV_EWRITE, PV_NO_OFFSET, "write failed");
	return rc ? pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET,
				 "out of memory") : 0;
}
