/* readfile.c - small side files a command reads whole (--maps, lines'
 * source files): regular files only, up to a size cap. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"

int cli_read_small_file(const char *path, size_t cap, char **out,
			size_t *len, const char **why)
{
	struct stat st;
	size_t n = 0, alloc = 0;
	char *buf = NULL;
	int fd;

	*out = NULL;
	*len = 0;
	/* O_NONBLOCK: a FIFO is refused below instead of waiting here for
	 * a writer */
	fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY);
	if (fd < 0) {
		*why = NULL;   /* errno says why */
		return -1;
	}
	if (fstat(fd, &st) != 0) {
		*why = NULL;
		goto fail;
	}
	if (!S_ISREG(st.st_mode)) {
		*why = S_ISDIR(st.st_mode) ? "is a directory" :
		       "not a regular file (a device, FIFO or socket is not "
		       "read)";
		goto fail;
	}
	/* the size is not trusted (files in /proc say 0): read up to cap,
	 * and one byte more to see whether there is more */
	for (;;) {
		ssize_t got;
		if (n == alloc) {
			size_t na = alloc ? alloc * 2 : 65536;
			char *nb;
			if (na > cap + 1)
				na = cap + 1;
			if (na <= alloc) {
				*why = "too large";
				goto fail;
			}
			nb = realloc(buf, na + 1);
			if (!nb) {
				errno = ENOMEM;
				*why = NULL;
				goto fail;
			}
			buf = nb;
			alloc = na;
		}
		got = read(fd, buf + n, alloc - n);
		if (got < 0) {
			if (errno == EINTR)
				continue;
			*why = NULL;
			goto fail;
		}
		if (!got)
			break;
		n += (size_t)got;
		if (n > cap) {
			*why = "too large";
			goto fail;
		}
	}
	close(fd);
	if (!buf && !(buf = malloc(1))) {
		errno = ENOMEM;
		*why = NULL;
		return -1;
	}
	buf[n] = '\0';
	*out = buf;
	*len = n;
	return 0;
fail:
	{
		int e = errno;
		free(buf);
		close(fd);
		errno = e;
	}
	return -1;
}
