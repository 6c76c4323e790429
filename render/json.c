/* json.c - jansson helpers: lossless-enough strings from raw bytes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

int pv_json_dump_line(json_t *v, FILE *out)
{
	if (json_dumpf(v, out, JSON_COMPACT | JSON_PRESERVE_ORDER) != 0)
		return -1;
	return fputc('\n', out) == EOF ? -1 : 0;
}
