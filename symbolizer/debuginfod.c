/* debuginfod.c - debug files by build id from debuginfod servers, through
 * elfutils' libdebuginfod and its cache (DEBUGINFOD_CACHE_PATH).
 *
 * The servers are those of DEBUGINFOD_URLS followed by the caller's own
 * (opts.debuginfod_urls); opts.offline forbids every request.  libdebuginfod
 * (0.188) reads its servers and timeout only from the environment, at each
 * request, so both are set for the length of a request and restored after.
 *
 * A server that is down or slow must not hang a run: curl's connect and
 * low-speed timeouts come from DEBUGINFOD_TIMEOUT (set to our bound when
 * the user has not), and a progress callback, called about once a second,
 * abandons a request that made no progress for that long.  The first
 * failure other than "not found" is one warning, and no request follows
 * in the same run.
 *
 * libdebuginfod is loaded (dlopen) at the first request, not linked: it
 * brings curl and some thirty libraries whose loading was 5 of the 13 ms
 * every profview run took to start, and most runs make no request.  As
 * libdw does, a missing library means no requests (one warning).
 */
#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <elfutils/debuginfod.h>

#include "symbolizer/sym_internal.h"

#define DEFAULT_TIMEOUT 10
#define LIBDEBUGINFOD "libdebuginfod.so.1"

/* The library's functions, once loaded. */
static struct {
	debuginfod_client *(*begin)(void);
	void (*end)(debuginfod_client *);
	void (*set_progressfn)(debuginfod_client *, debuginfod_progressfn_t);
	void (*set_user_data)(debuginfod_client *, void *);
	void *(*get_user_data)(debuginfod_client *);
	int (*find_debuginfo)(debuginfod_client *, const unsigned char *, int,
			      char **);
} dfd;

static const char *load_failed;   /* why the library is not there */

static void load_once(void)
{
	void *lib = dlopen(LIBDEBUGINFOD, RTLD_NOW | RTLD_LOCAL);
	const char *e;

	if (!lib) {
		e = dlerror();
		load_failed = e ? strdup(e) : NULL;
		if (!load_failed)
			load_failed = "cannot load " LIBDEBUGINFOD;
		return;
	}
	/* POSIX's way from a data pointer to a function pointer */
	*(void **)&dfd.begin = dlsym(lib, "debuginfod_begin");
	*(void **)&dfd.end = dlsym(lib, "debuginfod_end");
	*(void **)&dfd.set_progressfn = dlsym(lib, "debuginfod_set_progressfn");
	*(void **)&dfd.set_user_data = dlsym(lib, "debuginfod_set_user_data");
	*(void **)&dfd.get_user_data = dlsym(lib, "debuginfod_get_user_data");
	*(void **)&dfd.find_debuginfo = dlsym(lib, "debuginfod_find_debuginfo");
	if (!dfd.begin || !dfd.end || !dfd.set_progressfn ||
	    !dfd.set_user_data || !dfd.get_user_data || !dfd.find_debuginfo) {
		dlclose(lib);
		load_failed = LIBDEBUGINFOD " lacks a function profview calls";
	}
}

/* Loads the library once per process: 0, or -1 with *why set.  It stays
 * loaded until exit (curl's global state is not meant to be unloaded). */
static int load_library(const char **why)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;

	pthread_once(&once, load_once);
	*why = load_failed;
	return load_failed ? -1 : 0;
}

struct progress {
	struct timespec last;   /* when the byte count last moved */
	long bytes;
	unsigned timeout;
	int stalled;
};

static double since(const struct timespec *t)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t->tv_sec) +
		(double)(now.tv_nsec - t->tv_nsec) / 1e9;
}

/* Called by libdebuginfod about once a second during a request.  Until a
 * server commits to an answer, a is a loop count and b is -1; then a is
 * the bytes received and b the size.  Gives up when no byte arrived for
 * the timeout: from the start of the request until a server answers, from
 * the last byte after. */
static int on_progress(debuginfod_client *c, long a, long b)
{
	struct progress *pr = dfd.get_user_data(c);

	if (!pr)
		return 0;
	if (b > 0 && a != pr->bytes) {
		pr->bytes = a;
		clock_gettime(CLOCK_MONOTONIC, &pr->last);
	}
	if (since(&pr->last) >= pr->timeout) {
		pr->stalled = 1;
		return 1;
	}
	return 0;
}

static unsigned timeout_of(const struct pv_sym *s)
{
	const char *env = getenv(DEBUGINFOD_TIMEOUT_ENV_VAR);
	long t;

	if (s->opts.debuginfod_timeout)
		return s->opts.debuginfod_timeout;
	if (env && (t = atol(env)) > 0 && t < 86400)
		return (unsigned)t;
	return DEFAULT_TIMEOUT;
}

