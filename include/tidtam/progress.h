/*
 * progress.h - how a long stage tells its caller how far it got.
 *
 * A header only, like row.h: the stages that take more than a moment
 * (ingest: files; validate: submissions; render: reports) accept a
 * struct tt_progress (NULL for none) and call it as they go; the program
 * draws a progress line or writes its log from it, the library printing
 * nothing.  Calls are cheap for the library (a test and an indirect call
 * per item); the callee decides how often to draw.
 */
#ifndef TIDTAM_PROGRESS_H
#define TIDTAM_PROGRESS_H

struct tt_progress {
	/* done items of total so far (total 0 when not known in advance) */
	void (*step)(void *ctx, long done, long total);
	/* an item of the input file path was refused (validate: a submission) */
	void (*refused)(void *ctx, const char *path);
	void *ctx;
};

static inline void tt_progress_step(const struct tt_progress *p, long done, long total)
{
	if (p && p->step)
		p->step(p->ctx, done, total);
}

static inline void tt_progress_refused(const struct tt_progress *p, const char *path)
{
	if (p && p->refused)
		p->refused(p->ctx, path);
}

#endif
