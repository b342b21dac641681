/*
 * conf: defaults, environment and options.
 */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conf.h"

/* The base URL when none is given (make run's). */
static const char default_base_url[] = "http://127.0.0.1:8080";

/* One setting: its option name, environment variable and slot. */
struct setting {
	const char	*opt;
	const char	*env;
	size_t		 off;
	int		 is_num;
};

static const struct setting settings[] = {
	{ "--socket", "HEARD_SOCKET", offsetof(struct conf, socket), 0 },
	{ "--db", "HEARD_DB", offsetof(struct conf, db), 0 },
	{ "--key", "HEARD_KEY", offsetof(struct conf, key), 0 },
	{ "--base-url", "HEARD_BASE_URL", offsetof(struct conf, base_url), 0 },
	{ "--templates", "HEARD_TEMPLATES", offsetof(struct conf, templates),
	    0 },
	{ "--static", "HEARD_STATIC", offsetof(struct conf, static_dir), 0 },
	{ "--audio", "HEARD_AUDIO", offsetof(struct conf, audio), 0 },
	{ "--workers", "HEARD_WORKERS", offsetof(struct conf, workers), 1 },
	{ "--max-body", "HEARD_MAX_BODY", offsetof(struct conf, max_body), 2 },
	{ "--notify-key", "HEARD_NOTIFY_KEY", offsetof(struct conf, notify_key),
	    0 },
	{ "--notify-url", "HEARD_NOTIFY_URL", offsetof(struct conf, notify_url),
	    0 },
	{ "--notify-rate", "HEARD_NOTIFY_RATE", offsetof(struct conf,
	    notify_rate), 3 },
	{ "--instance", "HEARD_INSTANCE", offsetof(struct conf, instance), 0 },
	{ "--instance-root", "HEARD_INSTANCE_ROOT", offsetof(struct conf,
	    instance_root), 0 },
	{ "--replica", "HEARD_REPLICA", offsetof(struct conf, replica), 0 },
	{ "--replica-key", "HEARD_REPLICA_KEY", offsetof(struct conf,
	    replica_key), 0 },
	{ "--replica-metrics", "HEARD_REPLICA_METRICS", offsetof(struct conf,
	    replica_metrics), 0 },
	{ "--litestream", "HEARD_LITESTREAM", offsetof(struct conf,
	    litestream), 0 },
};

/* The first three settings' bits in conf.given: an instance's paths
 * fill only the ones nobody gave. */
#define GIVEN_SOCKET	(1u << 0)
#define GIVEN_DB	(1u << 1)
#define GIVEN_KEY	(1u << 2)

/* Store value into setting s; returns -1 if a number is out of range. */
static int
set(struct conf *c, const struct setting *s, const char *value)
{
	char	*end;
	long	 n;

	c->given |= 1u << (unsigned)(s - settings);
	if (s->is_num == 0) {
		*(const char **)(void *)((char *)c + s->off) = value;
		return 0;
	}
	n = strtol(value, &end, 10);
	if (*value == '\0' || *end != '\0' || n < 1 ||
	    (s->is_num == 1 && n > 256) || (s->is_num == 3 && n > 100000) ||
	    n > 64 * 1024 * 1024)
		return -1;
	if (s->is_num == 1)
		c->workers = (int)n;
	else if (s->is_num == 3)
		c->notify_rate = (int)n;
	else
		c->max_body = (size_t)n;
	return 0;
}

/* Fill c with the embedded defaults, then the environment's HEARD_*. */
void
conf_defaults(struct conf *c)
{
	const char	*v;
	size_t		 i;
	long		 cpus = sysconf(_SC_NPROCESSORS_ONLN);

	c->socket = "run/heard.sock";
	c->db = "data/heard.db";
	c->key = "data/heard.key";
	c->base_url = default_base_url;
	c->templates = "templates";
	c->static_dir = "static";
	c->audio = "build/audio";
	c->workers = cpus < 1 ? 1 : cpus > 64 ? 64 : (int)cpus;
	c->max_body = 256 * 1024;
	c->notify_key = NULL;
	c->notify_url = "https://api.notifications.service.gov.uk";
	c->notify_rate = 3000;
	c->instance = NULL;
	c->instance_root = CONF_INSTANCE_ROOT;
	c->given = 0;
	c->inst_db[0] = c->inst_key[0] = c->inst_socket[0] = '\0';
	c->replica = NULL;
	c->replica_key = NULL;
	c->replica_metrics = NULL;
	c->litestream = "/usr/local/bin/litestream";
	for (i = 0; i < sizeof(settings) / sizeof(settings[0]); i++)
		if ((v = getenv(settings[i].env)) != NULL && *v != '\0' &&
		    set(c, &settings[i], v) == -1)
			fprintf(stderr, "heard: ignoring %s=%s: not a sensible "
			    "number\n", settings[i].env, v);
}

