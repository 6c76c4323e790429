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

#include "render/pv_xmlsafe.h"
#include "render/timeline_int.h"

struct svg {
	xmlTextWriterPtr w;
	int bad;
};

static void start(struct svg *s, const char *el)
{
	s->bad |= xmlTextWriterStartElement(s->w, BAD_CAST el) < 0;
}

static void end(struct svg *s)
{
	s->bad |= xmlTextWriterEndElement(s->w) < 0;
}

static void attr(struct svg *s, const char *name, const char *v)
{
	s->bad |= xmlTextWriterWriteAttribute(s->w, BAD_CAST name,
					      BAD_CAST v) < 0;
}

static void attrf(struct svg *s, const char *name, double v)
{
	s->bad |= xmlTextWriterWriteFormatAttribute(s->w, BAD_CAST name,
						    "%.2f", v) < 0;
}

static void attrg(struct svg *s, const char *name, double v)
{
	s->bad |= xmlTextWriterWriteFormatAttribute(s->w, BAD_CAST name,
						    "%.9g", v) < 0;
}

static void fill(struct svg *s, uint32_t rgb)
{
	s->bad |= xmlTextWriterWriteFormatAttribute(s->w, BAD_CAST "fill",
						    "#%06x", rgb) < 0;
}

static void text(struct svg *s, double x, double y, const char *anchor,
		 const char *size, const char *raw)
{
	start(s, "text");
	attrf(s, "x", x);
	attrf(s, "y", y);
	if (anchor)
		attr(s, "text-anchor", anchor);
	if (size)
		attr(s, "font-size", size);
	s->bad |= pv_xmlsafe_text(s->w, raw) < 0;
	end(s);
}

static void rect(struct svg *s, double x, double y, double w, double h,
		 uint32_t rgb)
{
	start(s, "rect");
	attrf(s, "x", x);
	attrf(s, "y", y);
	attrf(s, "width", w);
	attrf(s, "height", h);
	fill(s, rgb);
	end(s);
}

static void legend(struct svg *s, const struct pv_timeline *t)
{
	uint32_t per_row = (uint32_t)((t->width - 20) / 190);
	char buf[128], line[160];

	if (!per_row)
		per_row = 1;
	start(s, "g");
	attr(s, "class", "legend");
	attr(s, "font-size", "11");
	for (uint32_t i = 0; i <= t->ntop; i++) {
		double x = 10 + (i % per_row) * 190.0;
		double y = t->legend_y + (i / per_row) * 18.0;
		uint64_t n = i < t->ntop ? t->top_self[i] : t->other;
		start(s, "g");
		start(s, "title");
		if (i < t->ntop) {
			pv_timeline_func_key(t, i, line, sizeof(line));
			s->bad |= pv_xmlsafe_text(s->w, line) < 0;
		} else {
			s->bad |= xmlTextWriterWriteString(s->w,
				BAD_CAST "every other function") < 0;
		}
		end(s);
		rect(s, x, y - 10, 12, 12, t->top_rgb[i]);
		snprintf(line, sizeof(line), "%s (%" PRIu64 ")",
			 tl__short(pv_timeline_func_label(t, i), 22, buf,
				   sizeof(buf)), n);
		text(s, x + 16, y, NULL, NULL, line);
		end(s);
	}
	end(s);
}

