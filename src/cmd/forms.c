/*
 * forms.c - tidtam-forms: the blank forms of a fiscal year.
 */
#include <getopt.h>
#include <stdio.h>

#include "cmd.h"
#include "tidtam/db.h"
#include "tidtam/error.h"
#include "tidtam/forms.h"
#include "tidtam/util.h"
#include "tidtam/banned.h"

/* SYNOPSIS and OPTIONS of man/tidtam-forms.1 (tools/man2help.sh) */
static const char usage[] =
#include "help/tidtam-forms.h"
	;

enum { OPT_FY = CMD_OPT_FIRST };

static int handle(int val, const char *arg, void *data)
{
	int *fy = data;
	long v;

	if (val != OPT_FY)
		return 0;
	if (tt_parse_long(arg, &v) || v < 2500 || v > 2700) {
		fprintf(stderr, "tidtam-forms: --fy takes a Buddhist-Era year, not '%s'\n", arg);
		return -1;
	}
	*fy = (int)v;
	return 0;
}

int cmd_forms(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "fy", required_argument, NULL, OPT_FY },
		{ NULL, 0, NULL, 0 },
	};
	struct cmd_options opt;
	struct forms_stats stats;
	struct tt_error err;
	struct strbuf summary;
	int fy = 0, rc;
	struct cmd_extra extra = { longopts, handle, &fy, 0 };
	sqlite3 *db;

	if ((rc = cmd_parse_options_ex(argc, argv, usage, &opt, &extra)) >= 0)
		return rc;
	if (!fy) {
		fprintf(stderr, "tidtam-forms: --fy YEAR is required\n");
		cmd_usage_error(usage);
		return EXIT_USAGE;
	}
	if ((rc = cmd_begin("tidtam-forms", "forms", &opt, argc, argv)) >= 0)
		return rc;
	if (!(db = cmd_open_db("tidtam-forms", &opt)))
		return cmd_end("forms", EXIT_SYSTEM, NULL);
	tt_error_clear(&err);
	rc = forms_write_all(db, fy, opt.output_dir, &stats, &err);
	db_close(db);
	if (rc) {
		cmd_error("tidtam-forms", &err);
		return cmd_end("forms", rc == TT_ENOTFOUND ? EXIT_REJECTED : EXIT_SYSTEM,
			       err.message);
	}
	strbuf_init(&summary);
	strbuf_addf(&summary, "%d files for %d schools under %s/forms/%d/", stats.files,
		    stats.schools, opt.output_dir, fy);
	if (!opt.quiet)
		printf("forms: %s\n", summary.buf);
	cmd_end("forms", 0, summary.buf);
	strbuf_release(&summary);
	return 0;
}

#ifdef TT_STANDALONE
int main(int argc, char **argv)
{
	return cmd_forms(argc, argv);
}
#endif
