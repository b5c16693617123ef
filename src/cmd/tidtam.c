/*
 * tidtam.c - the driver: `tidtam <stage> ...` runs a stage, `tidtam run`
 * runs all four in order (the nightly job).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "tidtam/util.h"
#include "tidtam/banned.h"

/* SYNOPSIS and OPTIONS of man/tidtam.1 (tools/man2help.sh) */
static const char usage[] =
#include "help/tidtam.h"
	;

static const struct {
	const char *name;
	int (*fn)(int, char **);
	int nightly;              /* one of the stages `run` runs */
} commands[] = {
	{ "ingest", cmd_ingest, 1 },
	{ "validate", cmd_validate, 1 },
	{ "aggregate", cmd_aggregate, 1 },
	{ "render", cmd_render, 1 },
	{ "forms", cmd_forms, 0 },
	{ "approve", cmd_approve, 0 },
	{ "reopen", cmd_reopen, 0 },
	{ "check", cmd_check, 0 },
	{ "status", cmd_status, 0 },
	{ "export", cmd_export, 0 },
};

enum { OPT_RETRY_FAILED = CMD_OPT_FIRST };

static int take_retry(int val, const char *arg, void *data)
{
	(void)arg;
	if (val == OPT_RETRY_FAILED)
		*(int *)data = 1;
	return 0;
}

/*
 * The nightly run: every stage gets the same options (--retry-failed only
 * ingest).  Rejected input (exit 1) does not stop the run; a failure of the
 * system (exit > 1) does.  The run lock is taken once for the whole run and
 * one log is written for it.
 */
static int cmd_run(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "retry-failed", no_argument, NULL, OPT_RETRY_FAILED },
		CMD_OPT_JOBS,
		{ NULL, 0, NULL, 0 },
	};
	struct cmd_options opt;
	int rc, worst = 0, retry = 0, i, n = 0;
	struct cmd_extra extra = { longopts, take_retry, &retry, 0 };
	char **stage_argv = xcalloc((size_t)argc + 1, sizeof(*stage_argv));
	size_t k;

	if ((rc = cmd_parse_options_ex(argc, argv, usage, &opt, &extra)) >= 0) {
		free(stage_argv);
		return rc;
	}
	/* the lock is taken here, once: the stages find it taken (common.c) */
	if ((rc = cmd_begin("tidtam", "run", &opt, argc, argv)) >= 0) {
		free(stage_argv);
		return rc;
	}
	/* the other stages do not take --retry-failed */
	for (i = 0; i < argc; i++)
		if (strcmp(argv[i], "--retry-failed"))
			stage_argv[n++] = argv[i];
	for (k = 0; k < sizeof(commands) / sizeof(commands[0]); k++) {
		if (!commands[k].nightly)
			continue;
		if (commands[k].fn == cmd_ingest)
			rc = commands[k].fn(argc, argv);
		else
			rc = commands[k].fn(n, stage_argv);
		if (rc > EXIT_REJECTED) {
			worst = rc;
			break;
		}
		if (rc > worst)
			worst = rc;
	}
	free(stage_argv);
	return cmd_end("run", worst, NULL);
}

int main(int argc, char **argv)
{
	size_t i;

	if (argc < 2) {
		fputs(usage, stderr);  /* the commands are what is missing */
		return EXIT_USAGE;
	}
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
		fputs(usage, stdout);
		return 0;
	}
	if (!strcmp(argv[1], "-V") || !strcmp(argv[1], "--version")) {
		printf("tidtam %s\n", TT_VERSION);
		return 0;
	}
	if (!strcmp(argv[1], "run"))
		return cmd_run(argc - 1, argv + 1);
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(argv[1], commands[i].name))
			return commands[i].fn(argc - 1, argv + 1);
	fprintf(stderr, "tidtam: '%s' is not a tidtam command\n", argv[1]);
	fputs(usage, stderr);
	return EXIT_USAGE;
}
