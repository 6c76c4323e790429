/* load.c - reading the logs a command names into one profile, on every
 * core.
 *
 * Each log is decoded into a profile of its own (by a pool of threads
 * when -j allows more than one), then absorbed into the result strictly in
 * command-line order, and freed.  The result is thus the same profile for
 * any number of jobs, and memory holds the merged tables plus at most a
 * window of 8 x jobs decoded logs; the job slots are a ring of that
 * window, so nothing here grows with the number of logs.  A log's
 * warnings are kept with it and printed when it is absorbed, so stderr
 * keeps command-line order too; the first log (in that order) that fails
 * stops the run with its message.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "reader/pv_reader.h"

struct job {
	const char *path;
	int index;                /* the log's place on the command line */
	struct pv_profile *p;     /* the decoded log, until absorbed */
	int rc;                   /* 0 or an exit status */
	char msg[600];            /* the error line when rc != 0 ... */
	struct pv_error err;      /* ... or the reader's error, when set */
	unsigned threads;         /* threads its reader may use */
	char *warn;               /* warnings, as they will be printed */
	size_t warn_len;
	FILE *warn_f;
	int done;
};

struct pool {
	struct cli *c;
	struct job *jobs;         /* window slots: log i in slot i % window */
	char **files;
	int n;
	int next;                 /* next job to start */
	int absorbed;             /* jobs absorbed so far */
	int window;               /* most jobs decoded ahead of absorbing */
	int stop;
	int idle;                 /* workers waiting for room in the window */
	struct job *waiting;      /* the job the absorbing thread waits for */
	pthread_mutex_t mu;
	pthread_cond_t started;   /* a job may start (room in the window) */
	pthread_cond_t finished;  /* the awaited job finished */
};

/* Warnings of a log decoded by a worker: kept until it is absorbed. */
static void warn_to_job(void *ctx, uint64_t offset, const char *msg)
{
	struct job *j = ctx;

	if (!j->warn_f) {
		j->warn_f = open_memstream(&j->warn, &j->warn_len);
		if (!j->warn_f)
			return;
	}
	if (offset == PV_NO_OFFSET)
		fprintf(j->warn_f, "profview: %s: warning: %s\n", j->path, msg);
	else
		fprintf(j->warn_f, "profview: %s: warning: offset %llu: %s\n",
			j->path, (unsigned long long)offset, msg);
}

