/*
 * Unit tests of the durable steps and their crash and fault hooks
 * (step.c, and their use in util.c and db.c).  The environment is read
 * once per process, so each case runs in a child of its own that sets it
 * first and exits with the number of its checks that failed.
 *
 * Counted: a rename into place, a removal, a commit, and not a file left
 * as it was; STAGE:K counts from the stage.  TIDTAM_CRASH_AT kills at the
 * step, leaving only the temporary file of the write it stopped; STOP
 * stops there instead.  A fault fails the write (a temporary file made
 * counts as one), fsync or rename it names and every one after it, with
 * the real file's name and its old content left, and no temporary file;
 * in SQLite too.  A batch (tt_batch_*) puts nothing in place before its
 * flush, then renames its files in the order written, a step each; a
 * kill there leaves each file old or new and whole; its flush failing
 * puts none in place, a rename failing none after it.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tidtam/db.h"
#include "tidtam/error.h"
#include "tidtam/step.h"
#include "tidtam/util.h"
#include "test.h"

static char dir[] = "/tmp/test-step-XXXXXX";

/* dir/name */
static const char *in_dir(const char *name)
{
	static struct strbuf sb;

	if (!sb.buf)
		strbuf_init(&sb);
	strbuf_reset(&sb);
	strbuf_addf(&sb, "%s/%s", dir, name);
	return sb.buf;
}

static int put(const char *name, const char *text, struct tt_error *err)
{
	tt_error_clear(err);
	return tt_write_file_atomic(in_dir(name), text, strlen(text), err);
}

