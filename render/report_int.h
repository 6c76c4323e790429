/* report_int.h - private to render/: the report's inline style and
 * script (report_js.c), written raw into the page by report_html.c. */
#ifndef PV_REPORT_INT_H
#define PV_REPORT_INT_H

extern const char pv_report_css[];
extern const char pv_report_js[];

#endif
