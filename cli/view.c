/* view.c - terminal detection, colour choice and --group-by groups shared
 * by the text views. */
#include <inttypes.h>
#include <langinfo.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli/view.h"

static int utf8_locale(void)
{
	const char *cs;

	/* the environment decides, as for any text tool: LC_ALL, LC_CTYPE,
	 * LANG */
	if (!setlocale(LC_CTYPE, ""))
		return 0;
	cs = nl_langinfo(CODESET);
	return cs && (!strcmp(cs, "UTF-8") || !strcmp(cs, "utf8"));
}

int view_color(const struct cli *c, FILE *out)
{
	const char *nc = getenv("NO_COLOR");

	if (!strcmp(c->color, "always"))
		return 1;
	if (strcmp(c->color, "auto"))
		return 0;
	return isatty(fileno(out)) && !(nc && *nc);
}

void view_text_opts(const struct cli *c, FILE *out, const struct pv_profile *p,
		    struct pv_text_opts *o)
{
	int tty = isatty(fileno(out));

	memset(o, 0, sizeof(*o));
	o->color = view_color(c, out);
	o->unicode = utf8_locale();
	setlocale(LC_CTYPE, "C");   /* numbers and regexes stay in C */
	if (tty) {
		const char *cols = getenv("COLUMNS");
		struct winsize ws;
		char *end;
		long v = cols ? strtol(cols, &end, 10) : 0;
		if (cols && *cols && !*end && v > 0)
			o->width = (int)v;
		else if (!ioctl(fileno(out), TIOCGWINSZ, &ws) && ws.ws_col)
			o->width = ws.ws_col;
		else
			o->width = 80;
	}
	o->time = p->weighted;
}

int view_groups(const struct cli *c, const struct pv_profile *p,
		struct view_group **out, uint32_t *n, struct pv_error *err)
{
	int by_thread;
	uint32_t count;
	struct view_group *g;

	*out = NULL;
	*n = 0;
	if (!c->group_by)
		return 0;
	by_thread = !strcmp(c->group_by, "thread");
	count = by_thread ? p->nthreads : p->nsources;
	g = calloc(count ? count : 1, sizeof(*g));
	if (!g)
		return pv_error_set(err, PV_ENOMEM, PV_NO_OFFSET,
				    "out of memory");
	for (uint32_t i = 0; i < count; i++) {
		g[i].by_thread = by_thread;
		g[i].id = i;
		if (by_thread)
			snprintf(g[i].name, sizeof(g[i].name),
				 "thread %u (0x%" PRIx64 ")",
				 p->threads[i].number, p->threads[i].raw_id);
		else
			snprintf(g[i].name, sizeof(g[i].name), "%s",
				 p->sources[i].path);
	}
	*out = g;
	*n = count;
	return 0;
}

uint32_t view_group_of(void *ctx, const struct pv_profile *p, size_t i)
{
	const struct view_group *g = ctx;
	uint32_t th = p->sample_thread[i];

	return g->by_thread ? th : p->threads[th].source;
}

int view_group_keep(void *ctx, const struct pv_profile *p, size_t i)
{
	const struct view_group *g = ctx;
	uint32_t th = p->sample_thread[i];

	return g->by_thread ? th == g->id : p->threads[th].source == g->id;
}
