/*
 * db: every SQL statement in Heard.  One connection per process, WAL,
 * foreign keys on, statements prepared once at open and bound with '?'.
 * Write transactions start with BEGIN IMMEDIATE and are retried while
 * the database is busy, so a busy database never reaches a person.
 */
#ifndef HEARD_DB_H
#define HEARD_DB_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

#define DB_HASH_LEN	32

/* Results of the functions below that can do more than fail. */
enum db_rc {
	DB_OK = 0,
	DB_ERR = -1,		/* logged; answer 500/503 */
	DB_NOTFOUND = 1,
	DB_EXISTS = 2,		/* a unique row is already there */
};

/* A consultation as the public pages and the CLI see it. */
struct db_consult {
	int64_t	 id;
	int64_t	 review_id;
	int64_t	 link_id;		/* the link it was reached by, or 0 */
	char	 audience[32];
	char	 channel[16];
	char	 review_date[11];
	char	 review_status[16];
	char	 expires_on[11];	/* last day the link works */
	char	 sent_on[11];
	char	 child_ref[64];
	char	 to_label[128];
	char	 returned_on[11];
	char	 return_channel[16];
	int64_t	 returned_at;
	int64_t	 withdrawn_at;
	int64_t	 revoked_at;		/* of the link it was reached by */
	int64_t	 opened_at;
	int64_t	 draft_at;
	int64_t	 iro_id;		/* the review's IRO, or the child's */
	int	 expired;		/* today is after expires_on */
	int	 relinked;		/* it has had more than one link */
	char	 lang[8];		/* its form's language; "" English */
};

struct db_review {
	int64_t	 id;
	int64_t	 child_id;
	int64_t	 iro_id;
	char	 child_ref[64];
	char	 type[16];
	char	 date[11];
	char	 status[16];
	char	 participation[8];
	char	 iro[64];
	unsigned char name_box[256];	/* the child's sealed first name */
	size_t	 name_len;
	uint32_t name_ver;
	char	 dob[11];
	char	 age_band[16];
	char	 held_on[11];		/* "" until held */
	char	 due_on[11];		/* "" when not known */
	char	 late_reason[256];	/* why booked past due_on */
	char	 format[12];		/* in_person, online, mixed or "" */
};

/* A child, as the timetable and its lists see it. */
struct db_child {
	int64_t	 id;
	int64_t	 iro_id;
	char	 ref[64];
	unsigned char name_box[256];	/* the sealed first name */
	size_t	 name_len;
	uint32_t name_ver;
	char	 dob[11];
	char	 age_band[16];
	char	 iro[64];
	char	 next_due_on[11];	/* "" when not known */
};

/* An episode of care: from the day a child became looked after. */
struct db_episode {
	char	 started_on[11];
	char	 ended_on[11];		/* "" while in care */
};

/* One of a child's reviews, for working out due dates. */
struct db_timeline {
	int64_t	 id;
	char	 type[16];
	char	 date[11];
	char	 status[16];
	char	 held_on[11];
	char	 due_on[11];
};

struct db_holiday {
	char	 day[11];
	char	 kind[16];		/* bank, closure */
};

/* Reviews held in a period: how many with a due date, and in time. */
struct db_held {
	char	 group[128];
	int64_t	 held;			/* held, with a known due date */
	int64_t	 in_time;		/* of those, on or before it */
	int64_t	 unknown;		/* held, due date not known */
};

enum db_held_group {
	DB_HELD_ALL,
	DB_HELD_IRO,
	DB_HELD_MONTH,
	DB_HELD__COUNT
};

/*
 * Participation and format of the reviews held in a period, one group:
 * the counts in this order (db.c's PN() query).
 */
enum db_pn_count {
	DB_PN_AGED4,		/* child 4 or over on the day, a code recorded */
	DB_PN_TOOK_PART,	/* of those, PN1-PN6 */
	DB_PN_ATTENDED,		/* of those, PN1-PN4 */
	DB_PN_MEDIUM,		/* of those, PN6 */
	DB_PN_NO_CODE,		/* child 4 or over, no code recorded */
	DB_PN_UNDER4,		/* child under 4 on the day */
	DB_PN_NO_DOB,		/* child's date of birth not known */
	DB_PN_FORMATS,		/* every review held, its format recorded */
	DB_PN_IN_PERSON,
	DB_PN_ONLINE,
	DB_PN_MIXED,
	DB_PN_NO_FORMAT,	/* format not recorded */
	DB_PN__N
};

