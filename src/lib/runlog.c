/*
 * runlog.c - the log of each run, under OUTPUT/log/.
 *
 * A log is appended to line by line (O_APPEND, one write per line), not
 * written whole through a renamed temporary file as other outputs are: a
 * run killed half way must leave the lines it wrote.  Names begin with the
 * UTC time of the run, so that sorting names sorts runs; pruning keeps the
 * newest names and never the one just opened.  The caller owns the text
 * of the lines (src/cmd/common.c puts a timestamp before each).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tidtam/error.h"
#include "tidtam/period.h"
#include "tidtam/runlog.h"
#include "tidtam/util.h"
#include "tidtam/banned.h"

struct runlog {
	int fd;
	char *path;
};

/* 1 if name is a log's: 8 digits, T, 6 digits, Z, -, digits, .log */
static int is_log_name(const char *name)
{
	size_t i, n = strlen(name);

	if (n < 22 || strcmp(name + n - 4, ".log") || name[8] != 'T' || name[15] != 'Z' ||
	    name[16] != '-')
		return 0;
	for (i = 0; i < n - 4; i++)
		if (i != 8 && i != 15 && i != 16 && (name[i] < '0' || name[i] > '9'))
			return 0;
	return 1;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Delete the oldest logs of dir beyond keep, never the one named current. */
static void prune(const char *dir, int keep, const char *current)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t nr = 0, alloc = 0, i, drop;
	struct strbuf path;

	if (!d)
		return;
	while ((e = readdir(d)))
		if (is_log_name(e->d_name)) {
			xgrow(&names, &alloc, nr + 1, sizeof(*names));
			names[nr++] = xstrdup(e->d_name);
		}
	closedir(d);
	if (nr)
		qsort(names, nr, sizeof(*names), name_cmp);
	drop = keep > 0 && nr > (size_t)keep ? nr - (size_t)keep : 0;
	strbuf_init(&path);
	for (i = 0; i < nr; i++) {
		if (i < drop && strcmp(names[i], current)) {
			strbuf_reset(&path);
			strbuf_addf(&path, "%s/%s", dir, names[i]);
			unlink(path.buf);  /* gone already (another run pruned it) is fine */
		}
		free(names[i]);
	}
	strbuf_release(&path);
	free(names);
}

int runlog_open(const char *output_dir, int keep, struct runlog **out,
		struct tt_error *err)
{
	struct runlog *log;
	struct strbuf dir, name;
	char stamp[21];
	const char *s;
	int rc;

	*out = NULL;
	strbuf_init(&dir);
	strbuf_init(&name);
	strbuf_addf(&dir, "%s/log", output_dir);
	if ((rc = tt_mkdirs(dir.buf, err)))
		goto out;
	period_format_timestamp(tt_now(), stamp);
	for (s = stamp; *s; s++)  /* 2026-12-02T02:15:00Z -> 20261202T021500Z */
		if (*s != '-' && *s != ':')
			strbuf_addch(&name, *s);
	strbuf_addf(&name, "-%07ld.log", (long)getpid());
	log = xcalloc(1, sizeof(*log));
	strbuf_addf(&dir, "/%s", name.buf);
	log->path = xstrdup(dir.buf);
	log->fd = open(log->path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
	if (log->fd < 0) {
		rc = tt_error_set(err, TT_EIO, "could not create the log '%s': %s", log->path,
				  strerror(errno));
		runlog_close(log);
		goto out;
	}
	strbuf_reset(&dir);
	strbuf_addf(&dir, "%s/log", output_dir);
	prune(dir.buf, keep, name.buf);
	*out = log;
out:
	strbuf_release(&dir);
	strbuf_release(&name);
	return rc;
}

const char *runlog_path(const struct runlog *log)
{
	return log->path;
}

int runlog_write(struct runlog *log, const char *line, size_t len, struct tt_error *err)
{
	ssize_t n;

	if (log->fd < 0)
		return 0;
	while ((n = write(log->fd, line, len)) < 0 && errno == EINTR)
		;
	if (n < 0 || (size_t)n != len) {
		close(log->fd);
		log->fd = -1;
		return tt_error_set(err, TT_EIO, "could not write the log '%s': %s", log->path,
				    n < 0 ? strerror(errno) : "short write");
	}
	return 0;
}

void runlog_close(struct runlog *log)
{
	if (!log)
		return;
	if (log->fd >= 0)
		close(log->fd);
	free(log->path);
	free(log);
}
