/*
 * scribe: one process that commits every form sent online, many in one
 * durable transaction.
 *
 * Sending a form is one synchronous=FULL commit.  When every worker made
 * its own, they took turns at SQLite's one write lock, each commit
 * emptied the other workers' page caches, and each waited for its own
 * fdatasync (README, Performance).  The scribe is the one writer of sent
 * answers: its cache stays warm, and everyone who pressed Send while it
 * was committing goes into its next transaction, one fdatasync for all.
 * A person is thanked only after that commit returns.
 *
 * Workers reach it over a SOCK_SEQPACKET socketpair each, made by the
 * parent before any fork and kept by the parent, so a respawned worker
 * or scribe takes over the same channel.  Whenever the scribe cannot be
 * reached or does not answer in time, the worker commits the answers
 * itself.  The response table's key makes a second store of the same
 * answers impossible (DB_EXISTS, which the form shows as "thank you"),
 * so either way each answer is stored exactly once.
 */
#include <sys/socket.h>

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "consult.h"
#include "crypto.h"
#include "forms.h"
#include "log.h"
#include "scribe.h"

#define SCRIBE_BATCH	64		/* answers in one transaction at most */
#define SCRIBE_WAIT_MS	2000		/* then the worker commits itself */
#define SCRIBE_SNDBUF	(1 << 20)	/* one message must fit */

/* What a worker sends, followed by the encoded answers. */
struct scribe_msg {
	uint64_t	 tag;		/* random: matches the reply */
	int64_t		 cid;
	int64_t		 until;		/* consult_ms() when the worker
					   stops waiting */
	char		 channel[8];
	char		 date[11];
};

/* The answer: tag and cid as sent, and what became of the answers. */
struct scribe_reply {
	uint64_t	 tag;
	int64_t		 cid;
	int32_t		 rc;
};

static int	*ends;		/* the scribe's end of each channel */
static int	*wends;		/* each worker's end */
static int	 nends;
static int	 me = -1;	/* this worker's end; -1: commit here */

/*
 * In the parent, before any fork: one channel per worker.  Returns 0, or
 * -1 with the reason in err.
 */
int
scribe_open(int n, char *err, size_t errlen)
{
	int	 sv[2], size = SCRIBE_SNDBUF, i;

	ends = xcalloc((size_t)n, sizeof(*ends));
	wends = xcalloc((size_t)n, sizeof(*wends));
	for (i = 0; i < n; i++) {
		if (socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv) == -1) {
			snprintf(err, errlen, "scribe: socketpair: %s",
			    strerror(errno));
			return -1;
		}
		setsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &size, sizeof(size));
		wends[i] = sv[0];
		ends[i] = sv[1];
		nends++;
	}
	return 0;
}

/* In worker i after fork: keep its own end only. */
void
scribe_worker(int i)
{
	int	 j;

	for (j = 0; j < nends; j++) {
		close(ends[j]);
		if (j != i)
			close(wends[j]);
	}
	me = wends[i];
}

/*
 * Send answers: through the scribe when there is one, else (or when it
 * does not answer in SCRIBE_WAIT_MS) in this process.  The scribe
 * writes nothing past that time, so the two never both decide.  Returns
 * DB_OK, DB_EXISTS (it had already come back) or DB_ERR.
 */