struct db_pn {
	char	 group[128];
	int64_t	 n[DB_PN__N];
};

/* One group of a return-rate report. */
struct db_rate {
	char	 group[128];
	int64_t	 sent;
	int64_t	 returned;
	int64_t	 late;
	int64_t	 open;		/* db_rates_open only */
};

/* What a report is grouped by. */
enum db_group {
	DB_BY_AUDIENCE,
	DB_BY_IRO,
	DB_BY_MONTH,
	DB_BY_CHANNEL,
	DB_BY_REVIEW,
	DB_BY_RETURN_CHANNEL,
	DB_BY_WORDING,
	DB_BY__COUNT
};

struct db_audit_row {
	int64_t	 id;
	int64_t	 at;
	char	 who[64];
	char	 action[32];
	char	 subject[128];
	char	 child[64];	/* the child's reference it names, or "" */
	int64_t	 review;	/* the review it names, or 0 */
};

/* Which filter leads an audit query (db_audit_page). */
enum db_audit_lead {
	DB_AUDIT_ANY,
	DB_AUDIT_REVIEW,
	DB_AUDIT_CHILD,
	DB_AUDIT_PERSON,
	DB_AUDIT_ACTION,
	DB_AUDIT__N
};

/* What the audit page asks for; NULL or 0: any. */
struct db_audit_filter {
	int64_t		 cursor;	/* an id; 0: the newest (or oldest) */
	int		 newer;		/* ids above cursor, oldest first */
	const char	*child;		/* a child's reference */
	int64_t		 review;
	const char	*person;	/* a user name, or "heardctl" */
	const char	*action;
	int64_t		 at_from;	/* first second, Unix time */
	int64_t		 at_to;		/* the second after the last */
	int64_t		 limit;		/* -1: every row */
};

struct db_staff {
	int64_t	 id;
	char	 username[64];
	char	 role[16];
	char	 pw_hash[128];
	int	 disabled;
	int	 pw_reset;	/* must set their own password first */
	char	 pending_role[16];	/* waiting for a manager, or "" */
	int	 pending_add;		/* the request is the account */
	char	 pending_by[64];	/* who asked */
	int64_t	 pending_by_id;
	char	 email[256];		/* db_staff_each only: for flags */
};

/* A member of staff's passport, shown to families (migration 15). */
struct db_passport {
	int64_t	 id;
	char	 username[64];
	char	 first_name[64];	/* "" when not set */
	int	 face;			/* 1-8: a drawn face; 0: none */
	char	 about[1200];		/* "" when not set */
	int	 photo;			/* 1: a photo is held */
};

/* A review whose IRO's account is disabled (db_staff_orphans). */
struct db_orphan {
	int64_t	 review;
	char	 child_ref[64];
	char	 date[11];
	char	 iro[64];
};

/* A sealed blob and the key version it was sealed under. */
struct db_box {
	uint32_t	 key_version;
	struct buf	 box;
	int64_t		 at;
	char		 channel[16];
};

/* One row of the timetable of messages (the plan). */
struct db_plan {
	char	 audience[32];
	char	 kind[16];		/* invite, reminder */
	int	 step;			/* 0: the invitation */
	int	 workdays;		/* from the review (or the day held) */
};

/* A translation's status (migration 16): who signed it off and when. */
struct db_lang_status {
	char	 code[8];
	char	 status[16];
	char	 by[64];
	int64_t	 at;
};

/* A service setting. */
struct db_setting {
	char	 key[64];
	char	 value[512];
};

/* One message in the outbox, with what deciding about it needs. */
struct db_outbox {
	int64_t	 id;
	int64_t	 cid;
	int64_t	 review_id;
	char	 kind[16];		/* invite, reminder */
	int	 step;
	int	 workdays;
	char	 due_on[11];		/* "" not known yet */
	char	 state[16];		/* queued sending sent failed stopped */
	int	 cut_off;		/* runs cut off while sending it */
	int	 tries;			/* requests made */
	int64_t	 next_try_at;		/* 0: now */
	char	 audience[32];
	char	 review_date[11];
	char	 held_on[11];
	char	 review_status[16];
	char	 contact_kind[16];	/* email, sms, letter, or "" */
	char	 to_label[128];
	char	 wording[4];		/* A, B or "" */
	int	 closed;		/* returned or withdrawn */
	char	 notify_id[40];
	char	 delivery[32];
	char	 error[1024];
	char	 sent_on[11];
	char	 review_type[16];
};

