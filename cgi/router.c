/*
 * router: pages by enum, a handler table, and the order of checks:
 * method known (405), route (404), method allowed for the route (405),
 * body usable (413/415; multipart only for routes that take uploads,
 * then parsed strictly: 400), POST from our own site with a valid CSRF token
 * (403), declared fields validated, then the handler.
 */
#include <string.h>

#include "crypto.h"
#include "db.h"
#include "lang.h"
#include "page_actions.h"
#include "page_admin.h"
#include "page_answers.h"
#include "page_chase.h"
#include "page_langs.h"
#include "page_passport.h"
#include "page_flags.h"
#include "page_audit.h"
#include "page_public.h"
#include "page_report.h"
#include "page_reviews.h"
#include "page_sending.h"
#include "page_signin.h"
#include "page_staff.h"
#include "page_week.h"
#include "router.h"
#include "session.h"

enum page {
	P_HOME,
	P_HEALTH,
	P_LINK,
	P_CODE,
	P_FORM,
	P_ADMIN,
	P_LOGIN,
	P_LOGOUT,
	P_REVIEWS,
	P_NEW_REVIEW,
	P_REVIEW,
	P_ISSUE,
	P_REISSUE,
	P_REVOKE,
	P_RETURN,
	P_PARTICIPATION,
	P_FORMAT,
	P_REARRANGE,
	P_STANDDOWN,
	P_CANCEL,
	P_HELD,
	P_ALLOCATE,
	P_ANSWERS,
	P_TYPEIN,
	P_STAFF,
	P_REPORTS,
	P_REPORTS_CSV,
	P_REPORTS_HELD_CSV,
	P_REPORTS_PN_CSV,
	P_TARGETS,
	P_AUDIT,
	P_SSDA903,
	P_CHASE,
	P_CHASE_REMIND,
	P_CHASE_CSV,
	P_CHASE_LETTERS,
	P_SENDING,
	P_SENDING_TEMPLATES,
	P_SENDING_SERVICE,
	P_SENDING_PLAN,
	P_SENDING_REMINDERS,
	P_SENDING_WORDING,
	P_CONTACT,
	P_WEEK,
	P_WEEK_CHECK,
	P_WEEK_ISSUE,
	P_AUDIT_CSV,
	P_REPORTS_SVG,
	P_STAFF_DISABLE,
	P_STAFF_ENABLE,
	P_STAFF_PASSWD,
	P_STAFF_ROLE,
	P_PASSWORD,
	P_APPROVALS,
	P_APPROVE,
	P_REFUSE,
	P_PASSPORT,
	P_PASSPORT_NAME,
	P_PASSPORT_PNG,
	P_FORM_IRO_PNG,
	P_STAFF_EMAIL,
	P_FLAGS,
	P_FLAG,
	P_FLAG_ACK,
	P_WORRY,
	P_LANGS,
	P_LANGS_STATUS,
	P__COUNT
};

