/*
 * aggregate.c - tidtam-aggregate: results per unit, indicator and round.
 */
#include <stdio.h>

#include "cmd.h"
#include "tidtam/aggregate.h"
#include "tidtam/db.h"
#include "tidtam/error.h"
#include "tidtam/banned.h"

/* SYNOPSIS and OPTIONS of man/tidtam-aggregate.1 (tools/man2help.sh) */
static const char usage[] =
#include "help/tidtam-aggregate.h"
	;

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
