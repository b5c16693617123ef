/*
 * db.h - the one store of state: output/tidtam.db (SQLite, WAL).
 *
 * db_open() creates or migrates the schema (PRAGMA user_version).  Every
 * statement goes through db_prepare() with bound parameters.  The tables:
 *
 *   file         each version of each input file seen (path, size, SHA-256)
 *   framework    the framework XML of a fiscal year, newest file wins
 *   unit         the unit tree: office -> network -> school
 *   submission   one unit's round inside one file, its status after validation
 *   value        every value with its provenance (file row and column)
 *   narrative    narrative texts of XML forms
 *   project      the office's action plan with quarterly disbursement
 *   issue        errors and warnings found by ingest and validate
 *   result       aggregated results per unit x indicator x fiscal year x round
 *   completeness expected / received / on time / late / missing per unit and round
 *   area_result  per policy area: indicators with a result, and achieved
 */
#ifndef TIDTAM_DB_H
#define TIDTAM_DB_H

#include <sqlite3.h>

struct tt_error;
struct strbuf;

#define DB_SCHEMA_VERSION 26

/*
 * Open (creating and migrating if needed) the database at path.  On success
 * *out is the caller's to db_close().  Returns 0 or TT_EDB with err.
 */
int db_open(const char *path, sqlite3 **out, struct tt_error *err);

/*
 * Open the database at path only to read it: never created, never
 * changed.  A file of an older schema version is read through a migrated
 * copy in memory (db_open_copy()).  On success *out is the caller's to
 * db_close().  Returns 0; TT_ENOTFOUND when there is no file at path (err
 * says nothing has run yet); TT_EDB when it cannot be opened or is newer
 * than the program.
 */
int db_open_readonly(const char *path, sqlite3 **out, struct tt_error *err);

/* Close db; NULL is allowed. */
/*
 * A database in memory holding a copy of the one at path (empty if there
 * is none), migrated: what a dry run may change and then forget.
 */
int db_open_copy(const char *path, sqlite3 **out, struct tt_error *err);

void db_close(sqlite3 *db);

/*
 * The stamp of each unit and fiscal year (0: none) that rows give: an SQL
 * FROM clause with its WHERE, whose rows have the columns unit and fy.
 */
#define DB_STAMP_SQL(unit, fy, rows)							\
	"INSERT INTO change_stamp(unit_code, fiscal_year, stamp)"			\
	" SELECT " unit ", COALESCE(" fy ", 0),"					\
	" (SELECT COALESCE(MAX(stamp), 0) + 1 FROM change_stamp)"			\
	" FROM " rows " ON CONFLICT(unit_code, fiscal_year) DO UPDATE SET stamp = excluded.stamp"

/*
 * What a file's new submissions change besides their rows, done once for
 * the file (schema 21; an AFTER INSERT trigger on submission did it for
 * each row, and with it SQLite kept a statement journal of every page
 * each insert touched): each (unit, fiscal year) stamped in change_stamp
 * (the year 0 for a submission of no year), each (fiscal year, unit) with
 * a year pending aggregation, the file's receipt stale.  Whoever adds
 * submissions runs them, in the same transaction, before it ends: ingest
 * prepared once a run (struct db_statements below), others by
 * db_submissions_added().  ?1 is the file's id.
 */
#define DB_SUBMISSIONS_ADDED_SQL							\
	DB_STAMP_SQL("unit_code", "fiscal_year", "submission WHERE file_id = ?1") ";"	\
	"INSERT OR IGNORE INTO aggregate_pending(fiscal_year, unit_code)"		\
	" SELECT fiscal_year, unit_code FROM submission"				\
	" WHERE file_id = ?1 AND fiscal_year IS NOT NULL;"				\
	"UPDATE file SET receipt_stale = 1 WHERE id = ?1 AND receipt_stale = 0"	\
	" AND EXISTS (SELECT 1 FROM submission WHERE file_id = ?1);"

/* The statements above for file_id's submissions.  0 or TT_EDB. */
int db_submissions_added(sqlite3 *db, long long file_id, struct tt_error *err);

/*
 * The same for submissions whose status changes (schema 23: no trigger
 * fires on a status changed): each (unit, fiscal year) stamped, each
 * (fiscal year, unit) with a year pending aggregation, their files'
 * receipts stale.  where is an SQL condition on submission selecting
 * exactly the rows whose status changes (or changed); the caller runs this
 * in the same transaction as the change, before or after it.  0 or TT_EDB.
 */
int db_statuses_changed(sqlite3 *db, const char *where, struct tt_error *err);

/* The statements of db_statuses_changed() for where, appended to sql. */
void db_statuses_changed_sql(struct strbuf *sql, const char *where);

