/*
 * status.c - tidtam status: where each office's rounds stand, read from
 * the database without changing it: per office, fiscal year and round,
 * the units expected, received, on time, late, missing, accepted, rejected
 * and held, then the schools missing, rejected and held by code and name;
 * or all of it as JSON for scripts (status_json()).
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "tidtam/db.h"
#include "tidtam/error.h"
#include "tidtam/period.h"
#include "tidtam/status.h"
#include "tidtam/util.h"
#include "tidtam/banned.h"

static const char usage[] =
	"usage: tidtam status [--fy YEAR] [--round ROUND] [--office CODE] [--json] [-o DIR]\n"
	"\n"
	"Where each office's rounds stand, from the database (read only): per\n"
	"fiscal year, round and office, the units expected, received, on time,\n"
	"late, missing, accepted, rejected and held, as the validation report\n"
	"counts them, and the schools missing, rejected and held.  Without\n"
	"--fy or --round, every year and round that has a framework round.\n"
	"\n"
	"      --fy YEAR      only this fiscal year (Buddhist Era), e.g. 2567\n"
	"      --round ROUND  only this round: 3, 6, 9 or 12 (also 6m, Q2)\n"
	"      --office CODE  only this office\n"
	"      --json         JSON for scripts instead of tables\n"
	"  -o, --output DIR   output folder holding tidtam.db (default: output)\n"
	"  -h, --help, -V, --version\n"
	"\n"
	"exit status: 0 shown, 1 nothing matches the filters, 2 usage,\n"
	"3 no database or it cannot be read\n";

enum { OPT_FY = CMD_OPT_FIRST, OPT_ROUND, OPT_OFFICE, OPT_JSON };

struct args {
	int fy, months, json;
	const char *office;
};

static int handle(int val, const char *arg, void *data)
{
	struct args *a = data;

	switch (val) {
	case OPT_FY:
		if (period_parse_fiscal_year(arg, &a->fy)) {
			fprintf(stderr, "tidtam-status: --fy takes a Buddhist-Era year, not '%s'\n",
				arg);
			return -1;
		}
		break;
	case OPT_ROUND:
		if (period_parse_round(arg, &a->months)) {
			fprintf(stderr, "tidtam-status: --round is 3, 6, 9 or 12, not '%s'\n", arg);
			return -1;
		}
		break;
	case OPT_OFFICE:
		a->office = arg;
		break;
	case OPT_JSON:
		a->json = 1;
		break;
	}
	return 0;
}

/* The units of r in state (STATUS_HELD: those holding submissions), one a line. */
static void print_units(const struct status_round *r, enum status_state state, const char *what)
{
	size_t i, n = 0;

	for (i = 0; i < r->nr_units; i++)
		n += state == STATUS_HELD ? r->units[i].held : r->units[i].state == state;
	if (!n)
		return;
	printf("  %s (%zu):\n", what, n);
	for (i = 0; i < r->nr_units; i++) {
		const struct status_unit *u = &r->units[i];

		if (state == STATUS_HELD ? !u->held : u->state != state)
			continue;
		if (state == STATUS_MISSING)
			printf("    %-12s %s\n", u->code, u->name);
		else
			printf("    %-12s %s (sent %s)\n", u->code, u->name, u->submitted_on);
	}
}

static void print_round(const struct status_round *r)
{
	printf("%d round %d (deadline %s), office %s %s", r->fiscal_year, r->round, r->deadline,
	       r->office, r->office_name);
	if (r->approval.approved) {
		printf(": approved by %s on %s", r->approval.by, r->approval.at);
		if (r->approval.forced)
			printf(" (forced: %ld missing, %ld rejected then)", r->approval.missing,
			       r->approval.rejected);
	}
	printf("\n  %8s %8s %8s %8s %8s %8s %8s %8s\n", "expected", "received", "on time",
	       "late", "missing", "accepted", "rejected", "held");
	printf("  %8ld %8ld %8ld %8ld %8ld %8ld %8ld %8ld\n", r->expected, r->received,
	       r->on_time, r->late, r->missing, r->accepted, r->rejected, r->held);
	if (r->pending)
		printf("  %ld not validated yet (run tidtam validate)\n", r->pending);
	print_units(r, STATUS_MISSING, "missing");
	print_units(r, STATUS_REJECTED, "rejected");
	print_units(r, STATUS_HELD, "held");
}

int cmd_status(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "fy", required_argument, NULL, OPT_FY },
		{ "round", required_argument, NULL, OPT_ROUND },
		{ "office", required_argument, NULL, OPT_OFFICE },
		{ "json", no_argument, NULL, OPT_JSON },
		{ NULL, 0, NULL, 0 },
	};
	const char *prog = "tidtam-status";
	struct args a = { 0, 0, 0, NULL };
	struct cmd_extra extra = { longopts, handle, &a, 0 };
	struct cmd_options opt;
	struct status_list list;
	struct tt_error err;
	sqlite3 *db;
	size_t i;
	int rc;

	if ((rc = cmd_parse_options_ex(argc, argv, usage, &opt, &extra)) >= 0)
		return rc;
	if (!(db = cmd_open_db_readonly(prog, &opt)))
		return EXIT_SYSTEM;
	tt_error_clear(&err);
	rc = status_load(db, a.fy, a.months, a.office, &list, &err);
	db_close(db);
	if (rc) {
		cmd_error(prog, &err);
		status_list_release(&list);
		return EXIT_SYSTEM;
	}
	if (a.json) {
		struct strbuf out;

		strbuf_init(&out);
		status_json(&list, &out);
		fputs(out.buf, stdout);
		strbuf_release(&out);
	} else {
		for (i = 0; i < list.nr_rounds; i++) {
			if (i)
				putchar('\n');
			print_round(&list.rounds[i]);
		}
	}
	rc = 0;
	if (!list.nr_rounds) {
		if (a.fy || a.months || a.office) {
			fprintf(stderr, "%s: no round matches: no framework round of that year"
				" or no such office in '%s/tidtam.db'\n", prog, opt.output_dir);
			rc = EXIT_REJECTED;
		} else if (!a.json) {
			printf("nothing to show yet: no fiscal year has a framework in '%s/tidtam.db'\n",
			       opt.output_dir);
		}
	}
	status_list_release(&list);
	if (fflush(stdout)) {
		fprintf(stderr, "%s: could not write the status\n", prog);
		return EXIT_SYSTEM;
	}
	return rc;
}

#ifdef TT_STANDALONE
int main(int argc, char **argv)
{
	return cmd_status(argc, argv);
}
#endif
