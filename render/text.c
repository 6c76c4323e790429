/* text.c - text helpers every view shares (pv_text.h). */
#include <stdio.h>
#include <time.h>

#include "render/pv_text.h"

/* ISO 8601 UTC with microseconds, as "2026-11-21T13:37:45.583718+00:00". */
void pv_text_iso_time(int64_t sec, int64_t usec, char *buf, size_t len)
{
	time_t t = (time_t)sec;
	struct tm tm;
	char day[32];

	if (!gmtime_r(&t, &tm) ||
	    !strftime(day, sizeof(day), "%Y-%m-%dT%H:%M:%S", &tm)) {
		snprintf(buf, len, "?");
		return;
	}
	snprintf(buf, len, "%s.%06lld+00:00", day, (long long)usec);
}
