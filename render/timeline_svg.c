/* timeline_svg.c - the timeline as SVG through libxml2's writer.
 *
 * Each bucket of a lane is a <g class="b"> whose <title> gives its time
 * range and counts (the browser shows it on hover) and whose <rect>s
 * stack the top functions bottom up, then "other".  The root carries the
 * axis (data-t0, data-t1, data-px, data-pw) so a page script can turn a
 * mouse position into a time.  Deterministic: coordinates as %.2f.
 */
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "render/pv_xmlw.h"
#include "render/timeline_int.h"

static void rect(struct pv_xmlw *s, double x, double y, double w, double h,
		 uint32_t rgb)
{
	pv_xmlw_start(s, "rect");
	pv_xmlw_num(s, "x", x);
	pv_xmlw_num(s, "y", y);
	pv_xmlw_num(s, "width", w);
	pv_xmlw_num(s, "height", h);
	pv_xmlw_rgb(s, "fill", rgb);
	pv_xmlw_end(s);
}

static void legend(struct pv_xmlw *s, const struct pv_timeline *t)
{
	uint32_t per_row = (uint32_t)((t->width - 20) / 190);
	char buf[128], line[160];

	if (!per_row)
		per_row = 1;
	pv_xmlw_start(s, "g");
	pv_xmlw_attr(s, "class", "legend");
	pv_xmlw_attr(s, "font-size", "11");
	for (uint32_t i = 0; i <= t->ntop; i++) {
		double x = 10 + (i % per_row) * 190.0;
		double y = t->legend_y + (i / per_row) * 18.0;
		uint64_t n = i < t->ntop ? t->top_self[i] : t->other;
		pv_xmlw_start(s, "g");
		pv_xmlw_start(s, "title");
		if (i < t->ntop) {
			pv_timeline_func_key(t, i, line, sizeof(line));
			pv_xmlw_text(s, line);
		} else {
			pv_xmlw_text(s, "every other function");
		}
		pv_xmlw_end(s);
		rect(s, x, y - 10, 12, 12, t->top_rgb[i]);
		snprintf(line, sizeof(line), "%s (%" PRIu64 ")",
			 tl__short(pv_timeline_func_label(t, i), 22, buf,
				   sizeof(buf)), n);
		pv_xmlw_svg_text(s, x + 16, y, NULL, NULL, line);
		pv_xmlw_end(s);
	}
	pv_xmlw_end(s);
}

static void memory(struct pv_xmlw *s, const struct pv_timeline *t)
{
	uint32_t cols = (uint32_t)t->pw + 1;
	double base = t->mem_y + t->mem_h;
	char buf[64];

	if (!t->nmem)
		return;
	pv_xmlw_start(s, "g");
	pv_xmlw_attr(s, "class", "memory");
	snprintf(buf, sizeof(buf), "RSS, peak %.1f MiB", t->mem_max / 1024.0);
	pv_xmlw_svg_text(s, t->px - 8, t->mem_y + 12, "end", "11", buf);
	pv_xmlw_start(s, "line");
	pv_xmlw_num(s, "x1", t->px);
	pv_xmlw_num(s, "y1", base);
	pv_xmlw_num(s, "x2", t->px + t->pw);
	pv_xmlw_num(s, "y2", base);
	pv_xmlw_attr(s, "stroke", "#999");
	pv_xmlw_end(s);
	for (uint32_t m = 0; m < t->nmem; m++) {
		/* the highest value of each column, left to right, then the
		 * lowest back: a band that keeps every spike */
		static const char *const colors[] = { "#3366cc", "#dc3912",
			"#109618", "#990099" };
		xmlBufferPtr d = xmlBufferCreate();
		int first = 1;
		char pt[64];
		if (!d) {
			pv_xmlw_fail(s, PV_ENOMEM);
			break;
		}
		for (uint32_t c = 0; c < cols; c++) {
			if (!t->mem[m].hi[c])
				continue;
			snprintf(pt, sizeof(pt), "%s%.1f %.1f", first ? "M" : "L",
				 t->px + c, base - (double)t->mem[m].hi[c] /
				 t->mem_max * t->mem_h);
			xmlBufferCat(d, BAD_CAST pt);
			first = 0;
		}
		for (uint32_t c = cols; c-- > 0;) {
			if (!t->mem[m].lo[c])
				continue;
			snprintf(pt, sizeof(pt), "L%.1f %.1f", t->px + c,
				 base - (double)t->mem[m].lo[c] /
				 t->mem_max * t->mem_h);
			xmlBufferCat(d, BAD_CAST pt);
		}
		if (!first) {
			pv_xmlw_start(s, "path");
			pv_xmlw_attr(s, "d", (const char *)xmlBufferContent(d));
			pv_xmlw_attr(s, "fill", colors[m % 4]);
			pv_xmlw_attr(s, "fill-opacity", "0.35");
			pv_xmlw_attr(s, "stroke", colors[m % 4]);
			pv_xmlw_attr(s, "stroke-width", "1");
			pv_xmlw_start(s, "title");
			pv_xmlw_text(s, t->p->sources[t->mem[m].source].path);
			pv_xmlw_end(s);
			pv_xmlw_end(s);
		}
		xmlBufferFree(d);
	}
	pv_xmlw_end(s);
}

