/*
 * approval.h - the vetting committee (คณะกรรมการกลั่นกรอง) signs off a round.
 *
 * `tidtam approve --fy 2567 --round 6m --by NAME` records who approved the
 * round and when, and freezes its accepted data: submissions for it that
 * arrive afterwards are held (status 'held'), listed in their receipts and
 * not applied.  `tidtam reopen ...` records the reopening and sends the held
 * submissions back to validation.  Every action is kept, in order, in the
 * approval table; a round is approved while its newest action is approve.
 */
#ifndef TIDTAM_APPROVAL_H
#define TIDTAM_APPROVAL_H

#include <sqlite3.h>

struct tt_error;

struct approval {
	int approved;          /* 1 while the round is approved */
	char by[128];          /* who, as given */
	char at[11];           /* YYYY-MM-DD */
	int forced;            /* approved with --force while units were missing or rejected */
	long missing, rejected; /* units missing and rejected when it was approved */
};

/*
 * Approve (approve 1) or reopen (0) the round of `months` of fiscal year fy,
 * as `by`, on date at (YYYY-MM-DD).  Reopening moves the round's held
 * submissions back to 'new'; *held counts them.  Returns 0, TT_EINVAL when
 * the round is already in that state (err says since when and by whom), or
 * TT_EDB.
 */
int approval_set(sqlite3 *db, int fy, int months, int approve, const char *by,
		 const char *at, int *held, struct tt_error *err);

/* The round's state into *out.  0 or TT_EDB. */
int approval_get(sqlite3 *db, int fy, int months, struct approval *out,
		 struct tt_error *err);

#endif
