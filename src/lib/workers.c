/*
 * workers.c - jobs shared out to worker processes (workers.h).
 *
 * Each worker is a child of the stage's process joined to it by a socket
 * pair: the parent writes a job's number (four bytes) when the worker is
 * free, and shuts its side when there is no more; the worker answers with
 * framed messages, a type byte and a length, ending each job with a frame
 * of its own.  The parent waits on every worker's socket with poll(), so
 * the next job goes to whichever worker is free first.  Built for a few
 * processes and a few hundred jobs of tens of milliseconds or more: one
 * system call or two per job and message.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tidtam/error.h"
#include "tidtam/util.h"
#include "tidtam/workers.h"
#include "tidtam/banned.h"

enum { FRAME_MESSAGE = 'M', FRAME_DONE = 'D', FRAME_FATAL = 'F' };
#define FRAME_HEAD 5 /* type, then the length as four bytes, low first */
#define NO_JOB ((size_t)-1)

struct workers_out {
	int fd;
};

struct worker {
	pid_t pid;
	int fd;                 /* the parent's end; -1 once the worker ended */
	size_t job;             /* the job under way, or NO_JOB */
	int waiting;            /* free, waiting for ops->ready() to hand it the next */
	struct strbuf in;       /* bytes received, not yet a whole frame */
	struct strbuf fatal;    /* why start() failed, as it said */
};

int workers_processors(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : n > 256 ? 256 : (int)n;
}

/* All of len bytes to fd; 0, or -1 when the other end is gone. */
static int write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;

	while (len) {
		ssize_t n = send(fd, p, len, MSG_NOSIGNAL);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

static void send_frame(int fd, int type, const void *msg, size_t len)
{
	unsigned char head[FRAME_HEAD];
	uint32_t n = (uint32_t)len;
	int i;

	head[0] = (unsigned char)type;
	for (i = 0; i < 4; i++)
		head[1 + i] = (unsigned char)(n >> (8 * i));
	/* the parent gone (a run killed): nothing is left to work for */
	if (write_all(fd, head, sizeof(head)) || (len && write_all(fd, msg, len)))
		_exit(3);
}

void workers_send(struct workers_out *out, const void *msg, size_t len)
{
	send_frame(out->fd, FRAME_MESSAGE, msg, len);
}

/* The worker's life: start, then a job at a time until the parent says no more. */
static void __attribute__((noreturn))
worker_main(int fd, const struct workers_ops *ops, void *ctx)
{
	struct workers_out out = { fd };
	struct tt_error err;

	tt_error_clear(&err);
	if (ops->start(ctx, &err)) {
		send_frame(fd, FRAME_FATAL, err.message, strlen(err.message));
		_exit(3);
	}
	for (;;) {
		unsigned char buf[4];
		size_t got = 0;
		uint32_t k;

		while (got < sizeof(buf)) {
			ssize_t n = read(fd, buf + got, sizeof(buf) - got);

			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0)
				break;
			got += (size_t)n;
		}
		if (got < sizeof(buf))
			break; /* no more jobs */
		k = (uint32_t)buf[0] | (uint32_t)buf[1] << 8 | (uint32_t)buf[2] << 16 |
		    (uint32_t)buf[3] << 24;
		ops->run(ctx, k, &out);
		send_frame(fd, FRAME_DONE, NULL, 0);
	}
	ops->finish(ctx);
	_exit(0);
}

/* Start worker w; 0, or -1 with err set. */
static int spawn(struct worker *workers, size_t w, const struct workers_ops *ops, void *ctx,
		 struct tt_error *err)
{
	pid_t parent = getpid();
	int sv[2];
	size_t i;

	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv))
		return tt_error_set(err, TT_EIO, "could not start a worker: %s", strerror(errno));
	fflush(NULL); /* nothing buffered is written twice */
	workers[w].pid = fork();
	if (workers[w].pid < 0) {
		close(sv[0]);
		close(sv[1]);
		return tt_error_set(err, TT_EIO, "could not start a worker: %s", strerror(errno));
	}
	if (!workers[w].pid) {
		/* a worker outlives no parent: a run killed is a run stopped */
		if (prctl(PR_SET_PDEATHSIG, SIGKILL) || getppid() != parent)
			_exit(3);
		for (i = 0; i < w; i++)
			if (workers[i].fd >= 0)
				close(workers[i].fd);
		close(sv[0]);
		worker_main(sv[1], ops, ctx);
	}
	close(sv[1]);
	workers[w].fd = sv[0];
	workers[w].job = NO_JOB;
	strbuf_init(&workers[w].in);
	strbuf_init(&workers[w].fatal);
	return 0;
}

/*
 * The next job to w, or the end of its work, or (ops->ready() says not
 * yet, and force is 0) nothing for now: w waits.
 */
static void give(struct worker *w, const struct workers_ops *ops, void *ctx,
		 const size_t *order, size_t nr, size_t *next, int force)
{
	unsigned char buf[4];
	size_t k;
	int i, ready = *next < nr && ops->ready ? ops->ready(ctx, *next) : 1;

	w->job = NO_JOB;
	w->waiting = 0;
	if (ready < 0)
		*next = nr;  /* no more, as asked */
	if (*next >= nr) {
		shutdown(w->fd, SHUT_WR);
		return;
	}
	if (!ready && !force) {
		w->waiting = 1;
		return;
	}
	k = order[(*next)++];
	for (i = 0; i < 4; i++)
		buf[i] = (unsigned char)(k >> (8 * i));
	w->job = k;
	/* a worker gone is seen at its end of file, where its job is lost */
	write_all(w->fd, buf, sizeof(buf));
}