static void cell(struct pv_xmlw *s, const struct pv_timeline *t,
		 const struct pv_tl_lane *ln, uint32_t k, const uint32_t *c,
		 uint64_t sum, double scale)
{
	const struct pv_thread *th = &t->p->threads[ln->thread];
	double x = t->px + k * t->bucket / (t->nbuckets * t->bucket) * t->pw;
	double w = t->pw / t->nbuckets;
	double y = ln->y + t->lane_h - 2;
	xmlBufferPtr tip = xmlBufferCreate();
	char line[256], range[96], buf[128];

	if (!tip) {
		pv_xmlw_fail(s, PV_ENOMEM);
		return;
	}
	tl__range_text(t->t0 + k * t->bucket, t->t0 + (k + 1) * t->bucket,
		       range, sizeof(range));
	snprintf(line, sizeof(line), "%s, thread %u: %" PRIu64 " sample%s",
		 range, th->number, sum, sum == 1 ? "" : "s");
	xmlBufferCat(tip, BAD_CAST line);
	for (uint32_t i = 0; i <= t->ntop; i++) {
		if (!c[i])
			continue;
		snprintf(line, sizeof(line), "\n%s: %u",
			 tl__short(pv_timeline_func_label(t, i), TL_TITLE_NAME,
				   buf, sizeof(buf)), c[i]);
		xmlBufferCat(tip, BAD_CAST line);
	}
	pv_xmlw_start(s, "g");
	pv_xmlw_attr(s, "class", "b");
	pv_xmlw_attrf(s, "data-k", "%u", k);
	pv_xmlw_start(s, "title");
	pv_xmlw_text(s, (const char *)xmlBufferContent(tip));
	pv_xmlw_end(s);
	xmlBufferFree(tip);
	for (uint32_t i = 0; i <= t->ntop; i++) {
		double h;
		if (!c[i])
			continue;
		h = c[i] * scale;
		rect(s, x, y - h, w, h, t->top_rgb[i]);
		y -= h;
	}
	pv_xmlw_end(s);
}

static void lanes(struct pv_xmlw *s, const struct pv_timeline *t)
{
	uint32_t w = t->ntop + 1;
	double scale = t->cellmax ? (t->lane_h - 6) / t->cellmax : 0;
	char buf[96];

	pv_xmlw_start(s, "g");
	pv_xmlw_attr(s, "class", "lanes");
	for (uint32_t l = 0; l < t->nlanes; l++) {
		const struct pv_tl_lane *ln = &t->lanes[l];
		const struct pv_thread *th = &t->p->threads[ln->thread];
		if (!ln->drawn)
			continue;
		if (t->p->nsources > 1 &&
		    (l == 0 || t->p->threads[t->lanes[l - 1].thread].source !=
			       th->source)) {
			pv_xmlw_start(s, "text");
			pv_xmlw_attr(s, "class", "group");
			pv_xmlw_num(s, "x", 10);
			pv_xmlw_num(s, "y", ln->y - 5);
			pv_xmlw_attr(s, "font-size", "12");
			pv_xmlw_attr(s, "font-weight", "bold");
			pv_xmlw_text(s, t->p->sources[th->source].path);
			pv_xmlw_end(s);
		}
		pv_xmlw_start(s, "g");
		pv_xmlw_attr(s, "class", "lane");
		pv_xmlw_attrf(s, "data-thread", "%u", th->number);
		rect(s, t->px, ln->y, t->pw, t->lane_h - 2, 0xf6f6f6);
		snprintf(buf, sizeof(buf), "thread %u", th->number);
		pv_xmlw_svg_text(s, t->px - 8, ln->y + 18, "end", "12", buf);
		snprintf(buf, sizeof(buf), "0x%" PRIx64 " (%" PRIu64 ")",
			 th->raw_id, ln->samples);
		pv_xmlw_svg_text(s, t->px - 8, ln->y + 32, "end", "10", buf);
		for (uint32_t k = 0; k < t->nbuckets; k++) {
			const uint32_t *c = &ln->counts[(size_t)k * w];
			uint64_t sum = 0;
			for (uint32_t i = 0; i < w; i++)
				sum += c[i];
			if (sum)
				cell(s, t, ln, k, c, sum, scale);
		}
		pv_xmlw_end(s);
	}
	pv_xmlw_end(s);
}

