/* bench_symbolize.c - symbolizer throughput against GNU addr2line and
 * llvm-symbolizer on the same random .text addresses, in the same run.
 *
 *   bench_symbolize BIN [N [SEED]]   time N addresses (default 100000)
 *   bench_symbolize --resolve BIN    read hex addresses (module offsets) on
 *                                    stdin, print llvm-symbolizer's layout
 *
 * Our figure includes opening and indexing BIN: every tool starts cold.
 */
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <gelf.h>

#include "symbolizer/pv_symbolizer.h"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* CPU seconds of this process (self) or of its waited-for children. */
static double cpu(int children)
{
	struct rusage ru;

	getrusage(children ? RUSAGE_CHILDREN : RUSAGE_SELF, &ru);
	return (double)ru.ru_utime.tv_sec + (double)ru.ru_stime.tv_sec +
	       ((double)ru.ru_utime.tv_usec + (double)ru.ru_stime.tv_usec) / 1e6;
}

struct rate {
	double wall, cpu;   /* addresses per second; < 0: tool failed */
};

static void print_rate(const char *name, struct rate r)
{
	if (r.wall < 0)
		printf("  %-16s (not available)\n", name);
	else
		printf("  %-16s %10.0f addresses/s wall, %10.0f per CPU "
		       "second\n", name, r.wall, r.cpu);
}

static void print_chain(uint64_t addr, const struct pv_sym_frame *f, int n)
{
	int i;

	printf("0x%" PRIx64 "\n", addr);
	if (n <= 0)
		printf("??\n??:0:0\n");
	for (i = n - 1; i >= 0; i--)
		printf("%s\n%s:%" PRIu32 ":%" PRIu32 "\n", f[i].name,
		       f[i].file[0] ? f[i].file : "??", f[i].line,
		       f[i].column);
	printf("\n");
}

static int resolve_stdin(const char *bin)
{
	struct pv_error err = { 0 };
	struct pv_sym *s;
	char line[256];

	if (pv_sym_new(&s, NULL, &err) ||
	    pv_sym_add_module(s, bin, PV_SYM_LINK_ADDR, &err)) {
		fprintf(stderr, "bench_symbolize: %s\n", err.msg);
		return 1;
	}
	while (fgets(line, sizeof(line), stdin)) {
		const struct pv_sym_frame *f;
		uint64_t a = strtoull(line, NULL, 16);
		int n = pv_sym_lookup(s, a, &f, NULL, NULL);

		print_chain(a, f, n);
	}
	pv_sym_free(s);
	return 0;
}

/* [lo, hi) of .text, read with libelf like the symbolizer itself. */
static int text_bounds(const char *bin, uint64_t *lo, uint64_t *hi)
{
	int fd = open(bin, O_RDONLY);
	Elf *e;
	Elf_Scn *scn = NULL;
	size_t shstrndx;
	int rc = -1;

	if (fd < 0)
		return -1;
	elf_version(EV_CURRENT);
	e = elf_begin(fd, ELF_C_READ, NULL);
	if (e && !elf_getshdrstrndx(e, &shstrndx)) {
		while ((scn = elf_nextscn(e, scn))) {
			GElf_Shdr sh;
			const char *name;

			if (!gelf_getshdr(scn, &sh))
				continue;
			name = elf_strptr(e, shstrndx, sh.sh_name);
			if (name && !strcmp(name, ".text")) {
				*lo = sh.sh_addr;
				*hi = sh.sh_addr + sh.sh_size;
				rc = 0;
			}
		}
	}
	elf_end(e);
	close(fd);
	return rc;
}

static struct rate time_tool(const char *cmd, size_t n)
{
	double t0 = now(), c0 = cpu(1);
	int rc = system(cmd);
	struct rate r = { -1, -1 };

	if (rc == 0) {
		r.wall = (double)n / (now() - t0);
		r.cpu = (double)n / (cpu(1) - c0);
	}
	return r;
}

int main(int argc, char **argv)
{
	const char *bin;
	size_t n = 100000, i;
	unsigned seed = 1;
	uint64_t lo = 0, hi = 0, *addrs;
	char path[] = "/tmp/pv-bench-XXXXXX";
	char cmd[1024];
	struct pv_error err = { 0 };
	struct pv_sym *s;
	double t0, c0;
	struct rate ours, a2l, llvm;
	uint64_t resolved = 0, inl = 0;
	FILE *f;
	int fd;

	if (argc >= 3 && !strcmp(argv[1], "--resolve"))
		return resolve_stdin(argv[2]);
	if (argc < 2) {
		fprintf(stderr, "usage: bench_symbolize BIN [N [SEED]]\n"
			"       bench_symbolize --resolve BIN < addresses\n");
		return 2;
	}
	bin = argv[1];
	if (argc > 2)
		n = strtoull(argv[2], NULL, 10);
	if (argc > 3)
		seed = (unsigned)strtoul(argv[3], NULL, 10);
	if (text_bounds(bin, &lo, &hi) || hi <= lo || !n) {
		fprintf(stderr, "bench_symbolize: no .text in '%s'\n", bin);
		return 1;
	}
	addrs = malloc(n * sizeof(*addrs));
	fd = mkstemp(path);
	f = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (!addrs || !f) {
		fprintf(stderr, "bench_symbolize: cannot set up\n");
		return 1;
	}
	srandom(seed);
	for (i = 0; i < n; i++) {
		uint64_t r = (uint64_t)random() << 31 ^ (uint64_t)random();

		addrs[i] = lo + r % (hi - lo);
		fprintf(f, "0x%" PRIx64 "\n", addrs[i]);
	}
	fclose(f);

	t0 = now();
	c0 = cpu(0);
	if (pv_sym_new(&s, NULL, &err) ||
	    pv_sym_add_module(s, bin, PV_SYM_LINK_ADDR, &err)) {
		fprintf(stderr, "bench_symbolize: %s\n", err.msg);
		return 1;
	}
	for (i = 0; i < n; i++) {
		const struct pv_sym_frame *fr;
		int k = pv_sym_lookup(s, addrs[i], &fr, NULL, NULL);

		resolved += k > 0;
		inl += k > 1;
	}
	pv_sym_free(s);
	ours.wall = (double)n / (now() - t0);
	ours.cpu = (double)n / (cpu(0) - c0);

	snprintf(cmd, sizeof(cmd), "addr2line -i -f -C -e '%s' < %s > /dev/null",
		 bin, path);
	a2l = time_tool(cmd, n);
	snprintf(cmd, sizeof(cmd),
		 "{ command -v llvm-symbolizer >/dev/null && L=llvm-symbolizer"
		 " || L=llvm-symbolizer-14; } && "
		 "$L --inlines --obj='%s' < %s > /dev/null", bin, path);
	llvm = time_tool(cmd, n);
	unlink(path);
	free(addrs);

	printf("symbolize %s: %zu random .text addresses "
	       "(%" PRIu64 " resolved, %" PRIu64 " with inline frames)\n",
	       bin, n, resolved, inl);
	print_rate("profview", ours);
	print_rate("addr2line -i", a2l);
	print_rate("llvm-symbolizer", llvm);
	return 0;
}
