/*
 * common.c - option parsing and database opening shared by every program,
 * the run lock and log of the programs that write, and progress lines.
 *
 * The run under way in this process (its lock and its log) is the one
 * piece of state kept here, in `session`: the library keeps none, and a
 * stage run inside `tidtam run` must find the lock its driver took, since
 * taking it again in the same process would wait for itself.
 */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "datadir.h"
#include "tidtam/db.h"
#include "tidtam/error.h"
#include "tidtam/period.h"
#include "tidtam/runlock.h"
#include "tidtam/runlog.h"
#include "tidtam/step.h"
#include "tidtam/util.h"
#include "tidtam/workers.h"
#include "tidtam/banned.h"

/* 1 if dir holds the data tidtam reads: schema/ and reports/. */
static int is_data_dir(const char *dir)
{
	struct strbuf path;
	struct stat st;
	int yes;

	strbuf_init(&path);
	strbuf_addf(&path, "%s/schema/framework.xsd", dir);
	yes = !stat(path.buf, &st) && S_ISREG(st.st_mode);
	strbuf_reset(&path);
	strbuf_addf(&path, "%s/reports", dir);
	yes = yes && !stat(path.buf, &st) && S_ISDIR(st.st_mode);
	strbuf_release(&path);
	return yes;
}

/*
 * The folder holding this program's file, from /proc/self/exe (symbolic
 * links resolved), into dir.  0, or -1 when the system does not say.
 */
static int program_dir(struct strbuf *dir)
{
	size_t size = 256;
	char *buf = NULL, *slash;
	ssize_t n;
	int rc = -1;

	for (;;) {
		buf = xrealloc(buf, size);
		n = readlink("/proc/self/exe", buf, size);
		if (n < 0)
			goto out;
		if ((size_t)n < size)
			break;
		size *= 2;
	}
	buf[n] = '\0';
	if (!(slash = strrchr(buf, '/')))
		goto out;
	strbuf_add(dir, buf, (size_t)(slash - buf));
	rc = 0;
out:
	free(buf);
	return rc;
}

/*
 * Where the templates and schemas are when -t does not say, found once per
 * process, as git finds its runtime prefix:
 *
 *   - a program built in its source tree (templates/ beside it) reads
 *     templates/ of the current folder if there is one, else its tree's;
 *   - an installed program reads share/tidtam beside its own bin/ folder,
 *     so that an installed tree works wherever it is put (PREFIX, DESTDIR);
 *   - else the folder named at build time (DATADIR of the Makefile).
 *
 * The string lives until the program ends.
 */
static const char *default_templates(void)
{
	static char *found;
	struct strbuf bin, dir;
	const char *up;

	if (found)
		return found;
	strbuf_init(&bin);
	strbuf_init(&dir);
	if (!program_dir(&bin)) {
		strbuf_addf(&dir, "%s/templates", bin.buf);
		if (is_data_dir(dir.buf)) {
			found = is_data_dir("templates") ? xstrdup("templates")
							  : strbuf_detach(&dir);
			goto out;
		}
		strbuf_reset(&dir);
		up = strrchr(bin.buf, '/');
		strbuf_add(&dir, bin.buf, up ? (size_t)(up - bin.buf) : 0);
		strbuf_addstr(&dir, "/share/tidtam");
		if (is_data_dir(dir.buf)) {
			found = strbuf_detach(&dir);
			goto out;
		}
	}
	found = xstrdup(TT_DATADIR);
out:
	strbuf_release(&bin);
	strbuf_release(&dir);
	return found;
}

/* An option's seconds (0 to a day) into *out; -1 after saying why not. */
static int parse_seconds(const char *prog, const char *name, const char *arg, int *out)
{
	long v;

	if (tt_parse_long(arg, &v) || v < 0 || v > 86400) {
		fprintf(stderr, "%s: %s takes seconds (0-86400), not '%s'\n", prog, name, arg);
		return -1;
	}
	*out = (int)v;
	return 0;
}

static int in_run(void);

/* -j's number of processes (1-256) into *out; -1 after saying why not. */
static int parse_jobs(const char *prog, const char *arg, int *out)
{
	long v;

	if (tt_parse_long(arg, &v) || v < 1 || v > 256) {
		fprintf(stderr, "%s: --jobs takes a number of processes (1-256), not '%s'\n",
			prog, arg);
		return -1;
	}
	*out = (int)v;
	return 0;
}

int cmd_jobs(const struct cmd_options *opt)
{
	if (opt->jobs > 0)
		return opt->jobs;
	if (step_steps_wanted() || step_faults_wanted())
		return 1;
	return workers_processors();
}

int cmd_parse_options(int argc, char **argv, const char *usage,
		      struct cmd_options *opt)
{
	return cmd_parse_options_ex(argc, argv, usage, opt, NULL);
}