/* Names for the log: a page's name, never its path (paths hold tokens). */
static const char *const page_names[P__COUNT] = {
	[P_HOME] = "home",
	[P_HEALTH] = "healthz",
	[P_LINK] = "link",
	[P_CODE] = "code",
	[P_FORM] = "form",
	[P_ADMIN] = "admin",
	[P_LOGIN] = "login",
	[P_LOGOUT] = "logout",
	[P_REVIEWS] = "reviews",
	[P_NEW_REVIEW] = "new-review",
	[P_REVIEW] = "review",
	[P_ISSUE] = "review-issue",
	[P_REISSUE] = "review-reissue",
	[P_REVOKE] = "review-revoke",
	[P_RETURN] = "review-return",
	[P_PARTICIPATION] = "review-participation",
	[P_FORMAT] = "review-format",
	[P_REARRANGE] = "review-rearrange",
	[P_STANDDOWN] = "review-standdown",
	[P_CANCEL] = "review-cancel",
	[P_HELD] = "review-held",
	[P_ALLOCATE] = "review-allocate",
	[P_ANSWERS] = "answers",
	[P_TYPEIN] = "typein",
	[P_STAFF] = "staff",
	[P_REPORTS] = "reports",
	[P_REPORTS_CSV] = "reports-csv",
	[P_REPORTS_HELD_CSV] = "reports-held-csv",
	[P_REPORTS_PN_CSV] = "reports-participation-csv",
	[P_TARGETS] = "targets",
	[P_AUDIT] = "audit",
	[P_SSDA903] = "reports-ssda903",
	[P_CHASE] = "chase",
	[P_CHASE_REMIND] = "chase-remind",
	[P_CHASE_CSV] = "chase-csv",
	[P_CHASE_LETTERS] = "chase-letters",
	[P_SENDING] = "sending",
	[P_SENDING_TEMPLATES] = "sending-templates",
	[P_SENDING_SERVICE] = "sending-service",
	[P_SENDING_PLAN] = "sending-plan",
	[P_SENDING_REMINDERS] = "sending-reminders",
	[P_SENDING_WORDING] = "sending-wording",
	[P_CONTACT] = "review-contact",
	[P_WEEK] = "week",
	[P_WEEK_CHECK] = "week-check",
	[P_WEEK_ISSUE] = "week-issue",
	[P_AUDIT_CSV] = "audit-csv",
	[P_REPORTS_SVG] = "reports-svg",
	[P_STAFF_DISABLE] = "staff-disable",
	[P_STAFF_ENABLE] = "staff-enable",
	[P_STAFF_PASSWD] = "staff-passwd",
	[P_STAFF_ROLE] = "staff-role",
	[P_PASSWORD] = "password",
	[P_APPROVALS] = "staff-approvals",
	[P_APPROVE] = "staff-approve",
	[P_REFUSE] = "staff-refuse",
	[P_PASSPORT] = "passport",
	[P_PASSPORT_NAME] = "staff-firstname",
	[P_PASSPORT_PNG] = "passport-photo",
	[P_FORM_IRO_PNG] = "form-iro-photo",
	[P_STAFF_EMAIL] = "staff-email",
	[P_FLAGS] = "flags",
	[P_FLAG] = "flag",
	[P_FLAG_ACK] = "flag-ack",
	[P_WORRY] = "answers-worry",
	[P_LANGS] = "languages",
	[P_LANGS_STATUS] = "languages-status",
};

#define F(a)	(a), (sizeof(a) / sizeof((a)[0]))