/* Makes the client on first use: 1 ready, -1 no servers, offline, or
 * failed. */
static int setup(struct pv_sym *s)
{
	const char *env = getenv(DEBUGINFOD_URLS_ENV_VAR);
	size_t len = env ? strlen(env) : 0, i;
	const char *why = NULL;
	char *urls, *p;

	if (s->dfd_state)
		return s->dfd_state;
	s->dfd_state = -1;
	if (s->opts.offline)
		return -1;
	for (i = 0; i < s->opts.ndebuginfod_urls; i++)
		len += strlen(s->opts.debuginfod_urls[i]) + 1;
	urls = malloc(len + 1);
	if (!urls)
		return -1;
	p = urls;
	*p = '\0';
	if (env)
		p += sprintf(p, "%s", env);
	for (i = 0; i < s->opts.ndebuginfod_urls; i++)
		p += sprintf(p, "%s%s", p > urls ? " " : "",
			     s->opts.debuginfod_urls[i]);
	if (!urls[strspn(urls, " \t\n")]) {
		free(urls);
		return -1;
	}
	if (load_library(&why) < 0) {
		free(urls);
		pv_warn(&s->opts.warn, PV_NO_OFFSET,
			"debuginfod: %s: no requests", why);
		return -1;
	}
	s->dfd_client = dfd.begin();
	if (!s->dfd_client) {
		free(urls);
		pv_warn(&s->opts.warn, PV_NO_OFFSET,
			"debuginfod: cannot start a client: no requests");
		return -1;
	}
	s->dfd_urls = urls;
	dfd.set_progressfn(s->dfd_client, on_progress);
	s->dfd_state = 1;
	return 1;
}

/* Sets name to value for one request; *saved receives the old value
 * (malloc'ed, or NULL when it was unset). */
static int env_push(const char *name, const char *value, char **saved,
		    int *had)
{
	const char *old = getenv(name);

	*had = old != NULL;
	*saved = old ? strdup(old) : NULL;
	if ((old && !*saved) || setenv(name, value, 1)) {
		free(*saved);
		*saved = NULL;
		return -1;
	}
	return 0;
}

static void env_pop(const char *name, char *saved, int had)
{
	if (had)
		setenv(name, saved, 1);
	else
		unsetenv(name);
	free(saved);
}

int pv_sym__debuginfod_find(struct pv_sym *s, const unsigned char *id,
			    size_t n, char **path)
{
	struct progress pr = { 0 };
	char *saved_urls, *saved_timeout, tbuf[32];
	int had_urls, had_timeout, fd;

	*path = NULL;
	if (!n || n > 64 || setup(s) != 1)
		return -1;
	pr.timeout = timeout_of(s);
	pr.bytes = -1;
	clock_gettime(CLOCK_MONOTONIC, &pr.last);
	snprintf(tbuf, sizeof(tbuf), "%u", pr.timeout);
	if (env_push(DEBUGINFOD_URLS_ENV_VAR, s->dfd_urls, &saved_urls,
		     &had_urls))
		return -1;
	if (env_push(DEBUGINFOD_TIMEOUT_ENV_VAR, tbuf, &saved_timeout,
		     &had_timeout)) {
		env_pop(DEBUGINFOD_URLS_ENV_VAR, saved_urls, had_urls);
		return -1;
	}
	dfd.set_user_data(s->dfd_client, &pr);
	s->stats.debuginfod_requests++;
	fd = dfd.find_debuginfo(s->dfd_client, id, (int)n, path);
	dfd.set_user_data(s->dfd_client, NULL);
	env_pop(DEBUGINFOD_TIMEOUT_ENV_VAR, saved_timeout, had_timeout);
	env_pop(DEBUGINFOD_URLS_ENV_VAR, saved_urls, had_urls);
	if (fd >= 0) {
		s->stats.debuginfod_found++;
		return fd;
	}
	free(*path);
	*path = NULL;
	if (fd == -ENOENT && !pr.stalled)
		return -1;   /* no server has it: not a failure */
	if (pr.stalled)
		pv_warn(&s->opts.warn, PV_NO_OFFSET,
			"debuginfod: no answer from %s within %u s; no more "
			"requests in this run", s->dfd_urls, pr.timeout);
	else
		pv_warn(&s->opts.warn, PV_NO_OFFSET,
			"debuginfod: %s: %s; no more requests in this run",
			s->dfd_urls, strerror(-fd));
	s->dfd_state = -1;
	return -1;
}

void pv_sym__debuginfod_end(struct pv_sym *s)
{
	if (s->dfd_client)
		dfd.end(s->dfd_client);
	s->dfd_client = NULL;
	free(s->dfd_urls);
	s->dfd_urls = NULL;
}
