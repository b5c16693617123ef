/*
 * aggregate.c - tidtam-aggregate: results per unit, indicator and round.
 */
#include <stdio.h>

#include "cmd.h"
#include "tidtam/aggregate.h"
#include "tidtam/db.h"
#include "tidtam/error.h"
#include "tidtam/banned.h"

static const char usage[] =
	"usage: tidtam-aggregate [-o DIR] [-q]\n"
	"\n"
	"Roll the accepted values up school -> network -> office, compare them\n"
	"with the targets and count reporting completeness per round.\n"
	"\n"
	"  -o, --output DIR   output folder holding tidtam.db (default: output)\n"
	"  -q, --quiet        print nothing but errors\n"
	"  -h, --help, -V, --version\n";

int cmd_aggregate(int argc, char **argv)
{
	struct cmd_options opt;
	struct aggregate_stats stats;
	struct tt_error err;
	sqlite3 *db;
	int rc;

	if ((rc = cmd_parse_options(argc, argv, usage, &opt)) >= 0)
		return rc;
	if (!(db = cmd_open_db("tidtam-aggregate", &opt)))
		return EXIT_SYSTEM;
	tt_error_clear(&err);
	rc = aggregate_run(db, &stats, &err);
	db_close(db);
	if (rc) {
		cmd_error("tidtam-aggregate", &err);
		return EXIT_SYSTEM;
	}
	if (!opt.quiet)
		printf("aggregate: %ld results for %d fiscal years\n", stats.results,
		       stats.fiscal_years);
	return 0;
}

#ifdef TT_STANDALONE
int main(int argc, char **argv)
{
	return cmd_aggregate(argc, argv);
}
#endif
