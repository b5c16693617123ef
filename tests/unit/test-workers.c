/*
 * Unit tests of the worker processes (workers.c).
 *
 * Every job is made once, in a process other than the parent, each
 * worker started once; messages reach the parent whole and under the job
 * that sent them, large ones too; the order asked is the order handed
 * out; a worker that dies loses only the job it was on, which the parent
 * is told with why, and the others are made by the workers left; a worker
 * that cannot start loses its job with its own message; when every worker
 * is gone, what is left is lost too; ready() holds jobs back, never so
 * long that nothing goes on, and stops them when it says so.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#include "tidtam/error.h"
#include "tidtam/util.h"
#include "tidtam/workers.h"
#include "test.h"

#define NR 40

struct ctx {
	pid_t parent;
	int starts_fail;          /* start() fails in every worker */
	size_t die_at;            /* the job whose worker kills itself, or NR */
	int die_always;           /* every worker dies at its first job */
	/* the parent's record */
	int made[NR];             /* messages "made" received per job */
	int lost[NR];
	char why[NR][128];
	pid_t maker[NR];
	size_t big_len[NR];       /* the length of the large message, whole */
	size_t order_seen[NR], nr_seen;
	int window;               /* ready(): jobs ahead of those made, at most */
	size_t stop_at;           /* ready() says -1 from this job of the order */
	size_t max_ahead;         /* the most jobs ahead ready() let go */
};

static int start(void *data, struct tt_error *err)
{
	struct ctx *c = data;

	if (c->starts_fail)
		return tt_error_set(err, TT_EDB, "could not open database 'x.db'");
	return 0;
}

static void run(void *data, size_t k, struct workers_out *out)
{
	struct ctx *c = data;
	struct strbuf sb;
	pid_t me = getpid();

	if (k == c->die_at || c->die_always)
		raise(SIGKILL);
	strbuf_init(&sb);
	strbuf_addf(&sb, "made %zu %ld", k, (long)me);
	workers_send(out, sb.buf, sb.len + 1);
	/* a message larger than a socket's buffer, in one piece */
	strbuf_reset(&sb);
	strbuf_addch(&sb, 'B');
	while (sb.len < 300000)
		strbuf_addstr(&sb, "0123456789");
	workers_send(out, sb.buf, sb.len);
	strbuf_release(&sb);
}

static void finish(void *data)
{
	(void)data;
}

static void receive(void *data, size_t k, const char *msg, size_t len)
{
	struct ctx *c = data;
	size_t j;
	long pid;

	if (k >= NR)
		return;
	if (len && msg[0] == 'B') {
		c->big_len[k] = len;
		for (j = 1; j < len; j++)
			if (msg[j] != '0' + (char)((j - 1) % 10))
				c->big_len[k] = 0;
		return;
	}
	if (sscanf(msg, "made %zu %ld", &j, &pid) == 2 && j == k) {
		c->made[k]++;
		c->maker[k] = (pid_t)pid;
		c->order_seen[c->nr_seen++] = k;
	}
}

static void lost(void *data, size_t k, const char *why)
{
	struct ctx *c = data;

	if (k >= NR)
		return;
	c->lost[k]++;
	tt_strlcpy(c->why[k], why, sizeof(c->why[k]));
}

static int ready(void *data, size_t i)
{
	struct ctx *c = data;

	if (i >= c->stop_at)
		return -1;
	if (i >= c->nr_seen + (size_t)c->window)
		return 0;
	if (i - c->nr_seen > c->max_ahead)
		c->max_ahead = i - c->nr_seen;
	return 1;
}

static const struct workers_ops ops = { start, run, finish, receive, lost, NULL };
static const struct workers_ops held = { start, run, finish, receive, lost, ready };

static void fresh(struct ctx *c)
{
	memset(c, 0, sizeof(*c));
	c->parent = getpid();
	c->die_at = NR;
	c->stop_at = NR;
}

