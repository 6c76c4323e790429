/* readfile.c - small side files a command reads whole (--maps, lines'
 * source files): regular files only, up to a size cap. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "profile/pv_buf.h"

int cli_read_small_file(const char *path, size_t cap, char **out,
			size_t *len, const char **why)
{
	struct stat st;
	struct pv_buf b;
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
	/* one byte over the cap tells a file that is too large */
	pv_buf_init(&b, cap < PV_BUF_NOLIMIT ? cap + 1 : cap);
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
		size_t room = b.alloc ? b.alloc - b.len - 1 : 0;

		if (!room) {
			size_t want = b.len ? b.len : 65536;
			if (want > b.max - b.len)
				want = b.max - b.len;
			if (!want) {
				*why = "too large";
				goto fail;
			}
			if (pv_buf_reserve(&b, want)) {
				errno = ENOMEM;
				*why = NULL;
				goto fail;
			}
			room = b.alloc - b.len - 1;
		}
		got = read(fd, b.data + b.len, room);
		if (got < 0) {
			if (errno == EINTR)
				continue;
			*why = NULL;
			goto fail;
		}
		if (!got)
			break;
		pv_buf_setlen(&b, b.len + (size_t)got);
		if (b.len > cap) {
			*why = "too large";
			goto fail;
		}
	}
	close(fd);
	if (pv_buf_reserve(&b, 0)) {   /* an empty file is "" too */
		errno = ENOMEM;
		*why = NULL;
		return -1;
	}
	*out = pv_buf_detach(&b, len);
	return 0;
fail:
	{
		int e = errno;
		pv_buf_release(&b);
		close(fd);
		errno = e;
	}
	return -1;
}
