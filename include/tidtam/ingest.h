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
 * goes in whole or not at all (a savepoint of its own; ingest_run() commits
 * the files a batch at a time); a file whose content
 * cannot be read or parsed (TT_EPARSE) is recorded as failed, with an E-FILE
 * issue that says why, so that its submitter gets a receipt, and the other
 * files still go in.  A file refused through the system's fault (a schema
 * missing, the database: tt_error_is_system()) is not recorded
 * at all, so the next run takes it as new; it is counted in stats->faults.
 * Frameworks (*.xml at any depth under framework/) and unit lists (sheets
 * at any depth under units/) are taken first, since the other files are
 * read against them.
 *
 * The input folder is a hostile place:
 *   - where a file lies decides what it may be: only a file under units/
 *     may register units and only an XML file under framework/ is read as
 *     a framework.  A sheet with the columns of a unit list elsewhere, or
 *     a framework elsewhere, is refused (failed, with an E-FILE that says
 *     where such files go); it never changes the unit register.  Content
 *     counts as "moved" only between paths of the same kind of place.
 *   - a symbolic link is followed only when what it resolves to lies
 *     inside the input folder (realpath() against the folder's own); one
 *     leading out of it, or nowhere, is refused with a message and counted
 *     in stats->links_refused, its target never opened.  A folder met again
 *     below itself (a loop of links or bind mounts, found by device and
 *     inode) is not walked again: counted in stats->loops, with a message.
 *     A link to any other folder of the input folder is not followed (that
 *     folder is walked under its own name; followed, two links a level
 *     would list its files 2^levels times): counted in stats->ignored.  A
 *     file is opened with O_NOFOLLOW at the path the link resolves to, and
 *     where /proc can say, what was opened is checked to lie inside the
 *     folder before a byte of it is read.
 *   - what is hashed is what is parsed.  A file's size is taken from
 *     fstat() before anything is allocated.  A form, framework or workbook
 *     is read once into memory, hashed and parsed from there (a workbook
 *     over INGEST_MAX_FILE_BYTES, or an XML file over the larger of
 *     XMLFORM_MAX_BYTES and FRAMEWORK_MAX_BYTES, is hashed but not kept,
 *     and refused as E-TOOLARGE).  A text file (CSV, TXT, TSV) is never
 *     held whole: it is hashed, then read again from the same open file
 *     as it is parsed and hashed again, so memory stays that of its rows'
 *     parser whatever its size (up to INGEST_MAX_FILE_BYTES).  A file
 *     whose bytes, size, times or inode changed while it was read (fstat()
 *     before and after, the two hashes), or that is gone between the
 *     listing and its reading, is left for the next run: recorded neither
 *     as stored nor as failed (stats->left), whatever its parse gave.  One
 *     whose permissions or name keep it from being read (EACCES, EPERM,
 *     ENAMETOOLONG) is left for the next run in the same way
 *     (stats->unreadable), and so is one a fault of the system keeps from
 *     being read (EIO, ENOMEM, EMFILE ...: stats->faults), never blamed on
 *     the file.
 *
 * Tests only: when the environment has TIDTAM_TEST_INGEST_HOOK, each file
 * about to be read runs `sh -c "$TIDTAM_TEST_INGEST_HOOK" hook PHASE PATH`
 * (PATH under the input folder) and waits for it, at these moments: PHASE
 * "open", once its path was checked and before it is opened; "read",
 * once it is open and measured and before its bytes are read; and, for a
 * text file, "parse", once it was hashed and before it is read again as
 * it is parsed.
 */
#ifndef TIDTAM_INGEST_H
#define TIDTAM_INGEST_H

#include <sqlite3.h>

struct tt_error;
struct tt_progress;

/*
 * The largest input file read: the largest workbook held whole in memory
 * while it is hashed and parsed, and the largest text file parsed (read as
 * it streams by): a sheet of Excel's 1,048,576 rows fits.
 */
#define INGEST_MAX_FILE_BYTES (256LL << 20)

struct ingest_options {
	const char *input_dir;   /* the drop folder, e.g. "input" */
	const char *schema_dir;  /* framework.xsd, submission.xsd: "templates/schema" */
	int settle_seconds;      /* files modified more recently wait for the next run */
	const struct tt_progress *progress; /* files gone through, of those found; or NULL */
	int jobs;                /* worker processes reading, hashing and parsing files
				    (0 or 1: this one alone); only this process writes,
				    in the walk's order, so the database and what is
				    told are the same for any jobs (ingest_run()) */
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
	int left;        /* changed while read, or gone since listed: next run */
	int unreadable;  /* could not be read now (EACCES, EPERM ...): next run */
	int links_refused; /* symbolic links leading out of the input folder or nowhere */
	int loops;       /* folders met again below themselves, not walked again */
	int hashed;      /* files read and hashed */
	int known;       /* of the unchanged, those known by their size, times and
			    inode, not opened */
	int workers;     /* worker processes that read and parsed files (0: none) */
};

/* What became of a file (or a folder or link) the run met. */
enum ingest_outcome {
	INGEST_STORED,   /* a new file stored (err NULL) */
	INGEST_REJECTED, /* a new file refused and recorded as failed (err says why) */
	INGEST_LEFT,     /* not taken now, nothing recorded: the next run tries again */
	INGEST_REFUSED   /* a link out of the input folder or a folder loop: not followed */
};

/*
 * Called for each file stored, refused or left, and each link or folder
 * not followed, so the program can tell the person running it.  Only
 * INGEST_REJECTED is recorded in the database.
 */
typedef void (*ingest_report_fn)(const char *path, enum ingest_outcome what,
				 const struct tt_error *err, void *ctx);

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
