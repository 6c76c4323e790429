/* commands.h - private to cli/: every command's table entry (defined in
 * cli/cmd_NAME.c, listed in cli_commands[] in cli/main.c). */
#ifndef PV_COMMANDS_H
#define PV_COMMANDS_H

#include "cli/cli.h"

extern const struct cli_command cmd_info;
extern const struct cli_command cmd_top;
extern const struct cli_command cmd_tree;
extern const struct cli_command cmd_peek;
extern const struct cli_command cmd_lines;
extern const struct cli_command cmd_export;
extern const struct cli_command cmd_memory;
extern const struct cli_command cmd_timeline;
extern const struct cli_command cmd_heatmap;
extern const struct cli_command cmd_report;
extern const struct cli_command cmd_diff;
extern const struct cli_command cmd_flame;
extern const struct cli_command cmd_symbolize;
extern const struct cli_command cmd_fold;
extern const struct cli_command cmd_merge;
extern const struct cli_command cmd_help;


/* timeline and heatmap share their arguments, parser, view and format
 * choice (cli/cmd_timeline.c); their option ids: */
#include "render/pv_timeline.h"

enum time_opt { O_TL_TOP = 1, O_TL_BUCKET, O_TL_FORMAT, O_TL_WIDTH,
		O_TL_TITLE, O_TL_COLORS, O_TL_ROWS };
enum time_fmt { TF_NONE, TF_SVG, TF_PNG, TF_PDF };

struct time_args {
	enum time_fmt fmt;
	int heatmap;
	struct pv_timeline_opts tl;
	struct pv_heatmap_opts hm;
};

int cli_time_parse(void *args, struct cli *c, int opt, const char *arg);
int cli_time_view(struct cli *c, void *args, struct pv_profile *p,
		  FILE *out, struct pv_error *err);
int cli_time_binary(const void *args, const struct cli *c);
const struct cli_outputs *cli_time_outputs(const void *args,
					   const struct cli *c);

#endif
