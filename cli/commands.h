/* commands.h - private to cli/: every command's table entry (defined in
 * cli/cmd_NAME.c, listed in cli_commands[] in cli/main.c). */
#ifndef PV_COMMANDS_H
#define PV_COMMANDS_H

#include "cli/cli.h"

extern const struct cli_command cmd_info;
extern const struct cli_command cmd_top;
extern const struct cli_command cmd_tree;
extern const struct cli_command cmd_lines;
extern const struct cli_command cmd_export;
extern const struct cli_command cmd_memory;
extern const struct cli_command cmd_report;
extern const struct cli_command cmd_diff;
extern const struct cli_command cmd_flame;
extern const struct cli_command cmd_symbolize;
extern const struct cli_command cmd_fold;
extern const struct cli_command cmd_help;

#endif
