/*
 * page_sending: the Sending page, for admins.  It says whether sending
 * through GOV.UK Notify is set up (a key file named by HEARD_NOTIFY_KEY:
 * its name and service id are shown, never its secret), lists what
 * would go in the next 10 working days (kind, audience, channel, due
 * day and the child's case reference: never a contact, link or code),
 * and holds the settings sending uses: Notify's template ids per kind
 * and channel, the service's name and return address, the timetable per
 * audience, reminders per channel and the reminder wordings A and B.
 *
 * Each change is its own route (router.c: admins, CSRF, declared
 * fields), is audited, and on a mistake shows the page again with the
 * error next to its field and everything typed kept.  The settings are
 * the same ones `heardctl notify` and `heardctl setting` keep.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "contact.h"
#include "forms.h"
#include "notify.h"
#include "outreach.h"
#include "page_admin.h"
#include "page_sending.h"
#include "speak.h"
#include "timetable.h"
#include "vocab.h"

#define HORIZON		10	/* working days of messages shown */
#define MAX_ERR		8	/* errors shown at once */
#define WORDING_MAX	500	/* as heardctl notify wording */

#define TPL(n)	{ (n), FS_BODY, FT_LINE, 64, NULL }

const struct field sending_templates_fields[TPL__N] = {
	[TPL_INVITE_EMAIL] = TPL("invite_email"),
	[TPL_INVITE_SMS] = TPL("invite_sms"),
	[TPL_INVITE_LETTER] = TPL("invite_letter"),
	[TPL_REMINDER_EMAIL] = TPL("reminder_email"),
	[TPL_REMINDER_SMS] = TPL("reminder_sms"),
	[TPL_REMINDER_LETTER] = TPL("reminder_letter"),
};

const struct field sending_service_fields[SVC__N] = {
	[SVC_COUNCIL] = { "council", FS_BODY, FT_LINE, 100, NULL },
	[SVC_DUTY] = { "duty_address", FS_BODY, FT_LINE, CONTACT_EMAIL_MAX,
	    NULL },
	[SVC_ADDRESS] = { "return_address", FS_BODY, FT_TEXT, CONTACT_MAX,
	    NULL },
};

const struct field sending_plan_fields[PLAN__N] = {
	[PLAN_AUD] = { "aud", FS_BODY, FT_VOCAB, 0, VOCAB(VOCAB_AUDIENCE) },
	[PLAN_INVITE] = { "invite", FS_BODY, FT_LINE, 16, NULL },
	[PLAN_REMINDERS] = { "reminders", FS_BODY, FT_LINE, 64, NULL },
};

const struct field sending_reminders_fields[REM__N] = {
	[REM_EMAIL] = { "email", FS_BODY, FT_WORD, 3, NULL },
	[REM_SMS] = { "sms", FS_BODY, FT_WORD, 3, NULL },
	[REM_LETTER] = { "letter", FS_BODY, FT_WORD, 3, NULL },
};

const struct field sending_wording_fields[WORD__N] = {
	[WORD_STEP] = { "step", FS_BODY, FT_UINT, 2, NULL },
	[WORD_A] = { "a", FS_BODY, FT_LINE, WORDING_MAX, NULL },
	[WORD_B] = { "b", FS_BODY, FT_LINE, WORDING_MAX, NULL },
};

/* Which of the page's forms a POST came from. */
enum sform {
	SF_NONE,
	SF_TEMPLATES,
	SF_SERVICE,
	SF_PLAN,
	SF_REMINDERS,
	SF_WORDING,
};

/* The page being answered: a notice, or errors and what was typed. */
struct spage {
	const struct session	*s;
	const struct req	*r;	/* the POST whose values are kept */
	enum sform		 posted;
	const char		*aud;	/* SF_PLAN: the audience posted */
	long			 step;	/* SF_WORDING: the step posted */
	const char		*notice;
	size_t			 nerr;
	char			 target[MAX_ERR][48];
	char			 msg[MAX_ERR][256];
};

