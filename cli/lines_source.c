/* lines_source.c - the source files `lines` shows beside its counts:
 * which files it may read, and where it looks (--source-dir). */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "render/pv_lines.h"

/* Which source files lines reads (README, "lines"): the path a log
 * records is untrusted, so only
 *  - a name ending in .py, .pyw, .pyx, .pxd or .pxi, with no ".."
 *    component (so nothing climbs out of a --source-dir);
 *  - with --source-dir DIR (DIR/PATH, then DIR/ with leading
 *    directories of PATH dropped), only inside DIR: its real path
 *    (symlinks resolved) inside DIR's; without, the path as recorded;
 *  - never under /proc, /sys or /dev (real path);
 *  - a regular file of at most SOURCE_CAP bytes.
 * --no-source reads none. */
#define SOURCE_CAP ((size_t)16 << 20)

static int python_source_name(const char *path)
{
	static const char *const ext[] = { ".py", ".pyw", ".pyx", ".pxd",
					   ".pxi" };
	size_t n = strlen(path);
	const char *p;

	if (!n || path[0] == '<')
		return 0;   /* <string>, <frozen runpy>, <builtin>/... */
	for (p = path; (p = strstr(p, "..")); p += 2)
		if ((p == path || p[-1] == '/') && (!p[2] || p[2] == '/'))
			return 0;
	for (size_t i = 0; i < sizeof(ext) / sizeof(ext[0]); i++) {
		size_t e = strlen(ext[i]);
		if (n > e && !strcmp(path + n - e, ext[i]))
			return 1;
	}
	return 0;
}

static int under(const char *real, const char *dir)
{
	size_t n = strlen(dir);

	if (n == 1 && dir[0] == '/')
		return 1;
	return !strncmp(real, dir, n) && (real[n] == '/' || !real[n]);
}

/* Reads cand into s when the rules allow it (root: the real path of the
 * --source-dir it must stay in, or NULL).  Returns 1 when read. */
static int try_source(const char *cand, const char *root,
		      struct pv_lines_source *s)
{
	char *real = realpath(cand, NULL), *text;
	const char *why;
	size_t len;

	if (!real)
		return 0;
	if (under(real, "/proc") || under(real, "/sys") ||
	    under(real, "/dev") || (root && !under(real, root)) ||
	    cli_read_small_file(real, SOURCE_CAP, &text, &len, &why) < 0) {
		free(real);
		return 0;
	}
	return pv_lines_source_set(s, text, len, real) == 0;
}

int cli_lines_source(void *ctx, const char *path, struct pv_lines_source *s)
{
	const struct cli_list *dirs = ctx;

	if (!python_source_name(path))
		return 0;
	for (int i = 0; i < dirs->n; i++) {
		char *root = realpath(dirs->item[i], NULL);
		const char *rest = path;
		if (!root)
			continue;
		while (rest) {
			size_t n = strlen(dirs->item[i]) + strlen(rest) + 2;
			char *cand;
			while (*rest == '/')
				rest++;
			cand = malloc(n);
			if (!cand)
				break;
			snprintf(cand, n, "%s/%s", dirs->item[i], rest);
			if (try_source(cand, root, s)) {
				free(cand);
				free(root);
				return 1;
			}
			free(cand);
			rest = strchr(rest, '/');
		}
		free(root);
	}
	/* with --source-dir, nothing outside the directories given */
	return dirs->n ? 0 : try_source(path, NULL, s);
}
