/*
 * approval.c - approving and reopening rounds, and the checks before an
 * approval: a framework for the year, the round in it, accepted data, and
 * the units still missing or rejected (from the status module); and the
 * approval put into words for the reports and the index pages.
 */
#include <string.h>

#include "tidtam/approval.h"
#include "tidtam/db.h"
#include "tidtam/error.h"
#include "tidtam/framework.h"
#include "tidtam/period.h"
#include "tidtam/status.h"
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

void approval_describe(const struct approval *a, enum approval_form form,
		       struct strbuf *out)
{
	struct tt_date on;
	int brief = form == APPROVAL_BRIEF;

	if (!a->approved) {
		strbuf_addstr(out, brief ? "ร่าง"
			      : "ร่าง / DRAFT  ยังไม่ผ่านการอนุมัติของคณะกรรมการกลั่นกรอง");
		return;
	}
	strbuf_addf(out, "%s โดย %s", brief ? "อนุมัติแล้ว"
		    : "ผ่านการอนุมัติของคณะกรรมการกลั่นกรอง", a->by);
	if (!period_parse_date(a->at, &on)) {
		strbuf_addstr(out, brief ? " เมื่อ " : " เมื่อวันที่ ");
		period_format_thai(out, &on, 1);
	}
	if (!a->forced)
		return;
	if (brief)
		strbuf_addf(out, " (ยังขาด %ld หน่วย ไม่ผ่านการตรวจสอบ %ld หน่วย)",
			    a->missing, a->rejected);
	else
		strbuf_addf(out, "\nโดยมีหน่วยงานที่ยังไม่ส่งข้อมูล %ld หน่วย และที่ส่งแล้ว"
			    "แต่ไม่ผ่านการตรวจสอบ %ld หน่วย ณ วันที่อนุมัติ",
			    a->missing, a->rejected);
}

int approval_check(sqlite3 *db, int fy, int months, struct status_list *status,
		   long *missing, long *rejected, struct tt_error *err)
{
	struct framework *fw;
	struct approval now;
	long accepted = 0;
	size_t i, k;
	int rc;

	memset(status, 0, sizeof(*status));
	*missing = *rejected = 0;
	if (!(fw = db_load_framework(db, fy, err))) {
		if (err && err->code != TT_ENOTFOUND)
			return err->code;
		return tt_error_set(err, TT_EINVAL, "fiscal year %d has no framework: there is"
				    " nothing to approve", fy);
	}
	if (!framework_round(fw, months)) {
		struct strbuf rounds;

		strbuf_init(&rounds);
		for (k = 0; k < fw->nr_rounds; k++)
			strbuf_addf(&rounds, "%s%d", k ? ", " : "", fw->rounds[k].months);
		rc = tt_error_set(err, TT_EINVAL, "the framework of %d has no %d-month round"
				  " (its rounds: %s)", fy, months, rounds.buf);
		strbuf_release(&rounds);
		framework_free(fw);
		return rc;
	}
	if ((rc = approval_get(db, fy, months, &now, err)))
		goto out;
	if (now.approved) {
		rc = tt_error_set(err, TT_EINVAL, "the %d-month round of %d is already approved"
				  " (by %s on %s)", months, fy, now.by, now.at);
		goto out;
	}
	if ((rc = status_load_framework(db, fw, months, NULL, status, err)))
		goto out;
	/* the units as they stand now, not as the last aggregate counted them */
	for (i = 0; i < status->nr_rounds; i++)
		for (k = 0; k < status->rounds[i].nr_units; k++) {
			enum status_state state = status->rounds[i].units[k].state;

			accepted += state == STATUS_ACCEPTED;
			*missing += state == STATUS_MISSING;
			*rejected += state == STATUS_REJECTED;
		}
	if (!accepted)
		rc = tt_error_set(err, TT_EINVAL, "the %d-month round of %d has no accepted data:"
				  " there is nothing to approve", months, fy);
out:
	framework_free(fw);
	return rc;
}

int approval_set(sqlite3 *db, int fy, int months, int approve, const char *by,
		 const char *at, const struct approval_gaps *gaps, int *held,
		 struct tt_error *err)
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
				      " by_name, at, forced, missing, rejected)"
				      " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", err)))
		goto fail;
	sqlite3_bind_int(st, 1, fy);
	sqlite3_bind_int(st, 2, months);
	db_bind_text(st, 3, approve ? "approve" : "reopen");
	db_bind_text(st, 4, by);
	db_bind_text(st, 5, at);
	sqlite3_bind_int(st, 6, approve && gaps && gaps->forced);
	sqlite3_bind_int64(st, 7, approve && gaps ? gaps->missing : 0);
	sqlite3_bind_int64(st, 8, approve && gaps ? gaps->rejected : 0);
	if (sqlite3_step(st) != SQLITE_DONE) {
		rc = db_fail(db, "could not record the approval", err);
		goto fail;
	}
	sqlite3_finalize(st);
	st = NULL;
	if (!approve) {
		struct strbuf held_rows;

		/* the held submissions go to validation on the next run */
		strbuf_init(&held_rows);
		strbuf_addf(&held_rows, "status = 'held' AND fiscal_year = %d AND round = %d",
			    fy, months);
		rc = db_statuses_changed(db, held_rows.buf, err);
		strbuf_release(&held_rows);
		if (rc)
			goto fail;
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
