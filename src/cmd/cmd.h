/*
 * cmd.h - the programs' entry points and what they share.
 *
 * Each stage is cmd_<stage>(argc, argv) in src/cmd/<stage>.c; the stand-alone
 * program tidtam-<stage> and the driver `tidtam <stage>` call the same one.
 * Exit status: 0 ok, 1 some input rejected, 2 usage, 3 system failure.
 */
#ifndef TIDTAM_CMD_H
#define TIDTAM_CMD_H

#include <sqlite3.h>

struct tt_error;

enum { EXIT_REJECTED = 1, EXIT_USAGE = 2, EXIT_SYSTEM = 3 };

struct cmd_options {
	const char *input_dir;     /* -i, default "input" */
	const char *output_dir;    /* -o, default "output" */
	const char *templates_dir; /* -t, default "templates" or the installed copy */
	int quiet;                 /* -q */
	int verbose;               /* -v */
	int settle_seconds;        /* -s, --settle: ingest leaves newer files (default 5) */
	int english;               /* -l, --lang en: receipts in English (default th) */
	char **args;               /* operands after the options, if the program takes any */
	int nr_args;
};

int cmd_ingest(int argc, char **argv);
int cmd_validate(int argc, char **argv);
int cmd_aggregate(int argc, char **argv);
int cmd_render(int argc, char **argv);
int cmd_forms(int argc, char **argv);
int cmd_approve(int argc, char **argv);
int cmd_reopen(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_status(int argc, char **argv);

/*
 * Parse the options every stage takes.  usage is the synopsis printed for
 * --help and after a usage error.  Returns -1 to go on, or the exit status
 * to end with (0 after --help/--version, EXIT_USAGE).
 */
int cmd_parse_options(int argc, char **argv, const char *usage,
		      struct cmd_options *opt);

/*
 * A program's own long options: each with val >= CMD_OPT_FIRST, handed to
 * handle(), which returns 0, or -1 after printing why the value is wrong.
 */
#define CMD_OPT_FIRST 256
struct option;
struct cmd_extra {
	const struct option *longopts;  /* ends with a zero entry; at most 31 */
	int (*handle)(int val, const char *arg, void *data);
	void *data;
	int max_args;                   /* operands allowed (opt->args), 0 for none */
};

int cmd_parse_options_ex(int argc, char **argv, const char *usage,
			 struct cmd_options *opt, const struct cmd_extra *extra);

/* Open output_dir/tidtam.db (creating output_dir); prints and returns NULL on failure. */
sqlite3 *cmd_open_db(const char *prog, const struct cmd_options *opt);

/*
 * Open output_dir/tidtam.db only to read it (db_open_readonly(): never
 * created or changed); prints why and returns NULL when there is none or
 * it cannot be opened.
 */
sqlite3 *cmd_open_db_readonly(const char *prog, const struct cmd_options *opt);

/* Print "prog: error: message" with its location to stderr. */
void cmd_error(const char *prog, const struct tt_error *err);

#endif
