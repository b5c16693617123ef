/*
 * row.h - a row of cells, as every tabular reader (CSV, XLSX) hands it on.
 */
#ifndef TIDTAM_ROW_H
#define TIDTAM_ROW_H

#include <stddef.h>

struct tt_row {
	long number;          /* 1-based row number as the spreadsheet shows it */
	size_t nr_fields;     /* 0 for a blank row */
	char **fields;        /* UTF-8, NUL-terminated, borrowed during the callback */
};

/* Return 0 to go on, or a negative code (err filled by the callee) to stop. */
typedef int (*tt_row_fn)(const struct tt_row *row, void *ctx);

#endif
