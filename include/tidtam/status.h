/*
 * status.h - where each office's rounds stand: who sent, who did not.
 *
 * For every office, fiscal year with a framework and round of that year's
 * framework: the units that owe data that round (the schools, when a
 * required school indicator is due; the office itself, when a required
 * indicator of its own is due), how many sent, on time or late, how many
 * are missing, and how the submission that counts for each unit was judged
 * (accepted, rejected, held, not yet validated), with the units themselves.
 * The round's approval comes with it.
 *
 * The counts expected, received, on time, late, missing and accepted are
 * those aggregate stored in the completeness table, which the validation
 * report prints; the units' states come from one query over the
 * submissions (the submission that counts: the newest accepted one, else
 * the newest, as AGGREGATE_COUNTED_DATE_SQL in aggregate.h), which the
 * validation report's table of units uses too.  A round aggregate has not
 * counted yet (no completeness row) is counted from the units' states,
 * which agree with aggregate's by construction.
 *
 * Everything is read with a handful of set-based queries for the whole
 * database, whatever the number of offices and schools.  Nothing is written.
 */
#ifndef TIDTAM_STATUS_H
#define TIDTAM_STATUS_H

#include <stddef.h>
#include <sqlite3.h>

#include "tidtam/approval.h"

struct tt_error;

/* How the submission that counts for a unit's round was judged. */
enum status_state {
	STATUS_MISSING,   /* nothing sent for the round */
	STATUS_ACCEPTED,  /* an accepted submission counts */
	STATUS_REJECTED,  /* nothing accepted; the newest submission was rejected */
	STATUS_HELD,      /* nothing accepted; the newest is held (the round is approved) */
	STATUS_PENDING,   /* nothing accepted; the newest is not validated yet */
};

/* "missing", "accepted", "rejected", "held", "pending": the JSON names. */
const char *status_state_name(enum status_state state);

/* One unit that owes data in a round. */
struct status_unit {
	const char *code, *name;   /* borrowed from the status_list */
	int is_office;             /* the office itself (its own indicators) */
	enum status_state state;
	int on_time;               /* sent, and the counted submission by the deadline */
	int held;                  /* has held submissions waiting (even when accepted) */
	char submitted_on[11];     /* YYYY-MM-DD of the counted submission, "" if missing */
};

/* One office's round of one fiscal year. */
struct status_round {
	int fiscal_year;
	int round;                 /* months: 3, 6, 9, 12 */
	char deadline[11];         /* YYYY-MM-DD, from the framework */
	const char *office, *office_name;   /* borrowed from the status_list */
	long expected, received, on_time, late, missing, accepted;  /* as completeness */
	long rejected;             /* units whose counted submission was rejected */
	long held;                 /* units with held submissions waiting */
	long pending;              /* units whose counted submission is not validated yet */
	int from_completeness;     /* 1: the first six counts are aggregate's rows */
	struct approval approval;  /* the round's approval (for every office alike) */
	struct status_unit *units; /* every unit that owes: the office first, then schools by code */
	size_t nr_units;
};

/*
 * The rounds loaded, ordered by fiscal year, round, office code.  Owns
 * every string the rounds and units point at; status_list_release() frees
 * them all, after which no pointer taken from it may be used.
 */
struct status_list {
	struct status_round *rounds;
	size_t nr_rounds;
	size_t alloc_rounds;       /* private */
	char **strings;            /* private: the codes and names */
	size_t nr_strings, alloc_strings;
};

/*
 * Load into *out (which the caller provides; its old contents are not
 * freed) the rounds of fiscal_year (0: every year with a framework), round
 * (months; 0: every round of each year's framework) and office (a unit
 * code of kind office; NULL: every office).  A year whose framework cannot
 * be read fails the whole load.  Returns 0 (possibly with no rounds, when
 * nothing matches), or TT_EDB or the framework parser's code with err; on
 * failure *out is left empty.  The caller releases *out with
 * status_list_release() in either case.
 */
int status_load(sqlite3 *db, int fiscal_year, int round, const char *office,
		struct status_list *out, struct tt_error *err);

/*
 * status_load() for the one fiscal year of fw, already loaded by the
 * caller (who still owns it): what the validation report and approve use.
 */
struct framework;
int status_load_framework(sqlite3 *db, const struct framework *fw, int round,
			  const char *office, struct status_list *out, struct tt_error *err);

/*
 * Append list to out (the caller's) as one JSON document (json.h):
 *
 *   { "format": "tidtam-status/1",
 *     "rounds": [ { "fiscal_year", "round", "deadline", "office", "office_name",
 *                   "expected", "received", "on_time", "late", "missing",
 *                   "accepted", "rejected", "held", "pending",
 *                   "counted_from": "completeness" | "submissions",
 *                   "approval": null | { "by", "at", "forced", "missing", "rejected" },
 *                   "missing_units", "rejected_units", "held_units":
 *                       [ { "code", "name", "submitted_on" (not in missing_units) } ] } ] }
 *
 * Rounds in the list's order, units by code (the office first); the key
 * names are stable, for scripts.
 */
struct strbuf;
void status_json(const struct status_list *list, struct strbuf *out);

/* Free everything *list holds and leave it empty.  NULL is allowed. */
void status_list_release(struct status_list *list);

/*
 * The statements status_load() runs for one office (?1 the office, ?2 the
 * fiscal year or 0, ?3 the round or 0; the counts' ?3 the office), NULL at
 * the end: for the test that checks each reads only that office's rows.
 */
const char *const *status_office_statements(void);

#endif
