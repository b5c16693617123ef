/*
 * report.h - the fourth stage: results into the office's PDF reports.
 *
 * For every office and fiscal year with results, into
 * <output>/reports/<FY>/<office>/:
 *   annual-<FY>.pdf            the annual report, as templates/reports/annual.xml
 *                              lays it out: cover, foreword, contents, summary,
 *                              policy areas, networks, budget, completeness,
 *                              appendices
 *   progress-<FY>-<m>m.pdf     the same for the rounds up to m months
 *                              (progress.xml), once round m has results
 *   validation-<FY>-<m>m.pdf   completeness per network, group and school, and
 *   validation-<FY>-<m>m.csv   every open error and warning, for each round
 *                              with submissions
 *   validation-<FY>-<m>m.json  the same open issues (one task per file) and the
 *                              completeness rows of the office and its networks,
 *                              as data (vreport.h)
 *   cards/<school>.pdf         a school's results against its targets and the
 *   cards/network-<code>.pdf   office median (card.xml), and each network's
 *                              cards in one file
 * Each page carries the draft mark, or the approval line once the round is
 * approved (approval_describe(); a forced approval's line says how many
 * units were missing and rejected then).  Every report records a hash of what it was made from (its
 * rows in the database, template, framework, program version); a report
 * whose hash has not changed since it was written is not made again.
 * The PDF's dates come from the data, so the same database gives the same
 * bytes.
 */
#ifndef TIDTAM_REPORT_H
#define TIDTAM_REPORT_H

#include <sqlite3.h>

struct tt_progress;

struct tt_error;

struct report_options {
	const char *templates_dir;  /* holding reports/ and schema/ */
	int thai_digits;            /* 1 Thai, 0 Arabic, -1 as each template says */
	const struct tt_progress *progress; /* reports gone through (made or skipped); or NULL */
	int jobs;                   /* worker processes making them (1 or less: this one) */
};

struct report_stats {
	int written;      /* annual and progress reports made */
	int validation;   /* validation reports (PDF and CSV) made */
	int cards;        /* school report cards made (schools and networks) */
	int skipped;      /* reports whose inputs had not changed */
	int failed;       /* reports, or templates, that could not be made or read */
	char **messages;  /* a line for each warning and failure, each once, in
			     order ("annual.xml:32: warning: ..."); owned, freed
			     by report_stats_release() */
	size_t nr_messages, alloc_messages;
};

/*
 * Make every report that is due, for every office and fiscal year, each
 * from its own year's framework and templates: templates/reports/<FY>/
 * annual.xml (progress.xml, card.xml) where it exists, else the one in
 * templates/reports/.  A template that cannot be read, or a report that
 * cannot be made, is counted in stats->failed with its message, and the
 * rest are still made; a template naming an indicator that the year's
 * framework lacks is a warning (a message, and a line in the report's
 * data-quality appendix).  Returns 0, or an error code with err set when
 * the database cannot be read at all.
 */
int report_render_all(sqlite3 *db, const char *output_dir,
		      const struct report_options *opt, struct report_stats *stats,
		      struct tt_error *err);

/* Free the messages of stats. */
void report_stats_release(struct report_stats *stats);

#endif
