/*
 * xlsx-dump - print what the XLSX reader makes of a workbook, as JSON, for
 * the corpus checker (tests/tools/check-xlsx.py):
 *
 *   {"file": F, "date1904": B, "sheets": [{"name", "state", "chart",
 *     "cells": {"A1": V, ...}, "merged": ["A1:B2", ...], "rows": [[text...]]}]}
 *   {"file": F, "error": MESSAGE}
 *
 * V is a number, string or boolean, {"error": "#N/A"}, {"iso": TEXT} or
 * {"serial": N, "kind": "datetime"|"duration", "text": TEXT}.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tidtam/error.h"
#include "tidtam/util.h"
#include "tidtam/xlsx.h"

static void json_str(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c < 0x20)
			printf("\\u%04x", c);
		else
			putchar(c);
	}
	putchar('"');
}

static void col_name(long col, char *buf)
{
	char tmp[8];
	int n = 0, i = 0;

	col++;
	while (col) {
		tmp[n++] = (char)('A' + (col - 1) % 26);
		col = (col - 1) / 26;
	}
	while (n)
		buf[i++] = tmp[--n];
	buf[i] = '\0';
}

static int print_cell(const struct xlsx_cell *c, void *ctx)
{
	int *first = ctx;
	char col[8];

	col_name(c->col, col);
	printf("%s\"%s%ld\": ", *first ? "" : ", ", col, c->row);
	*first = 0;
	switch (c->type) {
	case XLSX_NUMBER:
		printf("%.17g", c->number);
		break;
	case XLSX_STRING:
		json_str(c->text);
		break;
	case XLSX_BOOL:
		printf(c->number ? "true" : "false");
		break;
	case XLSX_ERROR:
		printf("{\"error\": ");
		json_str(c->text);
		putchar('}');
		break;
	case XLSX_ISO_DATE:
		printf("{\"iso\": ");
		json_str(c->text);
		putchar('}');
		break;
	case XLSX_DATE:
	case XLSX_DURATION:
		printf("{\"serial\": %.17g, \"kind\": \"%s\", \"text\": ", c->number,
		       c->type == XLSX_DATE ? "datetime" : "duration");
		json_str(c->text);
		putchar('}');
		break;
	}
	return 0;
}

static int print_row(const struct tt_row *row, void *ctx)
{
	int *first = ctx;
	size_t i;

	printf("%s[%ld, [", *first ? "" : ", ", row->number);
	*first = 0;
	for (i = 0; i < row->nr_fields; i++) {
		if (i)
			printf(", ");
		json_str(row->fields[i]);
	}
	printf("]]");
	return 0;
}

static void print_error(const char *file, const struct tt_error *err)
{
	char buf[1200];

	printf("{\"file\": ");
	json_str(file);
	printf(", \"error\": ");
	json_str(tt_error_format(err, buf, sizeof(buf)));
	printf("}\n");
}

int main(int argc, char **argv)
{
	int a;

	for (a = 1; a < argc; a++) {
		struct tt_error err;
		struct xlsx *x;
		size_t i, k;
		int rc = 0;

		tt_error_clear(&err);
		if (xlsx_open(argv[a], &x, &err)) {
			print_error(argv[a], &err);
			continue;
		}
		/* print into a buffer-free stream: on error, say so after */
		printf("{\"file\": ");
		json_str(argv[a]);
		printf(", \"date1904\": %s, \"sheets\": [", xlsx_date1904(x) ? "true" : "false");
		for (i = 0; !rc && i < xlsx_nr_sheets(x); i++) {
			const struct xlsx_sheet *s = xlsx_sheet(x, i);
			static const char *const states[] = { "visible", "hidden", "veryHidden" };
			char **ranges;
			size_t nr;
			int first = 1;

			printf("%s{\"name\": ", i ? ", " : "");
			json_str(s->name);
			printf(", \"state\": \"%s\", \"chart\": %s, \"cells\": {", states[s->state],
			       s->is_chart ? "true" : "false");
			rc = xlsx_read_cells(x, i, print_cell, &first, &err);
			printf("}, \"merged\": [");
			if (!rc && !(rc = xlsx_merged_ranges(x, i, &ranges, &nr, &err))) {
				for (k = 0; k < nr; k++) {
					printf("%s", k ? ", " : "");
					json_str(ranges[k]);
					free(ranges[k]);
				}
				free(ranges);
			}
			printf("], \"rows\": [");
			first = 1;
			if (!rc)
				rc = xlsx_read_rows(x, i, print_row, &first, &err);
			printf("]}");
		}
		printf("]");
		if (rc) {
			char buf[1200];

			printf(", \"error\": ");
			json_str(tt_error_format(&err, buf, sizeof(buf)));
		}
		printf("}\n");
		xlsx_close(x);
	}
	return 0;
}
