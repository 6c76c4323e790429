/* json.c - jansson helpers: lossless-enough strings from raw bytes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "profile/pv_error.h"
#include "render/pv_json.h"
#include "render/pv_xmlsafe.h"

json_t *pv_json_string(const char *s)
{
	const unsigned char *u = (const unsigned char *)(s ? s : "");
	size_t len = strlen((const char *)u), i;
	char *buf;
	json_t *j;

	for (i = 0; i < len;) {
		size_t n = pv_xmlsafe_charlen(u + i, len - i, 0);
		if (!n)
			break;
		i += n;
	}
	if (i == len)   /* the common case: no copy */
		return json_stringn((const char *)u, len);
	buf = pv_xmlsafe_clean(s, 0, &len);
	if (!buf)
		return NULL;
	j = json_stringn(buf, len);
	free(buf);
	return j;
}

/* set when jansson could not allocate: an append or set that failed
 * leaves the value short without saying so to its caller */
static int json_nomem;

static void *tracked_malloc(size_t n)
{
	void *p = malloc(n);

	if (!p)
		json_nomem = 1;
	return p;
}

void pv_json_init(void)
{
	json_set_alloc_funcs(tracked_malloc, free);
}

int pv_json_failed(void)
{
	return json_nomem;
}

int pv_json_dump_line_flags(json_t *v, FILE *out, size_t flags)
{
	if (!v || json_nomem)
		return PV_ENOMEM;
	if (json_dumpf(v, out, flags) != 0)
		return json_nomem ? PV_ENOMEM : PV_EWRITE;
	if (json_nomem)
		return PV_ENOMEM;
	return fputc('\n', out) == EOF ? PV_EWRITE : 0;
}

int pv_json_write_table(json_t *v, FILE *out, struct pv_error *err)
{
	int rc = pv_json_dump_line_flags(v, out, JSON_COMPACT |
					 JSON_PRESERVE_ORDER |
					 JSON_REAL_PRECISION(10));

	if (rc == PV_ENOMEM)
		return pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET,
				    "out of memory");
	if (rc)
		return pv_error_set(err, PV_EWRITE, PV_NO_OFFSET,
				    "cannot write the JSON");
	return 0;
}

int pv_json_dump_line(json_t *v, FILE *out)
{
	return pv_json_dump_line_flags(v, out, JSON_COMPACT |
				       JSON_PRESERVE_ORDER);
}

char *pv_json_dumps_html(json_t *v, size_t flags)
{
	char *s = v && !json_nomem ? json_dumps(v, flags) : NULL;
	size_t n = 0, o = 0;
	char *r;

	if (!s || json_nomem) {
		free(s);
		return NULL;
	}
	for (const char *c = s; *c; c++)
		n += *c == '<' ? 6 : 1;
	r = malloc(n + 1);
	if (!r) {
		free(s);
		return NULL;
	}
	/* '<' only occurs inside strings, where \u003c means the same */
	for (const char *c = s; *c; c++) {
		if (*c == '<') {
			memcpy(r + o, "\\u003c", 6);
			o += 6;
		} else {
			r[o++] = *c;
		}
	}
	r[o] = '\0';
	free(s);
	return r;
}

void pv_json_put_string(FILE *out, const char *s)
{
	const unsigned char *u = (const unsigned char *)(s ? s : "");
	size_t len = strlen((const char *)u);

	fputc('"', out);
	for (size_t i = 0; i < len;) {
		size_t n = pv_xmlsafe_charlen(u + i, len - i, 0);
		unsigned char c = u[i];

		if (!n) {
			fputs("\xef\xbf\xbd", out);   /* U+FFFD */
			i++;
			continue;
		}
		if (c == '"' || c == '\\')
			fprintf(out, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", out);
		else if (c == '\t')
			fputs("\\t", out);
		else if (c == '\r')
			fputs("\\r", out);
		else if (c < 0x20)
			fprintf(out, "\\u%04x", c);
		else
			fwrite(u + i, 1, n, out);
		i += n;
	}
	fputc('"', out);
}
