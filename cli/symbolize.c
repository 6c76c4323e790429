/* symbolize.c - turns the native-symbol options into a symbolizer run
 * over the loaded profile: --maps FILE, --module PATH@HEXADDR (repeatable),
 * --sysroot, --debug-dir, --search-dir, --no-demangle, --debuginfod URL,
 * --offline, --verbose.  The library takes buffers, so the maps file is
 * read here. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "symbolizer/pv_symbolizer.h"

/* A maps file is a few MB for the largest processes; more is not one */
#define MAPS_CAP ((size_t)64 << 20)

/* PATH@HEXADDR; the path may itself hold '@', so split at the last. */
static int add_module(struct cli *c, struct pv_sym *s, const char *arg,
		      struct pv_error *err)
{
	const char *at = strrchr(arg, '@');
	char *end, *path;
	unsigned long long addr;
	int rc;

	if (!at || at == arg || !at[1])
		return cli_usage_error(c, "--module wants PATH@HEXADDR, not "
				       "'%s'", arg);
	errno = 0;
	addr = strtoull(at + 1, &end, 16);
	if (errno || *end)
		return cli_usage_error(c, "bad load address in --module '%s'",
				       arg);
	path = strndup(arg, (size_t)(at - arg));
	if (!path)
		return cli_nomem();
	rc = pv_sym_add_module(s, path, addr, err);
	free(path);
	if (rc < 0)
		return cli_report(NULL, err);
	return 0;
}

int cli_sym_new(struct cli *c, struct pv_sym **out)
{
	struct pv_sym_opts o = { 0 };
	struct pv_error err = { 0 };
	struct pv_sym *s = NULL;
	int rc = 0, i;

	*out = NULL;
	o.sysroot = c->sysroot;
	o.debug_dirs = c->debug_dirs.item;
	o.ndebug_dirs = (size_t)c->debug_dirs.n;
	o.search_dirs = c->search_dirs.item;
	o.nsearch_dirs = (size_t)c->search_dirs.n;
	o.no_demangle = c->no_demangle;
	o.debuginfod_urls = c->debuginfod_urls.item;
	o.ndebuginfod_urls = (size_t)c->debuginfod_urls.n;
	o.offline = c->offline;
	o.warn.fn = c->quiet ? NULL : cli_warn_sink;
	o.warn.ctx = (void *)(c->maps ? c->maps : "symbolizer");
	if (pv_sym_new(&s, &o, &err) < 0)
		return cli_report(NULL, &err);
	if (c->maps) {
		size_t len = 0;
		char *text = NULL;
		const char *why;

		if (cli_read_small_file(c->maps, MAPS_CAP, &text, &len,
					&why) < 0) {
			int e = errno;
			if (!why && e == ENOMEM)
				cli_nomem();
			else if (why && !strcmp(why, "too large"))
				cli_error("%s: cannot read: larger than %zu MiB, "
					  "which no maps file is", c->maps,
					  MAPS_CAP >> 20);
			else
				cli_error("%s: cannot read: %s", c->maps,
					  why ? why : strerror(e));
			rc = !why && e == ENOMEM ? PV_EXIT_NOMEM :
						   PV_EXIT_INPUT;
		} else if (pv_sym_add_maps(s, text, len, &err) < 0) {
			rc = cli_report(c->maps, &err);
		}
		free(text);
	}
	for (i = 0; !rc && i < c->modules.n; i++)
		rc = add_module(c, s, c->modules.item[i], &err);
	if (rc) {
		pv_sym_free(s);
		return rc;
	}
	*out = s;
	return 0;
}

int cli_symbolize(struct cli *c, struct pv_profile *p)
{
	struct pv_error err = { 0 };
	struct pv_sym *s = NULL;
	int rc;

	if (!c->maps && !c->modules.n)
		return 0;
	rc = cli_sym_new(c, &s);
	if (rc)
		return rc;
	if (pv_sym_apply(s, p, &err) < 0)
		rc = cli_report(NULL, &err);
	cli_sym_report(c, s);
	pv_sym_free(s);
	return rc;
}

void cli_sym_report(const struct cli *c, struct pv_sym *s)
{
	size_t i, n = pv_sym_module_count(s), unused = 0;

	if (!c->verbose)
		return;
	for (i = 0; i < n; i++) {
		struct pv_sym_module_info mi;

		pv_sym_module_info(s, i, &mi);
		if (mi.opened == 0) {   /* no address fell in it */
			unused++;
			continue;
		}
		if (mi.opened < 0) {
			fprintf(stderr, "profview: module %s: not found\n",
				mi.path);
			continue;
		}
		fprintf(stderr, "profview: module %s: names from %s",
			mi.path, pv_sym_names_str(mi.names));
		if (mi.debug_file)
			fprintf(stderr, " (%s)", mi.debug_file);
		else if (strcmp(mi.file, mi.path))
			fprintf(stderr, " (%s)", mi.file);
		fprintf(stderr, "; %zu function symbols", mi.nsyms);
		if (mi.opd_syms)
			fprintf(stderr, ", %zu through PPC64 .opd "
				"descriptors", mi.opd_syms);
		if (mi.split_units)
			fprintf(stderr, "; split DWARF: %u of %u units found"
				" (%u from the .dwp)", mi.split_found,
				mi.split_units, mi.split_dwp);
		fputc('\n', stderr);
	}
	if (unused)
		fprintf(stderr, "profview: %zu other module%s: no address in "
			"%s, not read\n", unused, unused == 1 ? "" : "s",
			unused == 1 ? "it" : "them");
}
