/* cmd_merge.c - `profview merge`: many logs in, one vmprof log out.
 *
 * The logs are read into one profile (filters and native symbols applied
 * as for any view), then render/'s log writer writes it as an aggregate:
 * one record per distinct stack and thread with its count.
 */
#include "cli/cli.h"
#include "cli/commands.h"
#include "render/pv_vmlog.h"

const char cmd_merge_usage[] =
	"usage: profview merge [OPTIONS] LOG... -o OUT\n"
	"Writes one vmprof log holding what the LOGs hold: one sample record\n"
	"per distinct stack and thread id with its count in the record's count\n"
	"word, the names those stacks use, and the header and meta every LOG\n"
	"shares.  Every view reads OUT with the figures it shows for the LOGs\n"
	"together.  Filters and native-symbol options apply before writing.\n"
	"The output does not depend on the order or grouping of the LOGs, so\n"
	"merged logs merge again (profview merge a b c == merge (merge a b) c).\n"
	"OUT is an aggregate: it has no sample times and no memory curve.\n"
	"Logs of different word sizes, byte orders, interpreters or stack\n"
	"layouts stop the merge (exit status 2); different periods are\n"
	"weighted by period.  Without -o the log goes to standard output,\n"
	"unless that is a terminal.\n"
	"  --expand              one record of count 1 per sample (for vmprof's\n"
	"                        own reader, which accepts no other count)\n";

enum { M_EXPAND = 2200 };

static const struct option merge_opts[] = {
	{ "expand", no_argument, NULL, M_EXPAND },
	{ NULL, 0, NULL, 0 }
};

static int parse(void *ctx, struct cli *c, int opt, const char *arg)
{
	struct pv_vmlog_opts *o = ctx;

	(void)arg;
	if (opt != M_EXPAND)
		return cli_usage_error(c, "unknown option");
	o->expand = 1;
	return 0;
}

/* Writes p as an aggregate log to the command's output. */
int cli_write_vmlog(struct cli *c, const struct pv_profile *p,
		    const struct pv_vmlog_opts *o)
{
	struct pv_error err = { 0 };
	FILE *out = cli_open_output(c, "wb");
	int rc = 0;

	if (!out)
		return cli_close_output(c, NULL);
	if (pv_vmlog_write_profile(out, p, o, &err) < 0 &&
	    !cli_output_failed(out)) {
		cli_error("%s", err.msg);
		rc = err.code == PV_EUSAGE ? PV_EXIT_USAGE : PV_EXIT_INPUT;
	} else if (err.code) {
		rc = PV_EXIT_INPUT;   /* the write failed: said below */
	}
	return cli_finish_output(c, out, rc);
}

int cmd_merge(int argc, char **argv)
{
	struct pv_vmlog_opts mo = { 0 };
	struct cmd_opts o = { .opts = merge_opts, .parse = parse, .ctx = &mo,
			      .groups = OPT_OUTPUT | OPT_FILTERS |
					OPT_SYMBOLS };
	struct pv_profile *p = NULL;
	struct cli c;
	int rc = cli_parse(&c, argc, argv, &o);

	if (rc >= 0)
		goto done;
	rc = cli_load(&c, &p);
	if (!rc)
		rc = cli_write_vmlog(&c, p, &mo);
done:
	pv_profile_free(p);
	cli_release(&c);
	return rc;
}
