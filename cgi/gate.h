/*
 * gate: a counting semaphore across heard-fcgi's workers, made of lock
 * files, so that at most N of them hash a staff password at once.
 */
#ifndef HEARD_GATE_H
#define HEARD_GATE_H

#include <stddef.h>

int	 gate_init(const char *, int, char *, size_t);
int	 gate_enter(void);
void	 gate_leave(void);

#endif
