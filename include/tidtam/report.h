/*
 * report.h - the fourth stage: results into the office's PDF reports.
 *
 * For every fiscal year with results and every office, the annual report
 * goes to <output>/reports/<FY>/<office>/annual-<FY>.pdf: a cover, one
 * section per policy area with a table of its indicators (code, name, unit,
 * target, results at 3/6/9/12 months, status) and a completeness table.
 * The PDF's dates come from the data, so the same database gives the same
 * bytes.
 */
#ifndef TIDTAM_REPORT_H
#define TIDTAM_REPORT_H

#include <sqlite3.h>

struct tt_error;

struct report_options {
	int thai_digits;   /* print digits as ๐-๙ */
};

struct report_stats {
	int written;   /* reports written (or confirmed unchanged) */
};

int report_render_all(sqlite3 *db, const char *output_dir,
		      const struct report_options *opt, struct report_stats *stats,
		      struct tt_error *err);

#endif
