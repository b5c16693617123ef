/*
 * workers.h - jobs shared out to worker processes.
 *
 * A stage that has planned its work as numbered jobs, each independent of
 * the others, hands them to workers_run(): it forks up to nr_workers
 * worker processes, gives each a job at a time in the order asked (the
 * largest first keeps every processor busy to the end), and hands what
 * the workers send back to the parent, job by job, as it arrives.  A
 * worker shares nothing with its parent after fork() but what was in
 * memory then: it opens what it needs in start() (a database connection
 * above all, since SQLite's connections must not cross fork()), and
 * answers through workers_send().
 *
 * A worker that dies (killed, or exiting other than 0) loses the job it
 * was on; the parent is told through lost() with a sentence saying why,
 * and the other workers go on with the rest.  Jobs no worker is left to
 * make are lost in the same way.  Workers die with their parent
 * (PR_SET_PDEATHSIG), so a run killed leaves none behind.
 */
#ifndef TIDTAM_WORKERS_H
#define TIDTAM_WORKERS_H

#include <stddef.h>

struct tt_error;

/* Where a worker sends what a job has to say. */
struct workers_out;

struct workers_ops {
	/*
	 * In each worker, once, after fork(): what the worker needs of its
	 * own.  0, or an error code with err set (the worker then ends, and
	 * the job given to it is lost with err's message).
	 */
	int (*start)(void *ctx, struct tt_error *err);
	/* In a worker: job k, sending what it has to say to out. */
	void (*run)(void *ctx, size_t k, struct workers_out *out);
	/* In a worker, before it ends: what start() took, given back. */
	void (*finish)(void *ctx);
	/* In the parent: a message of job k, as sent (len bytes, not kept). */
	void (*receive)(void *ctx, size_t k, const char *msg, size_t len);
	/* In the parent: job k was not made; why is a sentence ("its worker was killed by signal 9"). */
	void (*lost)(void *ctx, size_t k, const char *why);
	/*
	 * In the parent, or NULL (every job as soon as a worker is free): may
	 * the i-th job of the order be handed out now?  1 yes; 0 not yet
	 * (asked again after each message, and given anyway when no worker
	 * has a job, so that the run goes on); -1 never: neither it nor those
	 * after it are made, nor passed to lost().  A parent that takes what
	 * workers send in the order of the jobs keeps what it holds bounded
	 * so.
	 */
	int (*ready)(void *ctx, size_t i);
};

/*
 * Run the nr jobs numbered in order[] (each once, in that order of
 * handing out) in up to nr_workers processes (at least one).  receive()
 * and lost() are called in the parent only, one at a time.  Returns 0
 * once every job was made or lost, or an error code with err set when no
 * worker could be started at all (nothing made then).
 */
int workers_run(size_t nr_workers, const size_t *order, size_t nr,
		const struct workers_ops *ops, void *ctx, struct tt_error *err);

/* In a worker: send len bytes of msg to the parent, as one message of the job under way. */
void workers_send(struct workers_out *out, const void *msg, size_t len);

/* The processors on line, at least 1: the number of workers when none is asked for. */
int workers_processors(void);

#endif