static void memory(struct svg *s, const struct pv_timeline *t)
{
	uint32_t cols = (uint32_t)t->pw + 1;
	double base = t->mem_y + t->mem_h;
	char buf[64];

	if (!t->nmem)
		return;
	start(s, "g");
	attr(s, "class", "memory");
	snprintf(buf, sizeof(buf), "RSS, peak %.1f MiB", t->mem_max / 1024.0);
	text(s, t->px - 8, t->mem_y + 12, "end", "11", buf);
	start(s, "line");
	attrf(s, "x1", t->px);
	attrf(s, "y1", base);
	attrf(s, "x2", t->px + t->pw);
	attrf(s, "y2", base);
	attr(s, "stroke", "#999");
	end(s);
	for (uint32_t m = 0; m < t->nmem; m++) {
		/* the highest value of each column, left to right, then the
		 * lowest back: a band that keeps every spike */
		static const char *const colors[] = { "#3366cc", "#dc3912",
			"#109618", "#990099" };
		xmlBufferPtr d = xmlBufferCreate();
		int first = 1;
		char pt[64];
		if (!d) {
			s->bad = 1;
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
			start(s, "path");
			attr(s, "d", (const char *)xmlBufferContent(d));
			attr(s, "fill", colors[m % 4]);
			attr(s, "fill-opacity", "0.35");
			attr(s, "stroke", colors[m % 4]);
			attr(s, "stroke-width", "1");
			start(s, "title");
			s->bad |= pv_xmlsafe_text(s->w,
				t->p->sources[t->mem[m].source].path) < 0;
			end(s);
			end(s);
		}
		xmlBufferFree(d);
	}
	end(s);
}

static void cell(struct svg *s, const struct pv_timeline *t,
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
		s->bad = 1;
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
	start(s, "g");
	attr(s, "class", "b");
	s->bad |= xmlTextWriterWriteFormatAttribute(s->w, BAD_CAST "data-k",
						    "%u", k) < 0;
	start(s, "title");
	s->bad |= pv_xmlsafe_text(s->w, (const char *)xmlBufferContent(tip)) < 0;
	end(s);
	xmlBufferFree(tip);
	for (uint32_t i = 0; i <= t->ntop; i++) {
		double h;
		if (!c[i])
			continue;
		h = c[i] * scale;
		rect(s, x, y - h, w, h, t->top_rgb[i]);
		y -= h;
	}
	end(s);
}

static void lanes(struct svg *s, const struct pv_timeline *t)
{
	uint32_t w = t->ntop + 1;
	double scale = t->cellmax ? (t->lane_h - 6) / t->cellmax : 0;
	char buf[96];

	start(s, "g");
	attr(s, "class", "lanes");
	for (uint32_t l = 0; l < t->nlanes; l++) {
		const struct pv_tl_lane *ln = &t->lanes[l];
		const struct pv_thread *th = &t->p->threads[ln->thread];
		if (!ln->drawn)
			continue;
		if (t->p->nsources > 1 &&
		    (l == 0 || t->p->threads[t->lanes[l - 1].thread].source !=
			       th->source)) {
			start(s, "text");
			attr(s, "class", "group");
			attrf(s, "x", 10);
			attrf(s, "y", ln->y - 5);
			attr(s, "font-size", "12");
			attr(s, "font-weight", "bold");
			s->bad |= pv_xmlsafe_text(s->w,
				t->p->sources[th->source].path) < 0;
			end(s);
		}
		start(s, "g");
		attr(s, "class", "lane");
		s->bad |= xmlTextWriterWriteFormatAttribute(s->w,
			BAD_CAST "data-thread", "%u", th->number) < 0;
		rect(s, t->px, ln->y, t->pw, t->lane_h - 2, 0xf6f6f6);
		snprintf(buf, sizeof(buf), "thread %u", th->number);
		text(s, t->px - 8, ln->y + 18, "end", "12", buf);
		snprintf(buf, sizeof(buf), "0x%" PRIx64 " (%" PRIu64 ")",
			 th->raw_id, ln->samples);
		text(s, t->px - 8, ln->y + 32, "end", "10", buf);
		for (uint32_t k = 0; k < t->nbuckets; k++) {
			const uint32_t *c = &ln->counts[(size_t)k * w];
			uint64_t sum = 0;
			for (uint32_t i = 0; i < w; i++)
				sum += c[i];
			if (sum)
				cell(s, t, ln, k, c, sum, scale);
		}
		end(s);
	}
	end(s);
}

