/* names.c - symbol records kept during the read, resolved at the end.
 *
 * Names may come before or after the samples that use them (CPython
 * writes nearly all at the end), and one key can be bound several times
 * (freed code objects' addresses are reused; CPython's post-processing
 * adds "<native symbol 0x...>" placeholders for every slot value).  The
 * policy (docs/semantics.md, section 6): a real name beats a
 * placeholder; among real names a Python one wins, and among several the
 * last in file order (the object that lived at that address most
 * recently).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "profile/profile_int.h"
#include "profile/pv_format.h"
#include "profile/pv_hash.h"
#include "reader/reader_int.h"

int rd__add_binding(struct rd *r, uint8_t marker, uint64_t key,
		    const unsigned char *text, uint32_t len)
{
	struct binding *b;

	if (r->nbind == r->bind_cap) {
		uint32_t ncap = r->bind_cap ? r->bind_cap * 2 : 1024;
		struct binding *nb;
		if (ncap < r->bind_cap)
			return pv_error_set(r->err, PV_ELIMIT, PV_NO_OFFSET,
					    "too many symbol records");
		nb = realloc(r->bind, (size_t)ncap * sizeof(*nb));
		if (!nb)
			return pv_error_set(r->err, PV_ENOMEM, PV_NO_OFFSET,
					    "out of memory");
		r->bind = nb;
		r->bind_cap = ncap;
	}
	b = &r->bind[r->nbind];
	b->key = key;
	b->seq = r->nbind;
	b->marker = marker;
	b->len = len;
	/* the text stays where it lies in the read window until the window
	 * moves (rd__keep_bindings): most names of a log are never used, and
	 * a small log's window never moves */
	b->text = (const char *)text;
	r->nbind++;
	return 0;
}

int rd__keep_bindings(struct rd *r)
{
	for (; r->bind_kept < r->nbind; r->bind_kept++) {
		struct binding *b = &r->bind[r->bind_kept];
		b->text = pv_arena_strndup(&r->p->arena, b->text, b->len);
		if (!b->text)
			return pv_error_set(r->err, PV_ENOMEM, PV_NO_OFFSET,
					    "out of memory");
	}
	return 0;
}

static int is_placeholder(const struct binding *b)
{
	static const char ph[] = "n:<native symbol ";
	return b->len >= sizeof(ph) - 1 && !memcmp(b->text, ph, sizeof(ph) - 1);
}

/* Best binding for key, or NULL (see the policy above).  The bindings
 * of one key lie in the probe run that starts at the key's slot. */
static const struct binding *best(const struct rd *r, const uint32_t *slot,
				  size_t mask, uint64_t key)
{
	const struct binding *pick = NULL;
	int pick_rank = -1;

	for (size_t i = pv_hash_mix(key) & mask; slot[i]; i = (i + 1) & mask) {
		const struct binding *b = &r->bind[slot[i] - 1];
		int rank;

		if (b->key != key)
			continue;
		rank = is_placeholder(b) ? 0 :
		       (b->len > 3 && !memcmp(b->text, "py:", 3)) ? 2 : 1;
		/* among equal ranks the later in file order wins */
		if (rank > pick_rank ||
		    (rank == pick_rank && b->seq > pick->seq)) {
			pick = b;
			pick_rank = rank;
		}
	}
	return pick_rank > 0 ? pick : NULL;
}

static int placeholder_func(struct rd *r, const struct pv_frame *f,
			    struct pv_func *fn)
{
	char name[64];

	memset(fn, 0, sizeof(*fn));
	fn->placeholder = 1;
	switch (f->kind) {
	case PV_KIND_NATIVE:
		fn->lang = PV_LANG_NATIVE;
		snprintf(name, sizeof(name), "<native 0x%llx>",
			 (unsigned long long)f->addr);
		break;
	case PV_KIND_UNKNOWN:
		fn->lang = PV_LANG_OTHER;
		snprintf(name, sizeof(name), "<kind %u 0x%llx>", f->line,
			 (unsigned long long)f->addr);
		break;
	case PV_KIND_GC:
		fn->lang = PV_LANG_OTHER;
		snprintf(name, sizeof(name), "<gc 0x%llx>",
			 (unsigned long long)f->addr);
		break;
	case PV_KIND_BLACKHOLE:
		fn->lang = PV_LANG_OTHER;
		snprintf(name, sizeof(name), "<blackhole 0x%llx>",
			 (unsigned long long)f->addr);
		break;
	default:
		fn->lang = PV_LANG_PYTHON;
		snprintf(name, sizeof(name), "<unknown 0x%llx>",
			 (unsigned long long)f->addr);
		break;
	}
	fn->name = pv_profile_intern_str(r->p, name);
	fn->file = pv_profile_intern(r->p, "", 0);
	fn->module = fn->file;
	if (!fn->name || !fn->file)
		return pv_error_set(r->err, PV_ENOMEM, PV_NO_OFFSET,
				    "out of memory");
	return 0;
}

int rd__resolve_names(struct rd *r)
{
	struct pv_profile *p = r->p;
	int rekinded = 0, rc;
	size_t cap = 16, mask;
	uint32_t *slot;

	/* key -> bindings: an open-addressing table of binding numbers + 1,
	 * at most half full (0 is an empty slot) */
	while (cap < 2 * (size_t)r->nbind)
		cap *= 2;
	mask = cap - 1;
	slot = calloc(cap, sizeof(*slot));
	if (!slot)
		return pv_error_set(r->err, PV_ENOMEM, PV_NO_OFFSET,
				    "out of memory");
	for (uint32_t k = 0; k < r->nbind; k++) {
		size_t i = pv_hash_mix(r->bind[k].key) & mask;
		while (slot[i])
			i = (i + 1) & mask;
		slot[i] = k + 1;
	}
	for (uint32_t i = 0; i < p->nframes; i++) {
		struct pv_frame *f = &p->frames[i];
		const struct binding *b = NULL;
		struct pv_func fn;

		if (f->source != r->src || f->func != PV_NONE)
			continue;
		if (r->legacy && f->kind == PV_KIND_UNKNOWN) {
			/* raw machine stack: a slot named by a code record
			 * is Python code, anything else (a native symbol
			 * record's name included) a native PC */
			b = best(r, slot, mask, f->addr);
			f->kind = b && b->marker == PV_MARKER_CODE_NAME ? PV_KIND_PYTHON :
							   PV_KIND_NATIVE;
			rekinded = 1;
		} else if (f->kind == PV_KIND_NATIVE) {
			/* native keys carry the tag bit (docs/format.md 6.3) */
			b = best(r, slot, mask, f->addr | 1);
		} else if (f->kind == PV_KIND_PYTHON || f->kind == PV_KIND_JIT) {
			b = best(r, slot, mask, f->addr);
		}
		rc = b ? pv_func_parse_symbol(p, b->text, b->len, &fn, r->err) :
			 placeholder_func(r, f, &fn);
		if (!rc)
			rc = pv_profile_add_func(p, &fn, &f->func, r->err);
		if (rc) {
			free(slot);
			return rc;
		}
	}
	free(slot);
	if (rekinded && pv_profile__rehash_frames(p))
		return pv_error_set(r->err, PV_ENOMEM, PV_NO_OFFSET,
				    "out of memory");
	return 0;
}

void rd__names_release(struct rd *r)
{
	free(r->bind);
	r->bind = NULL;
	r->nbind = r->bind_cap = r->bind_kept = 0;
}