/* Note a mistake: the field's id and what to do about it. */
static void
add_err(struct spage *sp, const char *target, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void
add_err(struct spage *sp, const char *target, const char *fmt, ...)
{
	va_list	 ap;

	if (sp->nerr == MAX_ERR)
		return;
	snprintf(sp->target[sp->nerr], sizeof(sp->target[0]), "%s", target);
	va_start(ap, fmt);
	vsnprintf(sp->msg[sp->nerr], sizeof(sp->msg[0]), fmt, ap);
	va_end(ap);
	sp->nerr++;
}

/* The error for the field with id target, or NULL. */
static const char *
err_of(const struct spage *sp, const char *target)
{
	size_t	 i;

	for (i = 0; i < sp->nerr; i++)
		if (strcmp(sp->target[i], target) == 0)
			return sp->msg[i];
	return NULL;
}

/*
 * What a field shows: as typed when form f was the one sent back with
 * a mistake, else the stored value.
 */
static const char *
shown(const struct spage *sp, enum sform f, const char *name,
    const char *stored)
{
	const char	*v;

	if (sp->posted != f || sp->nerr == 0 || sp->r == NULL)
		return stored;
	v = kv_get(&sp->r->body, name);
	return v != NULL ? v : "";
}

/* A field's value as sent ("" when absent or empty). */
static const char *
sent(const struct req *r, const char *name)
{
	const char	*v = kv_get(&r->body, name);

	return v != NULL ? v : "";
}

/*
 * Whether sending is set up, into v's strings: the key's name and
 * service id, or why the key file cannot be used.  The secret is
 * cleared at once and never leaves this function.
 */
static int
key_state(char *name, size_t nn, char *service, size_t ns, char *why,
    size_t nw)
{
	const struct conf *cf = page_conf();
	struct notify_key k;

	name[0] = service[0] = why[0] = '\0';
	if (cf->notify_key == NULL || cf->notify_key[0] == '\0')
		return 0;
	if (notify_key_read(cf->notify_key, &k, why, nw) == -1)
		return -1;
	snprintf(name, nn, "%s", k.name);
	snprintf(service, ns, "%s", k.service);
	notify_key_clear(&k);
	return 1;
}

/* One message that would go, for sorting. */
struct due {
	char	 day[CAL_YMD_LEN];
	int64_t	 id;
	int64_t	 review;
	char	 kind[16];
	int	 step;
	char	 audience[32];
	char	 channel[16];
};

/* qsort(): by due day, then as queued. */
static int
by_day(const void *a, const void *b)
{
	const struct due *x = a, *y = b;
	int	 c = strcmp(x->day, y->day);

	return c != 0 ? c : x->id < y->id ? -1 : x->id > y->id;
}

/*
 * Render what would go from today to HORIZON working days on (and
 * anything due before today not yet sent) into out: kind, form,
 * channel, due day and the child's case reference.  Sets *count.
 * Returns 0 or -1.
 */
static int
what_would_go(struct buf *out, int *count)
{
	struct db_outbox *v;
	struct db_review rv;
	struct due	*d;
	struct cal	 cal;
	char		 today[CAL_YMD_LEN], last[CAL_YMD_LEN], words[CAL_WORDS_LEN];
	char		 kind[32];
	size_t		 n, i, nd = 0;
	int64_t		 have = 0;

	*count = 0;
	if (tt_cal(&cal) == -1)
		return -1;
	adm_date_in(0, today);
	cal_format(cal_add_workdays(&cal, cal_parse(today), HORIZON), last);
	v = outreach_pending(0, &n);
	d = xcalloc(n + 1, sizeof(*d));
	for (i = 0; i < n; i++) {
		const struct db_outbox *o = &v[i];

		if (o->closed || o->contact_kind[0] == '\0' ||
		    vocab_flag(VOCAB_REVIEW_STATUS, o->review_status,
		    VW_ENDED) ||
		    outreach_due(&cal, o->audience, o->review_date, o->held_on,
		    o->workdays, d[nd].day) == -1 ||
		    strcmp(d[nd].day, last) > 0 ||
		    (o->kind[0] == 'r' && !outreach_reminders_on(
		    o->contact_kind)))
			continue;
		d[nd].id = o->id;
		d[nd].review = o->review_id;
		d[nd].step = o->step;
		snprintf(d[nd].kind, sizeof(d[nd].kind), "%s", o->kind);
		snprintf(d[nd].audience, sizeof(d[nd].audience), "%s",
		    o->audience);
		snprintf(d[nd].channel, sizeof(d[nd].channel), "%s",
		    o->contact_kind);
		nd++;
	}
	free(v);
	qsort(d, nd, sizeof(*d), by_day);
	for (i = 0; i < nd; i++) {
		if (d[i].review != have) {
			if (db_review_get(d[i].review, &rv) != DB_OK) {
				free(d);
				return -1;
			}
			have = d[i].review;
		}
		cal_words(cal_parse(d[i].day), words);
		if (d[i].kind[0] == 'r')
			snprintf(kind, sizeof(kind), "%s %d",
			    vocab_label(VOCAB_MESSAGE, d[i].kind), d[i].step);
		else
			snprintf(kind, sizeof(kind), "%s",
			    vocab_label(VOCAB_MESSAGE, d[i].kind));
		struct tvar tv[] = { TV("day", words), TV("kind", kind),
		    TV("form", form_audience_name(d[i].audience)),
		    TV("channel", vocab_label(VOCAB_CONTACT, d[i].channel)),
		    TV("child", rv.child_ref),
		    TV("late", strcmp(d[i].day, today) < 0 ? "1" : NULL) };
		tmpl_render(out, "admin_sending_due", tv, NVARS(tv));
	}
	*count = (int)nd;
	free(d);
	return 0;
}

/* The template id fields, one per kind and channel. */
static void
templates(struct buf *out, const struct spage *sp)
{
	const struct vocab_word *k, *ch;
	char		 name[40], key[64], id[64], label[64];
	size_t		 i, j;

	for (i = 0; i < vocab_count(VOCAB_MESSAGE); i++)
		for (j = 0; j < vocab_count(VOCAB_CONTACT); j++) {
			k = vocab_at(VOCAB_MESSAGE, i);
			ch = vocab_at(VOCAB_CONTACT, j);
			snprintf(name, sizeof(name), "%s_%s", k->word, ch->word);
			snprintf(key, sizeof(key), "template.%s.%s", k->word,
			    ch->word);
			outreach_setting(key, "", id, sizeof(id));
			snprintf(label, sizeof(label), "%s by %s", k->label,
			    ch->word[0] == 's' ? "text message" : ch->word);
			struct tvar v[] = { TV("name", name),
			    TV("label", label),
			    TV("value", shown(sp, SF_TEMPLATES, name, id)),
			    TV("error", err_of(sp, name)) };
			tmpl_render(out, "admin_sending_tpl", v, NVARS(v));
		}
}

/* One audience's plan, as read from the plan table. */
struct aud_plan {
	int	 invite;		/* working days from the anchor */
	int	 have_invite;
	int	 rem[OUTREACH_STEPS];
	size_t	 nrem;
};

struct plans {
	struct aud_plan	 a[FORM_NAUDIENCES];
	int		 max_step;
};

/* db_plan_each() callback: file a row under its audience. */
static int
keep_plan(const void *row, void *arg)
{
	const struct db_plan *p = row;
	struct plans	*ps = arg;
	int		 i = vocab_index(VOCAB_AUDIENCE, p->audience);
	struct aud_plan	*a;

	if (i < 0 || i >= FORM_NAUDIENCES)
		return 0;
	a = &ps->a[i];
	if (p->step == 0) {
		a->invite = p->workdays;
		a->have_invite = 1;
	} else if (a->nrem < OUTREACH_STEPS) {
		a->rem[a->nrem++] = p->workdays;
		if (p->step > ps->max_step)
			ps->max_step = p->step;
	}
	return 0;
}

/*
 * The timetable, a row per audience in table, and a small form per
 * audience in out: working days before the
 * review (feedback forms: after the day it was held), as people count
 * them, without signs.
 */
static void
plan_rows(struct buf *out, struct buf *table, const struct spage *sp,
    const struct plans *ps)
{
	const struct vocab_word *w;
	const struct aud_plan *a;
	struct buf	 rem = { 0 };
	char		 inv[16], id_i[48], id_r[48];
	size_t		 i, j;
	int		 fb, mine;

	for (i = 0; i < vocab_count(VOCAB_AUDIENCE) && i < FORM_NAUDIENCES;
	    i++) {
		w = vocab_at(VOCAB_AUDIENCE, i);
		a = &ps->a[i];
		fb = outreach_is_feedback(w->word);
		buf_reset(&rem);
		for (j = 0; j < a->nrem; j++)
			buf_printf(&rem, "%s%d", j ? ", " : "",
			    fb ? a->rem[j] : -a->rem[j]);
		if (a->have_invite)
			snprintf(inv, sizeof(inv), "%d", fb ? a->invite :
			    -a->invite);
		else
			inv[0] = '\0';
		snprintf(id_i, sizeof(id_i), "invite-%s", w->word);
		snprintf(id_r, sizeof(id_r), "reminders-%s", w->word);
		mine = sp->aud != NULL && strcmp(sp->aud, w->word) == 0;
		struct tvar v[] = { TV("aud", w->word),
		    TV("form", form_audience_name(w->word)),
		    TV("feedback", fb ? "1" : NULL),
		    TV("invite", mine ? shown(sp, SF_PLAN, "invite", inv) :
		    inv),
		    TV("reminders", mine ? shown(sp, SF_PLAN, "reminders",
		    buf_str(&rem)) : buf_str(&rem)),
		    TV("e_invite", err_of(sp, id_i)),
		    TV("e_reminders", err_of(sp, id_r)),
		    TV("csrf", sp->s->csrf) };
		tmpl_render(out, "admin_sending_plan", v, NVARS(v));
		struct tvar t[] = { TV("form", form_audience_name(w->word)),
		    TV("invite", inv), TV("reminders", buf_str(&rem)),
		    TV("feedback", fb ? "1" : NULL) };
		tmpl_render(table, "admin_sending_plan_row", t, NVARS(t));
	}
	buf_free(&rem);
}

/* Reminders on or off, a box per channel. */
static void
reminder_boxes(struct buf *out, const struct spage *sp)
{
	const struct vocab_word *ch;
	size_t		 i;
	int		 on;

	for (i = 0; i < vocab_count(VOCAB_CONTACT); i++) {
		ch = vocab_at(VOCAB_CONTACT, i);
		on = outreach_reminders_on(ch->word);
		struct tvar v[] = { TV("channel", ch->word),
		    TV("label", ch->label), TV("checked", on ? "1" : NULL) };
		tmpl_render(out, "admin_sending_rem", v, NVARS(v));
	}
	(void)sp;
}

/* The wordings A and B of each reminder step, a form each. */
static void
wordings(struct buf *out, const struct spage *sp, int steps)
{
	char		 a[WORDING_MAX + 1], b[WORDING_MAX + 1], n[16];
	char		 ida[24], idb[24];
	int		 i, mine;

	for (i = 1; i <= steps; i++) {
		outreach_wording(i, "A", a, sizeof(a));
		outreach_wording(i, "B", b, sizeof(b));
		snprintf(n, sizeof(n), "%d", i);
		snprintf(ida, sizeof(ida), "a-%d", i);
		snprintf(idb, sizeof(idb), "b-%d", i);
		mine = sp->step == i;
		struct tvar v[] = { TV("step", n),
		    TV("a", mine ? shown(sp, SF_WORDING, "a", a) : a),
		    TV("b", mine ? shown(sp, SF_WORDING, "b", b) : b),
		    TV("e_a", err_of(sp, ida)), TV("e_b", err_of(sp, idb)),
		    TV("csrf", sp->s->csrf) };
		tmpl_render(out, "admin_sending_wording", v, NVARS(v));
	}
}

/* Render the whole Sending page for sp. */
static void
render(struct resp *p, struct spage *sp)
{
	struct buf	 m = { 0 }, due = { 0 }, tpls = { 0 }, plan = { 0 };
	struct buf	 voices = { 0 };
	struct buf	 rems = { 0 }, words = { 0 }, errs = { 0 }, addr = { 0 };
	struct buf	 ptable = { 0 };
	struct plans	 ps;
	char		 name[NOTIFY_NAME_MAX + 1], service[NOTIFY_UUID_LEN + 1];
	char		 why[512], council[256], ret[CONTACT_MAX], count[16];
	char		 duty[CONTACT_MAX];
	int		 set, n;
	size_t		 i;

	memset(&ps, 0, sizeof(ps));
	set = key_state(name, sizeof(name), service, sizeof(service), why,
	    sizeof(why));
	if (what_would_go(&due, &n) == -1 ||
	    db_plan_each(NULL, keep_plan, &ps) != DB_OK) {
		page_fail(p, __func__);
		goto out;
	}
	snprintf(count, sizeof(count), "%d", n);
	for (i = 0; i < sp->nerr; i++) {
		struct tvar v[] = { TV("target", sp->target[i]),
		    TV("msg", sp->msg[i]) };
		tmpl_render(&errs, "error_item", v, NVARS(v));
	}
	templates(&tpls, sp);
	plan_rows(&plan, &ptable, sp, &ps);
	reminder_boxes(&rems, sp);
	wordings(&words, sp, ps.max_step < 2 ? 2 : ps.max_step);
	outreach_setting("council", "", council, sizeof(council));
	outreach_setting("return_address", "", ret, sizeof(ret));
	outreach_setting("duty_address", "", duty, sizeof(duty));
	adm_unlines(&addr, ret);
	speak_summary(&voices);
	struct tvar	 v[] = { TV("notice", sp->notice),
	    TM("errors", &errs), TV("csrf", sp->s->csrf),
	    TV("set", set == 1 ? "1" : NULL),
	    TV("broken", set == -1 ? why : NULL),
	    TV("key_name", name), TV("service", service),
	    TV("count", count), TV("one", n == 1 ? "1" : NULL),
	    TM("due", &due), TM("templates", &tpls), TM("plan", &plan),
	    TM("plan_table", &ptable),
	    TV("plan_open", sp->posted == SF_PLAN && sp->nerr ? "1" : NULL),
	    TM("reminders", &rems), TM("wordings", &words),
	    TV("council", shown(sp, SF_SERVICE, "council", council)),
	    TV("return_address", shown(sp, SF_SERVICE, "return_address",
	    buf_str(&addr))),
	    TV("e_council", err_of(sp, "council")),
	    TV("e_return_address", err_of(sp, "return_address")),
	    TV("duty_address", shown(sp, SF_SERVICE, "duty_address", duty)),
	    TV("e_duty_address", err_of(sp, "duty_address")),
	    TV("read_aloud", buf_str(&voices)) };
	tmpl_render(&m, "admin_sending", v, NVARS(v));
	page_staff(p, sp->s, sp->nerr ? "Error: Sending" : "Sending", &m);
out:
	buf_free(&m);
	buf_free(&voices);
	buf_free(&due);
	buf_free(&tpls);
	buf_free(&plan);
	buf_free(&rems);
	buf_free(&words);
	buf_free(&errs);
	buf_free(&addr);
	buf_free(&ptable);
}

/* GET /admin/sending: the page. */
void
sending_page(struct req *r, struct resp *p, const struct session *s)
{
	struct spage	 sp = { 0 };

	(void)r;
	sp.s = s;
	render(p, &sp);
}

/* Set settings (key, value pairs) in one transaction, audited; 0 or -1. */
static int
save(const struct session *s, const char *what, const char *const *kv,
    size_t n)
{
	size_t	 i;

	if (db_begin() != DB_OK)
		return -1;
	for (i = 0; i + 1 < n; i += 2)
		if (db_setting_set(kv[i], kv[i + 1]) != DB_OK)
			goto fail;
	if (db_audit(s->who.id, what, "settings") != DB_OK ||
	    db_commit() != DB_OK)
		goto fail;
	return 0;
fail:
	db_rollback();
	return -1;
}

/*
 * POST /admin/sending/templates: GOV.UK Notify's template id for each
 * kind and channel: a UUID as Notify shows it, or empty for none.
 */
void
sending_templates(struct req *r, struct resp *p, const struct session *s)
{
	struct spage	 sp = { 0 };
	char		 keys[TPL__N][64];
	const char	*kv[TPL__N * 2], *v;
	size_t		 i;

	sp.s = s;
	sp.r = r;
	sp.posted = SF_TEMPLATES;
	for (i = 0; i < TPL__N; i++) {
		const char *name = sending_templates_fields[i].name;

		v = sent(r, name);
		if (*v != '\0' && (r->in[i] == NULL || !notify_uuid_ok(v)))
			add_err(&sp, name, "Enter the template id as GOV.UK "
			    "Notify shows it, like "
			    "f33517ff-2a88-4f6e-b855-c550268ce08a, or leave it "
			    "empty");
		snprintf(keys[i], sizeof(keys[i]), "template.%.*s.%s",
		    (int)strcspn(name, "_"), name, name + strcspn(name, "_") +
		    1);
		kv[2 * i] = keys[i];
		kv[2 * i + 1] = v;
	}
	if (sp.nerr == 0) {
		if (save(s, "sending-templates", kv, TPL__N * 2) == -1) {
			page_fail(p, __func__);
			return;
		}
		sp.notice = "The template ids are saved.";
	}
	render(p, &sp);
}

/*
 * POST /admin/sending/service: the service's name (in every message as
 * ((council))) and its return address for letters, as lines.
 */
void
sending_service(struct req *r, struct resp *p, const struct session *s)
{
	struct spage	 sp = { 0 };
	char		 joined[CONTACT_MAX], addr[CONTACT_MAX], duty[CONTACT_MAX];
	const char	*council = sent(r, "council"), *why;
	const char	*kv[6];

	sp.s = s;
	sp.r = r;
	sp.posted = SF_SERVICE;
	addr[0] = '\0';
	if (*council == '\0')
		add_err(&sp, "council", "Enter the service's name, for example "
		    "Northshire Council");
	else if (r->in[SVC_COUNCIL] == NULL)
		add_err(&sp, "council", "The service's name is one line of at "
		    "most 100 characters");
	if (r->in[SVC_ADDRESS] == NULL && *sent(r, "return_address") != '\0')
		add_err(&sp, "return_address", "The address is too long");
	else if (r->in[SVC_ADDRESS] != NULL && *r->in[SVC_ADDRESS] != '\0') {
		if (adm_lines(r->in[SVC_ADDRESS], joined,
		    sizeof(joined)) == -1)
			add_err(&sp, "return_address", "The address is too "
			    "long");
		else if (contact_address(joined, addr, &why) == -1)
			add_err(&sp, "return_address", "%s", why);
	}
	/* Who is told of every safeguarding flag (README). */
	duty[0] = '\0';
	if (*sent(r, "duty_address") != '\0' && (r->in[SVC_DUTY] == NULL ||
	    contact_email(r->in[SVC_DUTY], duty, &why) == -1))
		add_err(&sp, "duty_address", "Enter the duty address as an "
		    "email address, like duty@example.gov.uk");
	if (sp.nerr == 0) {
		kv[0] = "council";
		kv[1] = council;
		kv[2] = "return_address";
		kv[3] = addr;
		kv[4] = "duty_address";
		kv[5] = duty;
		if (save(s, "sending-service", kv, 6) == -1) {
			page_fail(p, __func__);
			return;
		}
		sp.notice = "The service's name and return address are saved.";
	}
	render(p, &sp);
}

/*
 * Read a list of working days as people type them ("10, 5" or "10 5"):
 * whole numbers from 0 to 60.  Writes them to v (at most max); returns
 * how many, or -1.
 */
static int
read_days(const char *in, int *v, int max)
{
	char		*end;
	long		 d;
	int		 n = 0;

	for (;;) {
		while (*in == ' ' || *in == ',')
			in++;
		if (*in == '\0')
			return n;
		if (*in < '0' || *in > '9')
			return -1;
		d = strtol(in, &end, 10);
		if (d > 60 || n == max)
			return -1;
		v[n++] = (int)d;
		in = end;
	}
}

/*
 * POST /admin/sending/plan: one audience's invitation and reminders, in
 * working days before the review (feedback forms: after the day it was
 * held).  outreach_plan_set() checks and keeps them; they apply to
 * consultations issued afterwards.
 */
void
sending_plan(struct req *r, struct resp *p, const struct session *s)
{
	struct spage	 sp = { 0 };
	struct buf	 days = { 0 };
	char		 id_i[48], id_r[48], inv[16], err[256];
	int		 v[OUTREACH_STEPS], n, ni, fb, i, iv = 0;

	sp.s = s;
	sp.r = r;
	sp.posted = SF_PLAN;
	if ((sp.aud = r->in[PLAN_AUD]) == NULL ||
	    form_audience_index(sp.aud) < 0) {
		adm_not_found(p, s, NULL);
		return;
	}
	fb = outreach_is_feedback(sp.aud);
	snprintf(id_i, sizeof(id_i), "invite-%s", sp.aud);
	snprintf(id_r, sizeof(id_r), "reminders-%s", sp.aud);
	ni = read_days(sent(r, "invite"), &iv, 1);
	if (ni != 1 || r->in[PLAN_INVITE] == NULL)
		add_err(&sp, id_i, "Enter the invitation's working days %s as "
		    "one whole number from 0 to 60, for example %s", fb ?
		    "after the review was held" : "before the review", fb ?
		    "1" : "15");
	n = read_days(sent(r, "reminders"), v, OUTREACH_STEPS - 1);
	if (n == -1 || r->in[PLAN_REMINDERS] == NULL)
		add_err(&sp, id_r, "Enter each reminder's working days as a "
		    "whole number from 0 to 60, commas between, for example "
		    "%s; or leave it empty for no reminders", fb ? "5" :
		    "10, 5");
	for (i = 0; sp.nerr == 0 && i < n; i++)
		if (fb ? v[i] <= iv || (i > 0 && v[i] <= v[i - 1]) :
		    v[i] >= iv || (i > 0 && v[i] >= v[i - 1]))
			add_err(&sp, id_r, "Each reminder goes after the "
			    "invitation and after the reminder before it: "
			    "%s working days, each %s than the one before",
			    fb ? "after the review, more" : "before the "
			    "review, fewer", fb ? "more" : "fewer");
	if (sp.nerr == 0) {
		for (i = 0; i < n; i++)
			buf_printf(&days, "%s%d", i ? "," : "", fb ? v[i] :
			    -v[i]);
		snprintf(inv, sizeof(inv), "%d", fb ? iv : -iv);
		if (outreach_plan_set(sp.aud, "reminder", n ? buf_str(&days) :
		    "none", err, sizeof(err)) == -1)
			add_err(&sp, id_r, "%s", err);
		else if (outreach_plan_set(sp.aud, "invite", inv, err,
		    sizeof(err)) == -1)
			add_err(&sp, id_i, "%s", err);
		else {
			db_audit(s->who.id, "sending-plan", sp.aud);
			sp.notice = "The timetable is saved. It applies to "
			    "forms issued from now on.";
		}
	}
	render(p, &sp);
	buf_free(&days);
}

/*
 * POST /admin/sending/reminders: reminders on or off by each channel
 * (a ticked box is on).  Off stops reminders by that channel not yet
 * sent; on lets those not yet stopped go.
 */
void
sending_reminders(struct req *r, struct resp *p, const struct session *s)
{
	struct spage	 sp = { 0 };
	const char	*kv[6];
	char		 keys[3][32];
	size_t		 i;

	sp.s = s;
	sp.r = r;
	sp.posted = SF_REMINDERS;
	for (i = 0; i < 3 && i < vocab_count(VOCAB_CONTACT); i++) {
		const char *ch = vocab_at(VOCAB_CONTACT, i)->word;

		snprintf(keys[i], sizeof(keys[i]), "reminders.%s", ch);
		kv[2 * i] = keys[i];
		kv[2 * i + 1] = r->in[REM_EMAIL + i] != NULL ? "on" : "off";
	}
	if (save(s, "sending-reminders", kv, 6) == -1) {
		page_fail(p, __func__);
		return;
	}
	sp.notice = "Reminders by each channel are saved.";
	render(p, &sp);
}

/* POST /admin/sending/wording: a reminder step's wordings A and B. */
void
sending_wording(struct req *r, struct resp *p, const struct session *s)
{
	struct spage	 sp = { 0 };
	char		 ida[16], idb[16], ka[32], kb[32];
	const char	*kv[4];

	sp.s = s;
	sp.r = r;
	sp.posted = SF_WORDING;
	sp.step = r->in[WORD_STEP] != NULL ? strtol(r->in[WORD_STEP], NULL,
	    10) : 0;
	if (sp.step < 1 || sp.step >= OUTREACH_STEPS) {
		adm_not_found(p, s, NULL);
		return;
	}
	snprintf(ida, sizeof(ida), "a-%ld", sp.step);
	snprintf(idb, sizeof(idb), "b-%ld", sp.step);
	if (*sent(r, "a") == '\0')
		add_err(&sp, ida, "Enter wording A");
	else if (r->in[WORD_A] == NULL)
		add_err(&sp, ida, "Wording A is one line of at most %d "
		    "characters", WORDING_MAX);
	if (*sent(r, "b") == '\0')
		add_err(&sp, idb, "Enter wording B");
	else if (r->in[WORD_B] == NULL)
		add_err(&sp, idb, "Wording B is one line of at most %d "
		    "characters", WORDING_MAX);
	if (sp.nerr == 0) {
		snprintf(ka, sizeof(ka), "wording.%ld.A", sp.step);
		snprintf(kb, sizeof(kb), "wording.%ld.B", sp.step);
		kv[0] = ka;
		kv[1] = r->in[WORD_A];
		kv[2] = kb;
		kv[3] = r->in[WORD_B];
		if (save(s, "sending-wording", kv, 4) == -1) {
			page_fail(p, __func__);
			return;
		}
		sp.notice = "The reminder's wordings are saved.";
	}
	render(p, &sp);
}