static const struct page_def pages[P__COUNT] = {
	[P_HOME] = { "/", 0, M_GET, CSRF_NONE, 0, NULL, 0, pub_home },
	[P_HEALTH] = { "/healthz", 0, M_GET, CSRF_NONE, 0, NULL, 0,
	    pub_health },
	[P_LINK] = { "/c/", 1, M_GET, CSRF_NONE, 0, NULL, 0, pub_link },
	[P_CODE] = { "/code", 0, M_GET | M_POST, CSRF_PRE, 0,
	    F(pub_code_fields), pub_code },
	[P_FORM] = { "/form", 0, M_GET | M_POST, CSRF_VISIT, 0,
	    F(pub_form_fields), pub_form },
	[P_ADMIN] = { "/admin", 0, M_GET, CSRF_NONE, 0, NULL, 0, signin_home },
	[P_LOGIN] = { "/admin/login", 0, M_POST, CSRF_PRE, 0,
	    F(signin_fields), signin_login },
	[P_LOGOUT] = { "/admin/logout", 0, M_POST, CSRF_STAFF, R_STAFF,
	    NULL, 0, signin_logout },
	[P_REVIEWS] = { "/admin/reviews", 0, M_GET, CSRF_NONE, R_STAFF,
	    F(reviews_list_fields), reviews_list },
	[P_NEW_REVIEW] = { "/admin/reviews/new", 0, M_GET | M_POST,
	    CSRF_STAFF, R_ADMIN, F(reviews_new_fields), reviews_new },
	[P_REVIEW] = { "/admin/review", 0, M_GET, CSRF_NONE, R_STAFF,
	    F(reviews_review_fields), reviews_review },
	/* The review page's changes: one route, one role mask each. */
	[P_ISSUE] = { "/admin/review/issue", 0, M_POST, CSRF_STAFF, R_ADMIN,
	    F(act_issue_fields), act_issue },
	[P_REISSUE] = { "/admin/review/reissue", 0, M_POST, CSRF_STAFF,
	    R_ADMIN, F(act_link_fields), act_reissue },
	[P_REVOKE] = { "/admin/review/revoke", 0, M_POST, CSRF_STAFF, R_ADMIN,
	    F(act_link_fields), act_revoke },
	[P_RETURN] = { "/admin/review/return", 0, M_POST, CSRF_STAFF, R_ADMIN,
	    F(act_return_fields), act_return },
	[P_PARTICIPATION] = { "/admin/review/participation", 0, M_POST,
	    CSRF_STAFF, R_ADMIN | R_IRO, F(act_pn_fields), act_participation },
	[P_FORMAT] = { "/admin/review/format", 0, M_POST, CSRF_STAFF,
	    R_ADMIN | R_IRO, F(act_format_fields), act_format },
	[P_REARRANGE] = { "/admin/review/rearrange", 0, M_POST, CSRF_STAFF,
	    R_ADMIN, F(act_move_fields), act_rearrange },
	[P_STANDDOWN] = { "/admin/review/standdown", 0, M_POST, CSRF_STAFF,
	    R_ADMIN, F(act_end_fields), act_standdown },
	[P_CANCEL] = { "/admin/review/cancel", 0, M_POST, CSRF_STAFF, R_ADMIN,
	    F(act_end_fields), act_cancel },
	[P_HELD] = { "/admin/review/held", 0, M_POST, CSRF_STAFF,
	    R_ADMIN | R_IRO, F(act_held_fields), act_held },
	[P_ALLOCATE] = { "/admin/review/allocate", 0, M_POST, CSRF_STAFF,
	    R_ADMIN, F(act_allocate_fields), act_allocate },
	[P_ANSWERS] = { "/admin/answers", 0, M_GET, CSRF_NONE,
	    R_IRO | R_MANAGER, F(answers_fields), answers_read },
	[P_TYPEIN] = { "/admin/typein", 0, M_GET | M_POST, CSRF_STAFF, R_ADMIN,
	    F(answers_typein_fields), answers_typein },
	[P_STAFF] = { "/admin/staff", 0, M_GET | M_POST, CSRF_STAFF, R_ADMIN,
	    F(staff_fields), staff_manage },
	[P_REPORTS] = { "/admin/reports", 0, M_GET, CSRF_NONE,
	    R_ADMIN | R_MANAGER, F(rep_fields), rep_page },
	[P_REPORTS_CSV] = { "/admin/reports.csv", 0, M_GET, CSRF_NONE,
	    R_ADMIN | R_MANAGER, F(rep_fields), rep_csv },
	[P_REPORTS_HELD_CSV] = { "/admin/reports/held.csv", 0, M_GET,
	    CSRF_NONE, R_ADMIN | R_MANAGER, F(rep_fields), rep_held_csv },
	[P_REPORTS_PN_CSV] = { "/admin/reports/participation.csv", 0, M_GET,
	    CSRF_NONE, R_ADMIN | R_MANAGER, F(rep_fields), rep_pn_csv },
	[P_TARGETS] = { "/admin/targets", 0, M_GET | M_POST, CSRF_STAFF,
	    R_ADMIN, NULL, 0, rep_targets },
	[P_AUDIT] = { "/admin/audit", 0, M_GET, CSRF_NONE, R_MANAGER,
	    F(audit_fields), audit_page },
	[P_SSDA903] = { "/admin/reports/ssda903.csv", 0, M_GET, CSRF_NONE,
	    R_MANAGER, F(rep_fields), rep_ssda903 },
	/* The chase list and its actions on the ticked ones (admins). */
	[P_CHASE] = { "/admin/chase", 0, M_GET, CSRF_NONE, R_ADMIN,
	    F(chase_fields), chase_list },
	[P_CHASE_REMIND] = { "/admin/chase/remind", 0, M_POST, CSRF_STAFF,
	    R_ADMIN, F(chase_fields), chase_remind },
	[P_CHASE_CSV] = { "/admin/chase/csv", 0, M_POST, CSRF_STAFF, R_ADMIN,
	    F(chase_fields), chase_csv },
	[P_CHASE_LETTERS] = { "/admin/chase/letters", 0, M_POST, CSRF_STAFF,
	    R_ADMIN, F(chase_fields), chase_letters },
	/* The Sending page and its changes (admins only: see page_sending.c). */
	[P_SENDING] = { "/admin/sending", 0, M_GET, CSRF_NONE, R_ADMIN, NULL,
	    0, sending_page },
	[P_SENDING_TEMPLATES] = { "/admin/sending/templates", 0, M_POST,
	    CSRF_STAFF, R_ADMIN, F(sending_templates_fields),
	    sending_templates },
	[P_SENDING_SERVICE] = { "/admin/sending/service", 0, M_POST,
	    CSRF_STAFF, R_ADMIN, F(sending_service_fields), sending_service },
	[P_SENDING_PLAN] = { "/admin/sending/plan", 0, M_POST, CSRF_STAFF,
	    R_ADMIN, F(sending_plan_fields), sending_plan },
	[P_SENDING_REMINDERS] = { "/admin/sending/reminders", 0, M_POST,
	    CSRF_STAFF, R_ADMIN, F(sending_reminders_fields),
	    sending_reminders },
	[P_SENDING_WORDING] = { "/admin/sending/wording", 0, M_POST,
	    CSRF_STAFF, R_ADMIN, F(sending_wording_fields), sending_wording },
	[P_CONTACT] = { "/admin/review/contact", 0, M_POST, CSRF_STAFF,
	    R_ADMIN, F(act_contact_fields), act_contact },
	/* Issue a week: the check takes an upload (multipart, only). */
	[P_WEEK] = { "/admin/week", 0, M_GET, CSRF_NONE, R_ADMIN, NULL, 0,
	    week_page },
	[P_WEEK_CHECK] = { "/admin/week/check", 0, M_POST | M_UPLOAD,
	    CSRF_STAFF, R_ADMIN, NULL, 0, week_check_page },
	[P_WEEK_ISSUE] = { "/admin/week/issue", 0, M_POST, CSRF_STAFF, R_ADMIN,
	    F(week_issue_fields), week_issue_page },
	[P_AUDIT_CSV] = { "/admin/audit.csv", 0, M_GET, CSRF_NONE, R_MANAGER,
	    F(audit_fields), audit_csv },
	[P_REPORTS_SVG] = { "/admin/reports.svg", 0, M_GET, CSRF_NONE,
	    R_ADMIN | R_MANAGER, F(rep_fields), rep_svg },
	[P_STAFF_DISABLE] = { "/admin/staff/disable", 0, M_POST, CSRF_STAFF,
	    R_ADMIN, F(staff_act_fields), staff_disable },
	[P_STAFF_ENABLE] = { "/admin/staff/enable", 0, M_POST, CSRF_STAFF,
	    R_ADMIN, F(staff_act_fields), staff_enable },
	[P_STAFF_PASSWD] = { "/admin/staff/passwd", 0, M_POST, CSRF_STAFF,
	    R_ADMIN, F(staff_act_fields), staff_passwd },
	[P_STAFF_ROLE] = { "/admin/staff/role", 0, M_POST, CSRF_STAFF,
	    R_ADMIN, F(staff_act_fields), staff_role },
	[P_PASSWORD] = { "/admin/password", 0, M_GET | M_POST, CSRF_STAFF,
	    R_STAFF, F(staff_pw_fields), staff_own_password },
	/* Translations' statuses: managers and admins (page_langs.c). */
	[P_LANGS] = { "/admin/languages", 0, M_GET, CSRF_NONE,
	    R_ADMIN | R_MANAGER, NULL, 0, langs_page },
	[P_LANGS_STATUS] = { "/admin/languages/status", 0, M_POST, CSRF_STAFF,
	    R_ADMIN | R_MANAGER, F(langs_status_fields), langs_status },
	[P_APPROVALS] = { "/admin/staff/approvals", 0, M_GET, CSRF_NONE,
	    R_MANAGER, NULL, 0, staff_approvals },
	[P_APPROVE] = { "/admin/staff/approve", 0, M_POST, CSRF_STAFF,
	    R_MANAGER, F(staff_act_fields), staff_approve },
	[P_REFUSE] = { "/admin/staff/refuse", 0, M_POST, CSRF_STAFF,
	    R_MANAGER, F(staff_act_fields), staff_refuse },
	/* The IRO passport: their own page takes a photo (multipart). */
	[P_PASSPORT] = { "/admin/passport", 0, M_GET | M_POST | M_UPLOAD,
	    CSRF_STAFF, R_IRO | R_MANAGER, F(passport_fields), passport_page },
	[P_PASSPORT_NAME] = { "/admin/staff/firstname", 0, M_POST, CSRF_STAFF,
	    R_ADMIN, F(passport_name_fields), passport_first_name },
	[P_PASSPORT_PNG] = { "/admin/passport.png", 0, M_GET, CSRF_NONE,
	    R_STAFF, F(passport_photo_fields), passport_staff_photo },
	/* The visitor's own IRO's photo: the visit cookie says whose. */
	[P_FORM_IRO_PNG] = { "/form/iro.png", 0, M_GET, CSRF_NONE, 0, NULL, 0,
	    passport_form_photo },
	[P_STAFF_EMAIL] = { "/admin/staff/email", 0, M_POST, CSRF_STAFF,
	    R_ADMIN, F(staff_act_fields), staff_email },
	/* Safeguarding flags: those who read answers (page_flags.c). */
	[P_FLAGS] = { "/admin/flags", 0, M_GET, CSRF_NONE, R_IRO | R_MANAGER,
	    F(flags_fields), flags_list },
	[P_FLAG] = { "/admin/flag", 0, M_GET, CSRF_NONE, R_IRO | R_MANAGER,
	    F(flag_fields), flag_page },
	[P_FLAG_ACK] = { "/admin/flag/ack", 0, M_POST, CSRF_STAFF,
	    R_IRO | R_MANAGER, F(flag_ack_fields), flag_ack_post },
	[P_WORRY] = { "/admin/answers/worry", 0, M_POST, CSRF_STAFF,
	    R_IRO | R_MANAGER, F(flag_worry_fields), flag_worry },
};

