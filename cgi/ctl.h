/*
 * ctl: what heardctl's commands share: reading options, saying what is
 * wrong, opening the database.  heardctl.c defines these; the command
 * files (ctl_*.c) use them.
 */
#ifndef HEARD_CTL_H
#define HEARD_CTL_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

#include "cal.h"
#include "conf.h"
#include "consult.h"
#include "contact.h"

void	 ctl_die(const char *, ...)
	    __attribute__((noreturn, format(printf, 1, 2)));
void	 ctl_open(void);
const char *ctl_opt(int, char *[], int, const char *, const char *);
const char *ctl_need(int, char *[], int, const char *);
int64_t	 ctl_need_id(int, char *[], int, const char *);
const char *ctl_date_opt(int, char *[], int, const char *, const char *);
const char *ctl_today(void);
void	 ctl_slurp(const char *, struct buf *, size_t);
const struct conf *ctl_conf(void);

int	 ctl_child(int, char *[]);
int	 ctl_review_held(int, char *[]);
int	 ctl_review_participation(int, char *[]);
int	 ctl_review_format(int, char *[]);
int	 ctl_holidays(int, char *[]);
int	 ctl_workdays(int, char *[]);
int	 ctl_send(int, char *[]);
int	 ctl_notify(int, char *[]);
int	 ctl_setting(int, char *[]);
int	 ctl_import_week(int, char *[]);
int	 ctl_export(int, char *[]);
int	 ctl_restore(int, char *[]);
int	 ctl_replica_check(void);
int	 ctl_lang(int, char *[]);
void	 ctl_lang_load(void);

#endif
