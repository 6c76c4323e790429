/* error.c - filling struct pv_error. */
#include <stdarg.h>
#include <stdio.h>

#include "profile/pv_error.h"

int pv_error_set(struct pv_error *err, enum pv_status code, uint64_t offset,
		 const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return code;
	err->code = code;
	err->offset = offset;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return code;
}

void pv_warn(const struct pv_warner *w, uint64_t offset, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	if (!w || !w->fn)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	w->fn(w->ctx, offset, msg);
}