/*
 * Apply one command-line option.  Returns 1 if opt is a setting and was
 * applied, 0 if opt is not a setting, -1 (with err) if value is bad.
 */
int
conf_option(struct conf *c, const char *opt, const char *value, char *err,
    size_t errlen)
{
	size_t	 i;

	for (i = 0; i < sizeof(settings) / sizeof(settings[0]); i++) {
		if (strcmp(opt, settings[i].opt) != 0)
			continue;
		if (value == NULL || set(c, &settings[i], value) == -1) {
			snprintf(err, errlen, "%s needs a %s", opt,
			    settings[i].is_num ? "sensible number" : "value");
			return -1;
		}
		return 1;
	}
	return 0;
}

/*
 * The base URL if the environment or an option gave one, else NULL:
 * then the database's setting (heardctl setting base_url) applies.
 */
const char *
conf_base_url_given(const struct conf *c)
{
	return c->base_url == default_base_url ? NULL : c->base_url;
}

/*
 * Whether name can name an instance: a to z, 0 to 9 and '-', starting
 * with a letter, at most 40 characters.  It becomes a folder's name and
 * part of a systemd unit's, so nothing else (no '/', no '.').
 */
static int
instance_name_ok(const char *name)
{
	size_t	 i;

	if (name[0] < 'a' || name[0] > 'z')
		return 0;
	for (i = 0; name[i] != '\0'; i++)
		if (i >= 40 || !((name[i] >= 'a' && name[i] <= 'z') ||
		    (name[i] >= '0' && name[i] <= '9') || name[i] == '-'))
			return 0;
	return 1;
}

/*
 * Resolve HEARD_INSTANCE (--instance) NAME, after the environment and
 * every option are read: the database ROOT/NAME/heard.db, the key file
 * ROOT/NAME/heard.key and the socket /run/heard/NAME/heard.sock, each
 * only where HEARD_DB, HEARD_KEY or HEARD_SOCKET (or its option) did not
 * say otherwise.  ROOT is HEARD_INSTANCE_ROOT, /var/lib/heard by
 * default, and ROOT/NAME must be a folder already.  Without an instance
 * nothing changes.  Returns 0, or -1 with one line in err.  The paths
 * live in c itself; nothing to free.
 */
int
conf_instance(struct conf *c, char *err, size_t errlen)
{
	struct stat	 st;
	char		 dir[4000];	/* room for "/heard.key" in 4096 */
	int		 n;

	if (c->instance == NULL)
		return 0;
	if (!instance_name_ok(c->instance)) {
		snprintf(err, errlen, "instance '%.60s' is not a council's "
		    "name: a to z, 0 to 9 and '-', starting with a letter, "
		    "at most 40", c->instance);
		return -1;
	}
	n = snprintf(dir, sizeof(dir), "%s/%s", c->instance_root, c->instance);
	if (n < 0 || (size_t)n >= sizeof(dir)) {
		snprintf(err, errlen, "instance %s: HEARD_INSTANCE_ROOT is too "
		    "long", c->instance);
		return -1;
	}
	if (stat(dir, &st) == -1 || !S_ISDIR(st.st_mode)) {
		snprintf(err, errlen, "instance %s: there is no folder %s "
		    "(make it first: install -d -o heard -m 700 %s)",
		    c->instance, dir, dir);
		return -1;
	}
	snprintf(c->inst_db, sizeof(c->inst_db), "%s/heard.db", dir);
	snprintf(c->inst_key, sizeof(c->inst_key), "%s/heard.key", dir);
	snprintf(c->inst_socket, sizeof(c->inst_socket), "%s/%s/heard.sock",
	    CONF_INSTANCE_RUN, c->instance);
	if (!(c->given & GIVEN_DB))
		c->db = c->inst_db;
	if (!(c->given & GIVEN_KEY))
		c->key = c->inst_key;
	if (!(c->given & GIVEN_SOCKET))
		c->socket = c->inst_socket;
	return 0;
}