/* Every template the pages use: checked at start-up. */
static const char *const templates[] = {
	"layout", "message", "home", "code", "error_summary", "error_item",
	"form_page", "form_help_p", "q_section", "q_text", "q_choice", "q_option", "q_date",
	"thanks", "saved", "bdi", "lang_en", "lang_links", "lang_link", "admin_langs",
	"admin_lang_row", "admin_letter_lang", "admin_nav", "admin_signin", "admin_reviews",
	"admin_review_row", "admin_to_book_row", "admin_tag", "admin_review", "admin_consult_row",
	"admin_issued", "admin_issued_row", "admin_letter", "admin_letter_child", "admin_answers",
	"admin_answers_form", "admin_answer_item", "admin_new_review",
	"admin_option", "admin_checkbox", "admin_typein", "admin_typein_page", "admin_staff",
	"admin_staff_row", "report", "report_row", "report_held", "report_held_row", "report_pn", "report_pn_row", "admin_radio", "report_903", "report_903_item", "report_bar",
	"report_by", "report_targets", "report_target", "audit", "audit_row",
	"admin_chase", "admin_chase_row", "admin_chase_skip", "admin_chase_done", "admin_chase_letters",
	"admin_sending", "admin_sending_due", "admin_sending_tpl",
	"admin_sending_plan", "admin_sending_rem", "admin_sending_wording", "speak",
	"admin_consult_msg", "admin_sending_plan_row",
	"admin_week", "admin_week_upload", "admin_week_check",
	"admin_week_review", "admin_week_form", "admin_week_sealed",
	"admin_week_done", "admin_week_done_row",
	"report_legend", "report_svg", "report_am", "report_am_head",
	"report_am_row", "report_am_cell",
	"admin_staff_orphan", "admin_password", "admin_approvals",
	"admin_approval_row", "admin_reply_row", "admin_brief",
	"admin_brief_item", "admin_pn", "admin_pn_code",
	"asking_head", "asking_next", "asking_head_lang", "asking_next_lang",
	"admin_passport", "admin_passport_face",
	"admin_passport_name",
	"flag_banner", "flags", "flags_row", "flag",
	NULL
};