int main(void)
{
	static struct ctx c;
	struct tt_error err;
	size_t order[NR], k;
	int ok, in_order;

	signal(SIGPIPE, SIG_IGN);
	CHECK(workers_processors() >= 1);
	for (k = 0; k < NR; k++)
		order[k] = NR - 1 - k; /* the last first */

	/* two workers: each job once, elsewhere, the large message whole */
	fresh(&c);
	tt_error_clear(&err);
	CHECK(workers_run(2, order, NR, &ops, &c, &err) == 0);
	for (ok = 1, k = 0; k < NR; k++)
		ok = ok && c.made[k] == 1 && !c.lost[k] && c.maker[k] != c.parent &&
		     c.maker[k] > 0 && c.big_len[k] > 300000;
	CHECK(ok);
	{
		pid_t a = c.maker[0], b = 0;

		for (k = 0; k < NR; k++)
			if (c.maker[k] != a)
				b = c.maker[k];
		for (ok = 1, k = 0; k < NR; k++)
			ok = ok && (c.maker[k] == a || c.maker[k] == b);
		CHECK(ok); /* two processes made them, no more */
	}
	/* one worker: made in the order asked */
	fresh(&c);
	CHECK(workers_run(1, order, NR, &ops, &c, &err) == 0);
	for (in_order = c.nr_seen == NR, k = 0; in_order && k < NR; k++)
		in_order = c.order_seen[k] == order[k];
	CHECK(in_order);
	/* more workers than jobs */
	fresh(&c);
	CHECK(workers_run(8, order, 3, &ops, &c, &err) == 0);
	CHECK(c.made[NR - 1] == 1 && c.made[NR - 2] == 1 && c.made[NR - 3] == 1 &&
	      c.made[0] == 0);

	/* a worker killed at job 7: that job lost, with why; the rest made */
	fresh(&c);
	c.die_at = 7;
	CHECK(workers_run(2, order, NR, &ops, &c, &err) == 0);
	CHECK(c.lost[7] == 1 && c.made[7] == 0);
	CHECK_STR(c.why[7], "its worker was killed by signal 9");
	for (ok = 1, k = 0; k < NR; k++)
		ok = ok && (k == 7 || (c.made[k] == 1 && !c.lost[k]));
	CHECK(ok);

	/* every worker dies: each job made or lost, none both, none twice */
	fresh(&c);
	c.die_always = 1;
	CHECK(workers_run(2, order, NR, &ops, &c, &err) == 0);
	for (ok = 1, k = 0; k < NR; k++)
		ok = ok && c.lost[k] == 1 && !c.made[k];
	CHECK(ok);
	CHECK_STR(c.why[NR - 1], "its worker was killed by signal 9");
	CHECK_STR(c.why[0], "no worker was left to make it");

	/* start() fails: its message */
	fresh(&c);
	c.starts_fail = 1;
	CHECK(workers_run(2, order, NR, &ops, &c, &err) == 0);
	CHECK_STR(c.why[NR - 1], "its worker could not start: could not open database 'x.db'");
	for (ok = 1, k = 0; k < NR; k++)
		ok = ok && c.lost[k] == 1;
	CHECK(ok);

	/* ready(): at most two jobs ahead of those received, all made */
	fresh(&c);
	c.window = 2;
	CHECK(workers_run(2, order, NR, &held, &c, &err) == 0);
	for (ok = 1, k = 0; k < NR; k++)
		ok = ok && c.made[k] == 1 && !c.lost[k];
	CHECK(ok);
	CHECK(c.max_ahead < 2);
	/* never ready: given one at a time all the same, all made */
	fresh(&c);
	CHECK(workers_run(2, order, NR, &held, &c, &err) == 0);
	for (ok = 1, k = 0; k < NR; k++)
		ok = ok && c.made[k] == 1;
	CHECK(ok);
	/* -1 from the 10th: the first ten made, the rest neither made nor lost */
	fresh(&c);
	c.window = NR;
	c.stop_at = 10;
	CHECK(workers_run(2, order, NR, &held, &c, &err) == 0);
	for (ok = c.nr_seen == 10, k = 0; k < NR; k++)
		ok = ok && !c.lost[k] && c.made[order[k]] == (k < 10);
	CHECK(ok);

	/* nothing to do */
	fresh(&c);
	CHECK(workers_run(2, order, 0, &ops, &c, &err) == 0);
	return test_report("test-workers");
}
