/*
 * page_staff: who can sign in, adding someone, and staff who leave:
 * disable, enable, reset a password, change a role (admins only, one
 * route each, every change audited); and the page where someone whose
 * password was reset chooses their own (any member of staff).
 */
#include <stdio.h>
#include <string.h>

#include "contact.h"
#include "forms.h"
#include "page_admin.h"
#include "page_staff.h"
#include "vocab.h"

const struct field staff_fields[STAFF__N] = {
	[STAFF_NAME] = { "username", FS_BODY, FT_LINE, 60, NULL },
	[STAFF_ROLE] = { "role", FS_BODY, FT_VOCAB, 0,
	    VOCAB(VOCAB_ROLE) },
	[STAFF_PASSWORD] = { "password", FS_BODY, FT_LINE, 1000, NULL },
};

const struct field staff_act_fields[STAFF_ACT__N] = {
	[STAFF_ACT_USER] = { "user", FS_BODY, FT_LINE, 60, NULL },
	[STAFF_ACT_ROLE] = { "role", FS_BODY, FT_VOCAB, 0,
	    VOCAB(VOCAB_ROLE) },
	[STAFF_ACT_PASSWORD] = { "password", FS_BODY, FT_LINE, 1000, NULL },
	[STAFF_ACT_EMAIL] = { "email", FS_BODY, FT_LINE, CONTACT_EMAIL_MAX,
	    NULL },
};

const struct field staff_pw_fields[STAFF_PW__N] = {
	[STAFF_PW_NEW] = { "password", FS_BODY, FT_LINE, 1000, NULL },
	[STAFF_PW_AGAIN] = { "again", FS_BODY, FT_LINE, 1000, NULL },
};

/* What the Staff page shows besides the list. */
struct staff_say {
	const char	*err;		/* a problem with the add form */
	const char	*target;	/* its field */
	const char	*notice;	/* what an action did */
	const char	*name;		/* typed user name, kept */
	const char	*role;		/* chosen role, kept */
};

/*
 * Does this role read answers (an IRO or a manager)?  Giving it needs a
 * manager's approval (issue 16 item 3).
 */
static int
reads_answers(const char *role)
{
	return strcmp(role, vocab_at(VOCAB_ROLE, VR_ADMIN)->word) != 0;
}

/*
 * One member of staff in the list, and in the user lists of the forms
 * that change an account (arg: the rows and the options).
 */
static int
staff_row(const void *row, void *arg)
{
	const struct db_staff *st = row;
	struct buf	**out = arg;
	struct tvar	 v[] = { TV("name", st->username), TV("role", st->role),
	    TV("email", st->email),
	    TV("disabled", st->disabled ? "1" : NULL),
	    TV("reset", st->pw_reset ? "1" : NULL) };
	struct tvar	 o[] = { TV("value", st->username),
	    TV("text", st->username), TV("selected", NULL) };

	tmpl_render(out[0], "admin_staff_row", v, NVARS(v));
	tmpl_render(out[1], "admin_option", o, NVARS(o));
	return 0;
}

/* One review to reallocate (db_staff_orphans' callback). */
static int
orphan_row(const void *row, void *arg)
{
	const struct db_orphan *o = row;
	char		 id[24];

	snprintf(id, sizeof(id), "%lld", (long long)o->review);
	struct tvar	 v[] = { TV("id", id), TV("child", o->child_ref),
	    TV("date", o->date), TV("iro", o->iro) };
	tmpl_render(arg, "admin_staff_orphan", v, NVARS(v));
	return 0;
}

/*
 * Render the Staff page: the list, the forms that change an account,
 * reviews to reallocate, and the add form.
 */