int cmd_parse_options_ex(int argc, char **argv, const char *usage,
			 struct cmd_options *opt, const struct cmd_extra *extra)
{
	static const struct option common[] = {
		{ "input", required_argument, NULL, 'i' },
		{ "output", required_argument, NULL, 'o' },
		{ "templates", required_argument, NULL, 't' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ "settle", required_argument, NULL, 's' },
		{ "lang", required_argument, NULL, 'l' },
		{ "wait", required_argument, NULL, 'w' },
	};
	static const struct option jobs = CMD_OPT_JOBS;
	struct option longopts[sizeof(common) / sizeof(common[0]) + 33];
	size_t n = sizeof(common) / sizeof(common[0]), i;
	int c, takes_jobs = 0;

	memcpy(longopts, common, sizeof(common));
	for (i = 0; extra && extra->longopts[i].name && n + 1 < sizeof(longopts) / sizeof(longopts[0]); i++) {
		longopts[n++] = extra->longopts[i];
		takes_jobs |= extra->longopts[i].val == 'j';
	}
	/* in a run, every stage takes the run's -j */
	if (!takes_jobs && in_run()) {
		longopts[n++] = jobs;
		takes_jobs = 1;
	}
	memset(&longopts[n], 0, sizeof(longopts[n]));

	opt->input_dir = "input";
	opt->output_dir = "output";
	opt->templates_dir = default_templates();
	opt->quiet = 0;
	opt->verbose = 0;
	opt->settle_seconds = 5;
	opt->english = 0;
	opt->wait_seconds = 60;
	opt->jobs = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, takes_jobs ? "i:o:t:qvhVs:l:j:" : "i:o:t:qvhVs:l:",
				longopts, NULL)) != -1) {
		switch (c) {
		case 'j':
			if (parse_jobs(argv[0], optarg, &opt->jobs))
				return EXIT_USAGE;
			break;
		case 's':
			if (parse_seconds(argv[0], "--settle", optarg, &opt->settle_seconds))
				return EXIT_USAGE;
			break;
		case 'w':
			if (parse_seconds(argv[0], "--wait", optarg, &opt->wait_seconds))
				return EXIT_USAGE;
			break;
		case 'l':
			if (strcmp(optarg, "th") && strcmp(optarg, "en")) {
				fprintf(stderr, "%s: --lang is 'th' or 'en', not '%s'\n", argv[0],
					optarg);
				return EXIT_USAGE;
			}
			opt->english = !strcmp(optarg, "en");
			break;
		case 'i':
			opt->input_dir = optarg;
			break;
		case 'o':
			opt->output_dir = optarg;
			break;
		case 't':
			opt->templates_dir = optarg;
			break;
		case 'q':
			opt->quiet = 1;
			break;
		case 'v':
			opt->verbose = 1;
			break;
		case 'h':
			fputs(usage, stdout);
			return 0;
		case 'V':
			printf("tidtam %s\n", TT_VERSION);
			return 0;
		default:
			if (c >= CMD_OPT_FIRST && extra && !extra->handle(c, optarg, extra->data))
				break;
			cmd_usage_error(usage);
			return EXIT_USAGE;
		}
	}
	opt->args = argv + optind;
	opt->nr_args = argc - optind;
	if (optind < argc && (!extra || argc - optind > extra->max_args)) {
		fprintf(stderr, "%s: unexpected argument '%s'\n", argv[0],
			argv[optind + (extra ? extra->max_args : 0)]);
		cmd_usage_error(usage);
		return EXIT_USAGE;
	}
	return -1;
}

void cmd_usage_error(const char *usage)
{
	const char *end = strstr(usage, "\n\n");

	/* the synopsis: the lines before the first blank one */
	fprintf(stderr, "%.*s\n(--help lists the options)\n",
		end ? (int)(end - usage) : (int)strlen(usage), usage);
}

static int open_checked(const char *path, sqlite3 **db, struct tt_error *err);

/* Open output_dir/tidtam.db for writing (creating both) or only reading. */
static sqlite3 *open_db(const char *prog, const struct cmd_options *opt, int readonly)
{
	struct tt_error err;
	struct strbuf path;
	sqlite3 *db = NULL;
	int rc;

	tt_error_clear(&err);
	strbuf_init(&path);
	strbuf_addf(&path, "%s/tidtam.db", opt->output_dir);
	if (readonly)
		rc = db_open_readonly(path.buf, &db, &err);
	else
		rc = tt_mkdirs(opt->output_dir, &err) || open_checked(path.buf, &db, &err);
	if (rc) {
		db_close(db);
		cmd_error(prog, &err);
		db = NULL;
	}
	strbuf_release(&path);
	return db;
}

sqlite3 *cmd_open_db(const char *prog, const struct cmd_options *opt)
{
	return open_db(prog, opt, 0);
}

