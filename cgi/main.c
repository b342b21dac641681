/*
 * heard-fcgi: the process model, and only that.
 *
 * The parent checks everything that can be wrong with the set-up (key
 * file, templates, form definitions, database version) before it binds
 * the socket, then pre-forks workers and the scribe (scribe.c), which
 * commits every form sent online.  It respawns a child that dies and, on
 * SIGTERM or SIGINT, tells every worker to stop after its current
 * request, waits for them, then stops the scribe.  Each child has its
 * own SQLite connection, opened after fork: a connection must never
 * cross a fork.
 */
#include <sys/socket.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <malloc.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <fcgiapp.h>

#include "conf.h"
#include "crypto.h"
#include "db.h"
#include "forms.h"
#include "http.h"
#include "gate.h"
#include "keycheck.h"
#include "lang.h"
#include "log.h"
#include "page.h"
#include "router.h"
#include "scribe.h"
#include "speak.h"
#include "tmpl.h"

static volatile sig_atomic_t	 stopping;
static volatile sig_atomic_t	 child_died;

/* SIGTERM/SIGINT: finish what is in flight, then stop. */
static void
on_stop(int sig)
{
	(void)sig;
	stopping = 1;
}

/* SIGCHLD: the parent reaps in its loop. */
static void
on_child(int sig)
{
	(void)sig;
	child_died = 1;
}

