/* pv_lines.h - `lines`: samples per source line inside the Python
 * functions a pattern names, beside the source text when the caller can
 * read it.
 *
 * The counts come from the function statistics by line
 * (profile/pv_funcstats.h): a line counts once per sample in which it is
 * current in some frame of the function, so a recursive function does
 * not count a sample twice.  Which files may be read, and how, is the
 * caller's business (a source callback); this module splits the text
 * into lines and finds where a function's block ends.
 */
#ifndef PV_LINES_H
#define PV_LINES_H

#include <stdint.h>
#include <stdio.h>

#include "profile/pv_filter.h"
#include "profile/pv_profile.h"
#include "render/pv_text.h"

/* One source file's text, split into lines. */
struct pv_lines_source {
	char *text;      /* the file, lines split in place (malloc'd) */
	char **line;     /* line[i] is line i + 1, without its newline */
	uint32_t n;
	char *path;      /* the file read (malloc'd), for JSON's "source" */
};

/* Takes over text (len bytes, malloc'd) and path (malloc'd) into s, which
 * must be empty, splitting the text into lines (a newline or CR LF ends
 * one).  Returns 0, or PV_ENOMEM with s empty and both freed. */
int pv_lines_source_set(struct pv_lines_source *s, char *text, size_t len,
			char *path);

/* Frees what s holds and empties it. */
void pv_lines_source_free(struct pv_lines_source *s);

/* Fills the empty s with the text of file (a path as the log records it)
 * through pv_lines_source_set and returns 1, or returns 0 (s empty) when
 * the file is not read. */
typedef int (*pv_lines_source_fn)(void *ctx, const char *file,
				  struct pv_lines_source *s);

struct pv_lines_opts {
	const char *pattern;          /* POSIX extended regex matched
					 against each function
					 (profile/pv_filter.h) */
	pv_lines_source_fn source;    /* NULL: no file is read */
	void *source_ctx;
	int no_source;                /* --no-source: say nothing of files */
	int source_dirs;              /* --source-dir was given: the note
					 for a file not read says so */
};

/* Last line of the Python block that starts at line first (1-based):
 * the lines after it that are blank or indented deeper than it (and the
 * closing brackets at its own indent).  first itself when it is not a
 * line of s. */
uint32_t pv_lines_block_end(const struct pv_lines_source *s, uint32_t first);

/* Per Python function that the pattern matches and that has samples,
 * hottest first: a heading (name, file:line, samples and share of all),
 * then one row per line from the first line with data or the def to the
 * last line with data or the end of its block (without the source, only
 * the lines with data).  Text: aligned columns, lines of 10% or more
 * highlighted (o->color).  JSON: {"total_samples": N, "functions":
 * [{"function", "file", "line", "samples", "source", "lines": [{"line",
 * "samples", "percent", "text"}]}]} on one line.  Returns 0; PV_EUSAGE
 * when no log has line data, the pattern is not a regex or no function
 * matches; PV_ENOMEM; PV_EWRITE (JSON; text is checked by the caller's
 * stream). */
int pv_render_lines_text(FILE *out, const struct pv_profile *p,
			 const struct pv_lines_opts *lo,
			 const struct pv_text_opts *o, struct pv_error *err);
int pv_render_lines_json(FILE *out, const struct pv_profile *p,
			 const struct pv_lines_opts *lo, struct pv_error *err);

#endif