/* One row of the chase list: a consultation not yet back. */
struct db_chase {
	int64_t	 id;
	int64_t	 review_id;
	char	 child_ref[64];
	char	 review_date[11];
	char	 audience[32];
	char	 to_label[128];
	char	 channel[16];		/* consultation.channel */
	char	 contact_kind[16];	/* email, sms, letter, or "" */
	char	 sent_on[11];
	int64_t	 opened_at;
	int64_t	 draft_at;
	char	 iro[64];
	int64_t	 total;			/* rows matching, in all */
	char	 msg_kind[16];		/* its last message, or "" */
	char	 msg_state[16];
	char	 msg_delivery[32];
	char	 msg_on[11];		/* sent on, or due on */
	char	 msg_error[256];
};

/* What the chase list is filtered by; NULL or 0 (opened: -1): any. */
struct db_chase_q {
	const char	*from, *to;	/* review dates, inclusive */
	const char	*audience;
	const char	*channel;	/* consultation.channel */
	int64_t		 iro;
	int		 opened;	/* 1 opened, 0 not opened, -1 any */
	int		 failed;	/* 1: a message failed or bounced */
	int		 limit;
};

/*
 * A callback for the *_each functions: called with a pointer to one row
 * (the struct the function names) and the caller's argument; returning
 * non-zero stops the walk.  The row lives only for the call.
 */
typedef int (*db_row_fn)(const void *, void *);

int	 db_open(const char *, int, char *, size_t);
void	 db_close(void);
int	 db_version(void);
int	 db_version_expected(void);
int	 db_check_file(const char *, int *, char *, size_t);
int	 db_ping(void);
uint64_t db_steps(void);
int	 db_begin(void);
int	 db_commit(void);
void	 db_rollback(void);
int	 db_read_begin(void);
void	 db_read_end(void);
int	 db_savepoint(void);
int	 db_release(int);
int	 db_meta_get(const char *, char *, size_t);
int	 db_meta_set(const char *, const char *);

int	 db_staff_add(const char *, const char *, const char *, int64_t *);
int	 db_staff_get(const char *, struct db_staff *);
int	 db_staff_set_pw(int64_t, const char *);
int	 db_staff_disable(int64_t, int);
int	 db_staff_new_pw(int64_t, const char *, int);
int	 db_staff_role(int64_t, const char *);
int	 db_staff_orphans(db_row_fn, void *);
int	 db_staff_request(int64_t, const char *, int64_t, int);
int	 db_staff_decide(int64_t, int);
int	 db_staff_pending(db_row_fn, void *);
int	 db_child_get(const char *, int64_t *);
int	 db_child_get_or_add(const char *, int64_t, int64_t *);
int	 db_review_add(int64_t, const char *, const char *, int64_t,
	    int64_t *);
int	 db_review_exists(int64_t);
int	 db_consult_add(int64_t, const char *, const char *, const char *,
	    const char *, int64_t *);
int	 db_link_add(int64_t, const unsigned char *, const unsigned char *,
	    int64_t *);
int	 db_link_revoke(int64_t);
int	 db_consult_by_link(int, const unsigned char *, struct db_consult *);
int	 db_consult_get(int64_t, struct db_consult *);
int	 db_consult_opened(int64_t);
int	 db_visit_add(int64_t, const unsigned char *, int64_t);
int	 db_consult_by_visit(const unsigned char *, struct db_consult *);
int	 db_draft_put(int64_t, uint32_t, const struct buf *);
int	 db_draft_get(int64_t, struct db_box *);
int	 db_draft_delete(int64_t);
int	 db_response_put(int64_t, uint32_t, const struct buf *, const char *,
	    const char *);