/*
 * Statements prepared once from a string of several (db_statements_prepare()),
 * then run in order as often as needed, each given arg as ?1 if it takes it
 * (db_statements_run()): a caller that runs the same few statements again
 * and again does not compile them each time, as db_exec() does.
 */
struct db_statements {
	sqlite3_stmt **st;
	size_t nr;
};

int db_statements_prepare(sqlite3 *db, const char *sql, struct db_statements *s,
			  struct tt_error *err);
int db_statements_run(sqlite3 *db, struct db_statements *s, long long arg, const char *what,
		      struct tt_error *err);
void db_statements_free(struct db_statements *s);

/*
 * The same for the units a unit list (file_id) stored and their school
 * columns (schema 24: no trigger fires on a unit stored): each unit
 * stamped for every year, every unit's results to be made again, the
 * receipts' context read again.  The unit list's store runs it in its
 * transaction once the units are in.  0 or TT_EDB.
 */
int db_units_stored(sqlite3 *db, long long file_id, struct tt_error *err);

/*
 * Check that the database's structure is whole (PRAGMA quick_check: its
 * pages, records and indexes, not what they say): a program that writes
 * does so once before it changes anything, unless the file is exactly as
 * a run that ended left it (db_left_whole()), so that a damaged file is
 * never written to.  0, or TT_EDB with err saying it is damaged and what
 * to do (restore it, or move it aside); the file is left as it is.  Reads
 * every page: a second or so for a database of a hundred megabytes.
 */
int db_check(sqlite3 *db, struct tt_error *err);

/*
 * The stamp beside the database at path ("tidtam.db-whole") of how the
 * last run that ended with it whole left it: the file's device, inode,
 * size and times of change (content and inode, in ns).  Anything that
 * writes to it afterwards (a run killed, a run that failed, a copy or a
 * program writing over it, a restore) changes its size or times, and the
 * kernel sets a change time no program can set back.
 */
#define DB_WHOLE_SUFFIX "-whole"

/*
 * 1 if the database file at path is, by the stamp beside it, exactly as a
 * run that ended left it, and its write-ahead log holds nothing: then
 * nothing has written to it since the run that found it whole and wrote
 * to it only through SQLite's transactions, and db_check() need not read
 * it all again.  0 otherwise (no stamp, another identity, a log with
 * frames): it is to be checked.  Call before opening it (opening it makes
 * its log).
 */
int db_left_whole(const char *path);

/*
 * At the end of a run, every connection to the database at path closed:
 * whole (the run ended without a failure of the system) records the stamp
 * (db_left_whole()); otherwise, or when the log still holds frames (a
 * connection of another program open), the stamp is removed, so that the
 * next run checks the file whole.  A stamp not written costs only that
 * check: it is not a durable step.
 */
void db_note_whole(const char *path, int whole);

/* Run SQL with no parameters (schema, BEGIN/COMMIT).  0 or TT_EDB. */
int db_exec(sqlite3 *db, const char *sql, struct tt_error *err);

/* Prepare one statement; *st is the caller's to sqlite3_finalize(). */
int db_prepare(sqlite3 *db, sqlite3_stmt **st, const char *sql, struct tt_error *err);

/* Bind s as text, or NULL when s is NULL. */
void db_bind_text(sqlite3_stmt *st, int index, const char *s);

/*
 * The same, not copied: s must stay as it is until the statement has
 * stepped and been reset, or the parameter bound again.
 */
void db_bind_text_static(sqlite3_stmt *st, int index, const char *s);

/* Fill err from the database's last error, prefixed by what; returns TT_EDB. */
int db_fail(sqlite3 *db, const char *what, struct tt_error *err);

/* Text of column col, or "" when NULL.  Borrowed until the next step. */
const char *db_column_text(sqlite3_stmt *st, int col);

/*
 * Every row st gives, stepped to its end, into a SHA-256
 * (sha256.h): each row's number of columns, each column's type and value
 * as SQLite holds it (an integer's or a real's 8 bytes, a text's or a
 * blob's length and bytes; nothing printed as text), so that no two
 * different sets of rows hash alike.  Returns
 * the last sqlite3_step() result: SQLITE_DONE when every row was read.
 */
struct tt_sha256;
int db_digest_rows(sqlite3_stmt *st, struct tt_sha256 *ctx);
/* The row st is on into ctx, as db_digest_rows() takes each row. */
void db_digest_row(sqlite3_stmt *st, struct tt_sha256 *ctx);

/* Set and read a key in the meta table (run-wide facts). */
int db_set_meta(sqlite3 *db, const char *key, const char *value, struct tt_error *err);

/*
 * The newest framework stored for fiscal year fy, or NULL with err set:
 * TT_ENOTFOUND if there is none, TT_EDB (or the parser's code) if it could
 * not be read.  The caller frees it with framework_free().
 */
struct framework;
struct framework *db_load_framework(sqlite3 *db, int fy, struct tt_error *err);

#endif
