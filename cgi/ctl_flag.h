/*
 * ctl_flag: heardctl flags, heardctl user email, and sending flag
 * messages for heardctl send (see ctl_flag.c).
 */
#ifndef HEARD_CTL_FLAG_H
#define HEARD_CTL_FLAG_H

#include "conf.h"
#include "notify.h"

int	 ctl_flags(int, char *[]);
int	 ctl_user_email(int, char *[]);
void	 ctl_flag_send(const struct conf *, const struct notify_key *, int,
	    int *, int *);

#endif
