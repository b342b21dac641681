/*
 * vocab: the fixed word lists.  Each list is written here once, in the
 * order pages show it; the schema's CHECK lists must hold the same words
 * (tests/unit/test_vocab.c).  Adding a word means adding it to both.
 */
#include <string.h>

#include "vocab.h"

#define N(a)	(sizeof(a) / sizeof((a)[0]))

static const struct vocab_word roles[] = {
	[VR_ADMIN] = { "admin", "Admin", "Manages reviews, consultations and staff; does "
	    "not read answers", 0 },
	[VR_IRO] = { "iro", "IRO", "Reads the views for their own children's reviews",
	    0 },
	[VR_MANAGER] = { "manager", "Manager", "Reads every view, the reports and the "
	    "audit log", 0 },
};

static const struct vocab_word review_types[] = {
	{ "cic", "Child in care review", NULL, 0 },
	{ "pathway", "Pathway plan review (care leaver)", NULL, 0 },
};

static const struct vocab_word review_statuses[] = {
	{ "scheduled", "Scheduled", NULL, 0 },
	{ "held", "Held", NULL, 0 },
	{ "rearranged", "Rearranged", NULL, 0 },
	{ "stood_down", "Stood down", NULL, VW_ENDED },
	{ "cancelled", "Cancelled", NULL, VW_ENDED },
};

/*
 * The drawn faces an IRO may choose for their passport, each
 * static/img/passport-WORD.svg (staff.face holds the number; its CHECK
 * is a range, so the column is not named here).  The labels say what
 * each shows, for the IRO choosing one; children see the face beside
 * the IRO's name, so to them it is decoration (alt="").
 */
static const struct vocab_word passport_faces[] = {
	{ "1", "Short dark curly hair, dark brown skin, smiling", NULL, 0 },
	{ "2", "Long straight black hair, light brown skin, glasses", NULL,
	    0 },
	{ "3", "Short fair hair and a beard, pale skin", NULL, 0 },
	{ "4", "Red hair in a ponytail, freckles, pale skin", NULL, 0 },
	{ "5", "A headscarf, medium brown skin, smiling", NULL, 0 },
	{ "6", "Grey hair, glasses, pale skin", NULL, 0 },
	{ "7", "Black hair in braids, brown skin", NULL, 0 },
	{ "8", "Short brown hair, light skin, a big smile", NULL, 0 },
};

/* The domain's order: children's and young people's views first. */
static const struct vocab_word audiences[] = {
	{ "child", "Consultation form for children", NULL, VW_CHILDS },
	{ "young_person", "Consultation form for young people", NULL,
	    VW_CHILDS },
	{ "care_leaver", "Consultation form for care leavers", NULL,
	    VW_CHILDS },
	{ "parent", "Consultation form for parents", NULL, 0 },
	{ "carer", "Consultation form for carers", NULL, 0 },
	{ "health", "Consultation form for health professionals", NULL, 0 },
	{ "education", "Consultation form for education professionals", NULL,
	    0 },
	{ "professional", "Consultation form for other professionals", NULL,
	    0 },
	{ "feedback_young_person", "Feedback form for children and young "
	    "people", NULL, VW_FEEDBACK },
	{ "feedback_attendee", "Feedback form for review attendees", NULL,
	    VW_FEEDBACK },
	{ "feedback_leaver_attended", "Feedback form for care leavers who "
	    "attended", NULL, VW_FEEDBACK },
	{ "feedback_leaver_absent", "Feedback form for care leavers who did "
	    "not attend", NULL, VW_FEEDBACK },
	{ "feedback_leaver_parent", "Feedback form for parents of care "
	    "leavers", NULL, VW_FEEDBACK },
};

/* In the order the review page offers them. */
static const struct vocab_word send_channels[] = {
	{ "online", "Link by text or online", NULL, 0 },
	{ "email", "Email", NULL, 0 },
	{ "post", "Post (letter with code)", NULL, 0 },
	{ "hand", "By hand", NULL, 0 },
};

static const struct vocab_word return_channels[] = {
	{ "online", "online", NULL, 0 },
	{ "paper", "paper", NULL, VW_BY_STAFF },
	{ "email", "email", NULL, VW_BY_STAFF },
	{ "phone", "phone", NULL, VW_BY_STAFF },
};

