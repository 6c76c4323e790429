/* export_callgrind.c - valgrind's callgrind format, which KCachegrind,
 * QCachegrind and callgrind_annotate read.  One event, Samples.  Each
 * function has its self samples on its first line and one call record
 * per callee (calls= and the inclusive samples of those calls), counted
 * with the outermost-frame rule of pv_callgraph.h so that the calls into
 * a function add up to its total (what callgrind_annotate --inclusive=yes
 * shows), recursive or not.  Names and files are compressed
 * ("(N) name" the first time, "(N)" after). */
#include <stdlib.h>
#include <string.h>

#include "profile/pv_callgraph.h"
#include "profile/pv_hash.h"
#include "render/export_int.h"
#include "render/pv_export.h"

struct cg_out {
	FILE *out;
	const struct pv_profile *p;
	uint32_t *file_id;   /* per func: id of its file (0: not yet) */
	uint8_t *fn_named;   /* per func: name already written */
	uint8_t *dup;        /* per func: another func has its file and name */
	const char **fids;   /* file id -> text, to reuse ids */
	uint32_t nfiles;
};

/* Callgrind has no control characters or newlines in a name. */
static void put_text(FILE *out, const char *s)
{
	for (; *s; s++)
		fputc((unsigned char)*s < 0x20 ? ' ' : *s, out);
}

static const char *file_of(const struct pv_func *f)
{
	const char *file = ex_func_file(f);
	return file[0] ? file : "???";
}

/* "fl=(N) file" or "fl=(N)" for the function's file (key "fl", "cfi") */
static void put_file(struct cg_out *o, const char *key, uint32_t func)
{
	const char *file = file_of(&o->p->funcs[func]);
	uint32_t id = o->file_id[func];

	if (!id) {
		/* files are interned strings: equal text, equal pointer */
		for (uint32_t i = 1; i <= o->nfiles; i++)
			if (o->fids[i] == file) {
				id = i;
				break;
			}
		if (!id) {
			id = ++o->nfiles;
			o->fids[id] = file;
			o->file_id[func] = id;
			fprintf(o->out, "%s=(%u) ", key, id);
			put_text(o->out, file);
			fputc('\n', o->out);
			return;
		}
		o->file_id[func] = id;
	}
	fprintf(o->out, "%s=(%u)\n", key, id);
}

static void put_fn(struct cg_out *o, const char *key, uint32_t func)
{
	const struct pv_func *f = &o->p->funcs[func];

	if (o->fn_named[func]) {
		fprintf(o->out, "%s=(%u)\n", key, func + 1);
		return;
	}
	o->fn_named[func] = 1;
	fprintf(o->out, "%s=(%u) ", key, func + 1);
	put_text(o->out, pv_func_label(f));
	if (o->dup[func])
		fprintf(o->out, "'%u", f->line);
	fputc('\n', o->out);
}

/* Marks functions that share file and name with another (two lambdas of
 * one file): they get "'LINE" after the name, as callgrind readers key
 * functions by file and name.  Strings are interned, so pointers stand
 * for texts. */
static int mark_dups(const struct pv_profile *p, uint8_t *dup)
{
	size_t cap = 16;
	uint32_t *slot;

	while (cap < (size_t)p->nfuncs * 2)
		cap *= 2;
	slot = calloc(cap, sizeof(*slot));
	if (!slot)
		return -1;
	for (uint32_t i = 0; i < p->nfuncs; i++) {
		const struct pv_func *f = &p->funcs[i];
		const char *name = pv_func_label(f), *file = file_of(f);
		size_t j = pv_hash_combine((uintptr_t)name, (uintptr_t)file) &
			   (cap - 1);

		for (; slot[j]; j = (j + 1) & (cap - 1)) {
			const struct pv_func *g = &p->funcs[slot[j] - 1];
			if (pv_func_label(g) == name && file_of(g) == file) {
				dup[i] = dup[slot[j] - 1] = 1;
				break;
			}
		}
		if (!slot[j])
			slot[j] = i + 1;
	}
	free(slot);
	return 0;
}

int pv_render_export_callgrind(const struct pv_profile *p,
			       const struct pv_export_opts *opts, FILE *out,
			       struct pv_error *err)
{
	struct pv_callgraph *g = NULL;
	struct cg_out o = { .out = out, .p = p };
	size_t e = 0;
	int rc;

	rc = pv_callgraph_build(&g, p, NULL, 0, PV_CG_OUTERMOST, err);
	if (rc < 0)
		return rc;
	o.file_id = calloc(p->nfuncs + 1, sizeof(*o.file_id));
	o.fn_named = calloc(p->nfuncs + 1, 1);
	o.dup = calloc(p->nfuncs + 1, 1);
	o.fids = calloc(p->nfuncs + 2, sizeof(*o.fids));
	if (!o.file_id || !o.fn_named || !o.dup || !o.fids ||
	    mark_dups(p, o.dup) < 0) {
		rc = pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET, "out of memory");
		goto done;
	}
	fputs("# callgrind format\nversion: 1\ncreator: profview\n", out);
	fputs("cmd: ", out);
	put_text(out, opts && opts->name ? opts->name : "profview");
	fputs("\npositions: line\nevents: Samples\n", out);
	fprintf(out, "summary: %llu\n", (unsigned long long)(g->all - g->empty));
	for (uint32_t f = 0; f < p->nfuncs; f++) {
		const struct pv_func *fn = &p->funcs[f];

		if (!g->total[f])
			continue;
		/* edges are sorted by caller: this function's come next */
		while (e < g->nedges && g->edges[e].caller < f)
			e++;
		fputc('\n', out);
		put_file(&o, "fl", f);
		put_fn(&o, "fn", f);
		fprintf(out, "%u %llu\n", fn->line,
			(unsigned long long)g->self[f]);
		for (; e < g->nedges && g->edges[e].caller == f; e++) {
			uint32_t c = g->edges[e].callee;
			unsigned long long wt = g->edges[e].weight;
			if (file_of(&p->funcs[c]) != file_of(fn))
				put_file(&o, "cfi", c);
			put_fn(&o, "cfn", c);
			fprintf(out, "calls=%llu %u\n%u %llu\n", wt,
				p->funcs[c].line, fn->line, wt);
		}
	}
	if (fflush(out) != 0 || ferror(out))
		rc = pv_error_set(err, PV_EWRITE, PV_NO_OFFSET, "write failed");
done:
	free(o.file_id);
	free(o.fn_named);
	free(o.dup);
	free(o.fids);
	pv_callgraph_free(g);
	return rc;
}
