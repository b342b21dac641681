/*
 * log: one line per event on standard error, which nginx-less runs
 * and systemd both collect.  Never pass a token, code or answer here.
 */
#ifndef HEARD_LOG_H
#define HEARD_LOG_H

void	 log_line(const char *, ...) __attribute__((format(printf, 1, 2)));

#endif
