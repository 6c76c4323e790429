/* atomic.c - output files that appear whole or not at all: written to a
 * temporary file beside the target and renamed over it once complete, so
 * a failure never leaves half a log and the target may be an input. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"

FILE *cli_atomic_open(const char *path, char **tmp)
{
	size_t n = strlen(path) + 16;
	mode_t mask;
	FILE *f;
	int fd;

	*tmp = malloc(n);
	if (!*tmp) {
		cli_error("out of memory");
		return NULL;
	}
	snprintf(*tmp, n, "%s.XXXXXX", path);
	fd = mkstemp(*tmp);
	if (fd < 0) {
		cli_error("%s: cannot write: %s", path, strerror(errno));
		free(*tmp);
		*tmp = NULL;
		return NULL;
	}
	mask = umask(0);
	umask(mask);
	if (fchmod(fd, 0666 & ~mask) != 0 || !(f = fdopen(fd, "wb"))) {
		cli_error("%s: cannot write: %s", path, strerror(errno));
		close(fd);
		unlink(*tmp);
		free(*tmp);
		*tmp = NULL;
		return NULL;
	}
	return f;
}

int cli_atomic_close(FILE *f, const char *path, char *tmp, int rc)
{
	if (fflush(f) != 0 || ferror(f)) {
		if (!rc)
			cli_error("%s: write failed", path);
		rc = PV_EXIT_INPUT;
	}
	if (fclose(f) != 0 && !rc) {
		cli_error("%s: write failed", path);
		rc = PV_EXIT_INPUT;
	}
	if (!rc && rename(tmp, path) != 0) {
		cli_error("%s: cannot write: %s", path, strerror(errno));
		rc = PV_EXIT_INPUT;
	}
	if (rc)
		unlink(tmp);
	free(tmp);
	return rc;
}