/* The DfE's SSDA903 participation codes (DOMAIN.md). */
static const struct vocab_word participation[] = {
	{ "PN0", "PN0", "Child aged under 4 at the time of the review", 0 },
	{ "PN1", "PN1", "Child physically attends and speaks for him or "
	    "herself", 0 },
	{ "PN2", "PN2", "Child physically attends and an advocate speaks on "
	    "his or her behalf", 0 },
	{ "PN3", "PN3", "Child attends and conveys his or her view "
	    "symbolically (non-verbally)", 0 },
	{ "PN4", "PN4", "Child physically attends but does not speak, convey "
	    "views symbolically, or ask an advocate to speak", 0 },
	{ "PN5", "PN5", "Child does not attend physically but briefs an "
	    "advocate to speak for him or her", 0 },
	{ "PN6", "PN6", "Child does not attend but conveys his or her "
	    "feelings by a facilitative medium (text, written format, phone, "
	    "audio/video, online form)", 0 },
	{ "PN7", "PN7", "Child does not attend nor are his or her views "
	    "conveyed", 0 },
};

/* How a review was held (migration 11): the annual report's in-person share. */
static const struct vocab_word review_formats[] = {
	{ "in_person", "In person", "Everyone who took part met in the same "
	    "room", 0 },
	{ "online", "Online", "Everyone took part by video or phone", 0 },
	{ "mixed", "Mixed", "Some took part in person and some online", 0 },
};

/* Days that are not working days, beyond weekends (timetable.c). */
static const struct vocab_word holidays[] = {
	{ "bank", "Bank holiday", "An England and Wales bank holiday from "
	    "gov.uk's list", 0 },
	{ "closure", "Service closed", "A day the service itself is closed",
	    0 },
};

/* How a consultation's contact is reached (outreach, migration 5). */
static const struct vocab_word contact_kinds[] = {
	{ "email", "Email", NULL, 0 },
	{ "sms", "Text message", NULL, 0 },
	{ "letter", "Letter", NULL, 0 },
};

/* The messages Heard sends for a consultation. */
static const struct vocab_word message_kinds[] = {
	{ "invite", "Invitation", NULL, 0 },
	{ "reminder", "Reminder", NULL, 0 },
};

/* The two wordings of a reminder, one drawn at random per consultation. */
static const struct vocab_word wordings[] = {
	{ "A", "Wording A", NULL, 0 },
	{ "B", "Wording B", NULL, 0 },
};

/* Where a message in the outbox stands. */
static const struct vocab_word outbox_states[] = {
	{ "queued", "Waiting", NULL, 0 },
	{ "sending", "Sending", NULL, 0 },
	{ "sent", "Sent", NULL, 0 },
	{ "failed", "Failed", NULL, 0 },
	{ "stopped", "Stopped", NULL, 0 },
};

/*
 * What the audit log records (audit.action: no CHECK list, as the
 * command line adds its own; the audit page offers these).  A new
 * action is added here to be found by the audit page's filter.
 */
