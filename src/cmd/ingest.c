/*
 * ingest.c - tidtam-ingest: store the new files of the drop folder.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "tidtam/db.h"
#include "tidtam/error.h"
#include "tidtam/ingest.h"
#include "tidtam/receipt.h"
#include "tidtam/validate.h"
#include "tidtam/util.h"
#include "tidtam/banned.h"

/* SYNOPSIS and OPTIONS of man/tidtam-ingest.1 (tools/man2help.sh) */
static const char usage[] =
#include "help/tidtam-ingest.h"
	;

struct reporter {
	const struct cmd_options *opt;
	int left;                /* files left for the next run told so far */
};

/*
 * What leaves files for the next run (a fault of the system) is often the
 * same for every file: told this often.
 */
#define FAULTS_TOLD 10

static void report(const char *path, enum ingest_outcome what, const struct tt_error *err,
		   void *ctx)
{
	struct reporter *r = ctx;
	char buf[1200];

	if (what == INGEST_LEFT && ++r->left > FAULTS_TOLD && !r->opt->verbose)
		return;  /* counted in the summary */
	cmd_progress_clear();
	switch (what) {
	case INGEST_STORED:
		if (r->opt->verbose)
			fprintf(stderr, "tidtam-ingest: stored '%s'\n", path);
		break;
	case INGEST_LEFT:
		fprintf(stderr, "tidtam-ingest: error: could not take '%s' (left for the next"
			" run): %s\n", path, tt_error_format(err, buf, sizeof(buf)));
		cmd_log("ingest: could not take '%s' (left for the next run): %s", path, buf);
		break;
	case INGEST_REFUSED:
		/* not in the database: the log's line is the only record */
		tt_error_format(err, buf, sizeof(buf));
		if (!r->opt->verbose)
			fprintf(stderr, "tidtam-ingest: rejected '%s': %s\n", path, buf);
		cmd_log("ingest: rejected '%s': %s", path, buf);
		break;
	case INGEST_REJECTED:
		if (!r->opt->verbose)  /* with -v, the log's line says it */
			fprintf(stderr, "tidtam-ingest: rejected '%s': %s\n", path,
				tt_error_format(err, buf, sizeof(buf)));
		break;
	}
}

/*
 * Every form and framework is checked against a schema of ours: without
 * them nothing of those could be taken, so say so once, before starting.
 */
static int check_schemas(const char *dir)
{
	static const char *const names[] = { "framework.xsd", "submission.xsd",
							     "profile.xsd" };
	struct strbuf path;
	size_t i;
	int rc = 0;

	strbuf_init(&path);
	for (i = 0; !rc && i < sizeof(names) / sizeof(names[0]); i++) {
		strbuf_reset(&path);
		strbuf_addf(&path, "%s/%s", dir, names[i]);
		if (access(path.buf, R_OK)) {
			fprintf(stderr, "tidtam-ingest: error: could not read the schema '%s': %s"
				" (the templates folder is given with -t DIR); nothing was taken\n",
				path.buf, strerror(errno));
			rc = EXIT_SYSTEM;
		}
	}
	strbuf_release(&path);
	return rc;
}

enum { OPT_DRY_RUN = CMD_OPT_FIRST, OPT_RETRY_FAILED };

struct ingest_args {
	const char *dry_run;
	int retry_failed;
};

static int handle(int val, const char *arg, void *data)
{
	struct ingest_args *a = data;

	if (val == OPT_DRY_RUN)
		a->dry_run = arg;
	else if (val == OPT_RETRY_FAILED)
		a->retry_failed = 1;
	return 0;
}

