/* pv_report.h - every view of a profile on one self-contained HTML page.
 *
 * The page holds a summary of each log, an interactive flame graph
 * (click to zoom), the function table (click a header to sort, type to
 * filter), the memory curve when a log has memory data, and the call tree
 * with collapsible nodes.  Everything is inline: no network, no other
 * file.  Written with libxml2's xmlTextWriter, so names from the log are
 * escaped; the output depends only on the profile (deterministic).
 */
#ifndef PV_REPORT_H
#define PV_REPORT_H

#include <stdio.h>

#include "profile/pv_profile.h"

struct pv_report_opts {
	const char *title;       /* NULL: made from the logs */
	double min_share;        /* call-tree nodes below this share of the
				    total are folded into their parent;
				    <= 0: 1e-5 once the tree is large */
};

/* Writes the page for p to out.  Returns 0, PV_ENOMEM or PV_EWRITE. */
int pv_render_report_html(const struct pv_profile *p, FILE *out,
			 const struct pv_report_opts *o,
			 struct pv_error *err);

#endif