static const struct vocab_word audit_actions[] = {
	{ "read-answers", "Read the views", NULL, 0 },
	{ "refused", "Refused a page", NULL, 0 },
	{ "sign-in", "Signed in", NULL, 0 },
	{ "sign-out", "Signed out", NULL, 0 },
	{ "issue", "Issued a consultation", NULL, 0 },
	{ "reissue", "Reissued a link", NULL, 0 },
	{ "revoke", "Revoked a link", NULL, 0 },
	{ "type-in", "Typed in a paper return", NULL, 0 },
	{ "participation", "Recorded participation", NULL, 0 },
	{ "review-format", "Recorded a review's format", NULL, 0 },
	{ "review-add", "Added a review", NULL, 0 },
	{ "rearrange", "Rearranged a review", NULL, 0 },
	{ "standdown", "Stood down a review", NULL, 0 },
	{ "cancel", "Cancelled a review", NULL, 0 },
	{ "review-held", "Marked a review held", NULL, 0 },
	{ "review-allocate", "Allocated a review", NULL, 0 },
	{ "child-add", "Added a child", NULL, 0 },
	{ "child-left", "Recorded leaving care", NULL, 0 },
	{ "user-add", "Added staff", NULL, 0 },
	{ "user-disable", "Disabled a staff account", NULL, 0 },
	{ "user-enable", "Enabled a staff account", NULL, 0 },
	{ "user-passwd", "Reset a staff password", NULL, 0 },
	{ "user-role", "Changed a staff role", NULL, 0 },
	{ "passport", "Changed an IRO passport", NULL, 0 },
	{ "passport-photo", "Changed an IRO passport photo", NULL, 0 },
	{ "password-set", "Chose a new password", NULL, 0 },
	{ "role-request", "Asked for a role that reads answers", NULL, 0 },
	{ "role-approve", "Approved a role", NULL, 0 },
	{ "role-refuse", "Refused a role", NULL, 0 },
	{ "targets", "Set targets", NULL, 0 },
	{ "export", "Exported SSDA903", NULL, 0 },
	{ "audit-export", "Downloaded the audit log", NULL, 0 },
	{ "setting", "Changed a setting", NULL, 0 },
	{ "plan", "Changed the sending plan", NULL, 0 },
	{ "import", "Imported a tracker", NULL, 0 },
	{ "import-week", "Imported a week (command line)", NULL, 0 },
	{ "week-check", "Checked a week's file", NULL, 0 },
	{ "week-issue", "Issued a week", NULL, 0 },
	{ "week-refused", "Refused a week's file", NULL, 0 },
	{ "contact", "Changed a contact", NULL, 0 },
	{ "chase-remind", "Sent reminders now", NULL, 0 },
	{ "chase-csv", "Downloaded contacts for Notify", NULL, 0 },
	{ "chase-letters", "Printed letters", NULL, 0 },
	{ "sending-templates", "Set Notify templates", NULL, 0 },
	{ "sending-service", "Set the service's name or address", NULL, 0 },
	{ "sending-plan", "Changed the sending timetable", NULL, 0 },
	{ "sending-reminders", "Switched reminders", NULL, 0 },
	{ "sending-wording", "Changed a reminder's wording", NULL, 0 },
	{ "holidays-import", "Imported holidays", NULL, 0 },
	{ "backup", "Backed up", NULL, 0 },
	{ "restore", "Restored from a replica", NULL, 0 },
	{ "purge", "Purged old answers", NULL, 0 },
	{ "rotate-key", "Rotated the key", NULL, 0 },
	{ "flag-raise", "Raised a safeguarding flag", NULL, 0 },
	{ "flag-ack", "Acknowledged a safeguarding flag", NULL, 0 },
	{ "flag-escalate", "Raised a flag to the managers", NULL, 0 },
	{ "flag-read", "Read a safeguarding flag", NULL, 0 },
	{ "user-email", "Set a staff email address", NULL, 0 },
	{ "lang-status", "Changed a translation's status", NULL, 0 },
};

/*
 * The languages a person can answer the children's forms in (issue
 * 17): the code (BCP 47, as in ?lang=CODE and the lang attribute), the
 * name staff see, and (as its meaning) the language's name in itself,
 * which is how the person finds it.  English is first; a consultation
 * with no language is English.
 */
static const struct vocab_word langs[] = {
	{ "en", "English", "English", 0 },
	{ "ar", "Arabic", "العربية", VW_RTL },
	{ "ps", "Pashto", "پښتو", VW_RTL },
	{ "prs", "Dari", "دری", VW_RTL },
	{ "ckb", "Kurdish Sorani", "کوردیی سۆرانی", VW_RTL },
	{ "ti", "Tigrinya", "ትግርኛ", 0 },
	{ "vi", "Vietnamese", "Tiếng Việt", 0 },
	{ "sq", "Albanian", "Shqip", 0 },
	{ "am", "Amharic", "አማርኛ", 0 },
	{ "cy", "Welsh", "Cymraeg", 0 },
};

/* Where a translation stands: a draft until an interpreter checks it. */
static const struct vocab_word lang_statuses[] = {
	{ "draft", "Draft, not yet checked by an interpreter", NULL, 0 },
	{ "checked", "Checked by an interpreter", NULL, 0 },
};

/* What raised a safeguarding flag (no words of the person's: which). */
static const struct vocab_word flag_sources[] = {
	{ "talk_soon", "Asked for someone to talk to them soon", NULL, 0 },
	{ "staff", "A member of staff marked an answer as a worry", NULL, 0 },
};

/* Which message about a flag: when raised, or raised to the managers. */
static const struct vocab_word flag_notices[] = {
	{ "raised", "New safeguarding flag", NULL, 0 },
	{ "escalated", "Not acknowledged within one working day", NULL, 0 },
};

/*
 * Litestream's replica as `heardctl send` last found it (ctl_replica.c),
 * kept in meta's replica_state; VW_WARN: the admin home page warns.
 */
static const struct vocab_word replica_states[] = {
	{ "ok", "Keeping up", "the replica holds everything written", 0 },
	{ "behind", "Behind", "the replica has not received recent writes",
	    VW_WARN },
	{ "unreachable", "Not answering", "Litestream's metrics do not answer",
	    VW_WARN },
};

