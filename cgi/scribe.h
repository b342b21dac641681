/*
 * scribe: one process that commits every form sent online, many in one
 * durable transaction.  See scribe.c for why, and for what happens when
 * it cannot be reached.
 */
#ifndef HEARD_SCRIBE_H
#define HEARD_SCRIBE_H

#include <signal.h>
#include <stdint.h>

#include "http.h"

int	 scribe_open(int, char *, size_t);
void	 scribe_worker(int);
void	 scribe_serve(volatile sig_atomic_t *);
int	 scribe_submit(int64_t, const struct kvlist *, const char *,
	    const char *);

#endif
