/* readcheck.c - reader test helpers (readcheck.h). */
#include <stdio.h>
#include <string.h>

#include "tests/support/readcheck.h"

static void collect(void *ctx, uint64_t offset, const char *msg)
{
	struct rc_warns *w = ctx;

	if (w->n < 8) {
		w->offset[w->n] = offset;
		snprintf(w->msg[w->n], sizeof(w->msg[w->n]), "%s", msg);
	}
	w->n++;
}

void rc_parse(struct rc_read *r, const void *buf, size_t len,
	      const struct pv_read_opts *opts)
{
	struct pv_read_opts o = { 0 };
	uint32_t src = 0;

	memset(r, 0, sizeof(*r));
	if (opts)
		o = *opts;
	o.warn.fn = collect;
	o.warn.ctx = &r->warns;
	r->p = pv_profile_new();
	r->rc = pv_reader_parse(r->p, buf, len, &o, &src, &r->err);
	r->s = r->rc == 0 ? &r->p->sources[src] : NULL;
}

void rc_release(struct rc_read *r)
{
	pv_profile_free(r->p);
	memset(r, 0, sizeof(*r));
}

const char *rc_stack(const struct pv_profile *p, uint32_t stack, int kinds,
		     char *buf, size_t size)
{
	uint32_t rows[512];
	size_t n = 0, at = 0;

	buf[0] = '\0';
	for (; stack != PV_NONE && n < 512; stack = p->stacks[stack].prefix)
		rows[n++] = stack;
	while (n--) {
		const struct pv_frame *f = pv_stack_frame(p, rows[n]);
		const char *name = f->func == PV_NONE ? "?" :
				   p->funcs[f->func].name;
		int k = snprintf(buf + at, size - at, "%s%s%s%s",
				 at ? ";" : "", name, kinds ? "/" : "",
				 kinds ? pv_kind_name(f->kind) : "");
		if (k < 0 || (size_t)k >= size - at)
			break;
		at += (size_t)k;
	}
	return buf;
}

const char *rc_sample(const struct pv_profile *p, size_t i, int kinds,
		      char *buf, size_t size)
{
	return rc_stack(p, p->sample_stack[i], kinds, buf, size);
}

int rc_warned(const struct rc_warns *w, const char *text)
{
	for (int i = 0; i < w->n && i < 8; i++)
		if (strstr(w->msg[i], text))
			return 1;
	return 0;
}
