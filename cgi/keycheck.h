/*
 * keycheck: the right key or none.  A database remembers a check value
 * of the key it was sealed with; a start-up with another key stops.
 */
#ifndef HEARD_KEYCHECK_H
#define HEARD_KEYCHECK_H

#include <stddef.h>

int	 key_verify(const char *, char *, size_t);
int	 key_needed(void);

#endif