/* Each list and the schema columns (table.column, space apart) holding it. */
const struct vocab vocab_lists[VOCAB__N] = {
	[VOCAB_ROLE] = { "staff.role", roles, N(roles) },
	[VOCAB_REVIEW_TYPE] = { "review.type", review_types,
	    N(review_types) },
	[VOCAB_REVIEW_STATUS] = { "review.status", review_statuses,
	    N(review_statuses) },
	[VOCAB_AUDIENCE] = { "consultation.audience", audiences,
	    N(audiences) },
	[VOCAB_SEND_CHANNEL] = { "consultation.channel", send_channels,
	    N(send_channels) },
	[VOCAB_RETURN_CHANNEL] = { "consultation.return_channel",
	    return_channels, N(return_channels) },
	[VOCAB_PARTICIPATION] = { "review.participation", participation,
	    N(participation) },
	[VOCAB_REVIEW_FORMAT] = { "review.format", review_formats,
	    N(review_formats) },
	[VOCAB_HOLIDAY] = { "holiday.kind", holidays, N(holidays) },
	[VOCAB_CONTACT] = { "contact.kind", contact_kinds,
	    N(contact_kinds) },
	[VOCAB_MESSAGE] = { "plan.kind outbox.kind", message_kinds,
	    N(message_kinds) },
	[VOCAB_WORDING] = { "consultation.wording", wordings, N(wordings) },
	[VOCAB_OUTBOX_STATE] = { "outbox.state flag_notice.state", outbox_states,
	    N(outbox_states) },
	[VOCAB_AUDIT_ACTION] = { NULL, audit_actions, N(audit_actions) },
	[VOCAB_REPLICA_STATE] = { NULL, replica_states, N(replica_states) },
	[VOCAB_PASSPORT_FACE] = { NULL, passport_faces, N(passport_faces) },
	[VOCAB_FLAG_SOURCE] = { "flag.source", flag_sources, N(flag_sources) },
	[VOCAB_FLAG_NOTICE] = { "flag_notice.kind", flag_notices,
	    N(flag_notices) },
	[VOCAB_LANG] = { "consultation.lang lang_status.code", langs,
	    N(langs) },
	[VOCAB_LANG_STATUS] = { "lang_status.status", lang_statuses,
	    N(lang_statuses) },
};

/* The word w of list v, or NULL (also for a NULL w).  Not to be freed. */
const struct vocab_word *
vocab_in(const struct vocab *v, const char *w)
{
	size_t	 i;

	if (v == NULL || w == NULL)
		return NULL;
	for (i = 0; i < v->n; i++)
		if (strcmp(v->words[i].word, w) == 0)
			return &v->words[i];
	return NULL;
}

/* The word w of list l, or NULL when it is not one.  Not to be freed. */
const struct vocab_word *
vocab_find(enum vocab_list l, const char *w)
{
	return vocab_in(VOCAB(l), w);
}

/* The position of w in list l, or -1. */
int
vocab_index(enum vocab_list l, const char *w)
{
	const struct vocab_word *vw = vocab_find(l, w);

	return vw == NULL ? -1 : (int)(vw - vocab_lists[l].words);
}

/* How many words list l has. */
size_t
vocab_count(enum vocab_list l)
{
	return vocab_lists[l].n;
}

/* The i-th word of list l (i < vocab_count(l)). */
const struct vocab_word *
vocab_at(enum vocab_list l, size_t i)
{
	return i < vocab_lists[l].n ? &vocab_lists[l].words[i] : NULL;
}

/* The label of w in list l, or w itself when it is not in the list. */
const char *
vocab_label(enum vocab_list l, const char *w)
{
	const struct vocab_word *vw = vocab_find(l, w);

	return vw == NULL ? w : vw->label;
}

/* Is w a word of list l that has every flag in f (VW_*)? */
int
vocab_flag(enum vocab_list l, const char *w, unsigned f)
{
	const struct vocab_word *vw = vocab_find(l, w);

	return vw != NULL && (vw->flags & f) == f;
}

/* Is audience aud a child's own form (child, young person, care leaver)? */
int
vocab_is_childs(const char *aud)
{
	return vocab_flag(VOCAB_AUDIENCE, aud, VW_CHILDS);
}

/* Is audience aud a feedback form, sent after the review? */
int
vocab_is_feedback(const char *aud)
{
	return vocab_flag(VOCAB_AUDIENCE, aud, VW_FEEDBACK);
}
