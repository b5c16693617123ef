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
#include "tidtam/util.h"
#include "tidtam/banned.h"

static const char usage[] =
	"usage: tidtam approve --fy YEAR --round ROUND --by NAME [-o DIR] [--wait SECONDS] [-q] [-v]\n"
	"       tidtam reopen --fy YEAR --round ROUND --by NAME [-o DIR] [--wait SECONDS] [-q] [-v]\n"
	"\n"
	"approve records that the vetting committee (คณะกรรมการกลั่นกรอง) has\n"
	"checked the round and freezes its accepted data: submissions for it that\n"
	"arrive later are held and listed, not applied, and its reports lose\n"
	"their draft mark.  reopen records the reopening and lets the held\n"
	"submissions go through on the next run.\n"
	"\n"
	"      --fy YEAR      fiscal year (Buddhist Era), e.g. 2567\n"
	"      --round ROUND  3, 6, 9 or 12 (also 6m, รอบ 6 เดือน, Q2)\n"
	"      --by NAME      who decides, as it should appear in the report\n"
	"  -o, --output DIR   output folder holding tidtam.db (default: output)\n"
	"      --wait SECONDS wait this long for another run under way, then give up\n"
	"                     with status 3 (default: 60; 0: do not wait)\n"
	"  -q, --quiet        print nothing but errors\n"
	"  -v, --verbose      the log's lines (DIR/log/) on stderr too\n"
	"  -h, --help, -V, --version\n";

enum { OPT_FY = CMD_OPT_FIRST, OPT_ROUND, OPT_BY };

struct args {
	int fy, months;
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
	}
	return 0;
}

static int decide(int argc, char **argv, int approve)
{
	static const struct option longopts[] = {
		{ "fy", required_argument, NULL, OPT_FY },
		{ "round", required_argument, NULL, OPT_ROUND },
		{ "by", required_argument, NULL, OPT_BY },
		{ NULL, 0, NULL, 0 },
	};
	const char *prog = approve ? "tidtam-approve" : "tidtam-reopen";
	const char *stage = approve ? "approve" : "reopen";
	struct strbuf summary;
	struct args a = { 0, 0, NULL };
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
		fprintf(stderr, "%s: --fy, --round and --by are all required\n%s", prog, usage);
		return EXIT_USAGE;
	}
	if ((rc = cmd_begin(prog, stage, &opt, argc, argv)) >= 0)
		return rc;
	if (!(db = cmd_open_db(prog, &opt)))
		return cmd_end(stage, EXIT_SYSTEM, NULL);
	period_date_from_time(tt_now(), &today);
	period_format_iso(&today, at);
	tt_error_clear(&err);
	rc = approval_set(db, a.fy, a.months, approve, a.by, at, &held, &err);
	db_close(db);
	if (rc) {
		cmd_error(prog, &err);
		return cmd_end(stage, rc == TT_EINVAL ? EXIT_REJECTED : EXIT_SYSTEM, err.message);
	}
	strbuf_init(&summary);
	if (approve)
		strbuf_addf(&summary, "the %d-month round of %d is approved by %s on %s",
			    a.months, a.fy, a.by, at);
	else
		strbuf_addf(&summary, "the %d-month round of %d is open again; %d held"
			    " submissions go through on the next run", a.months, a.fy, held);
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
