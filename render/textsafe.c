/* textsafe.c - untrusted text made safe to print (pv_textsafe.h). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "render/pv_textsafe.h"
#include "render/pv_xmlsafe.h"

/* Length of the valid UTF-8 character at s (0 when invalid), and its code
 * point in *cp. */
static size_t char_at(const unsigned char *s, size_t left, uint32_t *cp)
{
	size_t n = pv_xmlsafe_charlen(s, left, 0);

	if (n == 1)
		*cp = s[0];
	else if (n == 2)
		*cp = (uint32_t)(s[0] & 0x1f) << 6 | (s[1] & 0x3f);
	else
		*cp = 0x100;   /* above the C1 range: nothing to escape */
	return n;
}

static int is_control(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f);
}

/* Bytes the safe form of c (n bytes at s, code point cp; n 0: invalid)
 * takes, written to buf when buf is not NULL. */
static size_t put_one(char *buf, const unsigned char *s, size_t n,
		      uint32_t cp)
{
	char tmp[8];

	if (!n) {
		if (buf)
			memcpy(buf, "\xef\xbf\xbd", 3);
		return 3;
	}
	if (!is_control(cp)) {
		if (buf)
			memcpy(buf, s, n);
		return n;
	}
	if (cp < 0x80)
		snprintf(tmp, sizeof(tmp), "\\x%02x", (unsigned)cp);
	else
		snprintf(tmp, sizeof(tmp), "\\u%04x", (unsigned)cp);
	if (buf)
		memcpy(buf, tmp, strlen(tmp));
	return strlen(tmp);
}

int pv_text_is_safe(const char *s)
{
	const unsigned char *u = (const unsigned char *)(s ? s : "");
	size_t len = strlen((const char *)u);

	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = char_at(u + i, len - i, &cp);
		if (!n || is_control(cp))
			return 0;
		i += n;
	}
	return 1;
}

const char *pv_text_safe(const char *s, char **owned)
{
	const unsigned char *u = (const unsigned char *)(s ? s : "");
	size_t len = strlen((const char *)u), need = 0, o = 0;
	char *buf;

	*owned = NULL;
	if (pv_text_is_safe((const char *)u))
		return (const char *)u;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = char_at(u + i, len - i, &cp);
		need += put_one(NULL, u + i, n, cp);
		i += n ? n : 1;
	}
	buf = malloc(need + 1);
	if (!buf)
		return NULL;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = char_at(u + i, len - i, &cp);
		o += put_one(buf + o, u + i, n, cp);
		i += n ? n : 1;
	}
	buf[o] = '\0';
	*owned = buf;
	return buf;
}

void pv_text_put(FILE *out, const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, from = 0;
	char tmp[8];

	/* safe runs are written whole: only an escape breaks one */
	while (i < len) {
		uint32_t cp;
		size_t n, k;
		if (u[i] >= 0x20 && u[i] < 0x7f) {
			i++;
			continue;
		}
		n = char_at(u + i, len - i, &cp);
		/* a NUL inside counted text is a control like any other */
		if (n == 0 && u[i] == 0)
			n = 1, cp = 0;
		if (n && !is_control(cp)) {
			i += n;
			continue;
		}
		if (i > from)
			fwrite(u + from, 1, i - from, out);
		k = put_one(tmp, u + i, n, cp);
		fwrite(tmp, 1, k, out);
		i += n ? n : 1;
		from = i;
	}
	if (i > from)
		fwrite(u + from, 1, i - from, out);
}
