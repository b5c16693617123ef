/*
 * approve.c - tidtam approve / tidtam reopen: the vetting committee's
 * sign-off of a round, and taking it back.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "tidtam/approval.h"
#include "tidtam/db.h"
#include "tidtam/error.h"
#include "tidtam/period.h"
#include "tidtam/status.h"
#include "tidtam/util.h"
#include "tidtam/banned.h"

/* SYNOPSIS and OPTIONS of man/tidtam-approve.1 (tools/man2help.sh) */
static const char usage[] =
#include "help/tidtam-approve.h"
	;

enum { OPT_FY = CMD_OPT_FIRST, OPT_ROUND, OPT_BY, OPT_FORCE };

struct args {
	int fy, months, force;
	const char *by;
};

static int handle(int val, const char *arg, void *data)
{
	struct args *a = data;

	switch (val) {
	case OPT_FY:
		if (period_parse_fiscal_year(arg, &a->fy)) {
			fprintf(stderr, "tidtam: --fy takes a Buddhist-Era year, not '%s'\n", arg);
			return -1;
		}
		break;
	case OPT_ROUND:
		if (period_parse_round(arg, &a->months)) {
			fprintf(stderr, "tidtam: --round is 3, 6, 9 or 12, not '%s'\n", arg);
			return -1;
		}
		break;
	case OPT_BY:
		a->by = arg;
		break;
	case OPT_FORCE:
		a->force = 1;
		break;
	}
	return 0;
}

/* The units of every office still missing or rejected in the round. */
static void print_gaps(const struct status_list *status)
{
	size_t i, k;

	for (i = 0; i < status->nr_rounds; i++) {
		const struct status_round *r = &status->rounds[i];
		long missing = 0, rejected = 0;

		for (k = 0; k < r->nr_units; k++) {
			missing += r->units[k].state == STATUS_MISSING;
			rejected += r->units[k].state == STATUS_REJECTED;
		}
		if (!missing && !rejected)
			continue;
		printf("office %s %s: %ld missing, %ld rejected\n", r->office, r->office_name,
		       missing, rejected);
		for (k = 0; k < r->nr_units; k++) {
			const struct status_unit *u = &r->units[k];

			if (u->state == STATUS_MISSING || u->state == STATUS_REJECTED)
				printf("  %-8s %-12s %s\n", status_state_name(u->state), u->code,
				       u->name);
		}
	}
}

/*
 * The checks before an approval: 0 to go on (gaps filled), or the exit
 * status after saying why not.
 */
static int check_round(const char *prog, sqlite3 *db, const struct args *a, int quiet,
		       struct approval_gaps *gaps)
{
	struct status_list status;
	struct tt_error err;
	int rc;

	tt_error_clear(&err);
	rc = approval_check(db, a->fy, a->months, &status, &gaps->missing, &gaps->rejected,
			    &err);
	if (rc) {
		status_list_release(&status);
		cmd_error(prog, &err);
		return rc == TT_EINVAL ? EXIT_REJECTED : EXIT_SYSTEM;
	}
	/* the list says why a refusal; -q leaves it out of a forced approval */
	if ((gaps->missing || gaps->rejected) && (!quiet || !a->force))
		print_gaps(&status);
	status_list_release(&status);
	fflush(stdout);
	if (!gaps->missing && !gaps->rejected)
		return 0;
	if (!a->force) {
		fprintf(stderr, "%s: error: the %d-month round of %d is not approved: %ld"
			" units missing and %ld rejected (listed above); --force approves it"
			" all the same\n", prog, a->months, a->fy, gaps->missing, gaps->rejected);
		return EXIT_REJECTED;
	}
	gaps->forced = 1;
	return 0;
}

static int decide(int argc, char **argv, int approve)
{
	static const struct option longopts[] = {
		{ "fy", required_argument, NULL, OPT_FY },
		{ "round", required_argument, NULL, OPT_ROUND },
		{ "by", required_argument, NULL, OPT_BY },
		{ "force", no_argument, NULL, OPT_FORCE },
		{ NULL, 0, NULL, 0 },
	};
	const char *prog = approve ? "tidtam-approve" : "tidtam-reopen";
	const char *stage = approve ? "approve" : "reopen";
	struct strbuf summary;
	struct args a = { 0, 0, 0, NULL };
	struct approval_gaps gaps = { 0, 0, 0 };
	struct cmd_extra extra = { longopts, handle, &a, 0 };
	struct cmd_options opt;
	struct tt_error err;
	struct tt_date today;
	char at[11];
	sqlite3 *db;
	int rc, held;

	if ((rc = cmd_parse_options_ex(argc, argv, usage, &opt, &extra)) >= 0)
		return rc;
	if (!a.fy || !a.months || !a.by || !*tt_trim((char *)a.by)) {
		fprintf(stderr, "%s: --fy, --round and --by are all required\n", prog);
		cmd_usage_error(usage);
		return EXIT_USAGE;
	}
	if (a.force && !approve) {
		fprintf(stderr, "%s: --force is for approve only\n", prog);
		cmd_usage_error(usage);
		return EXIT_USAGE;
	}
	if ((rc = cmd_begin(prog, stage, &opt, argc, argv)) >= 0)
		return rc;
	if (!(db = cmd_open_db(prog, &opt)))
		return cmd_end(stage, EXIT_SYSTEM, NULL);
	if (approve && (rc = check_round(prog, db, &a, opt.quiet, &gaps))) {
		db_close(db);
		return cmd_end(stage, rc, rc == EXIT_REJECTED ? "approval refused: the round is not ready"
			       : "approval not checked: the database could not be read");
	}
	period_date_from_time(tt_now(), &today);
	period_format_iso(&today, at);
	tt_error_clear(&err);
	rc = approval_set(db, a.fy, a.months, approve, a.by, at, &gaps, &held, &err);
	db_close(db);
	if (rc) {
		cmd_error(prog, &err);
		return cmd_end(stage, rc == TT_EINVAL ? EXIT_REJECTED : EXIT_SYSTEM, err.message);
	}
	strbuf_init(&summary);
	if (approve)
		strbuf_addf(&summary, "the %d-month round of %d is approved by %s on %s",
			    a.months, a.fy, a.by, at);
	if (approve && gaps.forced)
		strbuf_addf(&summary, ", forced (%ld units missing, %ld rejected)",
			    gaps.missing, gaps.rejected);
	if (!approve)
		strbuf_addf(&summary, "the %d-month round of %d is open again; %d held"
			    " submissions go through on the next run", a.months, a.fy, held);
	strbuf_addstr(&summary, "; the reports and index pages show it after the next"
		      " 'tidtam run' (or 'tidtam render')");
	if (!opt.quiet)
		printf("%s: %s\n", stage, summary.buf);
	cmd_end(stage, 0, summary.buf);
	strbuf_release(&summary);
	return 0;
}

int cmd_approve(int argc, char **argv)
{
	return decide(argc, argv, 1);
}

int cmd_reopen(int argc, char **argv)
{
	return decide(argc, argv, 0);
}

#ifdef TT_STANDALONE
int main(int argc, char **argv)
{
	return cmd_approve(argc, argv);
}
#endif
