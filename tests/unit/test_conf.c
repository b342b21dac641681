/*
 * conf: an instance's paths (many councils on one service) fill only
 * the settings nobody gave, and a bad name or a missing folder is one
 * line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "conf.h"

/* Instance paths, their precedence and their refusals. */
void
test_conf_instance(void)
{
	struct conf	 c;
	char		 root[] = "/tmp/heard-conf-XXXXXX", dir[64], err[256],
			 want[128];

	CHECK(mkdtemp(root) != NULL);
	snprintf(dir, sizeof(dir), "%s/north", root);
	CHECK(mkdir(dir, 0700) == 0);
	unsetenv("HEARD_DB");
	unsetenv("HEARD_KEY");
	unsetenv("HEARD_SOCKET");
	unsetenv("HEARD_INSTANCE");
	unsetenv("HEARD_INSTANCE_ROOT");

	/* No instance: nothing changes. */
	conf_defaults(&c);
	CHECK(conf_instance(&c, err, sizeof(err)) == 0);
	CHECK_STR(c.db, "data/heard.db");
	CHECK_STR(c.instance_root, "/var/lib/heard");

	/* By the environment: every path from the name. */
	setenv("HEARD_INSTANCE", "north", 1);
	setenv("HEARD_INSTANCE_ROOT", root, 1);
	conf_defaults(&c);
	CHECK(conf_instance(&c, err, sizeof(err)) == 0);
	snprintf(want, sizeof(want), "%s/north/heard.db", root);
	CHECK_STR(c.db, want);
	snprintf(want, sizeof(want), "%s/north/heard.key", root);
	CHECK_STR(c.key, want);
	CHECK_STR(c.socket, "/run/heard/north/heard.sock");

	/* A path given by the environment or an option still wins. */
	setenv("HEARD_KEY", "/elsewhere/k", 1);
	conf_defaults(&c);
	CHECK(conf_option(&c, "--socket", "/tmp/s.sock", err, sizeof(err)) == 1);
	CHECK(conf_instance(&c, err, sizeof(err)) == 0);
	CHECK_STR(c.key, "/elsewhere/k");
	CHECK_STR(c.socket, "/tmp/s.sock");
	snprintf(want, sizeof(want), "%s/north/heard.db", root);
	CHECK_STR(c.db, want);
	unsetenv("HEARD_KEY");

	/* By the option, over the environment's. */
	CHECK(conf_option(&c, "--instance", "south", err, sizeof(err)) == 1);
	CHECK(conf_instance(&c, err, sizeof(err)) == -1);
	CHECK(strstr(err, "there is no folder") != NULL);
	CHECK(strchr(err, '\n') == NULL);

	/* Names that are not a council's. */
	{
		const char *bad[] = { "../north", "North", "9north", "", "no/rth",
		    "n.orth", "a2345678901234567890123456789012345678901" };
		size_t	 i;

		for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
			conf_defaults(&c);
			c.instance = bad[i];
			CHECK(conf_instance(&c, err, sizeof(err)) == -1);
			CHECK(strstr(err, "is not a council's name") != NULL);
		}
		conf_defaults(&c);
		c.instance = "north-2";
		CHECK(conf_instance(&c, err, sizeof(err)) == -1);
		CHECK(strstr(err, "there is no folder") != NULL);
	}
	unsetenv("HEARD_INSTANCE");
	unsetenv("HEARD_INSTANCE_ROOT");
	rmdir(dir);
	rmdir(root);
}
