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

static const char usage[] =
	"usage: tidtam-aggregate [-o DIR] [--wait SECONDS] [-q] [-v]\n"
	"\n"
	"Roll the accepted values up school -> network -> office, compare them\n"
	"with the targets and count reporting completeness per round.\n"
	"\n"
	"  -o, --output DIR   output folder holding tidtam.db (default: output)\n"
	"      --wait SECONDS wait this long for another run under way, then give up\n"
	"                     with status 3 (default: 60; 0: do not wait)\n"
	"  -q, --quiet        print nothing but errors\n"
	"  -v, --verbose      the log's lines (DIR/log/) on stderr too\n"
	"  -h, --help, -V, --version\n";

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
	strbuf_init(&summary);
	strbuf_addf(&summary, "%ld results for %d fiscal years", stats.results,
		    stats.fiscal_years);
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
