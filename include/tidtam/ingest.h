/*
 * ingest.h - the first stage: new files under input/ into the database.
 *
 * A file is new when its (path, SHA-256) pair has not been stored before; a
 * path whose content changed is stored again as the next version (and its
 * submissions supersede the older ones in validation).  Content already
 * stored under another path (a file moved, renamed or copied) is recorded
 * as "moved" and not read or counted again.  Hidden files, Excel's lock
 * files (~$...), *.tmp and *.part, and files modified in the last
 * settle_seconds (perhaps still being copied) are left for the next run.  Each file
 * goes in within one transaction, whole or not at all; a file whose content
 * cannot be read or parsed (TT_EPARSE) is recorded as failed, with an E-FILE
 * issue that says why, so that its submitter gets a receipt, and the other
 * files still go in.  A file refused through the system's fault (a schema
 * missing, a read error, the database: tt_error_is_system()) is not recorded
 * at all, so the next run takes it as new; it is counted in stats->faults.
 * Frameworks (framework/<FY>.xml) and unit lists (CSV files under units/)
 * are taken first, since the other files are read against them.
 */
#ifndef TIDTAM_INGEST_H
#define TIDTAM_INGEST_H

#include <sqlite3.h>

struct tt_error;
struct tt_progress;

struct ingest_options {
	const char *input_dir;   /* the drop folder, e.g. "input" */
	const char *schema_dir;  /* framework.xsd, submission.xsd: "templates/schema" */
	int settle_seconds;      /* files modified more recently wait for the next run */
	const struct tt_progress *progress; /* files gone through, of those found; or NULL */
};

struct ingest_stats {
	int unchanged;   /* files already stored with this content */
	int stored;      /* new files (or versions) stored */
	int failed;      /* new files that could not be read or parsed (recorded) */
	int faults;      /* new files left for the next run by a fault of the system */
	int ignored;     /* hidden, temporary or unsupported files left alone */
	int other_kinds; /* of those, files of a kind tidtam does not read (.docx ...) */
	int waiting;     /* modified too recently: perhaps still being copied */
	int moved;       /* content already stored under another path */
	long values;     /* values stored from the new files */
	long unit_rows_refused; /* rows the unit lists read in this run refuse */
};

/*
 * Called once per new file that failed (err says why) or was stored
 * (err NULL), so the program can tell the person running it.
 */
typedef void (*ingest_report_fn)(const char *path, const struct tt_error *err,
				 void *ctx);

/*
 * Ingest every new file under opt->input_dir.  Returns 0 when the run went
 * through (even if some files failed: see stats), or a negative code with
 * err when the run itself could not go on (database, unreadable folder).
 */
int ingest_run(sqlite3 *db, const struct ingest_options *opt,
	       struct ingest_stats *stats, ingest_report_fn report, void *report_ctx,
	       struct tt_error *err);

/*
 * Forget every file recorded as failed (with its issues, and the paths
 * recorded as copies of it), so that the next ingest_run() reads them again
 * as new: for failures whose cause is gone.  Sets *nr to the number of
 * files forgotten.  Returns 0, or TT_EDB with err.
 */
int ingest_forget_failed(sqlite3 *db, int *nr, struct tt_error *err);

/*
 * Ingest the one file rel (a path under opt->input_dir), whatever its age,
 * and set *file_id to the file stored for it (or the one whose content it
 * repeats), 0 if it was not recorded.  For `tidtam-ingest --dry-run`.
 */
int ingest_file(sqlite3 *db, const struct ingest_options *opt, const char *rel,
		struct ingest_stats *stats, ingest_report_fn report, void *report_ctx,
		long long *file_id, struct tt_error *err);

#endif
