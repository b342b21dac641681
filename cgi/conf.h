/*
 * conf: the configuration shared by heard-fcgi and heardctl.  Every
 * setting has an embedded default that works for `make run`, can be set
 * from the environment (HEARD_*), and from a command-line option, which
 * wins.
 */
#ifndef HEARD_CONF_H
#define HEARD_CONF_H

#include <stddef.h>

struct conf {
	const char	*socket;	/* HEARD_SOCKET, --socket */
	const char	*db;		/* HEARD_DB, --db */
	const char	*key;		/* HEARD_KEY, --key */
	const char	*base_url;	/* HEARD_BASE_URL, --base-url */
	const char	*templates;	/* HEARD_TEMPLATES, --templates */
	const char	*static_dir;	/* HEARD_STATIC, --static */
	const char	*audio;		/* HEARD_AUDIO, --audio: the built
					   read-aloud clips and clips.tsv */
	int		 workers;	/* HEARD_WORKERS, --workers */
	size_t		 max_body;	/* HEARD_MAX_BODY, --max-body */
	const char	*notify_key;	/* HEARD_NOTIFY_KEY, --notify-key; NULL:
					   sending is not set up */
	const char	*notify_url;	/* HEARD_NOTIFY_URL, --notify-url */
	int		 notify_rate;	/* HEARD_NOTIFY_RATE, --notify-rate:
					   requests a minute at most */
	const char	*instance;	/* HEARD_INSTANCE, --instance: one
					   council of many; NULL: none */
	const char	*instance_root;	/* HEARD_INSTANCE_ROOT,
					   --instance-root */
	unsigned	 given;		/* which settings the environment or an
					   option gave (CONF_GIVEN_*) */
	char		 inst_db[4096];	/* an instance's paths, when derived */
	char		 inst_key[4096];
	char		 inst_socket[4096];
	const char	*replica;	/* HEARD_REPLICA, --replica: Litestream's
					   replica URL; NULL: none */
	const char	*replica_key;	/* HEARD_REPLICA_KEY, --replica-key: the
					   SSH key of an sftp:// replica */
	const char	*replica_metrics; /* HEARD_REPLICA_METRICS,
					   --replica-metrics: Litestream's
					   metrics address, host:port */
	const char	*litestream;	/* HEARD_LITESTREAM, --litestream: the
					   program */
};

/* An instance's folders when none is given (README "Many councils"). */
#define CONF_INSTANCE_ROOT	"/var/lib/heard"
#define CONF_INSTANCE_RUN	"/run/heard"

void	 conf_defaults(struct conf *);
int	 conf_option(struct conf *, const char *, const char *, char *,
	    size_t);
const char *conf_base_url_given(const struct conf *);
int	 conf_instance(struct conf *, char *, size_t);

#endif
