/*
 * runlock.c - the run lock: flock() on OUTPUT/tidtam.lock.
 *
 * Two runs at once would share one database and one output folder: the
 * second would meet "database is locked", or apply the schema twice, or
 * store the same file twice.  So every program that writes takes this
 * lock before it opens the database.  flock() is tied to the open file
 * and released by the kernel when the process ends, however it ends, so
 * there is no stale lock to clean up: a dead holder's lines in the file
 * are overwritten by the next holder.  Waiting is a poll every tenth of a
 * second, bounded by the caller's wait: a blocking flock() could not be
 * bounded without signals.
 *
 * The file is written in place, not through a renamed temporary file: the
 * lock belongs to this file, and a renamed one would be another.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#include "tidtam/error.h"
#include "tidtam/period.h"
#include "tidtam/runlock.h"
#include "tidtam/util.h"
#include "tidtam/banned.h"

struct runlock {
	int fd;
	int held;  /* flock() taken through fd */
	int holder_died; /* the file named a holder when it was taken */
	char *path;
};

static double monotonic_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* What the holder wrote, as "pid N, COMMAND, since T", into sb. */
static void describe_holder(int fd, struct strbuf *sb)
{
	char buf[4096], *line, *next, *nl;
	const char *pid = NULL, *command = NULL, *since = NULL;
	ssize_t n = pread(fd, buf, sizeof(buf) - 1, 0);

	buf[n > 0 ? n : 0] = '\0';
	for (line = buf; *line; line = next) {
		nl = strchr(line, '\n');
		next = nl ? nl + 1 : line + strlen(line);
		if (nl)
			*nl = '\0';
		if (!strncmp(line, "pid: ", 5))
			pid = line + 5;
		else if (!strncmp(line, "command: ", 9))
			command = line + 9;
		else if (!strncmp(line, "since: ", 7))
			since = line + 7;
	}
	if (!pid) {
		strbuf_addstr(sb, "it has not said who it is yet");
		return;
	}
	strbuf_addf(sb, "pid %s", pid);
	if (command)
		strbuf_addf(sb, ", '%s'", command);
	if (since)
		strbuf_addf(sb, ", since %s", since);
}

/* Write who holds the lock into its file (fd, locked by us). */
static int write_holder(struct runlock *lock, const char *command, struct tt_error *err)
{
	struct strbuf sb;
	char since[21];
	ssize_t n;
	int rc = 0;

	period_format_timestamp(tt_now(), since);
	strbuf_init(&sb);
	strbuf_addf(&sb, "pid: %ld\ncommand: %s\nsince: %s\n", (long)getpid(),
		    command ? command : "", since);
	if (ftruncate(lock->fd, 0) ||
	    (n = pwrite(lock->fd, sb.buf, sb.len, 0)) < 0 || (size_t)n != sb.len)
		rc = tt_error_set(err, TT_EIO, "could not write the run lock '%s': %s",
				  lock->path, strerror(errno ? errno : EIO));
	strbuf_release(&sb);
	return rc;
}

int runlock_take(const char *output_dir, const char *command, int wait_seconds,
		 struct runlock **out, struct tt_error *err)
{
	struct runlock *lock;
	struct strbuf path, who;
	double deadline;
	int rc;

	*out = NULL;
	if ((rc = tt_mkdirs(output_dir, err)))
		return rc;
	strbuf_init(&path);
	strbuf_addf(&path, "%s/tidtam.lock", output_dir);
	lock = xcalloc(1, sizeof(*lock));
	lock->path = strbuf_detach(&path);
	lock->fd = open(lock->path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (lock->fd < 0) {
		rc = tt_error_set(err, TT_EIO, "could not open the run lock '%s': %s",
				  lock->path, strerror(errno));
		goto fail;
	}
	deadline = monotonic_seconds() + wait_seconds;
	while (flock(lock->fd, LOCK_EX | LOCK_NB)) {
		struct timespec tenth = { 0, 100000000L };

		if (errno == EINTR)
			continue;
		if (errno != EWOULDBLOCK) {
			rc = tt_error_set(err, TT_EIO, "could not lock '%s': %s", lock->path,
					  strerror(errno));
			goto fail;
		}
		if (monotonic_seconds() >= deadline) {
			strbuf_init(&who);
			describe_holder(lock->fd, &who);
			rc = tt_error_set(err, TT_EBUSY, "another run holds '%s' (%s)",
					  lock->path, who.buf);
			strbuf_release(&who);
			goto fail;
		}
		nanosleep(&tenth, NULL);
	}
	lock->held = 1;
	{
		char c;

		/* emptied by every holder that released it: one was killed */
		lock->holder_died = pread(lock->fd, &c, 1, 0) == 1;
	}
	if ((rc = write_holder(lock, command, err)))
		goto fail;
	*out = lock;
	return 0;
fail:
	runlock_release(lock);
	return rc;
}

const char *runlock_path(const struct runlock *lock)
{
	return lock->path;
}

int runlock_holder_died(const struct runlock *lock)
{
	return lock->holder_died;
}

void runlock_release(struct runlock *lock)
{
	if (!lock)
		return;
	/* a failure to empty it is harmless: the next holder overwrites it */
	if (lock->held && ftruncate(lock->fd, 0))
		lock->held = 0;
	if (lock->fd >= 0)
		close(lock->fd);  /* releases the flock() */
	free(lock->path);
	free(lock);
}
