/*
 * export.h - the results of a fiscal year as data for other systems.
 *
 * One row (element, data value) per unit x indicator x round of the result
 * table that aggregate wrote and the unit owes or has a result for (an
 * office's indicator on the office only, an optional one only with a
 * result, only at the rounds due: the framework says), with the unit's
 * office, the indicator's unit, value type, direction and policy area and
 * the round's data date, in one stable order (unit code, round,
 * indicator code), read with one set-based query and written as it is
 * read: CSV (UTF-8 with a byte-order mark, as tidtam's forms, so that Excel
 * on Thai Windows opens it), JSON, XLSX (one sheet) or IHE ADX (the
 * Aggregate Data Exchange profile, urn:ihe:qrph:adx:2015, as DHIS2
 * imports it).  Exporting only reads: nothing in the database changes.
 *
 * Figures are written as stored: the shortest decimal text that reads back
 * as the same double (never an exponent, never Thai digits); text fields
 * (names) have their Thai digits made ASCII.  The one time-dependent field,
 * ADX's `exported`, comes from tt_now(), so SOURCE_DATE_EPOCH makes two
 * exports byte-identical.
 *
 * The CSV's header names are ones a long sheet already knows (unit_code,
 * fiscal_year, round, indicator, value, numerator, denominator; sheet.c's
 * aliases; submitted_on, the data date, dates the submission), so an
 * export goes back through tidtam-ingest as it is: a national database
 * takes an area's export as its office's results, dated as the area's.
 */
#ifndef TIDTAM_EXPORT_H
#define TIDTAM_EXPORT_H

#include <stdio.h>
#include <sqlite3.h>

struct tt_error;

enum export_format { EXPORT_CSV, EXPORT_JSON, EXPORT_XLSX, EXPORT_ADX };

/* What to export: a fiscal year, and optionally one round and one office. */
struct export_filter {
	int fiscal_year;        /* BE, required */
	int round;              /* months (3, 6, 9, 12), or 0 for every round */
	const char *office;     /* an office's code: it, its networks and its
				   schools; NULL for every unit */
};

struct export_stats {
	long rows;              /* result rows written (ADX: read, owed) */
	long groups;            /* ADX: <group> elements written */
};

/* "csv", "json", "xlsx" or "adx" into *out: 0, or -1 for another name. */
int export_format_parse(const char *name, enum export_format *out);

/*
 * The ISO 8601 interval of the round of `months` of fiscal year fy, as ADX
 * writes a period: the fiscal year's first day and the months since, e.g.
 * "2023-10-01/P6M" for round 6 of 2567; the whole year is "P1Y" (what
 * DHIS2 takes as its October financial year).  buf holds at least 24 bytes.
 */
void export_period(int fy, int months, char *buf, size_t len);

/*
 * The shortest decimal text that reads back as the same double v, with no
 * exponent (ADX values are xs:decimal), into buf of len bytes.  Returns 0,
 * or -1 when v is not finite or its text does not fit (64 bytes hold any
 * figure a result has; a tiny or huge one may need more).
 */
int export_number(double v, char *buf, size_t len);

/*
 * Write the results filter selects from db as fmt.  CSV, JSON and ADX go
 * to out (a stream the caller opened and closes: a file, or stdout);
 * XLSX is written to path (out is not used), through a temporary name
 * renamed into place, with a second sheet คำอธิบาย of the columns.  The framework of the fiscal year gives indicator
 * names and targets.  Returns 0; TT_EINVAL when the format's destination
 * (path or out) is NULL; TT_ENOTFOUND when the fiscal year has no
 * framework or the office is not a registered office (err says which);
 * TT_EIO when writing fails; TT_EDB.  stats may be NULL.
 */
int export_write(sqlite3 *db, const struct export_filter *filter, enum export_format fmt,
		 FILE *out, const char *path, struct export_stats *stats,
		 struct tt_error *err);

#endif
