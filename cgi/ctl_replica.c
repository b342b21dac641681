/*
 * ctl_replica: `heardctl send` (every minute) looks at Litestream's
 * replica, so a replica that stops (an SFTP server down, a full bucket)
 * is seen within a minute: a line in the sender's log and a warning on
 * the admin home page (README "Continuous replication").  Forms never
 * wait for any of this: Litestream and this check are beside Heard.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ctl.h"
#include "db.h"
#include "replica.h"
#include "vocab.h"

/*
 * Seconds Litestream gets to ship a write: it looks at the WAL every
 * second and ships every sync interval (1 s by default), so 3 s is
 * ample on a busy machine.
 */
#define REPLICA_GRACE	3

/*
 * Check the replica once and store what was found in meta:
 * replica_state (ok, behind, unreachable), replica_since (when it went
 * wrong), replica_why and replica_checked.  Without
 * HEARD_REPLICA_METRICS nothing is checked.  Returns 0 if the replica
 * keeps up (or is not checked), 1 if not (a line on stderr says why).
 */
int
ctl_replica_check(void)
{
	const struct conf *cf = ctl_conf();
	struct replica_seen first, then;
	char		 why[512], now[32], old[32], since[32];
	const char	*state;
	int		 ok;

	if (cf->replica_metrics == NULL || cf->replica_metrics[0] == '\0')
		return 0;
	/* A write of our own, so there is always something to ship. */
	snprintf(now, sizeof(now), "%lld", (long long)time(NULL));
	db_meta_set("replica_checked", now);
	sleep(REPLICA_GRACE);
	why[0] = '\0';
	if (replica_fetch(cf->replica_metrics, &first, why, sizeof(why)) ==
	    -1)
		ok = -1;
	else if (replica_reached(&first.replica, &first.shadow))
		ok = 1;
	else {
		/* Still shipping?  It must reach where the WAL was then. */
		sleep(REPLICA_GRACE);
		if (replica_fetch(cf->replica_metrics, &then, why,
		    sizeof(why)) == -1)
			ok = -1;
		else if (replica_reached(&then.replica, &first.shadow))
			ok = 1;
		else {
			ok = 0;
			snprintf(why, sizeof(why), "the replica has not "
			    "received what was written %d seconds ago "
			    "(Litestream has WAL %.0f:%.0f, the replica "
			    "%.0f:%.0f)", 2 * REPLICA_GRACE,
			    first.shadow.index, first.shadow.offset,
			    then.replica.index, then.replica.offset);
		}
	}
	if (db_meta_get("replica_state", old, sizeof(old)) != DB_OK)
		old[0] = '\0';
	state = vocab_at(VOCAB_REPLICA_STATE, ok == 1 ? VRS_OK : ok == 0 ?
	    VRS_BEHIND : VRS_UNREACHABLE)->word;
	if (ok == 1) {
		db_meta_set("replica_state", state);
		db_meta_set("replica_why", "");
		db_meta_set("replica_since", "");
		return 0;
	}
	if (vocab_index(VOCAB_REPLICA_STATE, old) == VRS_OK || old[0] == '\0' ||
	    db_meta_get("replica_since", since, sizeof(since)) != DB_OK ||
	    since[0] == '\0')
		db_meta_set("replica_since", now);
	db_meta_set("replica_state", state);
	db_meta_set("replica_why", why);
	fprintf(stderr, "heardctl: replica %s: %s\n", state, why);
	return 1;
}
