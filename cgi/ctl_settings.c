/*
 * ctl_settings: heardctl setting NAME [VALUE], settings the server and
 * the CLI both read from the database.  One name so far: base_url, the
 * start of every printed link (HEARD_BASE_URL or --base-url, when set,
 * still wins, for both).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "consult.h"
#include "ctl.h"
#include "db.h"

/*
 * heardctl setting base_url [URL]: with a URL, keep it (audited); with
 * none, print the one links use and where it comes from.  Returns the
 * exit status.
 */
int
ctl_setting(int argc, char *argv[])
{
	char		 url[CONSULT_URL_BUF];
	const char	*env;

	if (argc < 3 || argc > 4 || strcmp(argv[2], "base_url") != 0)
		ctl_die("usage: heardctl setting base_url [URL]");
	ctl_open();
	if (argc == 3) {
		env = getenv("HEARD_BASE_URL");
		if (consult_base_url(NULL, url, sizeof(url)) == NULL)
			ctl_die("cannot read the setting");
		printf("%s\n", url);
		if (env != NULL && *env != '\0' && strcmp(env, url) != 0)
			fprintf(stderr, "heardctl: note: HEARD_BASE_URL=%s is "
			    "set here and wins over the setting\n", env);
		db_close();
		return 0;
	}
	if (!consult_base_url_ok(argv[3]))
		ctl_die("base_url is http:// or https:// and a host, at most "
		    "%d characters, without a '/' at the end: not '%s'",
		    CONSULT_BASE_URL_MAX, argv[3]);
	if (db_meta_set("base_url", argv[3]) != DB_OK ||
	    db_audit(0, "setting", "base_url") != DB_OK)
		ctl_die("cannot save the setting");
	printf("links now start %s/c/\n", argv[3]);
	db_close();
	return 0;
}