static void
staff_page(struct resp *p, const struct session *s, struct staff_say *say)
{
	struct buf	 rows = { 0 }, m = { 0 }, roles = { 0 }, orph = { 0 };
	struct buf	 users = { 0 }, roles2 = { 0 };
	struct buf	*arg[2] = { &rows, &users };
	size_t		 i;

	for (i = 0; i < vocab_count(VOCAB_ROLE); i++)
		if (db_staff_each(vocab_at(VOCAB_ROLE, i)->word, staff_row,
		    arg) != DB_OK) {
			page_fail(p, __func__);
			goto out;
		}
	if (db_staff_orphans(orphan_row, &orph) != DB_OK) {
		page_fail(p, __func__);
		goto out;
	}
	adm_options(&roles, VOCAB_ROLE, 0, say->err != NULL ? say->role :
	    NULL);
	adm_options(&roles2, VOCAB_ROLE, 0, NULL);
	struct tvar	 v[] = { TV("csrf", s->csrf), TM("rows", &rows),
	    TV("error", say->err), TV("target", say->target),
	    TV("notice", say->notice), TV("username", say->name),
	    TM("roles", &roles), TM("orphans", &orph),
	    TV("any_orphans", orph.len > 0 ? "1" : NULL),
	    TM("users", &users), TM("roles2", &roles2) };
	tmpl_render(&m, "admin_staff", v, NVARS(v));
	page_staff(p, s, say->err ? "Error: Staff" : "Staff", &m);
out:
	buf_free(&rows);
	buf_free(&roles);
	buf_free(&roles2);
	buf_free(&users);
	buf_free(&orph);
	buf_free(&m);
}

/*
 * Ask for a role that reads answers for an account: it waits for a
 * manager (old NULL: the request is the new account itself).  Audited
 * as role-request.  0, or -1 (nothing changed).
 */
static int
staff_ask(const struct session *s, int64_t id, const char *name,
    const char *role, const char *old)
{
	char	 what[160];

	if (old == NULL)
		snprintf(what, sizeof(what), "%s: %s (new account)", name,
		    role);
	else
		snprintf(what, sizeof(what), "%s: %s to %s", name, old, role);
	if (db_begin() != DB_OK)
		return -1;
	if (db_staff_request(id, role, s->who.id, old == NULL) != DB_OK ||
	    db_audit(s->who.id, "role-request", what) != DB_OK ||
	    db_commit() != DB_OK) {
		db_rollback();
		return -1;
	}
	return 0;
}

/*
 * GET/POST /admin/staff: who can sign in, and adding someone.  The
 * password is set here once and hashed with argon2id; it is never shown.
 */
void
staff_manage(struct req *r, struct resp *p, const struct session *s)
{
	const char	*name = r->in[STAFF_NAME], *role = r->in[STAFF_ROLE];
	const char	*pw = r->in[STAFF_PASSWORD], *err = NULL, *target = NULL;
	const char	*notice = NULL;
	char		 hash[CR_PWHASH_LEN];
	int64_t		 id;

	if (r->method == HTTP_POST) {
		if (name == NULL || *name == '\0')
			err = "Enter a user name", target = "username";
		else if (role == NULL)
			err = "Choose a role", target = "role";
		else if (pw == NULL || form_chars(pw) < 10)
			err = "The password must be at least 10 characters",
			    target = "password";
		else if (cr_pw_hash(pw, hash) != 0) {
			page_fail(p, __func__);
			return;
		} else
			switch (db_staff_add(name, hash, role, &id)) {
			case DB_OK:
				db_audit(s->who.id, "user-add", name);
				if (!reads_answers(role)) {
					notice = "They can sign in now.";
					name = NULL;
					break;
				}
				if (staff_ask(s, id, name, role, NULL) == -1) {
					page_fail(p, __func__);
					return;
				}
				notice = "They are added. Their role reads "
				    "children's answers, so they can sign in "
				    "once a manager approves.";
				name = NULL;
				break;
			case DB_EXISTS:
				err = "There is already someone with that user "
				    "name", target = "username";
				break;
			default:
				page_fail(p, __func__);
				return;
			}
	}
	{
		struct staff_say say = { err, target, notice, name, role };

		staff_page(p, s, &say);
	}
}

/* "an admin", "an IRO" or "a manager". */
static const char *
role_said(const char *role)
{
	return strcmp(role, "admin") == 0 ? "an admin" :
	    strcmp(role, "iro") == 0 ? "an IRO" : "a manager";
}