/* Install a handler without SA_RESTART, so accept() is interrupted. */
static void
handle(int sig, void (*fn)(int))
{
	struct sigaction	 sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

/* Milliseconds on the monotonic clock. */
static double
ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/*
 * What every child does first: take its own signals, stop with the
 * parent, and open its own database connection.  On failure it exits 1
 * (the parent waits a second before the next try).
 */
static void
child_start(const struct conf *c, const char *name)
{
	char	 err[1024];

	handle(SIGTERM, on_stop);
	handle(SIGINT, SIG_IGN);	/* the parent decides */
	handle(SIGCHLD, SIG_DFL);
	prctl(PR_SET_NAME, name);
	/* If the parent dies without telling us, stop too. */
	prctl(PR_SET_PDEATHSIG, SIGTERM);
	/*
	 * Keep freed memory instead of handing it back to the kernel after
	 * every request: SQLite's temporary b-trees for the rate triggers
	 * made glibc shrink and regrow the heap on each send, and the page
	 * faults were a fifth of a send's time (perf; README, Performance).
	 */
	mallopt(M_TRIM_THRESHOLD, 4 << 20);
	mallopt(M_MMAP_THRESHOLD, 1 << 20);
	if (db_open(c->db, 0, err, sizeof(err)) == -1) {
		log_line("%s: %s", name, err);
		_exit(1);
	}
}

/* A worker: answer requests until told to stop.  Never returns. */
static void
worker(const struct conf *c, int sock)
{
	FCGX_Request	 f;
	struct req	 r;
	struct resp	 p;
	const char	*name;
	int		 rs;
	double		 t0;

	child_start(c, "heard-worker");
	/* SIGTERM must interrupt accept(), not be retried inside libfcgi. */
	FCGX_InitRequest(&f, sock, FCGI_FAIL_ACCEPT_ON_INTR);
	while (!stopping) {
		if (FCGX_Accept_r(&f) < 0)
			break;
		t0 = ms();
		rs = http_read(&f, &r, c->max_body);
		resp_init(&p);
		name = router_handle(&r, &p, rs);
		http_send(&f, &p, r.method == HTTP_HEAD);
		/* The log names the page, never its path: paths hold tokens. */
		log_line("%s %s %d %.1fms", r.method == HTTP_POST ? "POST" :
		    r.method == HTTP_HEAD ? "HEAD" : r.method == HTTP_GET ?
		    "GET" : "OTHER", name, p.status, ms() - t0);
		http_finish(&f);
		req_free(&r);
		resp_free(&p);
	}
	db_close();
	tmpl_free();
	form_free_all();
	_exit(0);
}

/* The scribe (scribe.c): commit sent forms until told to stop. */
static void
scribe(const struct conf *c)
{
	child_start(c, "heard-scribe");
	scribe_serve(&stopping);
	db_close();
	tmpl_free();
	form_free_all();
	_exit(0);
}

/*
 * Start child i: workers are 0 .. workers-1, the scribe is number
 * workers.  Returns its pid or -1.
 */
static pid_t
spawn(const struct conf *c, int sock, int i)
{
	pid_t		 pid = fork();
	sigset_t	 none;

	if (pid == 0) {
		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
		if (i == c->workers)
			scribe(c);
		scribe_worker(i);
		worker(c, sock);
	}
	if (pid == -1)
		log_line("%s: fork: %s", __func__, strerror(errno));
	return pid;
}

/* Stop children from .. to-1 (SIGTERM) and wait for each. */
static void
stop_children(pid_t *pids, int from, int to)
{
	int	 i, status;

	for (i = from; i < to; i++)
		if (pids[i] > 0)
			kill(pids[i], SIGTERM);
	for (i = from; i < to; i++)
		while (pids[i] > 0 && waitpid(pids[i], &status, 0) != pids[i] &&
		    errno == EINTR)
			;
}

/*
 * 1 if the folder the socket goes in exists.  libfcgi exits without
 * naming the path when it does not (an instance's /run/heard/NAME made
 * by no systemd unit), so the start-up line is ours.
 */
static int
socket_folder_ok(const char *path)
{
	char		 dir[4096];
	char		*slash;
	struct stat	 st;

	if (snprintf(dir, sizeof(dir), "%s", path) >= (int)sizeof(dir))
		return 0;
	if ((slash = strrchr(dir, '/')) == NULL)
		return 1;
	if (slash == dir)
		return 1;
	*slash = '\0';
	return stat(dir, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Print usage and exit. */
static void
usage(int rc)
{
	fputs("usage: heard-fcgi [--instance NAME] [--socket PATH] "
	    "[--workers N] [--db FILE]\n\t[--key FILE] [--base-url URL] [--templates DIR] [--static DIR] "
	    "[--audio DIR]\n\t[--max-body BYTES]\n"
	    "Each option can also be set as HEARD_SOCKET, HEARD_WORKERS, ...\n",
	    rc == 0 ? stdout : stderr);
	exit(rc);
}

int
main(int argc, char *argv[])
{
	struct conf	 c;
	char		 err[1024], dir[4096], img[4096], langdir[4096], *slash;
	sigset_t	 block, old;
	pid_t		*pids;
	int		 i, sock, status, rc;
	pid_t		 pid;

	conf_defaults(&c);
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			usage(0);
		rc = conf_option(&c, argv[i], i + 1 < argc ? argv[i + 1] :
		    NULL, err, sizeof(err));
		if (rc == 0) {
			fprintf(stderr, "heard-fcgi: unknown option %s\n",
			    argv[i]);
			usage(2);
		}
		if (rc < 0) {
			fprintf(stderr, "heard-fcgi: %s\n", err);
			return 2;
		}
		i++;
	}
	/* One council of many: its folder's database, key and socket. */
	if (conf_instance(&c, err, sizeof(err)) == -1) {
		fprintf(stderr, "heard-fcgi: %s\n", err);
		return 2;
	}

	/*
	 * Pages read a given base URL (for links they print) from here;
	 * without one they read the database's setting, as heardctl does.
	 */
	if (conf_base_url_given(&c) != NULL)
		setenv("HEARD_BASE_URL", c.base_url, 1);
	else
		unsetenv("HEARD_BASE_URL");
	/* And the rest of the settings (the Notify key's file) from here. */
	page_set_conf(&c);

	/* Everything that can be wrong is found before we serve. */
	snprintf(dir, sizeof(dir), "%s/forms", c.templates);
	snprintf(img, sizeof(img), "%s/img", c.static_dir);
	snprintf(langdir, sizeof(langdir), "%s/lang", c.templates);
	if (cr_init(c.key, err, sizeof(err)) == -1 ||
	    tmpl_load(c.templates, router_templates(), err, sizeof(err)) == -1 ||
	    form_load_dir(dir, img, err, sizeof(err)) == -1 ||
	    speak_load(c.audio, err, sizeof(err)) == -1 ||
	    lang_load(langdir, err, sizeof(err)) == -1 ||
	    lang_check(c.templates, err, sizeof(err)) == -1) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	if (db_open(c.db, 0, err, sizeof(err)) == -1) {
		fprintf(stderr, "%s (run: heardctl init)\n", err);
		return 1;
	}
	if (key_verify(c.key, err, sizeof(err)) == -1) {
		fprintf(stderr, "%s\n", err);
		db_close();
		return 1;
	}
	db_close();

	if (FCGX_Init() != 0) {
		fprintf(stderr, "heard-fcgi: FCGX_Init failed\n");
		return 1;
	}
	if (!socket_folder_ok(c.socket)) {
		fprintf(stderr, "%s:0: cannot listen on socket: its folder does "
		    "not exist\n", c.socket);
		return 1;
	}
	unlink(c.socket);
	/* Group may connect (nginx's group in production); others not. */
	umask(007);
	if ((sock = FCGX_OpenSocket(c.socket, 128)) < 0) {
		fprintf(stderr, "%s:0: cannot listen on socket\n", c.socket);
		return 1;
	}
	/*
	 * Signals are blocked except inside sigsuspend(), so a worker
	 * that dies between two checks is never missed.
	 */
	sigemptyset(&block);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGCHLD);
	sigprocmask(SIG_BLOCK, &block, &old);
	handle(SIGTERM, on_stop);
	handle(SIGINT, on_stop);
	handle(SIGCHLD, on_child);
	signal(SIGPIPE, SIG_IGN);

	if (scribe_open(c.workers, err, sizeof(err)) == -1) {
		fprintf(stderr, "heard-fcgi: %s\n", err);
		return 1;
	}
	/*
	 * At most half the workers (at least one) hash a staff password at
	 * once: the rest stay free for the children's forms (gate.c).  The
	 * lock files live beside the socket.
	 */
	snprintf(dir, sizeof(dir), "%s", c.socket);
	if ((slash = strrchr(dir, '/')) != NULL)
		*slash = '\0';
	else
		snprintf(dir, sizeof(dir), ".");
	if (gate_init(dir, c.workers / 2, err, sizeof(err)) == -1) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	pids = calloc((size_t)c.workers + 1, sizeof(*pids));
	if (pids == NULL)
		return 1;
	for (i = 0; i <= c.workers; i++)
		pids[i] = spawn(&c, sock, i);
	log_line("heard-fcgi: %d workers and a scribe on %s", c.workers,
	    c.socket);

	while (!stopping) {
		sigsuspend(&old);
		while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
			for (i = 0; i <= c.workers; i++)
				if (pids[i] == pid)
					break;
			if (i > c.workers)
				continue;
			log_line("heard-fcgi: %s %d %s %d%s", i == c.workers ?
			    "scribe" : "worker", (int)pid,
			    WIFSIGNALED(status) ? "killed by signal" :
			    "exited with", WIFSIGNALED(status) ?
			    WTERMSIG(status) : WEXITSTATUS(status),
			    stopping ? "" : "; starting another");
			pids[i] = stopping ? 0 : spawn(&c, sock, i);
			/* A child that cannot start must not spin. */
			if (!stopping && WIFEXITED(status) &&
			    WEXITSTATUS(status) == 1)
				sleep(1);
		}
		child_died = 0;
	}

	/*
	 * Graceful stop: each worker finishes its request (which may be
	 * waiting for the scribe), then the scribe its batch.  Shutting
	 * the listening socket first wakes every worker blocked in
	 * accept(): a SIGTERM that lands after a worker's last look at
	 * `stopping` but before it blocks would otherwise be lost, and the
	 * worker would wait for a connection that never comes (seen once
	 * in CI, on a loaded machine).  Requests in flight have their own
	 * sockets and are not touched.
	 */
	shutdown(sock, SHUT_RDWR);
	stop_children(pids, 0, c.workers);
	stop_children(pids, c.workers, c.workers + 1);
	close(sock);
	unlink(c.socket);
	free(pids);
	log_line("heard-fcgi: stopped");
	return 0;
}
