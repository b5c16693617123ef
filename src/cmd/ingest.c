/*
 * ingest.c - tidtam-ingest: store the new files of the drop folder.
 */
#include <stdio.h>

#include "cmd.h"
#include "tidtam/db.h"
#include "tidtam/error.h"
#include "tidtam/ingest.h"
#include "tidtam/util.h"
#include "tidtam/banned.h"

static const char usage[] =
	"usage: tidtam-ingest [-i DIR] [-o DIR] [-t DIR] [--settle SECONDS] [-q] [-v]\n"
	"\n"
	"Store every file under the input folder that has not been stored before\n"
	"(by path and SHA-256) in DIR/tidtam.db: CSV (UTF-8, UTF-16 or Windows-874;\n"
	"comma, semicolon or tab), XLSX workbooks and XML forms.  A changed file is\n"
	"stored again as a new version; a file that cannot be read is recorded as\n"
	"failed; a file that only moved is recognised by its content.  Hidden,\n"
	"temporary and Excel lock files, and files modified in the last SECONDS,\n"
	"are left for the next run.\n"
	"\n"
	"  -i, --input DIR      drop folder (default: input)\n"
	"  -o, --output DIR     output folder holding tidtam.db (default: output)\n"
	"  -t, --templates DIR  templates, for schema/*.xsd (default: templates)\n"
	"  -s, --settle SECONDS leave files this recently modified (default: 5)\n"
	"  -q, --quiet          print nothing but errors\n"
	"  -v, --verbose        name every file stored\n"
	"  -h, --help, -V, --version\n";

struct reporter {
	const struct cmd_options *opt;
};

static void report(const char *path, const struct tt_error *err, void *ctx)
{
	struct reporter *r = ctx;
	char buf[1200];

	if (err)
		fprintf(stderr, "tidtam-ingest: rejected '%s': %s\n", path,
			tt_error_format(err, buf, sizeof(buf)));
	else if (r->opt->verbose)
		fprintf(stderr, "tidtam-ingest: stored '%s'\n", path);
}

int cmd_ingest(int argc, char **argv)
{
	struct cmd_options opt;
	struct ingest_options io;
	struct ingest_stats stats;
	struct reporter r = { &opt };
	struct tt_error err;
	struct strbuf schema;
	sqlite3 *db;
	int rc;

	if ((rc = cmd_parse_options(argc, argv, usage, &opt)) >= 0)
		return rc;
	if (!(db = cmd_open_db("tidtam-ingest", &opt)))
		return EXIT_SYSTEM;
	strbuf_init(&schema);
	strbuf_addf(&schema, "%s/schema", opt.templates_dir);
	io.input_dir = opt.input_dir;
	io.schema_dir = schema.buf;
	io.settle_seconds = opt.settle_seconds;
	tt_error_clear(&err);
	rc = ingest_run(db, &io, &stats, report, &r, &err);
	db_close(db);
	strbuf_release(&schema);
	if (rc) {
		cmd_error("tidtam-ingest", &err);
		return EXIT_SYSTEM;
	}
	if (!opt.quiet) {
		if (!stats.stored && !stats.failed)
			printf("ingest: nothing new (%d files unchanged)", stats.unchanged);
		else
			printf("ingest: %d new files stored (%ld values), %d rejected,"
			       " %d unchanged", stats.stored, stats.values, stats.failed,
			       stats.unchanged);
		if (stats.moved)
			printf(", %d moved or copied (not read again)", stats.moved);
		if (stats.waiting)
			printf(", %d modified in the last %d s (left for the next run)",
			       stats.waiting, io.settle_seconds);
		printf("\n");
	}
	return stats.failed ? EXIT_REJECTED : 0;
}

#ifdef TT_STANDALONE
int main(int argc, char **argv)
{
	return cmd_ingest(argc, argv);
}
#endif
