/*
 * page_flags: safeguarding flags for IROs and managers: the list, one
 * flag and its acknowledgement, and marking an answer as a worry while
 * reading the views.  See page_flags.c.
 */
#ifndef HEARD_PAGE_FLAGS_H
#define HEARD_PAGE_FLAGS_H

#include "page.h"

enum { FLAGS_FORMAT, FLAGS__N };
enum { FLAG_ID, FLAG__N };
enum { FLAGACK_ID, FLAGACK_WHAT, FLAGACK__N };
enum { WORRY_C, WORRY_Q, WORRY__N };

extern const struct field flags_fields[FLAGS__N];
extern const struct field flag_fields[FLAG__N];
extern const struct field flag_ack_fields[FLAGACK__N];
extern const struct field flag_worry_fields[WORRY__N];

void	 flags_list(struct req *, struct resp *, const struct session *);
void	 flag_page(struct req *, struct resp *, const struct session *);
void	 flag_ack_post(struct req *, struct resp *, const struct session *);
void	 flag_worry(struct req *, struct resp *, const struct session *);

#endif