/*
 * The account an action names (field user, exactly as written), or -1
 * with the Staff page saying why.
 */
static int
staff_target(struct req *r, struct resp *p, const struct session *s,
    struct db_staff *st)
{
	struct staff_say say = { NULL, NULL, NULL, NULL, NULL };
	const char	*user = r->in[STAFF_ACT_USER];
	int		 rc;

	rc = user == NULL ? DB_NOTFOUND : db_staff_get(user, st);
	if (rc == DB_ERR) {
		page_fail(p, __func__);
		return -1;
	}
	if (rc == DB_NOTFOUND) {
		p->status = 400;
		say.notice = "There is nobody with that user name.";
		staff_page(p, s, &say);
		return -1;
	}
	memset(st->pw_hash, 0, sizeof(st->pw_hash));
	return 0;
}

/* Commit an account change with its audit row, then show the page. */
static void
staff_done(struct resp *p, const struct session *s, int ok,
    const char *action, const char *subject, const char *notice)
{
	struct staff_say say = { NULL, NULL, notice, NULL, NULL };

	if (!ok || db_audit(s->who.id, action, subject) != DB_OK ||
	    db_commit() != DB_OK) {
		db_rollback();
		page_fail(p, __func__);
		return;
	}
	staff_page(p, s, &say);
}

/*
 * POST /admin/staff/email (user, email): the address safeguarding flag
 * messages go to (an IRO's for their children's flags, a manager's for
 * flags not acknowledged in a working day); empty removes it.
 */
void
staff_email(struct req *r, struct resp *p, const struct session *s)
{
	struct db_staff	 st;
	struct staff_say say = { NULL, NULL, NULL, NULL, NULL };
	const char	*typed = kv_get(&r->body, "email"), *why;
	char		 out[CONTACT_MAX], msg[CONTACT_MAX + 160];

	if (staff_target(r, p, s, &st) == -1)
		return;
	out[0] = '\0';
	if (typed != NULL && *typed != '\0' && (r->in[STAFF_ACT_EMAIL] ==
	    NULL || contact_email(r->in[STAFF_ACT_EMAIL], out, &why) == -1)) {
		say.err = "Enter an email address, like name@example.gov.uk";
		say.target = "email-new";
		staff_page(p, s, &say);
		return;
	}
	if (*out != '\0')
		snprintf(msg, sizeof(msg), "Safeguarding flag messages for %s "
		    "go to %s.", st.username, out);
	else
		snprintf(msg, sizeof(msg), "%s has no email address now.",
		    st.username);
	staff_done(p, s, db_begin() == DB_OK &&
	    db_staff_email(st.id, out) == DB_OK, "user-email", st.username,
	    msg);
}

/*
 * POST /admin/staff/disable (user): the account cannot sign in and its
 * sessions end at once; its open reviews are listed to reallocate.
 */
void
staff_disable(struct req *r, struct resp *p, const struct session *s)
{
	struct db_staff	 st;
	struct staff_say say = { NULL, NULL, NULL, NULL, NULL };
	char		 msg[128];

	if (staff_target(r, p, s, &st) == -1)
		return;
	if (st.id == s->who.id) {
		say.notice = "You cannot disable your own account: ask "
		    "another admin.";
		staff_page(p, s, &say);
		return;
	}
	snprintf(msg, sizeof(msg), "%s cannot sign in now.", st.username);
	staff_done(p, s, db_begin() == DB_OK &&
	    db_staff_disable(st.id, 1) == DB_OK, "user-disable",
	    st.username, msg);
}

/* POST /admin/staff/enable (user): the account can sign in again. */
void
staff_enable(struct req *r, struct resp *p, const struct session *s)
{
	struct db_staff	 st;
	char		 msg[128];

	if (staff_target(r, p, s, &st) == -1)
		return;
	if (st.pending_add) {
		struct staff_say say = { NULL, NULL, "This account waits for "
		    "a manager to approve its role: it cannot be enabled "
		    "before then.", NULL, NULL };

		staff_page(p, s, &say);
		return;
	}
	snprintf(msg, sizeof(msg), "%s can sign in again.", st.username);
	staff_done(p, s, db_begin() == DB_OK &&
	    db_staff_disable(st.id, 0) == DB_OK, "user-enable",
	    st.username, msg);
}

