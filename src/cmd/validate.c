/*
 * validate.c - tidtam-validate: check new submissions, write receipts.
 */
#include <stdio.h>

#include "cmd.h"
#include "tidtam/db.h"
#include "tidtam/error.h"
#include "tidtam/receipt.h"
#include "tidtam/validate.h"
#include "tidtam/banned.h"

static const char usage[] =
	"usage: tidtam-validate [-o DIR] [-l th|en] [-q]\n"
	"\n"
	"Check every submission not yet checked against the framework of its\n"
	"fiscal year, accept or reject it, and write a receipt (text and a\n"
	"one-page PDF) for every input file under DIR/receipts/<FY>/<unit>/.\n"
	"\n"
	"  -o, --output DIR   output folder holding tidtam.db (default: output)\n"
	"  -l, --lang th|en   language of the receipts (default: th)\n"
	"  -q, --quiet        print nothing but errors\n"
	"  -h, --help, -V, --version\n";

int cmd_validate(int argc, char **argv)
{
	struct cmd_options opt;
	struct validate_stats stats;
	struct tt_error err;
	sqlite3 *db;
	int rc;

	if ((rc = cmd_parse_options(argc, argv, usage, &opt)) >= 0)
		return rc;
	if (!(db = cmd_open_db("tidtam-validate", &opt)))
		return EXIT_SYSTEM;
	tt_error_clear(&err);
	rc = validate_run(db, &stats, &err);
	if (!rc)
		rc = receipt_write_all(db, opt.output_dir, opt.english, &stats.receipts, &err);
	db_close(db);
	if (rc) {
		cmd_error("tidtam-validate", &err);
		return EXIT_SYSTEM;
	}
	if (!opt.quiet)
		printf("validate: %d submissions checked, %d accepted, %d rejected"
		       " (%d errors, %d warnings), %d receipts\n", stats.submissions,
		       stats.accepted, stats.rejected, stats.errors, stats.warnings,
		       stats.receipts);
	return stats.rejected ? EXIT_REJECTED : 0;
}

#ifdef TT_STANDALONE
int main(int argc, char **argv)
{
	return cmd_validate(argc, argv);
}
#endif
