/* symbolize.c - turns the native-symbol options into a symbolizer run
 * over the loaded profile. */
#include "cli/cli.h"

int cli_symbolize(struct cli *c, struct pv_profile *p)
{
	(void)p;
	if (c->maps || c->modules.n)
		cli_error("warning: native symbolization is not available in this build");
	return 0;
}