static void axis(struct svg *s, const struct pv_timeline *t)
{
	double span = t->nbuckets * t->bucket;
	double step = pv_time_round_step(span, 10);
	char buf[64];

	start(s, "g");
	attr(s, "class", "axis");
	attr(s, "font-size", "11");
	start(s, "line");
	attrf(s, "x1", t->px);
	attrf(s, "y1", t->axis_y);
	attrf(s, "x2", t->px + t->pw);
	attrf(s, "y2", t->axis_y);
	attr(s, "stroke", "#666");
	end(s);
	for (double i = ceil(t->t0 / step - 1e-9);
	     i * step <= t->t0 + span * (1 + 1e-9); i++) {
		double v = i * step + 0.0;   /* never "-0" */
		double x = t->px + (v - t->t0) / span * t->pw;
		start(s, "line");
		attrf(s, "x1", x);
		attrf(s, "y1", t->axis_y);
		attrf(s, "x2", x);
		attrf(s, "y2", t->axis_y + 5);
		attr(s, "stroke", "#666");
		end(s);
		snprintf(buf, sizeof(buf), "%.6g", v);
		text(s, x, t->axis_y + 18, "middle", NULL, buf);
	}
	text(s, t->px + t->pw, t->axis_y + 34, "end", NULL,
	     "seconds since the start of the log");
	end(s);
}

int pv_timeline_svg_element(const struct pv_timeline *t, xmlTextWriterPtr w,
			    const char *id, struct pv_error *err)
{
	struct svg s = { w, 0 };

	start(&s, "svg");
	attr(&s, "xmlns", "http://www.w3.org/2000/svg");
	if (id)
		attr(&s, "id", id);
	attr(&s, "class", "pv-timeline");
	s.bad |= xmlTextWriterWriteFormatAttribute(w, BAD_CAST "width", "%d",
						   t->width) < 0;
	s.bad |= xmlTextWriterWriteFormatAttribute(w, BAD_CAST "height", "%d",
						   t->height) < 0;
	s.bad |= xmlTextWriterWriteFormatAttribute(w, BAD_CAST "viewBox",
		"0 0 %d %d", t->width, t->height) < 0;
	attr(&s, "font-family", TL_FONT);
	attrg(&s, "data-t0", t->t0);
	attrg(&s, "data-t1", t->t0 + t->nbuckets * t->bucket);
	attrg(&s, "data-bucket", t->bucket);
	attrf(&s, "data-px", t->px);
	attrf(&s, "data-pw", t->pw);
	start(&s, "style");
	s.bad |= xmlTextWriterWriteString(w, BAD_CAST
		".b:hover rect{stroke:#000;stroke-width:0.6}") < 0;
	end(&s);
	rect(&s, 0, 0, t->width, t->height, 0xffffff);
	start(&s, "text");
	attr(&s, "class", "title");
	attrf(&s, "x", t->width / 2.0);
	attrf(&s, "y", 24);
	attr(&s, "text-anchor", "middle");
	attr(&s, "font-size", "17");
	s.bad |= pv_xmlsafe_text(w, t->title) < 0;
	end(&s);
	start(&s, "text");
	attr(&s, "class", "subtitle");
	attrf(&s, "x", t->width / 2.0);
	attrf(&s, "y", 42);
	attr(&s, "text-anchor", "middle");
	attr(&s, "font-size", "12");
	attr(&s, "fill", "#555");
	s.bad |= pv_xmlsafe_text(w, t->subtitle) < 0;
	end(&s);
	legend(&s, t);
	memory(&s, t);
	lanes(&s, t);
	axis(&s, t);
	end(&s);
	if (s.bad)
		return pv_error_set(err, PV_EWRITE, PV_NO_OFFSET,
				    "writing the SVG failed");
	return 0;
}

static int timeline_body(const void *ctx, xmlTextWriterPtr w,
			struct pv_error *err)
{
	return pv_timeline_svg_element(ctx, w, NULL, err);
}

int pv_render_timeline_svg(const struct pv_timeline *t, FILE *out,
			struct pv_error *err)
{
	return pv_xmlsafe_document(out, timeline_body, t, err);
}
