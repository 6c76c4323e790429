/* report_int.h - private to render/: the report's inline style and
 * script (report_js.c), written raw into the page by report_html.c. */
#ifndef PV_REPORT_INT_H
#define PV_REPORT_INT_H

#include <stdint.h>

#include "profile/pv_calltree.h"
#include "profile/pv_profile.h"

extern const char pv_report_css[];
extern const char pv_report_js[];
/* The time-range script and its style (report_range_js.c). */
extern const char pv_report_range_css[];
extern const char pv_report_range_js[];

/* The buckets of the page's timeline (report_time.c). */
struct report_time {
	double t0, bucket;
	uint32_t nbuckets;
};

/* The #pv-time JSON for the range script into *json (malloc'd): per
 * bucket, the weight of its samples per call-tree row, rows being
 * row_of_node[node] (the #pv-data row of each node of t, or of its
 * nearest ancestor with one).  Returns 0 or PV_ENOMEM. */
int report__time_data(struct report_time *rt, const struct pv_profile *p,
		      const struct pv_calltree *t, const uint32_t *row_of_node,
		      char **json, struct pv_error *err);

#endif