sqlite3 *cmd_open_db_readonly(const char *prog, const struct cmd_options *opt)
{
	return open_db(prog, opt, 1);
}


void cmd_error(const char *prog, const struct tt_error *err)
{
	char buf[1200];

	cmd_progress_clear();
	fprintf(stderr, "%s: error: %s\n", prog, tt_error_format(err, buf, sizeof(buf)));
}

/* ---- one run at a time, and its log ------------------------------------ */

static struct {
	int depth;              /* cmd_begin() calls not yet ended */
	int verbose;            /* log lines on stderr too */
	struct runlock *lock;
	struct runlog *log;
	struct cmd_progress *progress;  /* the one drawing, if any */
	int db_checked;         /* open_checked() done: once a process */
	char *db_path;          /* the database it opened, for cmd_end() */
} session;

/* Inside `tidtam run`: a stage's options are the run's. */
static int in_run(void)
{
	return session.depth > 0;
}

/*
 * Open the database at path to write; the first a process opens is
 * checked whole (db_check()) unless it is exactly as the last run that
 * ended left it (db_left_whole(), looked at before opening it): a run
 * with nothing new does not read every page of it.  cmd_end() stamps it
 * again.
 */
static int open_checked(const char *path, sqlite3 **db, struct tt_error *err)
{
	int left_whole = !session.db_checked && db_left_whole(path);
	int rc;

	if ((rc = db_open(path, db, err)) || session.db_checked)
		return rc;
	session.db_checked = 1;
	free(session.db_path);
	session.db_path = xstrdup(path);
	if (left_whole) {
		cmd_log("database as the last run that ended left it: not checked again");
		return 0;
	}
	cmd_log("database checked whole: no run that ended left it as it is");
	return db_check(*db, err);
}

/* The command line as the lock file records it: "tidtam run -q". */
static void command_line(int argc, char **argv, struct strbuf *sb)
{
	const char *base = strrchr(argv[0], '/');
	size_t i;
	int k;

	base = base ? base + 1 : argv[0];
	if (strncmp(base, "tidtam", 6))
		strbuf_addstr(sb, "tidtam ");  /* a command of the driver */
	strbuf_addstr(sb, base);
	for (k = 1; k < argc; k++) {
		strbuf_addch(sb, ' ');
		strbuf_addstr(sb, argv[k]);
	}
	for (i = 0; i < sb->len; i++)  /* one line in the lock file */
		if ((unsigned char)sb->buf[i] < ' ')
			sb->buf[i] = '?';
}

int cmd_begin(const char *prog, const char *stage, const struct cmd_options *opt,
	      int argc, char **argv)
{
	struct tt_error err;
	struct strbuf command;
	long stale = 0;
	int rc;

	step_stage(stage); /* the crash and fault tests count steps by stage */
	if (session.depth++) {
		cmd_log("%s: start", stage);
		return -1;
	}
	tt_error_clear(&err);
	strbuf_init(&command);
	command_line(argc, argv, &command);
	rc = runlock_take(opt->output_dir, command.buf, 0, &session.lock, &err);
	if (rc == TT_EBUSY && opt->wait_seconds > 0) {
		if (!opt->quiet)
			fprintf(stderr, "%s: %s; waiting up to %d s for it to end\n", prog,
				err.message, opt->wait_seconds);
		tt_error_clear(&err);
		rc = runlock_take(opt->output_dir, command.buf, opt->wait_seconds,
				  &session.lock, &err);
	}
	if (rc == TT_EBUSY)
		fprintf(stderr, "%s: error: %s; nothing done (waited %d s; --wait SECONDS"
			" waits longer)\n", prog, err.message, opt->wait_seconds);
	else if (!rc && (rc = runlog_open(opt->output_dir, RUNLOG_KEEP, &session.log, &err)))
		runlock_release(session.lock);
	if (rc && rc != TT_EBUSY)
		cmd_error(prog, &err);
	if (rc) {
		session.depth = 0;
		session.lock = NULL;
		session.log = NULL;
		strbuf_release(&command);
		return EXIT_SYSTEM;
	}
	session.verbose = opt->verbose;
	cmd_log("%s: start: %s (pid %ld)", stage, command.buf, (long)getpid());
	strbuf_release(&command);
	/*
	 * What a run killed between a write and its rename left behind: only
	 * a killed run leaves temporaries (every other end removes its own),
	 * and only it leaves the lock file naming it, so the output folder is
	 * swept only then, not walked whole every night.
	 */
	tt_error_clear(&err);
	if (runlock_holder_died(session.lock) &&
	    tt_remove_stale_temporaries(opt->output_dir, &stale, &err)) {
		cmd_error(prog, &err);
		cmd_end(stage, EXIT_SYSTEM, err.message);
		return EXIT_SYSTEM;
	}
	if (stale)
		cmd_log("%s: %ld temporary files of an interrupted run removed", stage, stale);
	return -1;
}

