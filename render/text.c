/* text.c - text helpers every view shares (pv_text.h). */
#include <stdio.h>
#include <time.h>

#include "render/pv_text.h"
#include "profile/pv_profile.h"

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

void pv_text_filter_note(FILE *out, const struct pv_profile *p, int color)
{
	uint64_t kept, all = p->filtered_from;

	if (!all)
		return;
	kept = pv_profile_total_weight(p);
	if (p->weighted)
		fprintf(out, "%s%.1f of %.1f ms", PV_STYLE(color, DIM),
			(double)kept / 1e3, (double)all / 1e3);
	else
		fprintf(out, "%s%llu of %llu samples", PV_STYLE(color, DIM),
			(unsigned long long)kept, (unsigned long long)all);
	fprintf(out, " (%.1f%%) kept by the filters%s\n",
		100.0 * (double)kept / (double)all, PV_STYLE(color, RESET));
}
