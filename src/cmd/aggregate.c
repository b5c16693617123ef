/*
 * aggregate.c - tidtam-aggregate: results per unit, indicator and round.
 */
#include <stdio.h>

#include "cmd.h"
#include "tidtam/aggregate.h"
#include "tidtam/db.h"
#include "tidtam/error.h"
#include "tidtam/util.h"
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
	struct strbuf summary;
	sqlite3 *db;
	int rc;

	if ((rc = cmd_parse_options(argc, argv, usage, &opt)) >= 0)
		return rc;
	if ((rc = cmd_begin("tidtam-aggregate", "aggregate", &opt, argc, argv)) >= 0)
		return rc;
	if (!(db = cmd_open_db("tidtam-aggregate", &opt)))
		return cmd_end("aggregate", EXIT_SYSTEM, NULL);
	tt_error_clear(&err);
	rc = aggregate_run(db, &stats, &err);
	db_close(db);
	if (rc) {
		cmd_error("tidtam-aggregate", &err);
		return cmd_end("aggregate", EXIT_SYSTEM, err.message);
	}
	if (stats.units_on_cycle) {
		cmd_progress_clear();
		fprintf(stderr, "tidtam-aggregate: unit table has %zu unit%s on a cycle of parents:"
			" each value counted once; correct the unit lists\n", stats.units_on_cycle,
			stats.units_on_cycle == 1 ? "" : "s");
	}
	strbuf_init(&summary);
	strbuf_addf(&summary, "%ld results for %d fiscal years", stats.results,
		    stats.fiscal_years);
	if (!stats.results)
		strbuf_addstr(&summary, " made again (nothing changed since the last run)");
	if (stats.units_on_cycle)
		strbuf_addf(&summary, "; %zu unit%s on a cycle of parents", stats.units_on_cycle,
			    stats.units_on_cycle == 1 ? "" : "s");
	if (!opt.quiet)
		printf("aggregate: %s\n", summary.buf);
	cmd_end("aggregate", 0, summary.buf);
	strbuf_release(&summary);
	return 0;
}

#ifdef TT_STANDALONE
int main(int argc, char **argv)
{
	return cmd_aggregate(argc, argv);
}
#endif