static void axis(struct pv_xmlw *s, const struct pv_timeline *t)
{
	double span = t->nbuckets * t->bucket;
	double step = pv_time_round_step(span, 10);
	char buf[64];

	pv_xmlw_start(s, "g");
	pv_xmlw_attr(s, "class", "axis");
	pv_xmlw_attr(s, "font-size", "11");
	pv_xmlw_start(s, "line");
	pv_xmlw_num(s, "x1", t->px);
	pv_xmlw_num(s, "y1", t->axis_y);
	pv_xmlw_num(s, "x2", t->px + t->pw);
	pv_xmlw_num(s, "y2", t->axis_y);
	pv_xmlw_attr(s, "stroke", "#666");
	pv_xmlw_end(s);
	for (double i = ceil(t->t0 / step - 1e-9);
	     i * step <= t->t0 + span * (1 + 1e-9); i++) {
		double v = i * step + 0.0;   /* never "-0" */
		double x = t->px + (v - t->t0) / span * t->pw;
		pv_xmlw_start(s, "line");
		pv_xmlw_num(s, "x1", x);
		pv_xmlw_num(s, "y1", t->axis_y);
		pv_xmlw_num(s, "x2", x);
		pv_xmlw_num(s, "y2", t->axis_y + 5);
		pv_xmlw_attr(s, "stroke", "#666");
		pv_xmlw_end(s);
		snprintf(buf, sizeof(buf), "%.6g", v);
		pv_xmlw_svg_text(s, x, t->axis_y + 18, "middle", NULL, buf);
	}
	pv_xmlw_svg_text(s, t->px + t->pw, t->axis_y + 34, "end", NULL,
			 "seconds since the start of the log");
	pv_xmlw_end(s);
}

int pv_render_timeline_svg_element(const struct pv_timeline *t,
				   xmlTextWriterPtr w, const char *id,
				   struct pv_error *err)
{
	struct pv_xmlw s = PV_XMLW_INIT(w);

	pv_xmlw_start(&s, "svg");
	pv_xmlw_attr(&s, "xmlns", "http://www.w3.org/2000/svg");
	if (id)
		pv_xmlw_attr(&s, "id", id);
	pv_xmlw_attr(&s, "class", "pv-timeline");
	pv_xmlw_attrf(&s, "width", "%d", t->width);
	pv_xmlw_attrf(&s, "height", "%d", t->height);
	pv_xmlw_attrf(&s, "viewBox", "0 0 %d %d", t->width, t->height);
	pv_xmlw_attr(&s, "font-family", TL_FONT);
	pv_xmlw_attrf(&s, "data-t0", "%.9g", t->t0);
	pv_xmlw_attrf(&s, "data-t1", "%.9g", t->t0 + t->nbuckets * t->bucket);
	pv_xmlw_attrf(&s, "data-bucket", "%.9g", t->bucket);
	pv_xmlw_num(&s, "data-px", t->px);
	pv_xmlw_num(&s, "data-pw", t->pw);
	pv_xmlw_start(&s, "style");
	pv_xmlw_text(&s, ".b:hover rect{stroke:#000;stroke-width:0.6}");
	pv_xmlw_end(&s);
	rect(&s, 0, 0, t->width, t->height, 0xffffff);
	pv_xmlw_svg_heading(&s, t->width, t->title, t->subtitle, 42, "12");
	legend(&s, t);
	memory(&s, t);
	lanes(&s, t);
	axis(&s, t);
	pv_xmlw_end(&s);
	return pv_xmlw_finish(&s, "the SVG", err);
}

static int timeline_body(const void *ctx, xmlTextWriterPtr w,
			struct pv_error *err)
{
	return pv_render_timeline_svg_element(ctx, w, NULL, err);
}

int pv_render_timeline_svg(const struct pv_timeline *t, FILE *out,
			struct pv_error *err)
{
	return pv_xmlw_document_file(out, 0, timeline_body, t, "the SVG", err);
}
