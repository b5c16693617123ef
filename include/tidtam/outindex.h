/*
 * outindex.h - the index pages of the outputs, for officers: plain HTML
 * that opens from a folder, with no server and no script.
 *
 *   <output>/index.html                      every office and fiscal year, the
 *                                            status counts of each round, a link
 *                                            to each office's page, and the
 *                                            receipts no office page holds
 *   <output>/reports/<FY>/<office>/index.html  one office's year: its reports
 *                                            (annual, progress and validation of
 *                                            each round, every format on disk),
 *                                            the school and network cards, the
 *                                            receipts of its units with each
 *                                            file's status, the status counts
 *
 * What is listed: the files that are on disk under reports/ and receipts/
 * (so that every link leads to a file, and every file has a link), named
 * and grouped by what the database says of them: the unit table for office,
 * network and school names, file.receipt and the file's submissions for
 * each receipt's input path and status.  The status counts of each round
 * (expected, received, on time, late, missing, rejected, held), the
 * round's approval (ร่าง, or who approved it and when, and for a forced
 * one how many units were missing and rejected then: approval_describe())
 * and the units missing, rejected or held are status_load()'s (status.h).  Files of one name with different
 * extensions (.pdf, .csv, .txt, .json, …) are one row with a link per
 * extension, whatever the extensions are.  A report the rendered table
 * records but that is not on disk is named as missing, without a link.
 *
 * The pages made are written as one batch (tt_batch, util.h: one flush,
 * then each renamed into place), and a page whose bytes are the same is
 * left untouched; nothing on it comes from the clock (its one
 * date is the data date: the newest submission of the year), so a page
 * changes only when something it lists changed.  Every text from the
 * database is HTML-escaped; links are relative and percent-encoded.
 *
 * The pages are made again only when what they show may have changed: a
 * digest of the change stamps, the index stamp (reports and receipts
 * recorded), the approvals, the frameworks and the program, taken without
 * reading what the pages show, equal to the one they were last made from
 * (meta index_inputs), each page on disk as it was written (index_page)
 * and each folder they list with the modification time it had when
 * listed (index_folder: a file added or removed, by hand too), and none is
 * made; otherwise the top page is made, and each office's page whose own
 * digest (its office's stamps, its folders' reports and receipts recorded,
 * its year's data date, approvals and framework) changed, or that is not
 * on disk as written, or a folder of which changed; those whose bytes
 * changed are written.
 */
#ifndef TIDTAM_OUTINDEX_H
#define TIDTAM_OUTINDEX_H

#include <sqlite3.h>

struct tt_error;

struct outindex_stats {
	int pages;     /* index pages made (the top one included) */
	int changed;   /* of them, those whose bytes changed (written) */
	int skipped;   /* of them, those not made again: nothing they show changed
			  (all of them when none changed, the top page never else) */
};

/*
 * Write output_dir/index.html and the page of every office and fiscal year
 * that has reports, receipts or status counts, unless none needs making
 * again (stats->skipped: the pages there are).  Call it after the reports
 * and receipts are written.  Returns 0, TT_EDB (the database could not be
 * read) or TT_EIO (a folder could not be read or a page not written), with
 * err set; stats is filled in either case.
 */
int outindex_write_all(sqlite3 *db, const char *output_dir, struct outindex_stats *stats,
		       struct tt_error *err);

/*
 * The statements the pages run for one receipts folder, NULL at the end:
 * for the test that checks each reads through an index, never every file.
 */
const char *const *outindex_statements(void);

#endif
