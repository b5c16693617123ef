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

#include "tidtam/progress.h"

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
	int wait_seconds;          /* --wait: for the run lock held by another run (default 60) */
	int jobs;                  /* -j, --jobs: worker processes (0: not given; cmd_jobs()) */
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
int cmd_export(int argc, char **argv);

/*
 * Parse the options every stage takes.  usage is the program's help, from
 * its manual page (build/help/<program>.h): printed whole for --help, its
 * synopsis after a usage error.  Returns -1 to go on, or the exit status
 * to end with (0 after --help/--version, EXIT_USAGE).
 */
int cmd_parse_options(int argc, char **argv, const char *usage,
		      struct cmd_options *opt);

/*
 * A program's own long options: each with val >= CMD_OPT_FIRST, handed to
 * handle(), which returns 0, or -1 after printing why the value is wrong.
 * CMD_OPT_JOBS among them, the program takes -j N and --jobs N, parsed
 * into opt->jobs here.
 */
#define CMD_OPT_FIRST 256
#define CMD_OPT_JOBS { "jobs", required_argument, NULL, 'j' }
struct option;
struct cmd_extra {
	const struct option *longopts;  /* ends with a zero entry; at most 31 */
	int (*handle)(int val, const char *arg, void *data);
	void *data;
	int max_args;                   /* operands allowed (opt->args), 0 for none */
};

int cmd_parse_options_ex(int argc, char **argv, const char *usage,
			 struct cmd_options *opt, const struct cmd_extra *extra);

/*
 * The worker processes a stage is to use: -j as given; else one when the
 * crash or fault hooks of the tests are set (step.h: their steps are
 * counted in one process, in one order), else the processors on line.
 * A stage run by `tidtam run` takes -j/--jobs whether it uses it or not,
 * as the run hands every stage its options.
 */
int cmd_jobs(const struct cmd_options *opt);

/*
 * After a usage error: the synopsis of usage (its lines before the first
 * blank one) to stderr, and where the options are told.
 */
void cmd_usage_error(const char *usage);

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

/*
 * One run at a time, and its log.  A program that writes calls
 * cmd_begin() after parsing its options and before opening the database,
 * and cmd_end() with its exit status once done with it, whatever happens
 * in between.  The first cmd_begin() of the process takes the run lock of
 * opt->output_dir (runlock.h: waiting up to --wait seconds for another
 * run, then refusing with a message naming it) and opens the run's log
 * (runlog.h); a cmd_begin() inside it (a stage of `tidtam run`) only
 * writes its start line, as the lock may be taken once per process.  The
 * last cmd_end() closes the log and releases the lock.  argc/argv are the
 * program's, recorded in the lock file as the command under way.
 *
 * cmd_begin() returns -1 to go on, or EXIT_SYSTEM after printing why
 * (another run under way, or the lock or log could not be made); then
 * cmd_end() is not called.  cmd_end() logs "STAGE: end, exit RC: summary"
 * (summary may be NULL) and returns rc.
 */
int cmd_begin(const char *prog, const char *stage, const struct cmd_options *opt,
	      int argc, char **argv);
int cmd_end(const char *stage, int rc, const char *summary);

/*
 * A line of the run's log, "YYYY-MM-DDTHH:MM:SSZ text", also on stderr
 * with -v.  Nothing outside cmd_begin() ... cmd_end().
 */
void cmd_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * A stage's progress: a line on stdout updated in place (count, total if
 * known, rate), at most five times a second and only after the first
 * moments, when stdout is a terminal and -q is not given; cleared by
 * cmd_progress_end(), which also logs the items refused, a line per input
 * file ("validate: 'a.csv': 2 submissions rejected").  what is the item's
 * name in the singular ("file", "submission", "report").  Hand &p->hook to
 * the library.
 */
struct cmd_progress {
	struct tt_progress hook;
	const char *stage, *what;
	int draw;                 /* on a terminal, not -q */
	int drawn;                /* a line is on the screen */
	int every_item;           /* drawn at each item (tests: TIDTAM_TEST_PROGRESS_NOW) */
	double start, last;       /* monotonic seconds */
	char **refused;           /* input files of refused items, one per item */
	size_t nr_refused, alloc_refused;
};

void cmd_progress_init(struct cmd_progress *p, const char *stage, const char *what,
		       const struct cmd_options *opt);
void cmd_progress_end(struct cmd_progress *p);

/* Take the progress line off the screen, before a message on stderr. */
void cmd_progress_clear(void);

#endif
