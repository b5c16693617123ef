/*
 * approval.c - approving and reopening rounds.
 */
#include <string.h>

#include "tidtam/approval.h"
#include "tidtam/db.h"
#include "tidtam/error.h"
#include "tidtam/util.h"
#include "tidtam/banned.h"

int approval_get(sqlite3 *db, int fy, int months, struct approval *out,
		 struct tt_error *err)
{
	sqlite3_stmt *st;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = db_prepare(db, &st, "SELECT by_name, at, forced, missing, rejected"
				      " FROM approved_round"
				      " WHERE fiscal_year = ?1 AND round = ?2", err)))
		return rc;
	sqlite3_bind_int(st, 1, fy);
	sqlite3_bind_int(st, 2, months);
	if (sqlite3_step(st) == SQLITE_ROW) {
		out->approved = 1;
		tt_strlcpy(out->by, db_column_text(st, 0), sizeof(out->by));
		tt_strlcpy(out->at, db_column_text(st, 1), sizeof(out->at));
		out->forced = sqlite3_column_int(st, 2);
		out->missing = (long)sqlite3_column_int64(st, 3);
		out->rejected = (long)sqlite3_column_int64(st, 4);
	}
	sqlite3_finalize(st);
	return 0;
}

int approval_set(sqlite3 *db, int fy, int months, int approve, const char *by,
		 const char *at, int *held, struct tt_error *err)
{
	struct approval now;
	sqlite3_stmt *st = NULL;
	int rc;

	*held = 0;
	if ((rc = db_exec(db, "BEGIN IMMEDIATE", err)))
		return rc;
	if ((rc = approval_get(db, fy, months, &now, err)))
		goto fail;
	if (now.approved == approve) {
		if (approve)
			rc = tt_error_set(err, TT_EINVAL, "the %d-month round of %d is already "
					  "approved (by %s on %s)", months, fy, now.by, now.at);
		else
			rc = tt_error_set(err, TT_EINVAL, "the %d-month round of %d is not "
					  "approved", months, fy);
		goto fail;
	}
	if ((rc = db_prepare(db, &st, "INSERT INTO approval(fiscal_year, round, action,"
				      " by_name, at) VALUES(?1, ?2, ?3, ?4, ?5)", err)))
		goto fail;
	sqlite3_bind_int(st, 1, fy);
	sqlite3_bind_int(st, 2, months);
	db_bind_text(st, 3, approve ? "approve" : "reopen");
	db_bind_text(st, 4, by);
	db_bind_text(st, 5, at);
	if (sqlite3_step(st) != SQLITE_DONE) {
		rc = db_fail(db, "could not record the approval", err);
		goto fail;
	}
	sqlite3_finalize(st);
	st = NULL;
	if (!approve) {
		/* the held submissions go to validation on the next run */
		if ((rc = db_prepare(db, &st, "UPDATE submission SET status = 'new'"
					      " WHERE status = 'held' AND fiscal_year = ?1"
					      " AND round = ?2", err)))
			goto fail;
		sqlite3_bind_int(st, 1, fy);
		sqlite3_bind_int(st, 2, months);
		if (sqlite3_step(st) != SQLITE_DONE) {
			rc = db_fail(db, "could not release held submissions", err);
			goto fail;
		}
		*held = sqlite3_changes(db);
		sqlite3_finalize(st);
		st = NULL;
	}
	return db_exec(db, "COMMIT", err);
fail:
	sqlite3_finalize(st);
	db_exec(db, "ROLLBACK", NULL);
	return rc;
}
