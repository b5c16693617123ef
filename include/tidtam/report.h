/*
 * report.h - the fourth stage: results into the office's PDF reports.
 *
 * For every fiscal year with results and every office, the annual report
 * goes to <output>/reports/<FY>/<office>/annual-<FY>.pdf: a cover, one
 * section per policy area with a table of its indicators (code, name, unit,
 * target, results at 3/6/9/12 months, status) and a completeness table.
 * For every round that has submissions, the validation report goes beside
 * it, validation-<FY>-<months>m.pdf and .csv: completeness per network and
 * office, per responsible group and per school, then every open error and
 * warning grouped by school with file, row, column, code and message (the
 * CSV has them all, with English text too).  Each page carries the draft
 * mark, or the approval line once the round is approved.
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
	int written;      /* annual reports written (or confirmed unchanged) */
	int validation;   /* validation reports (PDF and CSV) of rounds */
};

int report_render_all(sqlite3 *db, const char *output_dir,
		      const struct report_options *opt, struct report_stats *stats,
		      struct tt_error *err);

#endif
