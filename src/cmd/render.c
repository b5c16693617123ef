/*
 * render.c - tidtam-render: the PDF reports, and the type specimen.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "tidtam/db.h"
#include "tidtam/error.h"
#include "tidtam/framework.h"
#include "tidtam/outindex.h"
#include "tidtam/report.h"
#include "tidtam/specimen.h"
#include "tidtam/step.h"
#include "tidtam/util.h"
#include "tidtam/banned.h"

/* SYNOPSIS and OPTIONS of man/tidtam-render.1 (tools/man2help.sh) */
static const char usage[] =
#include "help/tidtam-render.h"
	;

enum { OPT_DIGITS = CMD_OPT_FIRST, OPT_SPECIMEN, OPT_TEXT, OPT_COLUMN, OPT_JUSTIFY,
       OPT_LINES };

struct render_args {
	const char *specimen;
	struct specimen_options spec;
	struct report_options report;
};

static int handle(int val, const char *arg, void *data)
{
	struct render_args *a = data;
	char *end;

	switch (val) {
	case OPT_DIGITS:
		if (strcmp(arg, "thai") && strcmp(arg, "arabic")) {
			fprintf(stderr, "tidtam-render: --digits is 'thai' or 'arabic', not '%s'\n",
				arg);
			return -1;
		}
		a->report.thai_digits = a->spec.thai_digits = !strcmp(arg, "thai");
		return 0;
	case OPT_SPECIMEN:
		a->specimen = arg;
		return 0;
	case OPT_TEXT:
		a->spec.text_path = arg;
		return 0;
	case OPT_LINES:
		a->spec.lines_path = arg;
		return 0;
	case OPT_JUSTIFY:
		a->spec.justify = 1;
		return 0;
	case OPT_COLUMN:
		a->spec.column = strtof(arg, &end);
		if (*end || a->spec.column < 20) {
			fprintf(stderr, "tidtam-render: --column wants a width of 20 points"
				" or more, not '%s'\n", arg);
			return -1;
		}
		return 0;
	}
	return -1;
}

/* The specimen, with the names of the newest framework in the input folder. */
static int specimen(const struct cmd_options *opt, struct render_args *a)
{
	struct tt_error err;
	struct strbuf path, schema;
	struct framework *fw = NULL;
	int fy, rc;

	tt_error_clear(&err);
	strbuf_init(&path);
	strbuf_init(&schema);
	strbuf_addf(&schema, "%s/schema/framework.xsd", opt->templates_dir);
	for (fy = 2600; !fw && fy > 2500; fy--) {
		strbuf_reset(&path);
		strbuf_addf(&path, "%s/framework/%d.xml", opt->input_dir, fy);
		if (!access(path.buf, R_OK))
			fw = framework_load(path.buf, schema.buf, &err);
	}
	tt_error_clear(&err);
	a->spec.fw = fw;
	rc = specimen_render(a->specimen, &a->spec, &err);
	if (rc)
		cmd_error("tidtam-render", &err);
	else if (!opt->quiet)
		printf("render: specimen in %s\n", a->specimen);
	framework_free(fw);
	strbuf_release(&path);
	strbuf_release(&schema);
	return rc ? EXIT_SYSTEM : 0;
}

int cmd_render(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "digits", required_argument, NULL, OPT_DIGITS },
		{ "specimen", required_argument, NULL, OPT_SPECIMEN },
		{ "text", required_argument, NULL, OPT_TEXT },
		{ "column", required_argument, NULL, OPT_COLUMN },
		{ "justify", no_argument, NULL, OPT_JUSTIFY },
		{ "lines", required_argument, NULL, OPT_LINES },
		CMD_OPT_JOBS,
		{ NULL, 0, NULL, 0 },
	};
	struct render_args a;
	struct cmd_extra extra = { longopts, handle, &a, 0 };
	struct cmd_options opt;
	struct report_stats stats;
	struct cmd_progress progress;
	struct strbuf summary;
	struct outindex_stats index;
	struct tt_error err;
	sqlite3 *db;
	size_t i;
	int rc;

	memset(&a, 0, sizeof(a));
	a.report.thai_digits = -1;
	if ((rc = cmd_parse_options_ex(argc, argv, usage, &opt, &extra)) >= 0)
		return rc;
	if (a.specimen)
		return specimen(&opt, &a);
	if (a.spec.text_path) {
		fprintf(stderr, "tidtam-render: --text goes with --specimen\n");
		return EXIT_USAGE;
	}
	if ((rc = cmd_begin("tidtam-render", "render", &opt, argc, argv)) >= 0)
		return rc;
	if (!(db = cmd_open_db("tidtam-render", &opt)))
		return cmd_end("render", EXIT_SYSTEM, NULL);
	tt_error_clear(&err);
	a.report.templates_dir = opt.templates_dir;
	a.report.jobs = cmd_jobs(&opt);
	cmd_progress_init(&progress, "render", "report", &opt);
	a.report.progress = &progress.hook;
	rc = report_render_all(db, opt.output_dir, &a.report, &stats, &err);
	cmd_progress_end(&progress);
	for (i = 0; i < stats.nr_messages; i++) {
		fprintf(stderr, "tidtam-render: %s\n", stats.messages[i]);
		cmd_log("render: %s", stats.messages[i]);
	}
	strbuf_init(&summary);
	if (rc) {
		cmd_error("tidtam-render", &err);
		strbuf_addstr(&summary, err.message);
	} else {
		strbuf_addf(&summary, "%d annual and progress reports, %d validation reports and"
			    " %d report cards made in %s/reports; %d unchanged, skipped%s",
			    stats.written, stats.validation, stats.cards, opt.output_dir,
			    stats.skipped, stats.failed ? "; some could not be made" : "");
	}
	/* the index lists what there is, even when some reports failed */
	if (!rc) {
		tt_error_clear(&err);
		step_stage("index");
		if ((rc = outindex_write_all(db, opt.output_dir, &index, &err))) {
			cmd_error("tidtam-render", &err);
			strbuf_addf(&summary, "; index pages: %s", err.message);
		} else if (index.skipped == index.pages) {
			strbuf_addf(&summary, "; %d index pages, none made again (nothing they show"
				    " changed)", index.pages);
		} else {
			strbuf_addf(&summary, "; %d index pages, %d changed (%d made again)",
				    index.pages, index.changed, index.pages - index.skipped);
		}
		if (!opt.quiet)
			printf("render: %s\n", summary.buf);
	}
	db_close(db);
	rc = rc || stats.failed ? EXIT_SYSTEM : 0;
	report_stats_release(&stats);
	cmd_end("render", rc, summary.buf);
	strbuf_release(&summary);
	return rc;
}

#ifdef TT_STANDALONE
int main(int argc, char **argv)
{
	return cmd_render(argc, argv);
}
#endif
