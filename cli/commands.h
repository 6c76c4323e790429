/* commands.h - private to cli/: every command's entry point and usage
 * text, one pair per command (cli/cmd_NAME.c defines them). */
#ifndef PV_COMMANDS_H
#define PV_COMMANDS_H

int cmd_info(int argc, char **argv);
extern const char cmd_info_usage[];

int cmd_top(int argc, char **argv);
extern const char cmd_top_usage[];

int cmd_tree(int argc, char **argv);
extern const char cmd_tree_usage[];

int cmd_lines(int argc, char **argv);
extern const char cmd_lines_usage[];

int cmd_export(int argc, char **argv);
extern const char cmd_export_usage[];
int cmd_memory(int argc, char **argv);
extern const char cmd_memory_usage[];

int cmd_timeline(int argc, char **argv);
extern const char cmd_timeline_usage[];
int cmd_heatmap(int argc, char **argv);
extern const char cmd_heatmap_usage[];
/* The run both share; opts is the command's own option table, with
 * ids from enum time_opt. */
enum time_opt { O_TL_TOP = 2000, O_TL_BUCKET, O_TL_FORMAT, O_TL_WIDTH,
		O_TL_TITLE, O_TL_COLORS, O_TL_ROWS };
struct option;
int cli_time_view(int argc, char **argv, const struct option *opts,
		  int heatmap);

int cmd_report(int argc, char **argv);
extern const char cmd_report_usage[];

int cmd_diff(int argc, char **argv);
extern const char cmd_diff_usage[];

int cmd_flame(int argc, char **argv);
extern const char cmd_flame_usage[];

int cmd_fold(int argc, char **argv);
extern const char cmd_fold_usage[];

int cmd_symbolize(int argc, char **argv);
extern const char cmd_symbolize_usage[];

int cmd_help(int argc, char **argv);

#endif
