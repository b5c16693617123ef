/*
 * runlog.h - the log of a run: OUTPUT/log/<timestamp>-<pid>.log.
 *
 * One file per run (a stage program run alone writes its own), named so
 * that names sort by the time the run began: 20261202T021500Z-0004711.log
 * (UTC, from tt_now(); the pid, zero-padded, orders runs begun in the same
 * second).  Lines are written by the caller, whole, as they come, so that
 * the log of a run that was killed says how far it got.  Only the newest
 * logs are kept: opening a log deletes the oldest beyond the bound.
 */
#ifndef TIDTAM_RUNLOG_H
#define TIDTAM_RUNLOG_H

#include <stddef.h>

struct tt_error;
struct runlog;

/* The logs kept by default: about a month of nightly runs. */
#define RUNLOG_KEEP 30

/*
 * Create output_dir/log/ if need be and a new log in it, then delete the
 * oldest logs there beyond keep (the new one counted; files not named as
 * logs are left alone).  *out is the log, closed by runlog_close().
 * Returns 0, or TT_EIO with err when the log cannot be created (a log
 * that cannot be pruned is not an error).
 */
int runlog_open(const char *output_dir, int keep, struct runlog **out,
		struct tt_error *err);

/* The log's path (borrowed, valid until runlog_close()). */
const char *runlog_path(const struct runlog *log);

/*
 * Append len bytes of line (one or more whole lines, each ending with
 * '\n') at once.  Returns 0, or TT_EIO with err (the log is then left
 * alone: further writes are ignored).
 */
int runlog_write(struct runlog *log, const char *line, size_t len, struct tt_error *err);

/* Close the log.  log may be NULL. */
void runlog_close(struct runlog *log);

#endif
