/*
 * export.c - tidtam-export: a fiscal year's results as CSV, JSON, XLSX or
 * IHE ADX, for other systems (the national level, DHIS2, spreadsheets).
 *
 * -o keeps the meaning it has in every tidtam program, the output folder
 * that holds tidtam.db; the file written is named by --to (standard output
 * without it; a workbook needs a file).  The database is opened read only.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "tidtam/db.h"
#include "tidtam/error.h"
#include "tidtam/export.h"
#include "tidtam/period.h"
#include "tidtam/util.h"
#include "tidtam/banned.h"

/* SYNOPSIS and OPTIONS of man/tidtam-export.1 (tools/man2help.sh) */
static const char usage[] =
#include "help/tidtam-export.h"
	;

enum { OPT_FY = CMD_OPT_FIRST, OPT_FORMAT, OPT_ROUND, OPT_OFFICE, OPT_TO };

struct export_args {
	struct export_filter filter;
	enum export_format format;
	int have_format;
	const char *to;
};

static int handle(int val, const char *arg, void *data)
{
	struct export_args *a = data;
	long v;

	switch (val) {
	case OPT_FY:
		if (tt_parse_long(arg, &v) || v < 2500 || v > 2700) {
			fprintf(stderr, "tidtam-export: --fy takes a Buddhist-Era year, not '%s'\n",
				arg);
			return -1;
		}
		a->filter.fiscal_year = (int)v;
		return 0;
	case OPT_FORMAT:
		if (export_format_parse(arg, &a->format)) {
			fprintf(stderr, "tidtam-export: --format is csv, json, xlsx or adx, not '%s'\n",
				arg);
			return -1;
		}
		a->have_format = 1;
		return 0;
	case OPT_ROUND:
		if (period_parse_round(arg, &a->filter.round)) {
			fprintf(stderr, "tidtam-export: --round takes 3, 6, 9 or 12, not '%s'\n", arg);
			return -1;
		}
		return 0;
	case OPT_OFFICE:
		a->filter.office = arg;
		return 0;
	case OPT_TO:
		a->to = arg;
		return 0;
	}
	return 0;
}

/* The output folder's database, read only; NULL (and a message) if none. */
int cmd_export(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "fy", required_argument, NULL, OPT_FY },
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "round", required_argument, NULL, OPT_ROUND },
		{ "office", required_argument, NULL, OPT_OFFICE },
		{ "to", required_argument, NULL, OPT_TO },
		{ NULL, 0, NULL, 0 },
	};
	struct export_args a;
	struct cmd_options opt;
	struct export_stats stats;
	struct tt_error err;
	struct cmd_extra extra = { longopts, handle, &a, 0 };
	struct strbuf tmp;
	FILE *out = stdout;
	sqlite3 *db;
	int rc;

	memset(&a, 0, sizeof(a));
	if ((rc = cmd_parse_options_ex(argc, argv, usage, &opt, &extra)) >= 0)
		return rc;
	if (!a.filter.fiscal_year || !a.have_format) {
		fprintf(stderr, "tidtam-export: --fy YEAR and --format FORMAT are required\n");
		cmd_usage_error(usage);
		return EXIT_USAGE;
	}
	if (a.format == EXPORT_XLSX && !a.to) {
		fprintf(stderr, "tidtam-export: a workbook needs a file: --to FILE\n");
		return EXIT_USAGE;
	}
	if (!(db = cmd_open_db_readonly("tidtam-export", &opt)))
		return EXIT_SYSTEM;
	strbuf_init(&tmp);
	tt_error_clear(&err);
	if (a.to && a.format != EXPORT_XLSX) {
		tt_temporary_name(&tmp, a.to);
		if (!(out = fopen(tmp.buf, "wb"))) {
			fprintf(stderr, "tidtam-export: could not open '%s' for writing\n", tmp.buf);
			db_close(db);
			strbuf_release(&tmp);
			return EXIT_SYSTEM;
		}
	}
	rc = export_write(db, &a.filter, a.format, out, a.to, &stats, &err);
	db_close(db);
	if (out != stdout) {
		if (fclose(out) && !rc)
			rc = tt_error_set(&err, TT_EIO, "could not write '%s'", a.to);
		if (!rc)
			rc = tt_rename_into_place(tmp.buf, a.to, 0, &err);
		else
			remove(tmp.buf);
	}
	strbuf_release(&tmp);
	if (rc) {
		cmd_error("tidtam-export", &err);
		return rc == TT_ENOTFOUND ? EXIT_REJECTED : EXIT_SYSTEM;
	}
	if (!opt.quiet && a.to)
		printf("export: %ld results of %d to %s\n", stats.rows,
			a.filter.fiscal_year, a.to);
	return 0;
}

#ifdef TT_STANDALONE
int main(int argc, char **argv)
{
	return cmd_export(argc, argv);
}
#endif
