/* pv_error.h - the one error convention of profview.
 *
 * A function that can fail returns int (0, or a negative PV_E* code) and
 * takes `struct pv_error *err` last.  Whoever detects the problem writes the
 * message; layers above pass it on unchanged; only cli/ adds the file name.
 */
#ifndef PV_ERROR_H
#define PV_ERROR_H

#include <stdint.h>

enum pv_status {
	PV_OK = 0,
	PV_ERR = -1,       /* generic failure */
	PV_ENOMEM = -2,    /* allocation failed */
	PV_EFORMAT = -3,   /* malformed input */
	PV_EIO = -4,       /* read or write failed */
	PV_ENOTFOUND = -5, /* a thing asked for does not exist */
	PV_ELIMIT = -6,    /* input exceeds a configured limit */
	PV_EUSAGE = -7,    /* the caller asked for something meaningless */
	PV_EWRITE = -8     /* the output could not be written */
};

#define PV_NO_OFFSET UINT64_MAX

struct pv_error {
	enum pv_status code;
	uint64_t offset;   /* byte offset in the input, or PV_NO_OFFSET */
	char msg[240];
};

/* Fills *err (err may be NULL) and returns code, so callers can write
 * `return pv_error_set(err, PV_EFORMAT, off, "...")`. */
int pv_error_set(struct pv_error *err, enum pv_status code, uint64_t offset,
		 const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Propagate a failure unchanged. */
#define PV_TRY(expr) \
	do { int pv_rc_ = (expr); if (pv_rc_ < 0) return pv_rc_; } while (0)

/* Warnings: library code never prints.  Anything it drops or guesses is
 * reported through this sink (cli/ prints "profview: FILE: offset N: msg",
 * or without the offset when it is PV_NO_OFFSET).  A NULL sink ignores. */
typedef void (*pv_warn_fn)(void *ctx, uint64_t offset, const char *msg);
struct pv_warner {
	pv_warn_fn fn;
	void *ctx;
};
void pv_warn(const struct pv_warner *w, uint64_t offset, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
