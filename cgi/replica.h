/*
 * replica: how far Litestream's replica is behind, from Litestream's
 * metrics (its Prometheus endpoint).  Floor 1: libcurl and buf only.
 */
#ifndef HEARD_REPLICA_H
#define HEARD_REPLICA_H

#include <stddef.h>

/* A place in the WAL as Litestream counts it: WAL index, then offset. */
struct replica_pos {
	double	 index;
	double	 offset;
};

/* What the metrics say: Litestream's copy of the WAL, and the replica's. */
struct replica_seen {
	struct replica_pos shadow;
	struct replica_pos replica;
};

int	 replica_parse(const char *, struct replica_seen *);
int	 replica_reached(const struct replica_pos *, const struct replica_pos *);
int	 replica_fetch(const char *, struct replica_seen *, char *, size_t);

#endif
