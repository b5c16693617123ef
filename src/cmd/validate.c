/*
 * validate.c - tidtam-validate: check new submissions, write receipts.
 */
#include <getopt.h>
#include <stdio.h>

#include "cmd.h"
#include "tidtam/db.h"
#include "tidtam/error.h"
#include "tidtam/period.h"
#include "tidtam/receipt.h"
#include "tidtam/step.h"
#include "tidtam/util.h"
#include "tidtam/validate.h"
#include "tidtam/banned.h"

/* SYNOPSIS and OPTIONS of man/tidtam-validate.1 (tools/man2help.sh) */
static const char usage[] =
#include "help/tidtam-validate.h"
	;

enum { OPT_EXPLAIN = CMD_OPT_FIRST, OPT_FY };

struct explain_args {
	const char *rule;
	int fy;
};

static int handle(int val, const char *arg, void *data)
{
	struct explain_args *a = data;
	long v;

	if (val == OPT_EXPLAIN) {
		a->rule = arg;
	} else if (val == OPT_FY) {
		if (tt_parse_long(arg, &v) || v < 2500 || v > 2700) {
			fprintf(stderr, "tidtam-validate: --fy takes a Buddhist-Era year, not '%s'\n",
				arg);
			return -1;
		}
		a->fy = (int)v;
	}
	return 0;
}

static int explain(const struct cmd_options *opt, const struct explain_args *a)
{
	struct tt_error err;
	struct strbuf out;
	sqlite3 *db;
	int months, rc;

	if (opt->nr_args != 2 || period_parse_round(opt->args[1], &months)) {
		fprintf(stderr, "tidtam-validate: --explain RULE takes a UNIT and a ROUND"
				" (3, 6, 9 or 12)\n");
		cmd_usage_error(usage);
		return EXIT_USAGE;
	}
	if (!(db = cmd_open_db("tidtam-validate", opt)))
		return EXIT_SYSTEM;
	strbuf_init(&out);
	tt_error_clear(&err);
	rc = validate_explain(db, a->rule, opt->args[0], a->fy, months, &out, &err);
	db_close(db);
	fputs(out.buf, stdout);
	strbuf_release(&out);
	if (rc) {
		cmd_error("tidtam-validate", &err);
		return rc == TT_ENOTFOUND ? EXIT_REJECTED : EXIT_SYSTEM;
	}
	return 0;
}

int cmd_validate(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "explain", required_argument, NULL, OPT_EXPLAIN },
		{ "fy", required_argument, NULL, OPT_FY },
		CMD_OPT_JOBS,
		{ NULL, 0, NULL, 0 },
	};
	struct explain_args a = { NULL, 0 };
	struct cmd_extra extra = { longopts, handle, &a, 2 };
	struct cmd_options opt;
	struct validate_stats stats;
	struct receipt_counts receipts;
	struct cmd_progress progress;
	struct strbuf summary;
	struct tt_error err;
	sqlite3 *db;
	int rc;

	if ((rc = cmd_parse_options_ex(argc, argv, usage, &opt, &extra)) >= 0)
		return rc;
	if (a.rule)
		return explain(&opt, &a);
	if (opt.nr_args) {
		fprintf(stderr, "tidtam-validate: unexpected argument '%s'\n", opt.args[0]);
		cmd_usage_error(usage);
		return EXIT_USAGE;
	}
	if ((rc = cmd_begin("tidtam-validate", "validate", &opt, argc, argv)) >= 0)
		return rc;
	if (!(db = cmd_open_db("tidtam-validate", &opt)))
		return cmd_end("validate", EXIT_SYSTEM, NULL);
	tt_error_clear(&err);
	cmd_progress_init(&progress, "validate", "submission", &opt);
	rc = validate_run_progress(db, &progress.hook, &stats, &err);
	cmd_progress_end(&progress);
	cmd_progress_init(&progress, "validate", "receipt", &opt);
	step_stage("receipts");
	if (!rc)
		rc = receipt_write_all_progress(db, opt.output_dir, opt.english,
						opt.templates_dir, &progress.hook,
						cmd_jobs(&opt), &receipts, &err);
	cmd_progress_end(&progress);
	db_close(db);
	if (rc) {
		cmd_error("tidtam-validate", &err);
		return cmd_end("validate", EXIT_SYSTEM, err.message);
	}
	strbuf_init(&summary);
	strbuf_addf(&summary, "%d submissions checked, %d accepted, %d rejected"
		    " (%d errors, %d warnings), %d held for approved rounds, %d receipts"
		    " (%d made now, in %d PDFs)",
		    stats.submissions, stats.accepted, stats.rejected, stats.errors,
		    stats.warnings, stats.held, receipts.receipts, receipts.made, receipts.pdfs);
	if (!opt.quiet)
		printf("validate: %s\n", summary.buf);
	rc = cmd_end("validate", stats.rejected ? EXIT_REJECTED : 0, summary.buf);
	strbuf_release(&summary);
	return rc;
}

#ifdef TT_STANDALONE
int main(int argc, char **argv)
{
	return cmd_validate(argc, argv);
}
#endif
