/*
 * common.c - option parsing and database opening shared by every program.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "datadir.h"
#include "tidtam/db.h"
#include "tidtam/error.h"
#include "tidtam/util.h"
#include "tidtam/banned.h"

/* 1 if dir holds the data tidtam reads: schema/ and reports/. */
static int is_data_dir(const char *dir)
{
	struct strbuf path;
	struct stat st;
	int yes;

	strbuf_init(&path);
	strbuf_addf(&path, "%s/schema/framework.xsd", dir);
	yes = !stat(path.buf, &st) && S_ISREG(st.st_mode);
	strbuf_reset(&path);
	strbuf_addf(&path, "%s/reports", dir);
	yes = yes && !stat(path.buf, &st) && S_ISDIR(st.st_mode);
	strbuf_release(&path);
	return yes;
}

/*
 * The folder holding this program's file, from /proc/self/exe (symbolic
 * links resolved), into dir.  0, or -1 when the system does not say.
 */
static int program_dir(struct strbuf *dir)
{
	size_t size = 256;
	char *buf = NULL, *slash;
	ssize_t n;
	int rc = -1;

	for (;;) {
		buf = xrealloc(buf, size);
		n = readlink("/proc/self/exe", buf, size);
		if (n < 0)
			goto out;
		if ((size_t)n < size)
			break;
		size *= 2;
	}
	buf[n] = '\0';
	if (!(slash = strrchr(buf, '/')))
		goto out;
	strbuf_add(dir, buf, (size_t)(slash - buf));
	rc = 0;
out:
	free(buf);
	return rc;
}

/*
 * Where the templates and schemas are when -t does not say, found once per
 * process, as git finds its runtime prefix:
 *
 *   - a program built in its source tree (templates/ beside it) reads
 *     templates/ of the current folder if there is one, else its tree's;
 *   - an installed program reads share/tidtam beside its own bin/ folder,
 *     so that an installed tree works wherever it is put (PREFIX, DESTDIR);
 *   - else the folder named at build time (DATADIR of the Makefile).
 *
 * The string lives until the program ends.
 */
static const char *default_templates(void)
{
	static char *found;
	struct strbuf bin, dir;
	const char *up;

	if (found)
		return found;
	strbuf_init(&bin);
	strbuf_init(&dir);
	if (!program_dir(&bin)) {
		strbuf_addf(&dir, "%s/templates", bin.buf);
		if (is_data_dir(dir.buf)) {
			found = is_data_dir("templates") ? xstrdup("templates")
							  : strbuf_detach(&dir);
			goto out;
		}
		strbuf_reset(&dir);
		up = strrchr(bin.buf, '/');
		strbuf_add(&dir, bin.buf, up ? (size_t)(up - bin.buf) : 0);
		strbuf_addstr(&dir, "/share/tidtam");
		if (is_data_dir(dir.buf)) {
			found = strbuf_detach(&dir);
			goto out;
		}
	}
	found = xstrdup(TT_DATADIR);
out:
	strbuf_release(&bin);
	strbuf_release(&dir);
	return found;
}

int cmd_parse_options(int argc, char **argv, const char *usage,
		      struct cmd_options *opt)
{
	return cmd_parse_options_ex(argc, argv, usage, opt, NULL);
}

int cmd_parse_options_ex(int argc, char **argv, const char *usage,
			 struct cmd_options *opt, const struct cmd_extra *extra)
{
	static const struct option common[] = {
		{ "input", required_argument, NULL, 'i' },
		{ "output", required_argument, NULL, 'o' },
		{ "templates", required_argument, NULL, 't' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ "settle", required_argument, NULL, 's' },
		{ "lang", required_argument, NULL, 'l' },
	};
	struct option longopts[sizeof(common) / sizeof(common[0]) + 32];
	size_t n = sizeof(common) / sizeof(common[0]), i;
	int c;

	memcpy(longopts, common, sizeof(common));
	for (i = 0; extra && extra->longopts[i].name && n + 1 < sizeof(longopts) / sizeof(longopts[0]); i++)
		longopts[n++] = extra->longopts[i];
	memset(&longopts[n], 0, sizeof(longopts[n]));

	opt->input_dir = "input";
	opt->output_dir = "output";
	opt->templates_dir = default_templates();
	opt->quiet = 0;
	opt->verbose = 0;
	opt->settle_seconds = 5;
	opt->english = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "i:o:t:qvhVs:l:", longopts, NULL)) != -1) {
		long v;

		switch (c) {
		case 's':
			if (tt_parse_long(optarg, &v) || v < 0 || v > 86400) {
				fprintf(stderr, "%s: --settle takes seconds (0-86400), not '%s'\n",
					argv[0], optarg);
				return EXIT_USAGE;
			}
			opt->settle_seconds = (int)v;
			break;
		case 'l':
			if (strcmp(optarg, "th") && strcmp(optarg, "en")) {
				fprintf(stderr, "%s: --lang is 'th' or 'en', not '%s'\n", argv[0],
					optarg);
				return EXIT_USAGE;
			}
			opt->english = !strcmp(optarg, "en");
			break;
		case 'i':
			opt->input_dir = optarg;
			break;
		case 'o':
			opt->output_dir = optarg;
			break;
		case 't':
			opt->templates_dir = optarg;
			break;
		case 'q':
			opt->quiet = 1;
			break;
		case 'v':
			opt->verbose = 1;
			break;
		case 'h':
			fputs(usage, stdout);
			return 0;
		case 'V':
			printf("tidtam %s\n", TT_VERSION);
			return 0;
		default:
			if (c >= CMD_OPT_FIRST && extra && !extra->handle(c, optarg, extra->data))
				break;
			fputs(usage, stderr);
			return EXIT_USAGE;
		}
	}
	opt->args = argv + optind;
	opt->nr_args = argc - optind;
	if (optind < argc && (!extra || argc - optind > extra->max_args)) {
		fprintf(stderr, "%s: unexpected argument '%s'\n", argv[0],
			argv[optind + (extra ? extra->max_args : 0)]);
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	return -1;
}

sqlite3 *cmd_open_db(const char *prog, const struct cmd_options *opt)
{
	struct tt_error err;
	struct strbuf path;
	sqlite3 *db = NULL;

	tt_error_clear(&err);
	strbuf_init(&path);
	strbuf_addf(&path, "%s/tidtam.db", opt->output_dir);
	if (tt_mkdirs(opt->output_dir, &err) || db_open(path.buf, &db, &err)) {
		cmd_error(prog, &err);
		db = NULL;
	}
	strbuf_release(&path);
	return db;
}

sqlite3 *cmd_open_db_readonly(const char *prog, const struct cmd_options *opt)
{
	struct tt_error err;
	struct strbuf path;
	sqlite3 *db = NULL;

	tt_error_clear(&err);
	strbuf_init(&path);
	strbuf_addf(&path, "%s/tidtam.db", opt->output_dir);
	if (db_open_readonly(path.buf, &db, &err)) {
		cmd_error(prog, &err);
		db = NULL;
	}
	strbuf_release(&path);
	return db;
}

void cmd_error(const char *prog, const struct tt_error *err)
{
	char buf[1200];

	fprintf(stderr, "%s: error: %s\n", prog, tt_error_format(err, buf, sizeof(buf)));
}
