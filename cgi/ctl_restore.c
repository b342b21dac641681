/*
 * ctl_restore: heardctl restore --from REPLICA --to FILE [--at TIME].
 *
 * Litestream does the restore (`litestream restore`, run with execve and
 * an argument vector, never a shell); this file checks what came back
 * before anyone serves it: PRAGMA integrity_check, foreign_key_check,
 * the schema version, and that every sealed value opens with the key
 * file (which is never in the replica: README "Continuous replication").
 */
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "crypto.h"
#include "ctl.h"
#include "db.h"
#include "keycheck.h"

extern char **environ;

/* What the check of the sealed values found. */
struct opened {
	long	 ok;
	long	 bad;
};

/* Seconds since an arbitrary start, for timing the restore. */
static double
seconds(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/*
 * 1 if url is a replica URL Litestream restores from (file:///, sftp://,
 * s3://) and holds nothing that would break the quoted YAML line it goes
 * into; else 0.
 */
static int
replica_ok(const char *url)
{
	if (strncmp(url, "file:///", 8) != 0 &&
	    strncmp(url, "sftp://", 7) != 0 && strncmp(url, "s3://", 5) != 0)
		return 0;
	return strpbrk(url, "\"\\\n\r") == NULL;
}

/*
 * 1 if t is a UTC time as Litestream's -timestamp takes it
 * (YYYY-MM-DDTHH:MM:SSZ); else 0.
 */
static int
time_ok(const char *t)
{
	struct tm	 tm;
	const char	*end;

	memset(&tm, 0, sizeof(tm));
	end = strptime(t, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return end != NULL && *end == '\0' && strlen(t) == 20;
}

/*
 * Write Litestream's configuration for this one restore into dir: the
 * database path `to` with the replica url and, for sftp, the SSH key.
 * Returns the file's path (the caller frees it) or NULL.
 */
static char *
write_config(const char *dir, const char *to, const char *url,
    const char *key)
{
	char	*path;
	FILE	*f;
	int	 fd;

	if (asprintf(&path, "%s/litestream.yml", dir) == -1)
		return NULL;
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd == -1 || (f = fdopen(fd, "w")) == NULL) {
		if (fd != -1)
			close(fd);
		free(path);
		return NULL;
	}
	fprintf(f, "dbs:\n  - path: \"%s\"\n    replicas:\n"
	    "      - url: \"%s\"\n", to, url);
	if (key != NULL && strncmp(url, "sftp://", 7) == 0)
		fprintf(f, "        key-path: \"%s\"\n", key);
	if (fclose(f) != 0) {
		unlink(path);
		free(path);
		return NULL;
	}
	return path;
}

/*
 * Run argv (argv[0] a path) with execve, the environment passed on (S3
 * credentials travel there), its standard error kept in err (the last
 * line that says anything).  Returns its exit status, or -1 if it could
 * not run (err says why).
 */
static int
run(char *const argv[], char *err, size_t errlen)
{
	int	 p[2], status;
	pid_t	 pid;
	char	 chunk[4096], line[512];
	size_t	 ll = 0;
	ssize_t	 n, i;

	err[0] = '\0';
	if (pipe2(p, O_CLOEXEC) == -1) {
		snprintf(err, errlen, "pipe: %s", strerror(errno));
		return -1;
	}
	if ((pid = fork()) == -1) {
		snprintf(err, errlen, "fork: %s", strerror(errno));
		close(p[0]);
		close(p[1]);
		return -1;
	}
	if (pid == 0) {
		dup2(p[1], STDERR_FILENO);
		dup2(p[1], STDOUT_FILENO);
		execve(argv[0], argv, environ);
		dprintf(p[1], "cannot run %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	close(p[1]);
	while ((n = read(p[0], chunk, sizeof(chunk))) > 0 ||
	    (n == -1 && errno == EINTR))
		for (i = 0; i < n; i++) {
			if (chunk[i] != '\n') {
				if (ll < sizeof(line) - 1)
					line[ll++] = chunk[i];
				continue;
			}
			line[ll] = '\0';
			if (ll > 0)
				snprintf(err, errlen, "%s", line);
			ll = 0;
		}
	if (ll > 0) {
		line[ll] = '\0';
		snprintf(err, errlen, "%s", line);
	}
	close(p[0]);
	while (waitpid(pid, &status, 0) == -1)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

/* Count one sealed value as opening with the key, or not. */
static int
try_open(char table, int64_t id, uint32_t ver, const struct buf *box,
    void *arg)
{
	struct opened	*o = arg;
	struct buf	 pt = { 0 };

	if (cr_open(ver, table, id, box->data, box->len, &pt) == 0)
		o->ok++;
	else
		o->bad++;
	buf_free(&pt);
	return 0;
}

/*
 * heardctl restore --from REPLICA --to FILE [--at TIME]: restore with
 * Litestream into a new FILE, then check it.  Exit 0 only if every check
 * passed; a FILE that fails is left for inspection and said so.
 */
int
ctl_restore(int argc, char *argv[])
{
	const struct conf *cf = ctl_conf();
	const char	*from = ctl_opt(argc, argv, 2, "--from", NULL);
	const char	*to = ctl_opt(argc, argv, 2, "--to", NULL);
	const char	*at = ctl_opt(argc, argv, 2, "--at", NULL);
	char		 tmp[] = "/tmp/heard-restore-XXXXXX", err[1024];
	char		 wal[4096], *config, *args[10];
	struct opened	 o = { 0, 0 };
	struct stat	 sb;
	double		 t0, took;
	int		 rc, n = 0, version;

	if (from == NULL || to == NULL)
		ctl_die("usage: heardctl restore --from REPLICA --to FILE "
		    "[--at YYYY-MM-DDTHH:MM:SSZ]");
	if (!replica_ok(from))
		ctl_die("--from %s: give a Litestream replica URL: "
		    "file:///PATH, sftp://USER@HOST[:PORT]/PATH or "
		    "s3://BUCKET/PATH", from);
	if (at != NULL && !time_ok(at))
		ctl_die("--at %s: give a UTC time such as 2027-01-31T09:30:00Z",
		    at);
	if (to[0] != '/' || strpbrk(to, "\"\\\n\r") != NULL)
		ctl_die("--to %s: give an absolute path", to);
	snprintf(wal, sizeof(wal), "%s-wal", to);
	if (lstat(to, &sb) == 0 || lstat(wal, &sb) == 0)
		ctl_die("%s already exists: restore into a new file, never over "
		    "a database", to);
	if (access(cf->litestream, X_OK) == -1)
		ctl_die("%s: cannot run Litestream (%s); set HEARD_LITESTREAM",
		    cf->litestream, strerror(errno));
	if (cf->replica_key != NULL && strpbrk(cf->replica_key,
	    "\"\\\n\r") != NULL)
		ctl_die("HEARD_REPLICA_KEY: a path without quotes or "
		    "backslashes, please");
	if (mkdtemp(tmp) == NULL)
		ctl_die("cannot make a folder under /tmp: %s", strerror(errno));
	if ((config = write_config(tmp, to, from, cf->replica_key)) == NULL) {
		rmdir(tmp);
		ctl_die("cannot write Litestream's configuration in %s", tmp);
	}
	args[n++] = (char *)cf->litestream;
	args[n++] = "restore";
	args[n++] = "-no-expand-env";
	args[n++] = "-config";
	args[n++] = config;
	if (at != NULL) {
		args[n++] = "-timestamp";
		args[n++] = (char *)at;
	}
	args[n++] = (char *)to;
	args[n] = NULL;
	/* What Litestream writes is the owner's alone, as Heard's own. */
	umask(077);
	t0 = seconds();
	rc = run(args, err, sizeof(err));
	took = seconds() - t0;
	unlink(config);
	free(config);
	rmdir(tmp);
	if (rc != 0)
		ctl_die("litestream restore from %s failed%s%s", from,
		    err[0] ? ": " : "", err);
	if (lstat(to, &sb) == -1)
		ctl_die("litestream restore from %s wrote nothing (%s)", from,
		    err[0] ? err : "no backup there?");
	if (chmod(to, 0600) == -1)
		ctl_die("%s: cannot make it the owner's alone: %s", to,
		    strerror(errno));
	if (db_check_file(to, &version, err, sizeof(err)) == -1)
		ctl_die("%s failed its check: %s; do not serve it", to, err);
	if (cr_init(cf->key, err, sizeof(err)) == -1 ||
	    db_open(to, 0, err, sizeof(err)) == -1)
		ctl_die("%s", err);
	if (key_verify(cf->key, err, sizeof(err)) == -1)
		ctl_die("%s failed its check: %s", to, err);
	if (db_sealed_each(try_open, &o) != DB_OK)
		ctl_die("%s failed its check: cannot read its sealed values; "
		    "do not serve it", to);
	if (o.bad > 0)
		ctl_die("%s failed its check: %ld of %ld sealed values do not "
		    "open with %s; do not serve it", to, o.bad, o.ok + o.bad,
		    cf->key);
	db_audit(0, "restore", from);
	db_close();
	printf("restored %s from %s (%s) in %.2f s\n"
	    "checked: integrity ok, foreign keys ok, schema version %d%s, "
	    "%ld sealed values open with %s\n", to, from,
	    at != NULL ? at : "latest", took, version,
	    version < db_version_expected() ? " (migrated on opening)" : "",
	    o.ok, cf->key);
	return 0;
}