/* dir/name holds text, written plainly: the parent never calls the hooks */
static void plant(const char *name, const char *text)
{
	FILE *f = fopen(in_dir(name), "w");

	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

/* 1 if dir/name holds text */
static int holds(const char *name, const char *text)
{
	return tt_file_has(in_dir(name), text, strlen(text));
}

/* Number of temporary files (NAME.tmp.PID) in dir. */
static long temporaries(void)
{
	struct tt_error err;
	long n = 0;

	tt_remove_stale_temporaries(dir, &n, &err);
	return n;
}

/* Run fn in a child with the variables of env ("NAME=VALUE", NULL-ended). */
static int child(const char *const *env, int (*fn)(void), int *status)
{
	pid_t pid = fork();

	if (pid == 0) {
		test_passed = test_failed = 0; /* the child's own */
		for (; *env; env++)
			putenv((char *)*env);
		_exit(fn());
	}
	return waitpid(pid, status, WUNTRACED) == pid ? pid : -1;
}

/* ---- the cases, each in a child: their return is their failures ---- */

static int nothing_set(void)
{
	struct tt_error err;

	step_stage("a");
	CHECK(!step_faults_wanted());
	CHECK(!step_steps_wanted());
	CHECK(!step_fault(STEP_OP_WRITE));
	CHECK(put("plain", "x", &err) == 0);
	CHECK(holds("plain", "x"));
	return test_failed;
}

static int count_steps(void)
{
	struct tt_error err;

	CHECK(step_steps_wanted());
	step_stage("a");
	CHECK(put("one", "1", &err) == 0);
	CHECK(put("two", "2", &err) == 0);
	CHECK(put("two", "2", &err) == 0); /* the same bytes: no step */
	step_stage("b");
	CHECK(tt_remove_file(in_dir("one")) == 0);
	CHECK(put("three", "3", &err) == 0);
	return test_failed;
}

static int die_at_b2(void)
{
	struct tt_error err;

	step_stage("a");
	put("k1", "1", &err);
	step_stage("b");
	put("k2", "2", &err);
	put("k3", "3", &err); /* killed before its rename */
	put("k4", "4", &err);
	return 0;
}

static int stop_at_1(void)
{
	struct tt_error err;

	step_stage("a");
	return put("s1", "1", &err) != 0;
}

static int full_disk(void)
{
	struct tt_error err;

	CHECK(step_faults_wanted());
	step_stage("a");
	CHECK(put("f1", "new", &err) == 0);
	CHECK(put("f2", "new", &err) == TT_EIO);
	CHECK(strstr(err.message, in_dir("f2")) != NULL);
	CHECK(strstr(err.message, strerror(ENOSPC)) != NULL);
	CHECK(strstr(err.message, ".tmp.") == NULL);
	CHECK(holds("f2", "old"));
	CHECK(put("f3", "new", &err) == TT_EIO); /* a full disk stays full */
	CHECK(temporaries() == 0);
	return test_failed;
}

static int failing_fsync(void)
{
	struct tt_error err;

	step_stage("a");
	CHECK(put("y1", "new", &err) == 0);
	step_stage("b");
	CHECK(put("y2", "new", &err) == TT_EIO);
	CHECK(strstr(err.message, in_dir("y2")) != NULL);
	CHECK(strstr(err.message, strerror(EIO)) != NULL);
	CHECK(holds("y2", "old"));
	CHECK(temporaries() == 0);
	return test_failed;
}

static int failing_rename(void)
{
	struct tt_error err;

	step_stage("a");
	CHECK(put("r1", "new", &err) == TT_EIO);
	CHECK(strstr(err.message, in_dir("r1")) != NULL);
	CHECK(holds("r1", "old"));
	CHECK(temporaries() == 0);
	return test_failed;
}

/* A batch of three, the second already holding its bytes, as tags 10, 11, 12. */
static int batch_three(struct tt_batch *b, struct tt_error *err)
{
	static const char *const names[] = { "b1", "b2", "b3" };
	int wrote, rc = 0, n = 0;
	size_t i;

	tt_batch_init(b);
	tt_error_clear(err);
	for (i = 0; !rc && i < 3; i++) {
		rc = tt_batch_write(b, in_dir(names[i]), i == 1 ? "same" : "new",
				    i == 1 ? 4 : 3, 10 + i, &wrote, err);
		n += wrote;
	}
	return rc ? -1 : n;
}

static int batch_steps(void)
{
	struct tt_batch b;
	struct tt_error err;

	step_stage("a");
	CHECK(batch_three(&b, &err) == 2);
	/* written, nothing in place yet: the temporaries hold the bytes */
	CHECK(b.nr == 2 && holds("b1", "old") && holds("b3", "old"));
	CHECK(tt_batch_finish(&b, &err) == 0);
	CHECK(b.nr == 0);
	CHECK(holds("b1", "new") && holds("b2", "same") && holds("b3", "new"));
	CHECK(temporaries() == 0);
	CHECK(tt_sync_output(dir, "the files", &err) == 0);
	return test_failed;
}

static int batch_fsync(void)
{
	struct tt_batch b;
	struct tt_error err;

	step_stage("a");
	CHECK(batch_three(&b, &err) == 2);
	CHECK(tt_batch_finish(&b, &err) == TT_EIO);
	CHECK(b.failed == 10);
	CHECK(strstr(err.message, in_dir("b1")) != NULL);
	CHECK(strstr(err.message, "and 1 other files") != NULL);
	CHECK(holds("b1", "old") && holds("b3", "old"));
	CHECK(temporaries() == 0);
	CHECK(tt_sync_output(dir, "the files", &err) == TT_EIO);
	CHECK(strstr(err.message, "the files") && strstr(err.message, strerror(EIO)));
	return test_failed;
}

static int batch_rename(void)
{
	struct tt_batch b;
	struct tt_error err;

	step_stage("a");
	CHECK(batch_three(&b, &err) == 2);
	CHECK(tt_batch_finish(&b, &err) == TT_EIO);
	CHECK(b.failed == 12);
	CHECK(strstr(err.message, in_dir("b3")) != NULL);
	CHECK(holds("b1", "new") && holds("b3", "old"));
	CHECK(temporaries() == 0);
	return test_failed;
}

/* killed before the batch's second rename */
static int batch_killed(void)
{
	struct tt_batch b;
	struct tt_error err;

	step_stage("a");
	batch_three(&b, &err);
	tt_batch_finish(&b, &err);
	return 0;
}

static int ignored(void)
{
	CHECK(!step_faults_wanted());
	CHECK(!step_steps_wanted());
	return test_failed;
}

static int database_full(void)
{
	struct tt_error err;
	sqlite3 *db = NULL;

	tt_error_clear(&err);
	CHECK(db_open(in_dir("full.db"), &db, &err) == TT_EDB);
	CHECK(strstr(err.message, "is full") != NULL);
	CHECK(strstr(err.message, "full.db'") != NULL);
	db_close(db);
	return test_failed;
}

static int database_commits(void)
{
	struct tt_error err;
	sqlite3 *db = NULL;

	tt_error_clear(&err);
	step_stage("db");
	CHECK(db_open(in_dir("steps.db"), &db, &err) == 0);
	CHECK(db_set_meta(db, "k", "v", &err) == 0);
	CHECK(db_exec(db, "SELECT 1", &err) == 0); /* no commit */
	db_close(db);
	return test_failed;
}

int main(void)
{
	struct tt_error err;
	char *text = NULL;
	size_t len = 0;
	int status;
	pid_t pid;

	if (!mkdtemp(dir))
		return 3;

	{
		const char *env[] = { NULL };

		CHECK(child(env, nothing_set, &status) > 0 && WIFEXITED(status) &&
		      WEXITSTATUS(status) == 0);
	}
	{
		const char *env[] = { "TIDTAM_CRASH_STEPS=", NULL };
		struct strbuf var, want;

		strbuf_init(&var);
		strbuf_addf(&var, "TIDTAM_CRASH_STEPS=%s", in_dir("steps.txt"));
		env[0] = var.buf;
		CHECK(child(env, count_steps, &status) > 0 && WIFEXITED(status) &&
		      WEXITSTATUS(status) == 0);
		strbuf_init(&want);
		strbuf_addf(&want, "1\ta\t1\trename\t%s/one\n2\ta\t2\trename\t%s/two\n"
			    "3\tb\t1\tremove\t%s/one\n4\tb\t2\trename\t%s/three\n",
			    dir, dir, dir, dir);
		CHECK(tt_read_file(in_dir("steps.txt"), &text, &len, &err) == 0);
		CHECK_STR(text, want.buf);
		free(text);
		text = NULL;
		strbuf_release(&var);
		strbuf_release(&want);
	}
	{
		const char *env[] = { "TIDTAM_CRASH_AT=b:2", NULL };
		struct strbuf tmp;

		pid = child(env, die_at_b2, &status);
		CHECK(pid > 0 && WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
		CHECK(holds("k1", "1") && holds("k2", "2"));
		CHECK(access(in_dir("k3"), F_OK) && access(in_dir("k4"), F_OK));
		/* what the kill left: the whole new file under its temporary name */
		strbuf_init(&tmp);
		strbuf_addf(&tmp, "k3.tmp.%ld", (long)pid);
		CHECK(holds(tmp.buf, "3"));
		strbuf_release(&tmp);
		CHECK(temporaries() == 1);
		CHECK(temporaries() == 0);
	}
	{
		const char *env[] = { "TIDTAM_CRASH_AT=3", NULL };

		unlink(in_dir("k1"));
		unlink(in_dir("k2"));
		CHECK(child(env, die_at_b2, &status) > 0 && WIFSIGNALED(status));
		CHECK(temporaries() == 1);
	}
	{
		const char *env[] = { "TIDTAM_CRASH_AT=a:1", "TIDTAM_CRASH_SIGNAL=STOP", NULL };

		pid = child(env, stop_at_1, &status);
		CHECK(pid > 0 && WIFSTOPPED(status));
		CHECK(access(in_dir("s1"), F_OK) != 0); /* stopped before the rename */
		kill(pid, SIGCONT);
		CHECK(waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
		      WEXITSTATUS(status) == 0);
		CHECK(holds("s1", "1"));
	}
	{
		const char *env[] = { "TIDTAM_FAULT=enospc@3", NULL };

		plant("f2", "old");
		CHECK(child(env, full_disk, &status) > 0 && WIFEXITED(status) &&
		      WEXITSTATUS(status) == 0);
	}
	{
		const char *env[] = { "TIDTAM_FAULT=fsync@b:1", NULL };

		plant("y2", "old");
		CHECK(child(env, failing_fsync, &status) > 0 && WIFEXITED(status) &&
		      WEXITSTATUS(status) == 0);
	}
	{
		const char *env[] = { "TIDTAM_FAULT=rename@all", NULL };

		plant("r1", "old");
		CHECK(child(env, failing_rename, &status) > 0 && WIFEXITED(status) &&
		      WEXITSTATUS(status) == 0);
	}
	{
		const char *env[] = { NULL };

		plant("b1", "old");
		plant("b2", "same");
		plant("b3", "old");
		CHECK(child(env, batch_steps, &status) > 0 && WIFEXITED(status) &&
		      WEXITSTATUS(status) == 0);
	}
	{
		const char *env[] = { "TIDTAM_FAULT=fsync@a:1", NULL };

		plant("b1", "old");
		plant("b3", "old");
		CHECK(child(env, batch_fsync, &status) > 0 && WIFEXITED(status) &&
		      WEXITSTATUS(status) == 0);
	}
	{
		const char *env[] = { "TIDTAM_FAULT=rename@a:2", NULL };

		plant("b1", "old");
		plant("b3", "old");
		CHECK(child(env, batch_rename, &status) > 0 && WIFEXITED(status) &&
		      WEXITSTATUS(status) == 0);
	}
	{
		const char *env[] = { "TIDTAM_CRASH_AT=a:2", NULL };
		struct strbuf tmp;

		plant("b1", "old");
		plant("b3", "old");
		pid = child(env, batch_killed, &status);
		CHECK(pid > 0 && WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
		/* the first in place, the other whole under its temporary name */
		CHECK(holds("b1", "new") && holds("b2", "same") && holds("b3", "old"));
		strbuf_init(&tmp);
		strbuf_addf(&tmp, "b3.tmp.%ld", (long)pid);
		CHECK(holds(tmp.buf, "new"));
		strbuf_release(&tmp);
		CHECK(temporaries() == 1);
	}
	{
		const char *env[] = { "TIDTAM_FAULT=bogus@1,enospc@0,fsync@x:", "TIDTAM_CRASH_AT=a:b", NULL };

		CHECK(child(env, ignored, &status) > 0 && WIFEXITED(status) &&
		      WEXITSTATUS(status) == 0);
	}
	{
		const char *env[] = { "TIDTAM_FAULT=db-enospc@1", NULL };

		CHECK(child(env, database_full, &status) > 0 && WIFEXITED(status) &&
		      WEXITSTATUS(status) == 0);
	}
	{
		const char *env[] = { "TIDTAM_CRASH_STEPS=", NULL };
		struct strbuf var;

		strbuf_init(&var);
		strbuf_addf(&var, "TIDTAM_CRASH_STEPS=%s", in_dir("db-steps.txt"));
		env[0] = var.buf;
		CHECK(child(env, database_commits, &status) > 0 && WIFEXITED(status) &&
		      WEXITSTATUS(status) == 0);
		/* a new file made a WAL database, the schema, then the meta row */
		CHECK(tt_read_file(in_dir("db-steps.txt"), &text, &len, &err) == 0);
		CHECK(text && !strncmp(text, "1\tdb\t1\tcommit\t", 14) &&
		      strstr(text, "\n3\tdb\t3\tcommit\t") && !strstr(text, "\n4\t"));
		free(text);
		strbuf_release(&var);
	}
	if (test_failed) {
		fprintf(stderr, "kept %s\n", dir);
	} else {
		struct strbuf cmd;

		strbuf_init(&cmd);
		strbuf_addf(&cmd, "rm -rf '%s'", dir);
		if (system(cmd.buf))
			test_failed++;
		strbuf_release(&cmd);
	}
	return test_report("test-step");
}
