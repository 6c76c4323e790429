/* symbol.c - parsing symbol record texts `lang:name:line:file` into
 * functions (docs/format.md, section 7).  Never fails on odd text:
 * whatever does not parse is kept verbatim as the name. */
#include <string.h>

#include "profile/pv_profile.h"

static int all_digits(const char *s, size_t n)
{
	if (!n || n > 9)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

static uint32_t to_u32(const char *s, size_t n)
{
	uint32_t v = 0;

	for (size_t i = 0; i < n; i++)
		v = v * 10 + (uint32_t)(s[i] - '0');
	return v;
}

/* "name:line:file" split at the first two colons (Python: the file may
 * itself hold colons, e.g. C:\...). */
static int split_first(const char *s, size_t n, size_t *name_len,
		       size_t *line_at, size_t *line_len)
{
	const char *c1 = memchr(s, ':', n), *c2;

	if (!c1)
		return 0;
	c2 = memchr(c1 + 1, ':', n - (size_t)(c1 + 1 - s));
	if (!c2 || !all_digits(c1 + 1, (size_t)(c2 - c1 - 1)))
		return 0;
	*name_len = (size_t)(c1 - s);
	*line_at = (size_t)(c1 + 1 - s);
	*line_len = (size_t)(c2 - c1 - 1);
	return 1;
}

/* "name:line:file" split at the last ":<digits>:" (native: C++ names hold
 * "::"). */
static int split_last(const char *s, size_t n, size_t *name_len,
		      size_t *line_at, size_t *line_len)
{
	for (size_t end = n; end-- > 0;) {
		size_t start;
		if (s[end] != ':')
			continue;
		start = end;
		while (start > 0 && s[start - 1] >= '0' && s[start - 1] <= '9')
			start--;
		if (start == end || start == 0 || s[start - 1] != ':')
			continue;
		if (!all_digits(s + start, end - start))
			continue;
		*name_len = start - 1;
		*line_at = start;
		*line_len = end - start;
		return 1;
	}
	return 0;
}

int pv_func_parse_symbol(struct pv_profile *p, const char *text, size_t len,
			 struct pv_func *f, struct pv_error *err)
{
	const char *colon = memchr(text, ':', len);
	const char *rest, *name, *file = "";
	size_t rest_len, name_len, line_at, line_len, file_len = 0;
	int ok;

	memset(f, 0, sizeof(*f));
	f->lang = PV_LANG_OTHER;
	name = text;
	name_len = len;
	if (colon) {
		size_t lang_len = (size_t)(colon - text);
		rest = colon + 1;
		rest_len = len - lang_len - 1;
		if (lang_len == 2 && !memcmp(text, "py", 2))
			f->lang = PV_LANG_PYTHON;
		else if (lang_len == 1 && text[0] == 'n')
			f->lang = PV_LANG_NATIVE;
		if (f->lang == PV_LANG_NATIVE)
			ok = split_last(rest, rest_len, &name_len, &line_at,
					&line_len);
		else
			ok = split_first(rest, rest_len, &name_len, &line_at,
					 &line_len);
		if (ok) {
			name = rest;
			f->line = to_u32(rest + line_at, line_len);
			file = rest + line_at + line_len + 1;
			file_len = rest_len - line_at - line_len - 1;
			if (file_len == 1 && file[0] == '-')
				file_len = 0;   /* native records: no file */
		} else if (f->lang != PV_LANG_OTHER) {
			/* e.g. CPython's "py:<very long name>" with one colon */
			name = rest;
			name_len = rest_len;
		}
	}
	if (f->lang == PV_LANG_NATIVE && name_len >= 15 &&
	    !memcmp(name, "<native symbol ", 15))
		f->placeholder = 1;
	f->name = pv_profile_intern(p, name, name_len);
	f->file = pv_profile_intern(p, file, file_len);
	f->module = pv_profile_intern(p, "", 0);
	if (!f->name || !f->file || !f->module)
		return pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET,
				    "out of memory");
	return 0;
}
