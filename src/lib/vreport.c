/*
 * vreport.c - issues as JSON, one way for every report that lists them:
 * reading an issue's columns from a query, telling the sheet, column
 * letters and header apart in the cell label that ingest stored, and
 * writing the issue as an element of a Frictionless-style `errors` array.
 * Receipts (receipt.c) and validation reports (report.c) use it, so an
 * issue reads alike in both.
 */
#include <stdlib.h>
#include <string.h>

#include "tidtam/db.h"
#include "tidtam/json.h"
#include "tidtam/util.h"
#include "tidtam/vreport.h"
#include "tidtam/banned.h"

static char *column_or_null(sqlite3_stmt *st, int col)
{
	return sqlite3_column_type(st, col) == SQLITE_NULL ? NULL : xstrdup(db_column_text(st, col));
}

void vreport_issue_read(sqlite3_stmt *st, int first, struct vreport_issue *out)
{
	out->code = xstrdup(db_column_text(st, first));
	out->severity = xstrdup(db_column_text(st, first + 1));
	out->row = sqlite3_column_type(st, first + 2) == SQLITE_INTEGER
		   ? (long)sqlite3_column_int64(st, first + 2) : 0;
	out->column = xstrdup(db_column_text(st, first + 3));
	out->found = column_or_null(st, first + 4);
	out->message_th = xstrdup(db_column_text(st, first + 5));
	out->message_en = xstrdup(db_column_text(st, first + 6));
	out->unit = column_or_null(st, first + 7);
	out->fiscal_year = sqlite3_column_int(st, first + 8);
	out->round = sqlite3_column_int(st, first + 9);
	out->indicator = column_or_null(st, first + 10);
}

void vreport_issue_release(struct vreport_issue *is)
{
	if (!is)
		return;
	free(is->code);
	free(is->severity);
	free(is->column);
	free(is->found);
	free(is->message_th);
	free(is->message_en);
	free(is->unit);
	free(is->indicator);
	memset(is, 0, sizeof(*is));
}

/*
 * Does s read as a spreadsheet column, "F" or "AB (header)", to its end?
 * Sets *letters (its length) and *header (after " (", or NULL).
 */
static int spreadsheet_column(const char *s, size_t *letters, const char **header)
{
	size_t n = 0, len;

	while (s[n] >= 'A' && s[n] <= 'Z')
		n++;
	if (n == 0 || n > 3)
		return 0;
	*letters = n;
	*header = NULL;
	if (!s[n])
		return 1;
	len = strlen(s);
	if (strncmp(s + n, " (", 2) || len < n + 3 || s[len - 1] != ')')
		return 0;
	*header = s + n + 2;
	return 1;
}

void vreport_cell_parse(const char *column, struct vreport_cell *out)
{
	const char *p = column, *header = NULL;
	size_t letters = 0, i;

	memset(out, 0, sizeof(*out));
	if (!column || !*column)
		return;
	/* the column starts the label, or follows the sheet's "name!" */
	while (p && !spreadsheet_column(p, &letters, &header)) {
		p = strchr(p, '!');
		if (p)
			p++;
	}
	if (!p) {
		out->field_name = xstrdup(column);
		return;
	}
	if (p > column)
		out->sheet = xstrdup(column);
	if (out->sheet)
		out->sheet[p - column - 1] = '\0';
	memcpy(out->letters, p, letters);
	out->letters[letters] = '\0';
	for (i = 0; i < letters; i++)
		out->field_number = out->field_number * 26 + (p[i] - 'A' + 1);
	if (header) {
		size_t n = strlen(header) - 1; /* without the closing ')' */

		out->field_name = xmalloc(n + 1);
		memcpy(out->field_name, header, n);
		out->field_name[n] = '\0';
	}
}

void vreport_cell_release(struct vreport_cell *c)
{
	if (!c)
		return;
	free(c->sheet);
	free(c->field_name);
	memset(c, 0, sizeof(*c));
}

void vreport_error(struct json_writer *w, const struct vreport_issue *is,
		   void (*extra)(struct json_writer *w, void *data), void *data)
{
	struct vreport_cell cell;
	struct strbuf ref;

	vreport_cell_parse(is->column, &cell);
	strbuf_init(&ref);
	if (cell.letters[0] && is->row > 0)
		strbuf_addf(&ref, "%s%ld", cell.letters, is->row);
	json_begin_object(w);
	json_member_string(w, "type", is->code);
	json_member_string(w, "severity", is->severity);
	json_member_optional_integer(w, "rowNumber", is->row, is->row > 0);
	json_member_string(w, "column", *is->column ? is->column : NULL);
	json_member_string(w, "sheet", cell.sheet);
	json_member_string(w, "fieldName", cell.field_name);
	json_member_optional_integer(w, "fieldNumber", cell.field_number, cell.field_number > 0);
	json_member_string(w, "cellReference", ref.len ? ref.buf : NULL);
	json_member_string(w, "cell", is->found);
	json_member_string(w, "message", is->message_en);
	json_member_string(w, "message_th", is->message_th);
	json_member_string(w, "unit", is->unit);
	json_member_optional_integer(w, "fiscalYear", is->fiscal_year, is->fiscal_year != 0);
	json_member_optional_integer(w, "round", is->round, is->round != 0);
	json_member_string(w, "indicator", is->indicator);
	if (extra)
		extra(w, data);
	json_end_object(w);
	strbuf_release(&ref);
	vreport_cell_release(&cell);
}

void vreport_begin_stats(struct json_writer *w, long tasks, long errors, long warnings)
{
	json_key(w, "valid");
	json_bool(w, errors == 0);
	json_key(w, "stats");
	json_begin_object(w);
	if (tasks >= 0)
		json_member_integer(w, "tasks", tasks);
	json_member_integer(w, "errors", errors);
	json_member_integer(w, "warnings", warnings);
}
