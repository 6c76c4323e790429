/* records.c - native-symbol records (0x08) that name a log's native
 * frames, for a copy of the log that any viewer can read without the
 * binaries (profview symbolize).
 *
 * Readers disagree on duplicate keys: profview takes the last real name
 * in file order, vmprof's tools the lexicographically largest text
 * (docs/semantics.md, section 6).  Records are only added where they
 * say something new, and each case where vmprof's tools would still
 * prefer the log's own text is counted so the command can say so.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "symbolizer/pv_symbolizer.h"

struct key {
	uint64_t key;     /* slot value */
	uint64_t addr;    /* untagged address */
	uint32_t func;    /* what the log's records made of it */
};

static int cmp_key(const void *a, const void *b)
{
	const struct key *x = a, *y = b;

	return x->key < y->key ? -1 : x->key > y->key;
}

/* "n:NAME:LINE:FILE" in a malloc'ed buffer. */
static char *format_text(const char *name, uint32_t line, const char *file,
			 size_t *len)
{
	size_t n = strlen(name) + strlen(file) + 24;
	char *t = malloc(n);
	int k;

	if (!t)
		return NULL;
	k = snprintf(t, n, "n:%s:%" PRIu32 ":%s", name, line,
		     file[0] ? file : "-");
	*len = k < 0 ? 0 : (size_t)k;
	return t;
}

/* Byte order as vmprof's tools compare the texts (Python bytes). */
static int text_cmp(const char *a, size_t alen, const char *b, size_t blen)
{
	int c = memcmp(a, b, alen < blen ? alen : blen);

	if (c)
		return c;
	return alen < blen ? -1 : alen > blen;
}

/* Whether the log holds a record for this native frame at all: the
 * reader names a frame with no record "<native 0x...>" (placeholder),
 * while the recorder's own stand-in is "<native symbol 0x...>". */
static int log_has_record(const struct pv_func *f)
{
	return !f->placeholder || !strncmp(f->name, "<native symbol ", 15);
}

static int one(struct pv_sym *s, const struct pv_profile *p,
	       const struct key *k, struct pv_sym_record *rec, int *made,
	       struct pv_sym_record_stats *st)
{
	const struct pv_func *old = k->func == PV_NONE ? NULL :
				    &p->funcs[k->func];
	const struct pv_sym_frame *chain;
	const char *module = NULL, *file;
	uint64_t addr = pv_sym_native_start(s, k->addr);
	int n = pv_sym_lookup(s, addr, &chain, &module, NULL);

	*made = 0;
	if (n < 0)
		return n;
	if (n == 0) {
		char label[512];

		st->unresolved++;
		/* "[libfoo.so+0x1234]", as the views name it, beats the
		 * recorder's "<native symbol 0x...>" ('[' sorts after '<')
		 * and still says where to look; a real name the log has
		 * stays, and with no module there is nothing to add */
		if (!module || (old && !old->placeholder))
			return 0;
		pv_sym_unresolved_name(s, addr, label, sizeof(label));
		rec->key = k->key;
		rec->text = format_text(label, 0, module, &rec->len);
		if (!rec->text)
			return PV_ENOMEM;
		st->labelled++;
		*made = 1;
		return 0;
	}
	st->named++;
	if (n > 1)
		st->inlined++;
	file = chain[0].file[0] ? chain[0].file : module ? module : "";
	if (old && !old->placeholder && old->lang == PV_LANG_NATIVE &&
	    !strcmp(old->name, chain[0].name) && !strcmp(old->file, file) &&
	    old->line == chain[0].decl_line) {
		st->same++;
		return 0;
	}
	rec->key = k->key;
	rec->text = format_text(chain[0].name, chain[0].decl_line, file,
				&rec->len);
	if (!rec->text)
		return PV_ENOMEM;
	*made = 1;
	if (old && log_has_record(old)) {
		size_t olen;
		char *otext = format_text(old->name, old->line, old->file,
					  &olen);

		if (!otext)
			return PV_ENOMEM;
		if (!old->placeholder && strcmp(old->name, chain[0].name))
			st->renamed++;
		/* a Python name for the key ("py:" > "n:") also wins there */
		if (old->lang != PV_LANG_NATIVE ||
		    text_cmp(otext, olen, rec->text, rec->len) > 0)
			st->peer_keeps_old++;
		free(otext);
	}
	return 0;
}

int pv_sym_records(struct pv_sym *s, const struct pv_profile *p,
		   uint32_t source, struct pv_sym_record **out, size_t *n,
		   struct pv_sym_record_stats *stats, struct pv_error *err)
{
	const struct pv_source *src = &p->sources[source];
	int legacy = src->version <= 1;
	struct pv_sym_record *recs = NULL;
	struct key *keys = NULL;
	size_t nkeys = 0, nrecs = 0, i;
	int rc = 0;

	*out = NULL;
	*n = 0;
	memset(stats, 0, sizeof(*stats));
	keys = malloc((p->nframes ? p->nframes : 1) * sizeof(*keys));
	if (!keys)
		goto nomem;
	for (i = 0; i < p->nframes; i++) {
		const struct pv_frame *f = &p->frames[i];

		if (f->source != source || f->kind != PV_KIND_NATIVE)
			continue;
		/* tagged frames keep the tag in their key (docs/format.md 7);
		 * legacy raw stacks are keyed by the PC itself */
		keys[nkeys].key = legacy ? f->addr : f->addr | 1;
		keys[nkeys].addr = f->addr;
		keys[nkeys].func = f->func;
		nkeys++;
	}
	if (nkeys > 1)
		qsort(keys, nkeys, sizeof(*keys), cmp_key);
	recs = calloc(nkeys ? nkeys : 1, sizeof(*recs));
	if (!recs)
		goto nomem;
	for (i = 0; i < nkeys && !rc; i++) {
		int made;

		if (i && keys[i].key == keys[i - 1].key)
			continue;
		stats->native++;
		rc = one(s, p, &keys[i], &recs[nrecs], &made, stats);
		nrecs += (size_t)made;
	}
	free(keys);
	if (rc < 0) {
		pv_sym_records_free(recs, nrecs);
		return pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET,
				    "out of memory");
	}
	*out = recs;
	*n = nrecs;
	return 0;
nomem:
	free(keys);
	free(recs);
	return pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET, "out of memory");
}

void pv_sym_records_free(struct pv_sym_record *r, size_t n)
{
	if (!r)
		return;
	for (size_t i = 0; i < n; i++)
		free(r[i].text);
	free(r);
}
