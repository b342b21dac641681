/*
 * page_sending: the Sending page (admins only): whether GOV.UK Notify
 * is set up, what would go in the next 10 working days, and the
 * settings sending uses, each changed by its own route.
 */
#ifndef HEARD_PAGE_SENDING_H
#define HEARD_PAGE_SENDING_H

#include "page.h"

enum { TPL_INVITE_EMAIL, TPL_INVITE_SMS, TPL_INVITE_LETTER,
    TPL_REMINDER_EMAIL, TPL_REMINDER_SMS, TPL_REMINDER_LETTER, TPL__N };
enum { SVC_COUNCIL, SVC_ADDRESS, SVC_DUTY, SVC__N };
enum { PLAN_AUD, PLAN_INVITE, PLAN_REMINDERS, PLAN__N };
enum { REM_EMAIL, REM_SMS, REM_LETTER, REM__N };
enum { WORD_STEP, WORD_A, WORD_B, WORD__N };

extern const struct field sending_templates_fields[TPL__N];
extern const struct field sending_service_fields[SVC__N];
extern const struct field sending_plan_fields[PLAN__N];
extern const struct field sending_reminders_fields[REM__N];
extern const struct field sending_wording_fields[WORD__N];

void	 sending_page(struct req *, struct resp *, const struct session *);
void	 sending_templates(struct req *, struct resp *,
	    const struct session *);
void	 sending_service(struct req *, struct resp *, const struct session *);
void	 sending_plan(struct req *, struct resp *, const struct session *);
void	 sending_reminders(struct req *, struct resp *,
	    const struct session *);
void	 sending_wording(struct req *, struct resp *, const struct session *);

#endif