/* The templates that must exist, for tmpl_load(). */
const char *const *
router_templates(void)
{
	return templates;
}

/* Find the page for a path, or P__COUNT. */
static enum page
route(const char *path)
{
	int	 i;

	for (i = 0; i < P__COUNT; i++)
		if (pages[i].prefix ? strncmp(path, pages[i].path,
		    strlen(pages[i].path)) == 0 :
		    strcmp(path, pages[i].path) == 0)
			return (enum page)i;
	return P__COUNT;
}

/* Does a POST carry the CSRF token its page expects? */
static int
csrf_ok(const struct req *r, enum page_csrf kind)
{
	const char	*cookie;

	if (kind == CSRF_NONE)
		return 0;
	cookie = kv_get(&r->cookies, kind == CSRF_VISIT ? COOKIE_VISIT :
	    kind == CSRF_STAFF ? COOKIE_STAFF : COOKIE_PRE);
	return kv_count(&r->body, "csrf") == 1 &&
	    cr_csrf_ok(cookie, kv_get(&r->body, "csrf"));
}

/*
 * Answer one request into p.  read_status is what http_read() said
 * (0, or 400/413).  Returns the page's name for the log line.
 */
const char *
router_handle(struct req *r, struct resp *p, int read_status)
{
	const struct page_def	*d;
	struct session		 s;
	enum page		 pg;
	unsigned		 m;

	db_audit_as(0, NULL);	/* nobody yet: a session says who */
	lang_use(NULL);		/* English until a form says otherwise */
	if (r->method == HTTP_OTHER) {
		resp_header(p, "Allow", "GET, HEAD, POST");
		page_message(p, 405, "This page cannot do that",
		    "Your browser asked for something this site does not "
		    "do.", "Go back and try again.");
		return "-";
	}
	if ((pg = route(r->path)) == P__COUNT) {
		page_message(p, 404, "Page not found",
		    "If you typed the web address, check it is correct.",
		    "If you followed a link from a letter or message, ask "
		    "your IRO for a new one.");
		return "-";
	}
	d = &pages[pg];
	m = r->method == HTTP_POST ? M_POST : M_GET;
	if ((d->methods & m) == 0) {
		resp_header(p, "Allow", d->methods & M_POST ?
		    "GET, HEAD, POST" : "GET, HEAD");
		page_message(p, 405, "This page cannot do that",
		    "Your browser asked for something this page does not "
		    "do.", "Go back and try again.");
		return page_names[pg];
	}
	if (read_status == 413 && (d->methods & M_UPLOAD)) {
		page_message(p, 413, "That file is too large",
		    "Please go back and send a smaller file, or split it in "
		    "two and send each.", NULL);
		return page_names[pg];
	}
	if (read_status == 413) {
		page_message(p, 413, "That was too much to send in one go",
		    "Please go back, shorten your longest answers and send "
		    "again, or send the rest another way.", NULL);
		return page_names[pg];
	}
	if (read_status != 0) {
		page_message(p, 400, "Sorry, we could not read that",
		    "Please go back and try again.", NULL);
		return page_names[pg];
	}
	if (r->method == HTTP_POST && r->body_bad) {
		page_message(p, 415, "Sorry, we could not read that",
		    "Please go back and try again.", NULL);
		return page_names[pg];
	}
	/*
	 * Uploads: a multipart body is parsed only for a route that
	 * declares M_UPLOAD, and such a route takes nothing else; the
	 * parsed fields (the CSRF token among them) land in r->body like
	 * urlencoded ones, so every check below reads them the same way.
	 */
	if (r->method == HTTP_POST && (r->multipart !=
	    ((d->methods & M_UPLOAD) != 0))) {
		page_message(p, 415, "Sorry, we could not read that",
		    r->multipart ? "This page does not take files." :
		    "This page needs the file sent with its form.",
		    "Go back, choose the file and send it again.");
		return page_names[pg];
	}
	if (r->method == HTTP_POST && r->multipart &&
	    http_parse_multipart(r->ctype, r->raw, r->rawlen, &r->body,
	    &r->files) == -1) {
		page_message(p, 400, "Sorry, we could not read that",
		    "Your browser sent the file in a way Heard cannot read.",
		    "Go back, choose the file and send it again.");
		return page_names[pg];
	}
	/*
	 * A person's form is theirs alone: a browser signed in as staff
	 * opens no link, code or form (a reissued link shown to an admin
	 * would otherwise open the person's form in the admin's hands).
	 */
	if ((pg == P_LINK || pg == P_CODE || pg == P_FORM) &&
	    session_check(kv_get(&r->cookies, COOKIE_STAFF), &s) == SES_OK) {
		page_message(p, 403, "You are signed in as staff",
		    "A person's form is for them alone, so it does not open "
		    "in a browser signed in to Heard's staff pages.",
		    "Give the link or code to the person it is for. To try a "
		    "form yourself, sign out first.");
		return page_names[pg];
	}
	/* Staff pages: signed in, with a role the page allows. */
	if (d->roles != 0) {
		switch (session_check(kv_get(&r->cookies, COOKIE_STAFF), &s)) {
		case SES_OK:
			break;
		case SES_ERROR:
			page_fail(p, __func__);
			return page_names[pg];
		default:
			if (r->method == HTTP_POST) {
				page_message(p, 403, "You are signed out",
				    "For your security, staff are signed out "
				    "after 30 minutes without use.",
				    "Sign in again and repeat what you did.");
			} else
				resp_redirect(p, "/admin");
			return page_names[pg];
		}
		db_audit_as(s.who.id, NULL);
		/* A reset password: the person chooses their own first. */
		if (s.who.pw_reset && pg != P_PASSWORD && pg != P_LOGOUT) {
			if (r->method == HTTP_POST)
				page_message(p, 403, "Choose a new password "
				    "first", "Your password was reset.",
				    "Choose your own password, then repeat "
				    "what you did.");
			else
				resp_redirect(p, "/admin/password");
			return page_names[pg];
		}
		if ((d->roles & page_role(&s)) == 0) {
			/* Logged and audited there. */
			adm_not_found(p, &s, page_names[pg]);
			return page_names[pg];
		}
	}
	if (r->method == HTTP_POST && (strcmp(r->fetch_site, "cross-site") ==
	    0 || !csrf_ok(r, d->csrf))) {
		page_message(p, 403, "This page has timed out",
		    "For your security, please go back, reload the page and "
		    "try again.", NULL);
		return page_names[pg];
	}
	http_validate(r, d->fields, d->nfields);
	d->fn(r, p, d->roles != 0 ? &s : NULL);
	return page_names[pg];
}