int	 db_response_get(int64_t, struct db_box *);
int	 db_consult_returned(int64_t, const char *, const char *);
typedef int db_open_fn(uint32_t, char, int64_t, const void *, size_t,
    struct buf *);
typedef void db_seal_fn(uint32_t, char, int64_t, const void *, size_t,
    struct buf *);
void	 db_set_box_fns(db_open_fn *, db_seal_fn *);
int	 db_seal_plain(void);
int	 db_sealed_one(char *, int64_t *, uint32_t *, struct buf *);
int	 db_sealed_each(int (*)(char, int64_t, uint32_t, const struct buf *,
	    void *), void *);
int	 db_sealed_update(char, int64_t, uint32_t, const struct buf *);
void	 db_audit_as(int64_t, const char *);
int	 db_audit(int64_t, const char *, const char *);
int	 db_audit_page(const struct db_audit_filter *, db_row_fn, void *);

int	 db_staff_by_session(const unsigned char *, struct db_staff *,
	    int64_t *, int64_t *);
int	 db_staff_iro(const char *, int64_t *);
int	 db_staff_each(const char *, db_row_fn,
	    void *);
int	 db_session_add(int64_t, const unsigned char *);
int	 db_session_touch(const unsigned char *);
int	 db_session_delete(const unsigned char *);
int	 db_attempt_add(const char *, const char *);
int	 db_attempt_last(const char *, const char *, int64_t, int64_t *,
	    int64_t *);
int	 db_attempt_count(const char *, const char *, int64_t, int64_t *);

int	 db_review_get(int64_t, struct db_review *);
int	 db_review_find(int64_t, const char *, const char *, int64_t *);
int	 db_review_each(const char *, const char *, int64_t,
	    db_row_fn, void *);
int	 db_review_set(int64_t, const char *, const char *);
int	 db_review_participation(int64_t, const char *);
int	 db_review_format(int64_t, const char *);
int	 db_consult_each(int64_t, db_row_fn,
	    void *);
int	 db_consult_import(int64_t, const char *, const char *, const char *,
	    const char *, int64_t *);

int	 db_rates_open(enum db_group, const char *, const char *, const char *,
	    db_row_fn, void *);
int	 db_rates_audience_month(const char *, const char *, db_row_fn,
	    void *);
int	 db_rates(enum db_group, const char *, const char *,
	    db_row_fn, void *);
int	 db_target_set(const char *, int, int);
int	 db_target_get(const char *, int, int *);
int	 db_child_details(int64_t, const struct buf *, uint32_t, const char *,
	    const char *);
int	 db_backup(const char *);
int64_t	 db_stamp(void);
int	 db_purge(const char *, int, int64_t *);

int	 db_episode_add(int64_t, const char *);
int	 db_episode_end(int64_t, const char *);
int	 db_episode_each(int64_t, db_row_fn, void *);
int	 db_timeline_each(int64_t, db_row_fn, void *);
int	 db_review_due(int64_t, const char *);
int	 db_child_next_due(int64_t, const char *);
int	 db_review_held(int64_t, const char *);
int	 db_review_reason(int64_t, const char *);
int	 db_review_iro(int64_t, int64_t);
int	 db_child_iro(int64_t, int64_t);
int	 db_child_by_ref(const char *, struct db_child *);
int	 db_child_ids_each(db_row_fn, void *);
int	 db_to_book_each(const char *, int64_t, db_row_fn, void *);
int	 db_holiday_each(db_row_fn, void *);
int	 db_holiday_years_each(db_row_fn, void *);
int	 db_holiday_year(int);
int	 db_holiday_add(const char *, const char *, const char *);
int	 db_pn_each(enum db_held_group, const char *, const char *,
	    db_row_fn, void *);
int	 db_held_each(enum db_held_group, const char *, const char *,
	    db_row_fn, void *);