/* The newest file stored so far: files stored after it are this run's. */
static long long last_file(sqlite3 *db)
{
	sqlite3_stmt *st;
	long long id = 0;

	if (db_prepare(db, &st, "SELECT COALESCE(MAX(id), 0) FROM file", NULL))
		return 0;
	if (sqlite3_step(st) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return id;
}

/*
 * A line in the run's log for each file of this run (stored after file id
 * since) that was refused, or whose unit list refused rows, with the
 * code of its issues and the first one's text.
 */
static void log_refused(sqlite3 *db, long long since)
{
	sqlite3_stmt *st;

	if (db_prepare(db, &st, "SELECT f.path, f.status = 'failed', i.code, COUNT(*),"
				" (SELECT message_en FROM issue WHERE file_id = f.id AND code = i.code"
				"  ORDER BY id LIMIT 1)"
				" FROM file f JOIN issue i ON i.file_id = f.id"
				" WHERE f.id > ?1 AND i.severity = 'error' AND i.submission_id IS NULL"
				" GROUP BY f.id, i.code ORDER BY f.path, i.code", NULL))
		return;
	sqlite3_bind_int64(st, 1, since);
	while (sqlite3_step(st) == SQLITE_ROW) {
		long n = (long)sqlite3_column_int64(st, 3);

		if (sqlite3_column_int(st, 1))
			cmd_log("ingest: rejected '%s': %s: %s%s", db_column_text(st, 0),
				db_column_text(st, 2), db_column_text(st, 4),
				n > 1 ? " (and more, see its receipt)" : "");
		else
			cmd_log("ingest: '%s': %ld row%s refused: %s: %s", db_column_text(st, 0), n,
				n == 1 ? "" : "s", db_column_text(st, 2), db_column_text(st, 4));
	}
	sqlite3_finalize(st);
}

/* 1 if the file was refused or a unit of it rejected. */
static int file_rejected(sqlite3 *db, long long file_id)
{
	sqlite3_stmt *st;
	int r = 0;

	if (db_prepare(db, &st, "SELECT (SELECT status FROM file WHERE id = ?1) = 'failed'"
				" OR EXISTS(SELECT 1 FROM submission WHERE file_id = ?1"
				" AND status = 'rejected')", NULL))
		return 0;
	sqlite3_bind_int64(st, 1, file_id);
	if (sqlite3_step(st) == SQLITE_ROW)
		r = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return r;
}

/*
 * Ingest and validate FILE in a copy of the database held in memory and
 * print its receipt: what the real run would say, with nothing stored.
 */
static int dry_run(const struct cmd_options *opt, const char *file, const char *schema)
{
	struct ingest_options io;
	struct ingest_stats stats;
	struct validate_stats vs;
	struct reporter r = { opt, 0 };
	struct tt_error err;
	struct strbuf db_path, dir, receipt;
	const char *slash = strrchr(file, '/'), *rel = file;
	size_t in_len = strlen(opt->input_dir);
	long long file_id = 0;
	sqlite3 *db = NULL;
	int rc, rejected = 0, unread = 0;

	strbuf_init(&db_path);
	strbuf_init(&dir);
	strbuf_init(&receipt);
	strbuf_addf(&db_path, "%s/tidtam.db", opt->output_dir);
	if (!strncmp(file, opt->input_dir, in_len) && file[in_len] == '/' && file[in_len + 1]) {
		/* a file of the drop folder: where it lies says what it may be */
		strbuf_addstr(&dir, opt->input_dir);
		rel = file + in_len + 1;
	} else if (slash) {
		strbuf_add(&dir, file, (size_t)(slash - file));
		rel = slash + 1;
	} else {
		strbuf_addch(&dir, '.');
	}
	io.input_dir = dir.buf;
	io.schema_dir = schema;
	io.settle_seconds = 0;
	io.progress = NULL;
	io.jobs = 0;
	tt_error_clear(&err);
	if (!(rc = db_open_copy(db_path.buf, &db, &err)) &&
	    !(rc = ingest_file(db, &io, rel, &stats, report, &r, &file_id,
			       &err)) &&
	    !(rc = validate_run(db, &vs, &err))) {
		if (!file_id && stats.faults)
			rc = tt_error_set(&err, TT_EIO, "'%s' could not be read through a fault"
					  " of the system (said above)", file);
		else if (!file_id && (stats.left || stats.unreadable || stats.links_refused))
			rc = unread = tt_error_set(&err, TT_EIO, "'%s' could not be read (said above)",
						   file);
		else if (!file_id)
			rc = tt_error_set(&err, TT_EIO, "'%s' is not a file tidtam reads "
							"(.csv, .txt, .tsv, .xlsx, .xml)", file);
		else
			rc = receipt_text(db, file_id, opt->english, opt->templates_dir,
					  &receipt, &err);
	}
	if (!rc)
		fputs(receipt.buf, stdout);
	if (!rc)
		rejected = file_rejected(db, file_id);
	db_close(db);
	strbuf_release(&db_path);
	strbuf_release(&dir);
	strbuf_release(&receipt);
	if (rc) {
		cmd_error("tidtam-ingest", &err);
		/* not read for the file's own doing: its link, permissions, a change */
		return unread ? EXIT_REJECTED : EXIT_SYSTEM;
	}
	return rejected ? EXIT_REJECTED : 0;
}

int cmd_ingest(int argc, char **argv)
{
	struct cmd_options opt;
	struct strbuf cost;
	struct ingest_options io;
	struct ingest_stats stats;
	struct reporter r = { &opt, 0 };
	struct tt_error err;
	struct strbuf schema;
	sqlite3 *db;
	int rc;

	static const struct option longopts[] = {
		{ "dry-run", required_argument, NULL, OPT_DRY_RUN },
		{ "retry-failed", no_argument, NULL, OPT_RETRY_FAILED },
		CMD_OPT_JOBS,
		{ NULL, 0, NULL, 0 },
	};
	struct ingest_args args = { NULL, 0 };
	struct cmd_extra extra = { longopts, handle, &args, 0 };
	const char *dry;
	int forgotten = 0;
	struct cmd_progress progress;
	struct strbuf summary;
	long long since;

	if ((rc = cmd_parse_options_ex(argc, argv, usage, &opt, &extra)) >= 0)
		return rc;
	strbuf_init(&schema);
	strbuf_addf(&schema, "%s/schema", opt.templates_dir);
	dry = args.dry_run;
	if (dry) {
		rc = dry_run(&opt, dry, schema.buf);
		strbuf_release(&schema);
		return rc;
	}
	if ((rc = cmd_begin("tidtam-ingest", "ingest", &opt, argc, argv)) >= 0) {
		strbuf_release(&schema);
		return rc;
	}
	if ((rc = check_schemas(schema.buf))) {
		strbuf_release(&schema);
		return cmd_end("ingest", rc, "a schema could not be read");
	}
	if (!(db = cmd_open_db("tidtam-ingest", &opt))) {
		strbuf_release(&schema);
		return cmd_end("ingest", EXIT_SYSTEM, NULL);
	}
	cmd_progress_init(&progress, "ingest", "file", &opt);
	io.input_dir = opt.input_dir;
	io.schema_dir = schema.buf;
	io.settle_seconds = opt.settle_seconds;
	io.progress = &progress.hook;
	io.jobs = cmd_jobs(&opt);
	tt_error_clear(&err);
	rc = 0;
	if (args.retry_failed)
		rc = ingest_forget_failed(db, &forgotten, &err);
	since = last_file(db);
	if (!rc)
		rc = ingest_run(db, &io, &stats, report, &r, &err);
	cmd_progress_end(&progress);
	if (!rc)
		log_refused(db, since);
	db_close(db);
	strbuf_release(&schema);
	if (rc) {
		cmd_error("tidtam-ingest", &err);
		return cmd_end("ingest", EXIT_SYSTEM, err.message);
	}
	strbuf_init(&summary);
	if (args.retry_failed) {
		cmd_log("ingest: %d files that had failed are read again", forgotten);
		if (!opt.quiet)
			printf("ingest: %d files that had failed are read again\n", forgotten);
	}
	if (!stats.stored && !stats.failed && !stats.faults)
		strbuf_addf(&summary, "nothing new (%d files unchanged)", stats.unchanged);
	else
		strbuf_addf(&summary, "%d new files stored (%ld values), %d rejected,"
			    " %d unchanged", stats.stored, stats.values, stats.failed,
			    stats.unchanged);
	if (stats.moved)
		strbuf_addf(&summary, ", %d moved or copied (not read again)", stats.moved);
	if (stats.faults)
		strbuf_addf(&summary, ", %d not taken through a fault of the system (left for"
			    " the next run)", stats.faults);
	if (stats.waiting)
		strbuf_addf(&summary, ", %d modified in the last %d s (left for the next run)",
			    stats.waiting, io.settle_seconds);
	if (stats.other_kinds)
		strbuf_addf(&summary, ", %d of other kinds left alone (tidtam reads .csv, .txt,"
			    " .tsv, .xlsx and .xml)", stats.other_kinds);
	if (stats.unit_rows_refused > 0)
		strbuf_addf(&summary, ", %ld row%s of the unit lists refused (see their receipts)",
			    stats.unit_rows_refused, stats.unit_rows_refused == 1 ? "" : "s");
	if (stats.left)
		strbuf_addf(&summary, ", %d changed while read or gone (left for the next run)",
			    stats.left);
	if (stats.unreadable)
		strbuf_addf(&summary, ", %d could not be read (left for the next run)",
			    stats.unreadable);
	if (stats.links_refused)
		strbuf_addf(&summary, ", %d symbolic link%s not followed (leading outside the input"
			    " folder or nowhere)", stats.links_refused,
			    stats.links_refused == 1 ? "" : "s");
	if (stats.loops)
		strbuf_addf(&summary, ", %d folder loop%s not walked", stats.loops,
			    stats.loops == 1 ? "" : "s");
	if (!opt.quiet)
		printf("ingest: %s\n", summary.buf);
	/* what the run cost: files read, and files passed over by their stat */
	strbuf_init(&cost);
	strbuf_addf(&cost, "%d files read and hashed, %d known unchanged by their size,"
		    " times and inode", stats.hashed, stats.known);
	if (stats.workers)
		strbuf_addf(&cost, "; files read in %d worker processes",
			    stats.workers);
	cmd_log("ingest: %s", cost.buf);
	if (opt.verbose)
		printf("ingest: %s\n", cost.buf);
	strbuf_release(&cost);
	if (stats.faults)
		rc = EXIT_SYSTEM;
	else
		rc = stats.failed || stats.unit_rows_refused > 0 || stats.unreadable ||
		     stats.links_refused || stats.loops ? EXIT_REJECTED : 0;
	cmd_end("ingest", rc, summary.buf);
	strbuf_release(&summary);
	return rc;
}

#ifdef TT_STANDALONE
int main(int argc, char **argv)
{
	return cmd_ingest(argc, argv);
}
#endif
