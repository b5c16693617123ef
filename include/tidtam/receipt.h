/*
 * receipt.h - the receipt (ใบตอบรับ) a submitter gets for each file.
 *
 * A receipt is a document its submitter keeps.  It opens with the name of
 * the office of the units the file is about (walked up the unit tree; a
 * file of no unit: the database's one office, or none), the title, its
 * number, "<file id>/<fiscal year the file was received in>" ("42/2567":
 * stable for a file version, the same in the text, the PDF and the JSON's
 * receiptNumber) and its date of issue, the day the file was received
 * (file.ingested_at, from tt_now()), so that a receipt made again on a
 * later run keeps the date it was first issued.  Its Thai text has Thai
 * digits when the annual report template of the receipt's fiscal year
 * (<templates>/reports/<FY>/annual.xml, else reports/annual.xml) says
 * digits="thai", Arabic otherwise, and Thai quotation marks (“…”); what
 * the submitter wrote (paths, sheet names, values found, codes) stays as
 * written.  The version and the size of the file are said apart ("ฉบับที่
 * ๑ · ขนาด ๔๘๐ ไบต์"), and each problem on two lines: where it is (sheet,
 * cell) and what it means and what to do.
 *
 * A receipt says, in Thai (or English), what was received from one input
 * file (how it was read: encoding, separator, sheets and header rows; each
 * unit and round, how many values; how many rows held no value and were
 * passed over), what was accepted or rejected, and for
 * every problem its code, sheet, row, column, the value found and what was
 * expected.  It is written three times: as text and as JSON for programs
 * (vreport.h: the file, its status, sheets, submissions and every issue,
 * in Thai and English whatever the language),
 * <output>/receipts/<FY>/<unit>/<path>[-v<version>].txt and .json (<path>: the
 * file's path under the input folder, '/' made '_'; a name over 200 bytes
 * keeps its first 160, cut between two UTF-8 characters, then "~", the
 * first 16 hex digits of the SHA-256 of the input path and its extension,
 * so that any path gives a name the file system takes), where
 * <unit> is the one unit the file is about, or the network or office that
 * all its units share; "unknown" stands for what could not be read; and
 * as a part of a PDF set for printing (body at 15 pt; at most four A4
 * pages, what does not fit them counted and left to the text), one PDF
 * binding the receipts of a folder's files that came on one day,
 * <output>/receipts/<FY>/<unit>/received-<YYYY-MM-DD>.pdf: each receipt
 * from a page of its own, numbered by itself ("หน้า 1 / 2") with its
 * number in the footer, a bookmark naming it; file.receipt_pdf and
 * receipt_page say where it is.  A
 * copy of a file already read (status moved) gets a receipt when that
 * file was refused or had a submission rejected or a row refused: its own
 * path and version, that file's findings, beside that file's receipt.
 */
#ifndef TIDTAM_RECEIPT_H
#define TIDTAM_RECEIPT_H

#include <sqlite3.h>

struct strbuf;
struct tt_error;

/*
 * The note of a sheet that was read (file_sheet.note) when some of its
 * rows held no value and were passed over: this text, then their number
 * ("rows without values: 12").  Ingest writes it, the receipt says it.
 */
#define RECEIPT_ROWS_WITHOUT_VALUES "rows without values: "
/* and, after it in the same note, a results export's rows of units not registered */
#define RECEIPT_ROWS_OTHER_UNITS "rows of units not registered: "
/* and of indicators its year's framework lacks (an area's own, in a national database) */
#define RECEIPT_ROWS_OTHER_INDICATORS "rows of indicators not in the framework: "

/* A receipts PDF's name: this, the day its files came (YYYY-MM-DD), ".pdf". */
#define RECEIPT_PDF_PREFIX "received-"

/*
 * Append the receipt text of file file_id to sb, its digits as the annual
 * template under templates_dir says for the receipt's fiscal year (NULL:
 * Arabic digits).  0 or TT_EDB.
 */
int receipt_text(sqlite3 *db, long long file_id, int english, const char *templates_dir,
		 struct strbuf *sb, struct tt_error *err);

/*
 * Write (or confirm unchanged) the receipt of every input file under
 * output_dir/receipts, text, JSON and its part of its folder's PDF of
 * the day, and record where they are (file.receipt: the .txt;
 * receipt_pdf, receipt_page) in the file table.  A PDF is made again,
 * every receipt it binds, only when one of them is stale, not all there,
 * or it should bind another number of receipts than it does; a text, JSON
 * or PDF holding the same bytes is left untouched.  Then remove the
 * texts, JSON and PDFs that no file holds.  counts says how many there
 * are and how many were made.  0, TT_EDB or TT_EIO.
 */
struct receipt_counts {
	int receipts;            /* every file's, made in this run or before */
	int made;                /* of them, made in this run (with their PDFs) */
	int pdfs;                /* PDFs made in this run */
};
int receipt_write_all(sqlite3 *db, const char *output_dir, int english,
		      const char *templates_dir, struct receipt_counts *counts,
		      struct tt_error *err);

/*
 * receipt_write_all() telling progress (NULL for none) of each receipt,
 * the PDFs to make shared out to up to jobs worker processes (workers.h;
 * 1 or less: made in this process), in jobs of consecutive PDFs, each
 * made whole by one worker.  A worker opens its own connection and
 * writes nothing to the database: it sends back each receipt's path and
 * page, and this process records them all in one transaction once every
 * worker has ended (the receipts to make are marked stale, and that
 * committed, before the workers start).  The files, the rows and the
 * error said are the same whatever jobs: the error is the first in the
 * plan's order (PDF by PDF, each in file order); a worker that dies is
 * one (TT_EIO, naming the first receipt it did not make), and its
 * temporaries under output_dir/receipts are removed.  Nothing is
 * recorded then.
 */
struct tt_progress;
int receipt_write_all_progress(sqlite3 *db, const char *output_dir, int english,
			       const char *templates_dir, const struct tt_progress *progress,
			       int jobs, struct receipt_counts *counts, struct tt_error *err);

/*
 * The statements the receipts run over every file or submission of the
 * database, NULL at the end: for the test that checks each reads through
 * an index.
 */
const char *const *receipt_statements(void);

#endif