/*
 * POST /admin/staff/passwd (user, password): a temporary password, given
 * in person; the account's sessions end, and its next sign-in must
 * choose the person's own before anything else.
 */
void
staff_passwd(struct req *r, struct resp *p, const struct session *s)
{
	struct db_staff	 st;
	struct staff_say say = { NULL, NULL, NULL, NULL, NULL };
	const char	*pw = r->in[STAFF_ACT_PASSWORD];
	char		 hash[CR_PWHASH_LEN], msg[192];

	if (staff_target(r, p, s, &st) == -1)
		return;
	if (pw == NULL || form_chars(pw) < 10) {
		say.notice = "The temporary password must be at least 10 "
		    "characters. Nothing was changed.";
		staff_page(p, s, &say);
		return;
	}
	if (cr_pw_hash(pw, hash) != 0) {
		page_fail(p, __func__);
		return;
	}
	snprintf(msg, sizeof(msg), "%s's password is reset. Give them the "
	    "temporary one in person: they choose their own at their next "
	    "sign-in.", st.username);
	staff_done(p, s, db_begin() == DB_OK &&
	    db_staff_new_pw(st.id, hash, 1) == DB_OK, "user-passwd",
	    st.username, msg);
}

/*
 * POST /admin/staff/role (user, role): the account's role changes; to a
 * role that reads answers only when a manager approves.
 */
void
staff_role(struct req *r, struct resp *p, const struct session *s)
{
	struct db_staff	 st;
	struct staff_say say = { NULL, NULL, NULL, NULL, NULL };
	const char	*role = r->in[STAFF_ACT_ROLE];
	char		 msg[256], what[160];

	if (staff_target(r, p, s, &st) == -1)
		return;
	if (role == NULL || strcmp(role, st.role) == 0) {
		say.notice = "Choose a different role. Nothing was changed.";
		staff_page(p, s, &say);
		return;
	}
	if (reads_answers(role)) {
		if (staff_ask(s, st.id, st.username, role, st.role) == -1) {
			page_fail(p, __func__);
			return;
		}
		snprintf(msg, sizeof(msg), "%s stays %s until a manager "
		    "approves: %s reads children's answers.", st.username,
		    role_said(st.role), role_said(role));
		say.notice = msg;
		staff_page(p, s, &say);
		return;
	}
	snprintf(msg, sizeof(msg), "%s is now %s.", st.username,
	    role_said(role));
	snprintf(what, sizeof(what), "%s: %s to %s", st.username, st.role,
	    role);
	staff_done(p, s, db_begin() == DB_OK &&
	    db_staff_role(st.id, role) == DB_OK, "user-role", what, msg);
}

/*
 * GET/POST /admin/password (any member of staff): choose one's own
 * password after an admin's reset.  The router sends every other staff
 * page here while the reset stands.
 */
void
staff_own_password(struct req *r, struct resp *p, const struct session *s)
{
	const char	*pw = r->in[STAFF_PW_NEW], *again = r->in[STAFF_PW_AGAIN];
	const char	*err = NULL;
	struct buf	 m = { 0 };
	char		 hash[CR_PWHASH_LEN];

	if (r->method == HTTP_POST) {
		if (pw == NULL || form_chars(pw) < 10)
			err = "The password must be at least 10 characters";
		else if (again == NULL || strcmp(pw, again) != 0)
			err = "The two passwords are not the same";
		else if (cr_pw_hash(pw, hash) != 0) {
			page_fail(p, __func__);
			return;
		} else if (db_begin() != DB_OK ||
		    db_staff_new_pw(s->who.id, hash, 0) != DB_OK ||
		    db_audit(s->who.id, "password-set", s->who.username) !=
		    DB_OK || db_commit() != DB_OK) {
			db_rollback();
			page_fail(p, __func__);
			return;
		} else {
			resp_redirect(p, "/admin/reviews");
			return;
		}
	}
	struct tvar	 v[] = { TV("csrf", s->csrf), TV("error", err),
	    TV("name", s->who.username) };
	tmpl_render(&m, "admin_password", v, NVARS(v));
	page_staff(p, s, err ? "Error: Choose a new password" :
	    "Choose a new password", &m);
	buf_free(&m);
}