static void fail(struct job *j, int rc, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void fail(struct job *j, int rc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(j->msg, sizeof(j->msg), fmt, ap);
	va_end(ap);
	j->rc = rc;
}

/* Decodes one log into j->p (or sets j->rc and j->msg). */
static void decode(const struct cli *c, struct job *j)
{
	struct pv_read_opts ro = { 0 };
	struct pv_error err = { 0 };
	const char *path = j->path;
	uint32_t src;
	int fd, rc;

	ro.path = path;
	ro.threads = j->threads;
	ro.warn.fn = c->quiet ? NULL : warn_to_job;
	ro.warn.ctx = j;
	j->p = pv_profile_new();
	if (!j->p || (!c->needs_order &&
		      pv_profile_set_aggregate(j->p, &err) < 0)) {
		fail(j, PV_EXIT_NOMEM, "out of memory");
		return;
	}
	if (!strcmp(path, "-")) {
		fd = 0;
	} else {
		fd = open(path, O_RDONLY);
		if (fd < 0) {
			fail(j, PV_EXIT_INPUT, "%s: cannot open: %s", path,
			     strerror(errno));
			return;
		}
#ifdef POSIX_FADV_SEQUENTIAL
		posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
	}
	rc = pv_reader_read_fd(j->p, fd, &ro, &src, &err);
	if (fd > 0)
		close(fd);
	if (rc < 0) {
		j->err = err;   /* said and mapped by cli_report */
		j->rc = PV_EXIT_INPUT;
		return;
	}
	if (c->strict && j->p->sources[src].truncated)
		fail(j, PV_EXIT_INPUT, "%s: offset %llu: %s (--strict)", path,
		     (unsigned long long)j->p->sources[src].truncated_offset,
		     j->p->sources[src].damage);
}

static void job_release(struct job *j)
{
	if (j->warn_f)
		fclose(j->warn_f);
	j->warn_f = NULL;
	free(j->warn);
	j->warn = NULL;
	pv_profile_free(j->p);
	j->p = NULL;
}

/* Prints j's warnings and error, absorbs its profile into p.  Returns 0
 * or an exit status. */
static int finish(struct job *j, struct pv_profile *p)
{
	struct pv_error err = { 0 };
	int rc = j->rc;

	if (j->warn_f) {
		fflush(j->warn_f);
		fwrite(j->warn, 1, j->warn_len, stderr);
	}
	if (rc && j->err.code) {
		rc = cli_report(j->path, &j->err);
	} else if (rc) {
		cli_error("%s", j->msg);
	} else {
		struct pv_profile *one = j->p;

		j->p = NULL;   /* pv_profile_absorb frees it in any case */
		if (pv_profile_absorb(p, one, &err) < 0)
			rc = cli_report(j->path, &err);
	}
	job_release(j);
	return rc;
}

/* Sets slot j up for log i of files. */
static void job_init(struct job *j, char **files, int i)
{
	memset(j, 0, sizeof(*j));
	j->path = files[i];
	j->index = i;
}

/* Takes the next job when the window has room for it and slack more:
 * returns it, or NULL.  Called with w->mu held.  Its slot last held log
 * next - window, absorbed and released already (the window's bound). */
static struct job *take(struct pool *w, int slack)
{
	struct job *j;

	if (w->stop || w->next >= w->n ||
	    w->next - w->absorbed >= w->window - slack)
		return NULL;
	j = &w->jobs[w->next % w->window];
	job_init(j, w->files, w->next++);
	return j;
}

/* Decodes j outside the lock and says it is done.  Called with w->mu
 * held; returns with it held. */
static void run_job(struct pool *w, struct job *j)
{
	pthread_mutex_unlock(&w->mu);
	decode(w->c, j);
	pthread_mutex_lock(&w->mu);
	j->done = 1;
	if (w->waiting == j)
		pthread_cond_signal(&w->finished);
}

static void *worker(void *arg)
{
	struct pool *w = arg;

	pthread_mutex_lock(&w->mu);
	while (!w->stop && w->next < w->n) {
		struct job *j = take(w, 0);

		if (j) {
			run_job(w, j);
		} else {
			w->idle++;
			pthread_cond_wait(&w->started, &w->mu);
			w->idle--;
		}
	}
	pthread_mutex_unlock(&w->mu);
	return NULL;
}

/* Threads -j allows (default: the online CPUs). */
static int jobs_wanted(const struct cli *c)
{
	long n = c->jobs;

	if (n <= 0) {
		n = sysconf(_SC_NPROCESSORS_ONLN);
		if (n < 1)
			n = 1;
	}
	return n > INT_MAX ? INT_MAX : (int)n;
}

static int jobs_for(const struct cli *c, int nfiles)
{
	int n = jobs_wanted(c);

	return n < nfiles ? n : nfiles;
}

/* nthr - 1 threads decode, and so does this thread whenever the next log
 * in order is not ready yet; this thread absorbs in order.  Decoding here
 * rather than sleeping keeps exactly nthr threads busy (no more threads
 * than cores, no sleep and wake-up per log). */
static int read_parallel(struct cli *c, char **files, int n, int nthr,
			 struct pv_profile *p)
{
	struct pool w = { .c = c, .files = files, .n = n, .window = 8 * nthr };
	pthread_t *tid = calloc((size_t)nthr, sizeof(*tid));
	struct job *jobs = calloc((size_t)w.window, sizeof(*jobs));
	int started = 0, rc = 0;

	if (!tid || !jobs) {
		free(tid);
		free(jobs);
		return cli_nomem();
	}
	for (int k = 0; k < w.window; k++)
		jobs[k].index = -1;
	w.jobs = jobs;
#ifdef __GLIBC__
	/* Each log's tables are allocated by the thread that decodes it and
	 * freed by this one after absorbing.  glibc would hand the freed
	 * top of a thread's heap back to the kernel and take fresh pages
	 * for the next log (a page fault per 4 KB, 5-10x the faults of one
	 * thread); keep up to 64 MB of it instead, and keep buffers under
	 * 8 MB in the heaps rather than in mappings of their own. */
	mallopt(M_TRIM_THRESHOLD, 64 << 20);
	mallopt(M_MMAP_THRESHOLD, 8 << 20);
#endif
	pthread_mutex_init(&w.mu, NULL);
	pthread_cond_init(&w.started, NULL);
	pthread_cond_init(&w.finished, NULL);
	for (; started < nthr - 1; started++)
		if (pthread_create(&tid[started], NULL, worker, &w))
			break;
	pthread_mutex_lock(&w.mu);
	for (int i = 0; i < n && !rc; i++) {
		struct job *ji = &jobs[i % w.window];

		while (ji->index != i || !ji->done) {
			/* leave the workers room to go on while this
			 * thread decodes: a worker that found the window
			 * full would wait for this decode to end */
			struct job *j = take(&w, 2 * (nthr - 1));
			if (j) {
				run_job(&w, j);
				continue;
			}
			w.waiting = ji;
			pthread_cond_wait(&w.finished, &w.mu);
			w.waiting = NULL;
		}
		pthread_mutex_unlock(&w.mu);
		rc = finish(ji, p);
		pthread_mutex_lock(&w.mu);
		w.absorbed = i + 1;
		if (rc)
			w.stop = 1;
		if (w.idle)
			pthread_cond_broadcast(&w.started);
	}
	w.stop = 1;
	pthread_cond_broadcast(&w.started);
	pthread_mutex_unlock(&w.mu);
	for (int i = 0; i < started; i++)
		pthread_join(tid[i], NULL);
	for (int k = 0; k < w.window; k++)
		job_release(&jobs[k]);   /* logs decoded past a failure */
	pthread_cond_destroy(&w.finished);
	pthread_cond_destroy(&w.started);
	pthread_mutex_destroy(&w.mu);
	free(jobs);
	free(tid);
	return rc;
}

int cli_read_files(struct cli *c, char **files, int nfiles,
		   struct pv_profile **out)
{
	struct pv_profile *p = pv_profile_new();
	struct pv_error err = { 0 };
	int stdin_used = 0, rc = 0, nthr;

	*out = NULL;
	if (c->has_from || c->has_to ||
	    (c->command && (c->command->needs &
			    (CLI_NEED_TIME | CLI_NEED_TIME_IF_ANY))))
		c->needs_order = 1;
	if (p && !c->needs_order && pv_profile_set_aggregate(p, &err) < 0) {
		pv_profile_free(p);
		p = NULL;
	}
	if (!p)
		return cli_nomem();
	if (p->aggregate && c->command &&
	    (c->command->needs & CLI_POOL_THREADS) && !c->needs_threads &&
	    !c->threads.n && !c->group_by)
		p->pool_threads = 1;
	for (int i = 0; i < nfiles; i++) {
		if (!strcmp(files[i], "-") && stdin_used++) {
			pv_profile_free(p);
			return cli_usage_error(c, "standard input named twice");
		}
	}
	nthr = jobs_for(c, nfiles);
	if (nthr <= 1) {
		/* one job at a time: no threads */
		for (int i = 0; i < nfiles && !rc; i++) {
			struct job j;

			job_init(&j, files, i);
			/* one input: its reader may use the threads
			 * (folded stacks: two) */
			if (nfiles == 1)
				j.threads = (unsigned)jobs_wanted(c);
			decode(c, &j);
			rc = finish(&j, p);
		}
	} else {
		rc = read_parallel(c, files, nfiles, nthr, p);
	}
	if (rc) {
		pv_profile_free(p);
		return rc;
	}
	pv_profile_update_weights(p);
	*out = p;
	return 0;
}
