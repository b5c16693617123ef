/*
 * approval.h - the vetting committee (คณะกรรมการกลั่นกรอง) signs off a round.
 *
 * `tidtam approve --fy 2567 --round 6m --by NAME` records who approved the
 * round and when, and freezes its accepted data: submissions for it that
 * arrive afterwards are held (status 'held'), listed in their receipts and
 * not applied.  `tidtam reopen ...` records the reopening and sends the held
 * submissions back to validation.  Every action is kept, in order, in the
 * approval table; a round is approved while its newest action is approve.
 *
 * Before approving, approval_check() refuses a year with no framework, a
 * round its framework does not have, a round with no accepted data, and
 * says which units are still missing or rejected (status.h): approve
 * refuses those too unless forced, and a forced approval records that it
 * was, with how many units were missing and rejected then (schema 7).
 */
#ifndef TIDTAM_APPROVAL_H
#define TIDTAM_APPROVAL_H

#include <sqlite3.h>

struct tt_error;
struct status_list;

struct approval {
	int approved;          /* 1 while the round is approved */
	char by[128];          /* who, as given */
	char at[11];           /* YYYY-MM-DD */
	int forced;            /* approved with --force while units were missing or rejected */
	long missing, rejected; /* units missing and rejected when it was approved */
};

/*
 * Whether the round of `months` of fiscal year fy may be approved.  Returns
 * TT_EINVAL with err when fy has no framework, its framework has no such
 * round, the round is already approved (err says by whom and when), or no
 * submission of the round was accepted; TT_EDB (or the framework parser's
 * code) when the database fails.  On 0, *status (which the caller
 * provides, and releases with status_list_release() whatever the result)
 * holds the round for every office, and *missing and *rejected count the
 * units still missing and those whose counted submission was rejected:
 * the units to list before approving.
 */
int approval_check(sqlite3 *db, int fy, int months, struct status_list *status,
		   long *missing, long *rejected, struct tt_error *err);

/* What an approval records beyond who and when. */
struct approval_gaps {
	int forced;              /* given although units were missing or rejected */
	long missing, rejected;  /* how many, at that moment */
};

/*
 * Approve (approve 1) or reopen (0) the round of `months` of fiscal year fy,
 * as `by`, on date at (YYYY-MM-DD); an approval records gaps (NULL: none,
 * not forced).  Reopening moves the round's held submissions back to 'new';
 * *held counts them.  Returns 0, TT_EINVAL when the round is already in that
 * state (err says since when and by whom), or TT_EDB.
 */
int approval_set(sqlite3 *db, int fy, int months, int approve, const char *by,
		 const char *at, const struct approval_gaps *gaps, int *held,
		 struct tt_error *err);

/*
 * Append to out the round's approval in Thai, with Arabic digits (the
 * caller turns them into Thai ones if it prints those).  APPROVAL_LINE:
 * the line every page of a report carries, the draft mark or
 * "ผ่านการอนุมัติของคณะกรรมการกลั่นกรอง โดย … เมื่อวันที่ …", and for a forced
 * approval, after a newline, how many units were missing and rejected
 * then.  APPROVAL_BRIEF: "ร่าง", or "อนุมัติแล้ว โดย … เมื่อ …" with
 * "(ยังขาด N หน่วย ไม่ผ่านการตรวจสอบ M หน่วย)" when forced, for a table cell.
 * The one place the approval is put into words.
 */
enum approval_form { APPROVAL_LINE, APPROVAL_BRIEF };
struct strbuf;
void approval_describe(const struct approval *a, enum approval_form form,
		       struct strbuf *out);

/* The round's state into *out.  0 or TT_EDB. */
int approval_get(sqlite3 *db, int fy, int months, struct approval *out,
		 struct tt_error *err);

#endif
