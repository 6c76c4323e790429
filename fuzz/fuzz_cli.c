/* fuzz_cli.c - libFuzzer target over every view, through the command
 * line: the bytes are written to a file, which each command then reads
 * as a log (vmprof or folded stacks) and renders with its output going to
 * /dev/null.  This covers what the reader target does not: the
 * transforms and every renderer (text, JSON, CSV, SVG, HTML, exports,
 * diff, symbolize) on whatever profile the reader accepted.  A crash, leak
 * or sanitizer report is a finding; exit statuses are not (a hostile log
 * may be refused).
 *
 * The CLI's main() is compiled as pv_cli_main (fuzz/Makefile).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int pv_cli_main(int argc, char **argv);

static char path[64];

/* one command line per view; "@" stands for the fuzzed log */
static const char *const views[][8] = {
	{ "info", "@" },
	{ "info", "--json", "@" },
	{ "top", "@", "-o", "/dev/null" },
	{ "top", "--csv", "--group-by", "thread", "@", "-o", "/dev/null" },
	{ "top", "--json", "--group-by", "log", "@", "-o", "/dev/null" },
	{ "tree", "@", "-o", "/dev/null" },
	{ "tree", "--json", "@", "-o", "/dev/null" },
	{ "lines", "@", "-o", "/dev/null" },
	{ "export", "--format", "json", "@", "-o", "/dev/null" },
	{ "export", "--format", "speedscope", "@", "-o", "/dev/null" },
	{ "export", "--format", "vmprof-web", "@", "-o", "/dev/null" },
	{ "export", "--format", "pprof", "@", "-o", "/dev/null" },
	{ "export", "--format", "callgrind", "@", "-o", "/dev/null" },
	{ "export", "--format", "chrome-trace", "@", "-o", "/dev/null" },
	{ "peek", "--json", ".", "@", "-o", "/dev/null" },
	{ "peek", ".", "@", "-o", "/dev/null" },
	{ "memory", "--format", "svg", "@", "-o", "/dev/null" },
	{ "memory", "--format", "csv", "@", "-o", "/dev/null" },
	{ "report", "@", "-o", "/dev/null" },
	{ "timeline", "@", "-o", "/dev/null" },
	{ "timeline", "--json", "--top", "3", "@", "-o", "/dev/null" },
	{ "heatmap", "@", "-o", "/dev/null" },
	{ "diff", "@", "@", "-o", "/dev/null" },
	{ "diff", "--markdown", "@", "@", "-o", "/dev/null" },
	{ "flame", "@", "-o", "/dev/null" },
	{ "fold", "@", "-o", "/dev/null" },
	{ "symbolize", "--list", "@", "-o", "/dev/null" },
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FILE *f;

	if (!path[0]) {
		snprintf(path, sizeof(path), "/tmp/fuzz-cli-%ld.prof",
			 (long)getpid());
		/* info and the like write to standard output */
		if (!freopen("/dev/null", "w", stdout))
			abort();
	}
	f = fopen(path, "wb");
	if (!f)
		return 0;
	if (fwrite(data, 1, size, f) != size) {
		fclose(f);
		return 0;
	}
	fclose(f);
	for (size_t v = 0; v < sizeof(views) / sizeof(views[0]); v++) {
		char *argv[10];
		int argc = 0;
		argv[argc++] = (char *)"profview";
		for (int i = 0; i < 8 && views[v][i]; i++)
			argv[argc++] = (char *)(strcmp(views[v][i], "@") ?
						views[v][i] : path);
		argv[argc] = NULL;
		pv_cli_main(argc, argv);
		clearerr(stdout);
	}
	unlink(path);
	return 0;
}