int	 db_contact_put(int64_t, const char *, uint32_t, const struct buf *);
int	 db_contact_get(int64_t, struct db_box *);
int	 db_secret_put(int64_t, uint32_t, const struct buf *);
int	 db_secret_get(int64_t, struct db_box *);
int	 db_secret_expire(const char *);
int	 db_consult_wording(int64_t, const char *);
int	 db_consult_sent(int64_t, const char *);
int	 db_plan_each(const char *, db_row_fn, void *);
int	 db_plan_set(const char *, const char *, int, int);
int	 db_plan_clear(const char *, const char *);
int	 db_setting_get(const char *, char *, size_t);
int	 db_passport_get(int64_t, struct db_passport *);
int	 db_passport_set(int64_t, const char *, int, const char *);
int	 db_passport_name(int64_t, const char *);
int	 db_passport_photo_set(int64_t, const struct buf *);
int	 db_passport_photo_get(int64_t, struct buf *);
int	 db_passport_id(const char *, int64_t *);
int	 db_setting_set(const char *, const char *);
int	 db_setting_each(db_row_fn, void *);
int	 db_consult_set_lang(int64_t, const char *);
int	 db_lang_status_set(const char *, const char *);
int	 db_lang_status_each(db_row_fn, void *);
int	 db_outbox_add(int64_t, const char *, int, int, const char *);
int	 db_outbox_pending_each(db_row_fn, void *);
int	 db_outbox_unfinal_each(db_row_fn, void *);
int	 db_outbox_of_each(int64_t, db_row_fn, void *);
int	 db_outbox_due(int64_t, const char *);
int	 db_outbox_start(int64_t);
int	 db_outbox_sent(int64_t, const char *, const char *);
int	 db_outbox_retry(int64_t, int64_t, const char *);
int	 db_outbox_fail(int64_t, const char *);
int	 db_outbox_stop(int64_t, const char *);
int	 db_outbox_stop_consult(int64_t, const char *);
int	 db_outbox_delivery(int64_t, const char *);
/* Reports a committee can trust (issue 13). */
int	 db_consult_withdraw(int64_t);
int	 db_consult_unwithdraw(int64_t);

/* A review held, as the SSDA903 Reviews table needs it. */
struct db_903 {
	int64_t	 id;
	char	 child[64];		/* the council's child reference */
	char	 dob[11];		/* "" when not recorded */
	char	 held_on[11];
	char	 code[8];		/* PN0-PN7, "" when not recorded */
};

int	 db_ssda903_each(const char *, const char *, db_row_fn, void *);
int	 db_chase_each(const struct db_chase_q *, db_row_fn, void *);
int	 db_outbox_restart(int64_t);

/* A safeguarding flag (migration 14; flag.c). */
struct db_flag {
	int64_t	 id;
	int64_t	 review_id;
	int64_t	 cid;
	int64_t	 iro_id;		/* the review's IRO, or the child's */
	char	 child_ref[64];
	char	 review_date[11];
	char	 source[16];		/* talk_soon, staff */
	char	 question[40];		/* the question's id */
	char	 audience[32];
	int64_t	 raised_at;
	int64_t	 escalated_at;		/* 0: not raised to the managers */
	int64_t	 acked_at;		/* 0: open */
	char	 raised_by[64];		/* staff, or "" */
	char	 acked_by[64];
	char	 iro[64];
	uint32_t ack_ver;
	unsigned char ack_box[2304];	/* sealed: what they did */
	size_t	 ack_len;
};

/* A message about a flag, waiting to go. */
struct db_flag_notice {
	int64_t	 id;
	int64_t	 flag_id;
	char	 kind[16];		/* raised, escalated */
	int64_t	 staff_id;		/* 0: the duty address */
	char	 email[256];		/* the member of staff's, or "" */
	int	 tries;
	char	 username[64];
};

int	 db_flag_add(int64_t, int64_t, const char *, const char *, int64_t,
	    int64_t, int64_t *);
int	 db_flag_notice_add(int64_t, const char *, int64_t);
int	 db_flag_notice_managers(int64_t);
int	 db_flag_ack(int64_t, int64_t, int64_t, uint32_t, const struct buf *);
int	 db_flag_escalate(int64_t, int64_t);
int	 db_flag_each(int64_t, int, int, db_row_fn, void *);
int	 db_flag_get(int64_t, struct db_flag *);
int	 db_flag_open(int64_t, int64_t *, int64_t *);
int	 db_flag_notice_each(db_row_fn, void *);
int	 db_flag_notice_set(int64_t, const char *, const char *, const char *,
	    int64_t, int);
int	 db_staff_email(int64_t, const char *);
int	 db_staff_email_get(int64_t, char *, size_t);

#endif
