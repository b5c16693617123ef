/*
 * render.c - tidtam-render: the PDF reports.
 */
#include <stdio.h>

#include "cmd.h"
#include "tidtam/db.h"
#include "tidtam/error.h"
#include "tidtam/report.h"
#include "tidtam/banned.h"

static const char usage[] =
	"usage: tidtam-render [-o DIR] [-q]\n"
	"\n"
	"Write the annual report of every office and fiscal year with results to\n"
	"DIR/reports/<FY>/<office>/annual-<FY>.pdf.\n"
	"\n"
	"  -o, --output DIR   output folder holding tidtam.db (default: output)\n"
	"  -q, --quiet        print nothing but errors\n"
	"  -h, --help, -V, --version\n";

int cmd_render(int argc, char **argv)
{
	struct cmd_options opt;
	struct report_stats stats;
	struct tt_error err;
	sqlite3 *db;
	int rc;

	if ((rc = cmd_parse_options(argc, argv, usage, &opt)) >= 0)
		return rc;
	if (!(db = cmd_open_db("tidtam-render", &opt)))
		return EXIT_SYSTEM;
	tt_error_clear(&err);
	rc = report_render_all(db, opt.output_dir, &stats, &err);
	db_close(db);
	if (rc) {
		cmd_error("tidtam-render", &err);
		return EXIT_SYSTEM;
	}
	if (!opt.quiet)
		printf("render: %d reports in %s/reports\n", stats.written, opt.output_dir);
	return 0;
}

#ifdef TT_STANDALONE
int main(int argc, char **argv)
{
	return cmd_render(argc, argv);
}
#endif