/* One account waiting for a manager, with Approve and Refuse. */
static int
pending_row(const void *row, void *arg)
{
	const struct db_staff *st = row;
	struct buf	**out = arg;

	struct tvar	 v[] = { TV("name", st->username), TV("role", st->role),
	    TV("want", st->pending_role), TV("by", st->pending_by),
	    TV("add", st->pending_add ? "1" : NULL),
	    TV("csrf", (const char *)out[1]) };
	tmpl_render(out[0], "admin_approval_row", v, NVARS(v));
	return 0;
}

/* The approvals page (managers), with what a decision did. */
static void
approvals_page(struct resp *p, const struct session *s, const char *notice)
{
	struct buf	 rows = { 0 }, m = { 0 };
	void		*arg[2] = { &rows, (void *)s->csrf };

	if (db_staff_pending(pending_row, arg) != DB_OK) {
		page_fail(p, __func__);
		goto out;
	}
	struct tvar	 v[] = { TV("notice", notice), TM("rows", &rows),
	    TV("any", rows.len > 0 ? "1" : NULL) };
	tmpl_render(&m, "admin_approvals", v, NVARS(v));
	page_staff(p, s, "Roles to approve", &m);
out:
	buf_free(&rows);
	buf_free(&m);
}

/*
 * GET /admin/staff/approvals (managers): accounts waiting for a role
 * that reads answers, asked for by an admin.
 */
void
staff_approvals(struct req *r, struct resp *p, const struct session *s)
{
	(void)r;
	approvals_page(p, s, NULL);
}

/*
 * A manager decides (ok: approve) the role an account waits for.  The
 * one who asked never approves their own request.
 */
static void
staff_decide(struct req *r, struct resp *p, const struct session *s, int ok)
{
	struct db_staff	 st;
	const char	*user = r->in[STAFF_ACT_USER];
	char		 msg[160], what[160];
	int		 rc;

	rc = user == NULL ? DB_NOTFOUND : db_staff_get(user, &st);
	if (rc == DB_ERR) {
		page_fail(p, __func__);
		return;
	}
	if (rc == DB_NOTFOUND || st.pending_role[0] == '\0') {
		approvals_page(p, s, "Nobody with that user name is waiting.");
		return;
	}
	if (st.pending_by_id == s->who.id) {
		approvals_page(p, s, "Another manager must decide a request "
		    "you made.");
		return;
	}
	if (st.pending_add)
		snprintf(what, sizeof(what), "%s: %s (new account)",
		    st.username, st.pending_role);
	else
		snprintf(what, sizeof(what), "%s: %s to %s", st.username,
		    st.role, st.pending_role);
	if (ok)
		snprintf(msg, sizeof(msg), "%s is now %s.", st.username,
		    role_said(st.pending_role));
	else if (st.pending_add)
		snprintf(msg, sizeof(msg), "%s cannot sign in: the request "
		    "is refused.", st.username);
	else
		snprintf(msg, sizeof(msg), "%s stays %s.", st.username,
		    role_said(st.role));
	if (db_begin() != DB_OK || db_staff_decide(st.id, ok) != DB_OK ||
	    db_audit(s->who.id, ok ? "role-approve" : "role-refuse", what) !=
	    DB_OK || db_commit() != DB_OK) {
		db_rollback();
		page_fail(p, __func__);
		return;
	}
	approvals_page(p, s, msg);
}

/* POST /admin/staff/approve (user): managers only. */
void
staff_approve(struct req *r, struct resp *p, const struct session *s)
{
	staff_decide(r, p, s, 1);
}

/* POST /admin/staff/refuse (user): managers only. */
void
staff_refuse(struct req *r, struct resp *p, const struct session *s)
{
	staff_decide(r, p, s, 0);
}
