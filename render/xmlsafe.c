/* xmlsafe.c - raw log bytes to text an XML (or JSON) document may hold
 * (the element writer that uses it is render/xmlw.c). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "render/pv_xmlsafe.h"

size_t pv_xmlsafe_charlen(const unsigned char *s, size_t left, int xml)
{
	size_t n;
	uint32_t cp;

	if (s[0] < 0x80)
		return !xml || s[0] >= 0x20 || s[0] == '\t' || s[0] == '\n' ||
		       s[0] == '\r' ? 1 : 0;
	if ((s[0] & 0xe0) == 0xc0)
		n = 2, cp = s[0] & 0x1f;
	else if ((s[0] & 0xf0) == 0xe0)
		n = 3, cp = s[0] & 0x0f;
	else if ((s[0] & 0xf8) == 0xf0)
		n = 4, cp = s[0] & 0x07;
	else
		return 0;
	if (n > left)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) ||
	    (n == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
	    (cp >= 0xd800 && cp <= 0xdfff) ||
	    (xml && (cp == 0xfffe || cp == 0xffff)))
		return 0;
	return n;
}

char *pv_xmlsafe_clean(const char *s, int xml, size_t *len)
{
	const unsigned char *u = (const unsigned char *)(s ? s : "");
	size_t n = strlen((const char *)u), o = 0;
	char *buf = malloc(n * 3 + 1);

	if (!buf)
		return NULL;
	for (size_t i = 0; i < n;) {
		size_t k = pv_xmlsafe_charlen(u + i, n - i, xml);
		if (k) {
			memcpy(buf + o, u + i, k);
			o += k;
			i += k;
		} else {
			memcpy(buf + o, "\xef\xbf\xbd", 3);   /* U+FFFD */
			o += 3;
			i++;
		}
	}
	buf[o] = '\0';
	if (len)
		*len = o;
	return buf;
}

char *pv_xmlsafe_dup(const char *s)
{
	return pv_xmlsafe_clean(s, 1, NULL);
}