int
scribe_submit(int64_t cid, const struct kvlist *ans, const char *channel,
    const char *date)
{
	struct scribe_msg	 h;
	struct scribe_reply	 r;
	struct buf		 pt = { 0 }, m = { 0 };
	struct pollfd		 pfd;
	ssize_t			 got;
	int			 rc = DB_ERR, answered = 0, left;

	if (me < 0)
		return consult_submit(cid, ans, channel, date);
	memset(&h, 0, sizeof(h));
	/* Random, so no reply left for a dead predecessor can match. */
	cr_random(&h.tag, sizeof(h.tag));
	h.cid = cid;
	h.until = consult_ms() + SCRIBE_WAIT_MS;
	snprintf(h.channel, sizeof(h.channel), "%s", channel);
	snprintf(h.date, sizeof(h.date), "%s", date);
	form_encode(ans, &pt);
	buf_add(&m, &h, sizeof(h));
	buf_add(&m, pt.data == NULL ? "" : pt.data, pt.len);
	if (send(me, m.data, m.len, MSG_DONTWAIT | MSG_NOSIGNAL) !=
	    (ssize_t)m.len) {
		log_line("%s: scribe unreachable (%s); committing here",
		    __func__, strerror(errno));
		goto out;
	}
	pfd.fd = me;
	pfd.events = POLLIN;
	while (!answered && (left = (int)(h.until - consult_ms())) > 0) {
		if (poll(&pfd, 1, left) <= 0)
			continue;	/* a signal, or time is up */
		got = recv(me, &r, sizeof(r), MSG_DONTWAIT);
		/* A reply to a predecessor that died waiting is dropped. */
		if (got == (ssize_t)sizeof(r) && r.tag == h.tag &&
		    r.cid == h.cid) {
			rc = r.rc;
			answered = 1;
		}
	}
	if (!answered)
		log_line("%s: no answer from the scribe in %d ms; "
		    "committing here", __func__, SCRIBE_WAIT_MS);
out:
	if (!answered)
		rc = consult_submit(cid, ans, channel, date);
	buf_free(&pt);
	buf_free(&m);
	return rc;
}

/*
 * Take one message from fd into c, its bytes in *mem (the caller frees).
 * Returns 1, or 0 when there is none waiting.
 */
static int
take(int fd, struct consult_send *c, uint64_t *tag, char **mem)
{
	struct scribe_msg	*h;
	ssize_t			 n;
	char			*p;

	n = recv(fd, NULL, 0, MSG_PEEK | MSG_TRUNC | MSG_DONTWAIT);
	if (n < (ssize_t)sizeof(*h)) {
		if (n >= 0)	/* not ours: drop it */
			recv(fd, NULL, 0, MSG_DONTWAIT);
		return 0;
	}
	/* malloc's alignment suits the header at the start. */
	p = xmalloc((size_t)n + 1);
	if (recv(fd, p, (size_t)n, MSG_DONTWAIT) != n) {
		free(p);
		return 0;
	}
	p[n] = '\0';
	h = (struct scribe_msg *)(void *)p;
	h->channel[sizeof(h->channel) - 1] = '\0';
	h->date[sizeof(h->date) - 1] = '\0';
	*tag = h->tag;
	c->cid = h->cid;
	c->until = h->until;
	c->channel = h->channel;
	c->date = h->date;
	c->pt = p + sizeof(*h);
	c->ptlen = (size_t)n - sizeof(*h);
	*mem = p;
	return 1;
}

/*
 * The scribe process: commit whatever has been sent, as one batch, and
 * answer each sender; until *stop is set (SIGTERM, after the workers
 * have stopped).
 */
void
scribe_serve(volatile sig_atomic_t *stop)
{
	struct consult_send	 c[SCRIBE_BATCH];
	struct scribe_reply	 r;
	struct pollfd		*pfd;
	sigset_t		 term, old;
	uint64_t		 tags[SCRIBE_BATCH];
	char			*mem[SCRIBE_BATCH];
	int			 from[SCRIBE_BATCH];
	size_t			 n, j;
	int			 i;

	for (i = 0; i < nends; i++)
		close(wends[i]);
	pfd = xcalloc((size_t)nends, sizeof(*pfd));
	for (i = 0; i < nends; i++) {
		pfd[i].fd = ends[i];
		pfd[i].events = POLLIN;
	}
	/* SIGTERM only inside ppoll(), so it cannot slip in before it. */
	sigemptyset(&term);
	sigaddset(&term, SIGTERM);
	sigprocmask(SIG_BLOCK, &term, &old);
	while (!*stop) {
		if (ppoll(pfd, (nfds_t)nends, NULL, &old) <= 0)
			continue;
		n = 0;
		for (i = 0; i < nends; i++)
			while ((pfd[i].revents & POLLIN) && n < SCRIBE_BATCH &&
			    take(ends[i], &c[n], &tags[n], &mem[n]))
				from[n++] = i;
		if (n == 0)
			continue;
		consult_submit_all(c, n);
		for (j = 0; j < n; j++) {
			memset(&r, 0, sizeof(r));
			r.tag = tags[j];
			r.cid = c[j].cid;
			r.rc = c[j].rc;
			send(ends[from[j]], &r, sizeof(r),
			    MSG_DONTWAIT | MSG_NOSIGNAL);
			free(mem[j]);
		}
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	free(pfd);
}
