/*
 * step.c - durable steps counted, and the crash and fault hooks of the
 * tests.
 *
 * Every change that outlives the process (a commit, a rename into place, a
 * removal) passes through step_take(), and every write, fsync and rename
 * of ours and of SQLite asks step_fault() first.  The tests set
 * TIDTAM_CRASH_AT to make a run die at one of them, as SQLite's crash
 * tests do, and TIDTAM_FAULT to make the disk fail there (step.h has the
 * variables).  The environment is read once; unset, each call is a test of
 * a flag.  A run is a few thousand steps, so nothing here is fast or
 * clever; it is only exact: the same run counts the same steps.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tidtam/step.h"
#include "tidtam/util.h"
#include "tidtam/banned.h"

#define STAGE_NAME 32
#define MAX_POINTS 64

/* N, or STAGE:K, or every step (all) */
struct point {
	char stage[STAGE_NAME]; /* "" for the process as a whole */
	long at;                /* 0: every one */
	enum step_op op;        /* a fault's operation */
	int error;              /* ... and its errno */
};

static struct {
	int ready;               /* the environment read */
	int steps;               /* counting steps at all */
	int faults;              /* counting operations at all */
	int stop;                /* SIGSTOP rather than SIGKILL */
	int steps_fd;            /* TIDTAM_CRASH_STEPS, or -1 */
	char stage[STAGE_NAME];
	long step, stage_step;
	long ops[STEP_NR_OPS], stage_ops[STEP_NR_OPS];
	int failing[STEP_NR_OPS]; /* the errno each op fails with from now on */
	struct point crash[MAX_POINTS], fault[MAX_POINTS];
	size_t nr_crash, nr_fault;
} hook = { .steps_fd = -1 };

/* Parse "N", "STAGE:K" or "all" of len bytes into p; 0 or -1. */
static int parse_point(const char *s, size_t len, struct point *p)
{
	const char *colon = memchr(s, ':', len);
	struct strbuf num;
	int rc = 0;

	memset(p, 0, sizeof(*p));
	if (len == 3 && !memcmp(s, "all", 3))
		return 0;
	strbuf_init(&num);
	if (colon) {
		if ((size_t)(colon - s) >= sizeof(p->stage))
			rc = -1;
		else
			memcpy(p->stage, s, (size_t)(colon - s));
		len -= (size_t)(colon + 1 - s);
		s = colon + 1;
	}
	strbuf_add(&num, s, len);
	if (rc || tt_parse_long(num.buf, &p->at) || p->at < 1)
		rc = -1;
	strbuf_release(&num);
	return rc;
}

/* Each comma-separated item of value into points; a fault's "OP@" first. */
static void parse_points(const char *value, int faults, struct point *points, size_t *nr)
{
	static const struct {
		const char *name;
		enum step_op op;
		int error;
	} ops[] = {
		{ "enospc", STEP_OP_WRITE, ENOSPC },
		{ "eio", STEP_OP_WRITE, EIO },
		{ "erofs", STEP_OP_WRITE, EROFS },
		{ "fsync", STEP_OP_FSYNC, EIO },
		{ "rename", STEP_OP_RENAME, EIO },
		{ "db-enospc", STEP_OP_DB_WRITE, ENOSPC },
		{ "db-eio", STEP_OP_DB_WRITE, EIO },
		{ "db-fsync", STEP_OP_DB_FSYNC, EIO },
		{ "read-eio", STEP_OP_READ, EIO },
		{ "read-eacces", STEP_OP_READ, EACCES },
	};

	while (value && *value && *nr < MAX_POINTS) {
		const char *end = strchr(value, ','), *s = value;
		size_t len = end ? (size_t)(end - value) : strlen(value), i;
		struct point p;
		int op = -1, error = 0;

		value = end ? end + 1 : NULL;
		if (faults) {
			const char *at = memchr(s, '@', len);

			for (i = 0; at && i < sizeof(ops) / sizeof(ops[0]); i++)
				if (strlen(ops[i].name) == (size_t)(at - s) &&
				    !memcmp(s, ops[i].name, (size_t)(at - s))) {
					op = (int)ops[i].op;
					error = ops[i].error;
				}
			if (op < 0)
				continue; /* not one we know: asks for nothing */
			len -= (size_t)(at + 1 - s);
			s = at + 1;
		}
		if (parse_point(s, len, &p))
			continue;
		p.op = op < 0 ? STEP_OP_WRITE : (enum step_op)op;
		p.error = error;
		points[(*nr)++] = p;
	}
}

static void read_environment(void)
{
	const char *s;

	hook.ready = 1;
	parse_points(getenv("TIDTAM_CRASH_AT"), 0, hook.crash, &hook.nr_crash);
	parse_points(getenv("TIDTAM_FAULT"), 1, hook.fault, &hook.nr_fault);
	s = getenv("TIDTAM_CRASH_SIGNAL");
	hook.stop = s && !strcmp(s, "STOP");
	s = getenv("TIDTAM_CRASH_STEPS");
	if (s && *s)
		hook.steps_fd = open(s, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
	hook.steps = hook.nr_crash || hook.steps_fd >= 0;
	hook.faults = hook.nr_fault > 0;
}

static int matches(const struct point *p, long count, long stage_count)
{
	if (!p->at)
		return 1;
	if (!p->stage[0])
		return count == p->at;
	return stage_count == p->at && !strcmp(p->stage, hook.stage);
}

void step_stage(const char *stage)
{
	int i;

	if (!hook.ready)
		read_environment();
	if (!hook.steps && !hook.faults)
		return;
	tt_strlcpy(hook.stage, stage, sizeof(hook.stage));
	hook.stage_step = 0;
	for (i = 0; i < STEP_NR_OPS; i++)
		hook.stage_ops[i] = 0;
}

void step_take(const char *kind, const char *path)
{
	size_t i;

	if (!hook.ready)
		read_environment();
	if (!hook.steps)
		return;
	hook.step++;
	hook.stage_step++;
	if (hook.steps_fd >= 0) {
		struct strbuf line;

		strbuf_init(&line);
		strbuf_addf(&line, "%ld\t%s\t%ld\t%s\t%s\n", hook.step,
			    hook.stage[0] ? hook.stage : "-", hook.stage_step, kind, path);
		if (write(hook.steps_fd, line.buf, line.len) != (ssize_t)line.len) {
			/* a list cut short would mislead the test: stop counting */
			close(hook.steps_fd);
			hook.steps_fd = -1;
		}
		strbuf_release(&line);
	}
	for (i = 0; i < hook.nr_crash; i++) {
		if (!matches(&hook.crash[i], hook.step, hook.stage_step))
			continue;
		if (hook.stop) {
			raise(SIGSTOP); /* and on from here when continued */
			return;
		}
		raise(SIGKILL);
		_exit(137);
	}
}

int step_fault(enum step_op op)
{
	size_t i;

	if (!hook.ready)
		read_environment();
	if (!hook.faults)
		return 0;
	hook.ops[op]++;
	hook.stage_ops[op]++;
	for (i = 0; !hook.failing[op] && i < hook.nr_fault; i++)
		if (hook.fault[i].op == op &&
		    matches(&hook.fault[i], hook.ops[op], hook.stage_ops[op]))
			hook.failing[op] = hook.fault[i].error;
	return hook.failing[op];
}

int step_faults_wanted(void)
{
	if (!hook.ready)
		read_environment();
	return hook.faults;
}

int step_steps_wanted(void)
{
	if (!hook.ready)
		read_environment();
	return hook.steps;
}
