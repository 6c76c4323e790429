/* suggest.c - "did you mean": the nearest name to a mistyped command or
 * option, from the command table and the option declarations. */
#include <string.h>

#include "cli/cli.h"

/* Damerau-Levenshtein distance (optimal string alignment: insertions,
 * deletions, substitutions and swaps of two neighbours each cost 1),
 * capped: names longer than 63 bytes give a large distance. */
static size_t distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	size_t d[64][64];

	if (la > 63 || lb > 63)
		return (size_t)-1;
	for (size_t i = 0; i <= la; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= la; i++) {
		for (size_t j = 1; j <= lb; j++) {
			size_t cost = a[i - 1] != b[j - 1];
			size_t v = d[i - 1][j] + 1;

			if (d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			if (d[i - 1][j - 1] + cost < v)
				v = d[i - 1][j - 1] + cost;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
		}
	}
	return d[la][lb];
}

/* The nearest candidate is kept when it is close enough to be a typo:
 * at most a third of the typed name's length (at least 1, at most 3)
 * away; a tie keeps the first candidate seen. */
struct nearest {
	const char *typed;
	const char *best;
	size_t dist;
};

static void consider(struct nearest *n, const char *name)
{
	size_t len = strlen(n->typed), limit = len / 3, d;

	if (limit < 1)
		limit = 1;
	if (limit > 3)
		limit = 3;
	d = distance(n->typed, name);
	if (d <= limit && d < n->dist) {
		n->best = name;
		n->dist = d;
	}
}

const char *cli_suggest_command(const char *typed)
{
	struct nearest n = { typed, NULL, (size_t)-1 };

	for (const struct cli_command *const *c = cli_commands; *c; c++)
		consider(&n, (*c)->name);
	return n.best;
}

static void consider_option(void *ctx, const struct cli_group *g,
			    const struct cli_option *o)
{
	(void)g;
	consider(ctx, o->long_name);
}

const char *cli_suggest_option(const struct cli_command *cmd,
			       const char *typed)
{
	struct nearest n = { typed, NULL, (size_t)-1 };
	const char *eq;
	char name[64];

	/* "--lmit=5": the name is what comes before '=' */
	eq = strchr(typed, '=');
	if (eq) {
		size_t len = (size_t)(eq - typed);

		if (len >= sizeof(name))
			return NULL;
		memcpy(name, typed, len);
		name[len] = 0;
		n.typed = name;
	}
	cli_each_option(cmd, consider_option, &n);
	return n.best;
}