int cmd_end(const char *stage, int rc, const char *summary)
{
	static const char *const meaning[] = {
		"all went in", "some input rejected", "usage", "the system failed",
	};

	cmd_log("%s: end, exit %d (%s)%s%s", stage, rc,
		rc >= 0 && rc <= EXIT_SYSTEM ? meaning[rc] : "?",
		summary && *summary ? ": " : "", summary ? summary : "");
	if (session.depth > 0 && !--session.depth) {
		/* every connection closed: found whole and written only by SQLite */
		if (session.db_path)
			db_note_whole(session.db_path, rc == 0 || rc == EXIT_REJECTED);
		free(session.db_path);
		session.db_path = NULL;
		runlog_close(session.log);
		runlock_release(session.lock);
		session.log = NULL;
		session.lock = NULL;
	}
	return rc;
}

void cmd_log(const char *fmt, ...)
{
	struct tt_error err;
	struct strbuf line;
	char stamp[21];
	va_list ap;

	if (!session.log)
		return;
	strbuf_init(&line);
	period_format_timestamp(tt_now(), stamp);
	strbuf_addf(&line, "%s ", stamp);
	va_start(ap, fmt);
	strbuf_vaddf(&line, fmt, ap);
	va_end(ap);
	strbuf_addch(&line, '\n');
	if (runlog_write(session.log, line.buf, line.len, &err))
		cmd_error("tidtam", &err);  /* said once: the log is then left alone */
	if (session.verbose) {
		cmd_progress_clear();
		fputs(line.buf, stderr);
	}
	strbuf_release(&line);
}

/* ---- progress on a terminal -------------------------------------------- */

static double monotonic_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/*
 * Not before this many seconds, nor more often.  Tests only:
 * TIDTAM_TEST_PROGRESS_NOW draws from the first item on, at each, so
 * that a stage shorter than PROGRESS_FIRST on a fast machine still shows
 * its line (t0073).
 */
#define PROGRESS_FIRST 0.3
#define PROGRESS_EVERY 0.2

static void progress_step(void *ctx, long done, long total)
{
	struct cmd_progress *p = ctx;
	double now, elapsed;

	if (!p->draw)
		return;
	now = monotonic_seconds();
	elapsed = now - p->start;
	if (!p->every_item && (elapsed < PROGRESS_FIRST || now - p->last < PROGRESS_EVERY))
		return;
	p->last = now;
	if (total > 0)
		printf("\r%s: %ld/%ld %ss, %.1f/s\033[K", p->stage, done, total, p->what,
		       (double)done / elapsed);
	else
		printf("\r%s: %ld %s%s, %.1f/s\033[K", p->stage, done, p->what,
		       done == 1 ? "" : "s", (double)done / elapsed);
	fflush(stdout);
	p->drawn = 1;
}

static void progress_refused(void *ctx, const char *path)
{
	struct cmd_progress *p = ctx;

	xgrow(&p->refused, &p->alloc_refused, p->nr_refused + 1, sizeof(*p->refused));
	p->refused[p->nr_refused++] = xstrdup(path);
}

void cmd_progress_init(struct cmd_progress *p, const char *stage, const char *what,
		       const struct cmd_options *opt)
{
	memset(p, 0, sizeof(*p));
	p->hook.step = progress_step;
	p->hook.refused = progress_refused;
	p->hook.ctx = p;
	p->stage = stage;
	p->what = what;
	p->draw = !opt->quiet && isatty(STDOUT_FILENO);
	p->every_item = getenv("TIDTAM_TEST_PROGRESS_NOW") != NULL;
	p->start = p->last = monotonic_seconds();
	session.progress = p;
}

void cmd_progress_clear(void)
{
	struct cmd_progress *p = session.progress;

	if (p && p->drawn) {
		fputs("\r\033[K", stdout);
		fflush(stdout);
		p->drawn = 0;
	}
}

static int path_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void cmd_progress_end(struct cmd_progress *p)
{
	size_t i, j;

	cmd_progress_clear();
	if (session.progress == p)
		session.progress = NULL;
	if (p->nr_refused)
		qsort(p->refused, p->nr_refused, sizeof(*p->refused), path_cmp);
	for (i = 0; i < p->nr_refused; i = j) {
		for (j = i; j < p->nr_refused && !strcmp(p->refused[j], p->refused[i]); j++)
			;
		cmd_log("%s: '%s': %zu %s%s rejected", p->stage, p->refused[i], j - i, p->what,
			j - i == 1 ? "" : "s");
	}
	for (i = 0; i < p->nr_refused; i++)
		free(p->refused[i]);
	free(p->refused);
	p->refused = NULL;
	p->nr_refused = p->alloc_refused = 0;
}
