/*
 * Unit tests of the run lock (runlock.c) and the run log (runlog.c): a
 * lock held by another process refuses with TT_EBUSY naming its pid and
 * command, is taken once that process ends (even killed), and is waited
 * for within the bound; the lock file says who holds it and is emptied on
 * release.  Logs are named to sort by time and pruned to the bound, the
 * new one and other files kept.
 */
#include <dirent.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tidtam/error.h"
#include "tidtam/runlock.h"
#include "tidtam/runlog.h"
#include "tidtam/util.h"
#include "test.h"

/* A child that takes the lock of dir, tells through fd, and sleeps. */
static pid_t holder(const char *dir, int *ready_fd)
{
	int p[2];
	pid_t pid;

	if (pipe(p))
		return -1;
	pid = fork();
	if (pid == 0) {
		struct runlock *lock;
		struct tt_error err;

		close(p[0]);
		if (runlock_take(dir, "tidtam run -q", 0, &lock, &err))
			_exit(1);
		if (write(p[1], "x", 1) != 1)
			_exit(1);
		sleep(30);
		_exit(0);
	}
	close(p[1]);
	*ready_fd = p[0];
	return pid;
}

static int count_logs(const char *dir, const char *prefix)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	while (d && (e = readdir(d)))
		n += !strncmp(e->d_name, prefix, strlen(prefix));
	if (d)
		closedir(d);
	return n;
}

static void test_lock(const char *dir)
{
	struct runlock *lock = NULL;
	struct tt_error err;
	struct strbuf want, path;
	char c, *text = NULL;
	size_t len;
	int fd, status;
	pid_t pid;
	time_t t0;

	strbuf_init(&want);
	strbuf_init(&path);
	strbuf_addf(&path, "%s/tidtam.lock", dir);

	/* free: taken, the file says who, emptied on release */
	CHECK(!runlock_take(dir, "tidtam ingest", 0, &lock, &err));
	CHECK(lock && !strcmp(runlock_path(lock), path.buf));
	CHECK(!tt_read_file(path.buf, &text, &len, &err));
	strbuf_addf(&want, "pid: %ld\ncommand: tidtam ingest\nsince: ", (long)getpid());
	CHECK(text && !strncmp(text, want.buf, want.len));
	free(text);
	runlock_release(lock);
	CHECK(!tt_read_file(path.buf, &text, &len, &err) && len == 0);
	free(text);

	/* held by another process: refused at once with its pid and command */
	pid = holder(dir, &fd);
	CHECK(pid > 0 && read(fd, &c, 1) == 1);
	lock = NULL;
	CHECK(runlock_take(dir, "tidtam render", 0, &lock, &err) == TT_EBUSY);
	CHECK(!lock);
	strbuf_reset(&want);
	strbuf_addf(&want, "(pid %ld, 'tidtam run -q', since ", (long)pid);
	CHECK(strstr(err.message, want.buf) != NULL);
	/* and after a bounded wait */
	t0 = time(NULL);
	CHECK(runlock_take(dir, "tidtam render", 1, &lock, &err) == TT_EBUSY);
	CHECK(time(NULL) - t0 >= 1 && time(NULL) - t0 <= 3);
	/* killed: the next takes it at once, writing over the stale lines */
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	close(fd);
	CHECK(!runlock_take(dir, "tidtam render", 0, &lock, &err));
	CHECK(!tt_read_file(path.buf, &text, &len, &err));
	strbuf_reset(&want);
	strbuf_addf(&want, "pid: %ld\ncommand: tidtam render\n", (long)getpid());
	CHECK(text && !strncmp(text, want.buf, want.len));
	free(text);
	runlock_release(lock);
	runlock_release(NULL);

	/* a holder that ends while we wait: taken within the wait */
	pid = holder(dir, &fd);
	CHECK(pid > 0 && read(fd, &c, 1) == 1);
	if (fork() == 0) {
		sleep(1);
		kill(pid, SIGTERM);
		_exit(0);
	}
	CHECK(!runlock_take(dir, "tidtam run", 20, &lock, &err));
	runlock_release(lock);
	waitpid(pid, &status, 0);
	while (wait(&status) > 0)
		;
	close(fd);
	strbuf_release(&want);
	strbuf_release(&path);
}

static void test_log(const char *dir)
{
	struct runlog *log = NULL;
	struct tt_error err;
	struct strbuf path, logs;
	const char *base;
	char *text = NULL;
	size_t len;
	int i;

	strbuf_init(&path);
	strbuf_init(&logs);
	strbuf_addf(&logs, "%s/log", dir);
	CHECK(!tt_mkdirs(logs.buf, &err));
	for (i = 0; i < 5; i++) {
		strbuf_reset(&path);
		strbuf_addf(&path, "%s/2019010%dT000000Z-000000%d.log", logs.buf, i + 1, i);
		CHECK(!tt_write_file_atomic(path.buf, "x\n", 2, &err));
	}
	strbuf_reset(&path);
	strbuf_addf(&path, "%s/notes.txt", logs.buf);
	CHECK(!tt_write_file_atomic(path.buf, "x\n", 2, &err));

	CHECK(!runlog_open(dir, 3, &log, &err));
	base = log ? strrchr(runlog_path(log), '/') + 1 : "";
	CHECK(strlen(base) == 28 && base[8] == 'T' && base[15] == 'Z' && base[16] == '-' &&
	      !strcmp(base + 24, ".log"));
	CHECK(!runlog_write(log, "a line\n", 7, &err));
	CHECK(!runlog_write(log, "another\n", 8, &err));
	CHECK(!tt_read_file(runlog_path(log), &text, &len, &err));
	CHECK_STR(text, "a line\nanother\n");
	free(text);
	runlog_close(log);
	runlog_close(NULL);
	/* 3 kept: the new one and the two newest old ones */
	CHECK(count_logs(logs.buf, "2019") == 2);
	CHECK(count_logs(logs.buf, "20190105T") == 1 && count_logs(logs.buf, "20190104T") == 1);
	CHECK(count_logs(logs.buf, "notes.txt") == 1);
	strbuf_release(&path);
	strbuf_release(&logs);
}

int main(void)
{
	char dir[] = "/tmp/test-runlock-XXXXXX";
	struct strbuf cmd;

	if (!mkdtemp(dir))
		return 3;
	test_lock(dir);
	test_log(dir);
	strbuf_init(&cmd);
	strbuf_addf(&cmd, "rm -rf '%s'", dir);
	if (system(cmd.buf))
		test_failed++;
	strbuf_release(&cmd);
	return test_report("runlock");
}
