/*
 * runlock.h - one run at a time: the lock every program that writes holds.
 *
 * The lock is flock() on OUTPUT/tidtam.lock, taken before the database is
 * opened and held until the program ends.  The kernel releases it when its
 * holder ends in any way (kill -9 included), so a stale lock never blocks
 * the next run: what a dead holder wrote in the file is only overwritten.
 * Whoever takes the lock writes into the file who it is (pid, command
 * line, since when), so that a run that is refused can name the one under
 * way.
 *
 * A process holds the lock at most once: flock() through a second open of
 * the same file in the same process waits for the first (for ever, if
 * nobody releases it).  Programs that run several stages in one process
 * (`tidtam run`) take it once and hand it on (src/cmd/common.c); the
 * library keeps no state of its own about it.
 */
#ifndef TIDTAM_RUNLOCK_H
#define TIDTAM_RUNLOCK_H

struct tt_error;
struct runlock;

/*
 * Take the run lock of output_dir (created if missing), waiting up to
 * wait_seconds (0: not at all) for another process to release it, then
 * record command (the holder's command line, for the people refused), the
 * pid and the time (tt_now()) in the file.  On success *out is the lock,
 * to be released with runlock_release().
 *
 * Returns 0; TT_EBUSY when another process still holds it after the wait,
 * with err naming that process as its file says (pid, command, since);
 * TT_EIO when the lock file cannot be made or written.
 */
int runlock_take(const char *output_dir, const char *command, int wait_seconds,
		 struct runlock **out, struct tt_error *err);

/* The lock file's path (borrowed, valid until runlock_release()). */
const char *runlock_path(const struct runlock *lock);

/*
 * 1 if the lock file still named a holder when lock was taken: the
 * holder before ended without releasing it (killed, or the machine
 * stopped), and may have left files half written under their temporary
 * names.  A holder that ends in any other way empties the file.
 */
int runlock_holder_died(const struct runlock *lock);

/*
 * Empty the lock file and release the lock (the file stays: removing it
 * would let two processes lock two different files).  lock may be NULL.
 */
void runlock_release(struct runlock *lock);

#endif