/* The whole frames in w->in: handed on; a job done gets the next. */
static void frames(struct worker *w, const struct workers_ops *ops, void *ctx,
		   const size_t *order, size_t nr, size_t *next)
{
	size_t at = 0;

	while (w->in.len - at >= FRAME_HEAD) {
		const unsigned char *h = (const unsigned char *)w->in.buf + at;
		size_t len = (size_t)h[1] | (size_t)h[2] << 8 | (size_t)h[3] << 16 |
			     (size_t)h[4] << 24;
		const char *msg = w->in.buf + at + FRAME_HEAD;

		if (w->in.len - at - FRAME_HEAD < len)
			break;
		at += FRAME_HEAD + len;
		if (h[0] == FRAME_MESSAGE && w->job != NO_JOB)
			ops->receive(ctx, w->job, msg, len);
		else if (h[0] == FRAME_DONE)
			give(w, ops, ctx, order, nr, next, 0);
		else if (h[0] == FRAME_FATAL)
			strbuf_add(&w->fatal, msg, len);
	}
	if (at == w->in.len) {
		strbuf_reset(&w->in);
	} else if (at) { /* what is left, a frame begun, to the front */
		memmove(w->in.buf, w->in.buf + at, w->in.len - at);
		w->in.len -= at;
		w->in.buf[w->in.len] = '\0';
	}
}

/* Worker w has ended: reaped, and its job lost unless it was done. */
static void ended(struct worker *w, const struct workers_ops *ops, void *ctx)
{
	struct strbuf why;
	int status = 0;

	close(w->fd);
	w->fd = -1;
	while (waitpid(w->pid, &status, 0) < 0 && errno == EINTR)
		;
	if (w->job != NO_JOB) {
		strbuf_init(&why);
		if (w->fatal.len)
			strbuf_addf(&why, "its worker could not start: %s", w->fatal.buf);
		else if (WIFSIGNALED(status))
			strbuf_addf(&why, "its worker was killed by signal %d", WTERMSIG(status));
		else if (WIFEXITED(status) && WEXITSTATUS(status))
			strbuf_addf(&why, "its worker exited with status %d", WEXITSTATUS(status));
		else
			strbuf_addstr(&why, "its worker ended before it was made");
		ops->lost(ctx, w->job, why.buf);
		strbuf_release(&why);
	}
	strbuf_release(&w->in);
	strbuf_release(&w->fatal);
}

int workers_run(size_t nr_workers, const size_t *order, size_t nr,
		const struct workers_ops *ops, void *ctx, struct tt_error *err)
{
	struct worker *workers;
	struct pollfd *fds;
	size_t started = 0, live, next = 0, w, i;
	char buf[65536];
	int rc = 0;

	if (nr_workers > nr)
		nr_workers = nr;
	if (!nr_workers)
		return 0;
	workers = xcalloc(nr_workers, sizeof(*workers));
	fds = xcalloc(nr_workers, sizeof(*fds));
	for (w = 0; w < nr_workers; w++) {
		workers[w].fd = -1;
		if (spawn(workers, w, ops, ctx, err))
			break;
		started++;
	}
	if (!started) {
		rc = err->code;
		goto out;
	}
	tt_error_clear(err); /* fewer workers than asked do the same work */
	for (w = 0; w < started; w++)
		give(&workers[w], ops, ctx, order, nr, &next, 0);
	for (live = started; live;) {
		size_t n = 0, busy = 0;

		/* the workers waiting for the parent: a job each once it may, one at least */
		for (w = 0; w < started; w++)
			busy += workers[w].fd >= 0 && workers[w].job != NO_JOB;
		for (w = 0; w < started; w++)
			if (workers[w].fd >= 0 && workers[w].waiting) {
				give(&workers[w], ops, ctx, order, nr, &next, !busy);
				busy += workers[w].job != NO_JOB;
			}

		for (w = 0; w < started; w++)
			if (workers[w].fd >= 0) {
				fds[n].fd = workers[w].fd;
				fds[n].events = POLLIN;
				fds[n].revents = 0;
				n++;
			}
		if (poll(fds, n, -1) < 0) {
			if (errno == EINTR)
				continue;
			rc = tt_error_set(err, TT_EIO, "could not wait for the workers: %s",
					  strerror(errno));
			break;
		}
		for (i = 0, w = 0; w < started; w++) {
			ssize_t got;

			if (workers[w].fd < 0)
				continue;
			if (!(fds[i++].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			got = read(workers[w].fd, buf, sizeof(buf));
			if (got < 0 && errno == EINTR)
				continue;
			if (got > 0) {
				strbuf_add(&workers[w].in, buf, (size_t)got);
				frames(&workers[w], ops, ctx, order, nr, &next);
				continue;
			}
			ended(&workers[w], ops, ctx);
			live--;
		}
	}
	/* what no worker was left to make */
	while (next < nr)
		ops->lost(ctx, order[next++], "no worker was left to make it");
out:
	for (w = 0; w < started; w++)
		if (workers[w].fd >= 0) { /* only after poll() failed */
			kill(workers[w].pid, SIGKILL);
			ended(&workers[w], ops, ctx);
		}
	free(workers);
	free(fds);
	return rc;
}
