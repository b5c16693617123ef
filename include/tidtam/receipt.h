/*
 * receipt.h - the plain-text receipt (ใบตอบรับ) a submitter gets per file.
 *
 * A receipt says, in Thai, what was received from one input file (unit,
 * round, how many values), what was accepted or rejected, and for every
 * problem its code, row, column, the value found and what to fix.  It lives
 * at <output>/receipts/<FY>/<unit>/<file name>[-v<version>].txt, where <unit>
 * is the one unit the file is about, or the network or office that all its
 * units share; "unknown" stands for what could not be read.
 */
#ifndef TIDTAM_RECEIPT_H
#define TIDTAM_RECEIPT_H

#include <sqlite3.h>

struct strbuf;
struct tt_error;

/* Append the receipt text of file file_id to sb.  0 or TT_EDB. */
int receipt_text(sqlite3 *db, long long file_id, struct strbuf *sb,
		 struct tt_error *err);

/*
 * Write (or confirm unchanged) the receipt of every input file under
 * output_dir/receipts, and record its path in the file table.  *written
 * counts them.  0, TT_EDB or TT_EIO.
 */
int receipt_write_all(sqlite3 *db, const char *output_dir, int *written,
		      struct tt_error *err);

#endif
