/*
 * db: all of Heard's SQL.
 *
 * Statements live in one table, indexed by enum stmt_id, prepared once
 * when the connection opens (SQLITE_PREPARE_PERSISTENT) and reset after
 * each use.  Values are always bound with '?': no SQL text is ever built
 * from data.  bind() takes a tiny format string so each query function
 * stays a few lines long: 'i' int64, 't' text, 'n' text or NULL,
 * 'b' blob of DB_HASH_LEN bytes, 'B' a struct buf * blob.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "db.h"
#include "log.h"

extern const char *const db_migrations[];
extern const size_t db_nmigrations;

enum stmt_id {
	S_BEGIN,
	S_BEGIN_READ,
	S_COMMIT,
	S_ROLLBACK,
	S_SAVEPOINT,
	S_RELEASE,
	S_ROLLBACK_TO,
	S_PING,
	S_META_GET,
	S_META_SET,
	S_STAFF_ADD,
	S_STAFF_GET,
	S_STAFF_SET_PW,
	S_STAFF_DISABLE,
	S_STAFF_RESET_PW,
	S_STAFF_ROLE,
	S_STAFF_REQUEST,
	S_STAFF_APPROVE,
	S_STAFF_REFUSE,
	S_STAFF_PENDING,
	S_SESSION_END_ALL,
	S_STAFF_ORPHANS,
	S_CHILD_GET,
	S_CHILD_ADD,
	S_REVIEW_ADD,
	S_REVIEW_EXISTS,
	S_CONSULT_ADD,
	S_LINK_ADD,
	S_LINK_REVOKE,
	S_CONSULT_BY_TOKEN,
	S_CONSULT_BY_CODE,
	S_CONSULT_GET,
	S_CONSULT_OPENED,
	S_VISIT_ADD,
	S_VISIT_PURGE,
	S_CONSULT_BY_VISIT,
	S_DRAFT_PUT,
	S_DRAFT_GET,
	S_RESPONSE_PUT,
	S_RESPONSE_GET,
	S_CONSULT_RETURNED,
	S_DRAFT_DELETE,
	S_SEALED_ALL,
	S_SEALED_ONE,
	S_LABEL_SEAL,
	S_DOB_SEAL,
	S_LABEL_PLAIN,
	S_DOB_PLAIN,
	S_DOB_PLAIN_SET,
	S_PURGE_LABELS,
	S_PURGE_DOBS,
	S_RESPONSE_RESEAL,
	S_DRAFT_RESEAL,
	S_CHILD_RESEAL,
	S_AUDIT,
	S_STAFF_BY_SESSION,
	S_STAFF_IRO_GET,
	S_STAFF_IRO_ADD,
	S_STAFF_EACH,
	S_PASSPORT_GET,
	S_PASSPORT_SET,
	S_PASSPORT_NAME,
	S_PASSPORT_PHOTO_SET,
	S_PASSPORT_PHOTO_GET,
	S_PASSPORT_ID,
	S_SESSION_ADD,
	S_SESSION_TOUCH,
	S_SESSION_DELETE,
	S_SESSION_PURGE,
	S_ATTEMPT_ADD,
	S_ATTEMPT_COUNT,
	S_ATTEMPT_PURGE,
	S_ATTEMPT_LAST,
	S_REVIEW_GET,
	S_REVIEW_FIND,
	S_REVIEW_EACH,
	S_REVIEW_SET,
	S_REVIEW_PN,
	S_REVIEW_FORMAT,
	S_CONSULT_EACH,
	S_CONSULT_IMPORT,
	S_RATES,	/* DB_BY__COUNT statements, one per grouping */
	S_OPEN = S_RATES + DB_BY__COUNT,	/* as many again */
	S_AUD_MONTH = S_OPEN + DB_BY__COUNT,
	S_TARGET_SET,
	S_TARGET_GET,
	S_PURGE_RESPONSES,
	S_PURGE_DRAFTS,
	S_PURGE_NAMES,
	S_CHILD_DETAILS,
	S_DATA_VERSION,
	/* The statutory timetable (migration 4). */
	S_EPISODE_ADD,
	S_EPISODE_END,
	S_EPISODE_EACH,
	S_TIMELINE,
	S_REVIEW_DUE,
	S_CHILD_NEXT_DUE,
	S_REVIEW_HELD,
	S_REVIEW_REASON,
	S_REVIEW_IRO,
	S_CHILD_IRO,
	S_CHILD_BY_REF,
	S_CHILD_IDS,
	S_TO_BOOK,
	S_HOLIDAY_EACH,
	S_HOLIDAY_YEARS,
	S_HOLIDAY_CLEAR_YEAR,
	S_HOLIDAY_YEAR_ADD,
	S_HOLIDAY_ADD,
	/* Sending and chasing (migration 5). */
	S_CONTACT_PUT,
	S_CONTACT_GET,
	S_CONTACT_RESEAL,
	S_SECRET_PUT,
	S_SECRET_GET,
	S_SECRET_RESEAL,
	S_SECRET_EXPIRE,
	S_CONSULT_WORDING,
	S_CONSULT_SENT,
	S_PLAN_EACH,
	S_PLAN_SET,
	S_PLAN_CLEAR,
	S_SETTING_GET,
	S_SETTING_SET,
	S_SETTING_EACH,
	S_CONSULT_SET_LANG,
	S_LANG_STATUS_SET,
	S_LANG_STATUS_EACH,
	S_OUTBOX_ADD,
	S_OUTBOX_PENDING,
	S_OUTBOX_DUE,
	S_OUTBOX_START,
	S_OUTBOX_SENT,
	S_OUTBOX_RETRY,
	S_OUTBOX_FAIL,
	S_OUTBOX_STOP,
	S_OUTBOX_STOP_CONSULT,
	S_OUTBOX_UNFINAL,
	S_OUTBOX_DELIVERY,
	S_OUTBOX_OF,
	S_OUTBOX_RESTART,
	S_PURGE_CONTACTS,
	S_PURGE_SECRETS,
	S_PURGE_OUTBOX,
	/* Reports a committee can trust (issue 13). */
	S_CONSULT_WITHDRAW,
	S_CONSULT_UNWITHDRAW,
	S_SSDA903,
	/* The chase list (page_chase.c). */
	S_CHASE,
	/* Safeguarding flags (flag.c, migration 14). */
	S_FLAG_ADD,
	S_FLAG_NOTICE_ADD,
	S_FLAG_NOTICE_MANAGERS,
	S_FLAG_ACK,
	S_FLAG_ESCALATE,
	S_FLAG_EACH,
	S_FLAG_GET,
	S_FLAG_OPEN,
	S_FLAG_NOTICE_PENDING,
	S_FLAG_NOTICE_SET,
	S_FLAG_RESEAL,
	S_STAFF_EMAIL,
	S_STAFF_EMAIL_GET,
	S_PURGE_FLAG_ACKS,
	S_HELD,		/* DB_HELD__COUNT statements, one per grouping */
	/* Participation and format: DB_HELD__COUNT, one per grouping. */
	S_PN = S_HELD + DB_HELD__COUNT,
	/* The audit log, 2 * DB_AUDIT__N: by driver, older then newer. */
	S_AUDIT_PAGE = S_PN + DB_HELD__COUNT,
	S__COUNT = S_AUDIT_PAGE + 2 * DB_AUDIT__N
};

/*
 * The columns every consultation lookup returns, in the order
 * row_consult() reads them.  The last day a link works: 14 days after
 * the review, or 28 days after sending for a feedback form.
 */
#define CONSULT_COLS \
	"c.id, c.review_id, l.id, c.audience, c.channel, r.review_date, " \
	"r.status, COALESCE(c.expires_on, CASE WHEN c.audience LIKE " \
	"'feedback%' THEN date(COALESCE(c.sent_on, date(c.issued_at, " \
	"'unixepoch')), '+28 days') ELSE date(r.review_date, '+14 days') " \
	"END), COALESCE(c.sent_on, ''), ch.ref, COALESCE(c.returned_at, 0), " \
	"COALESCE(c.withdrawn_at, 0), COALESCE(l.revoked_at, 0), " \
	"heard_unseal('l', c.id, c.to_ver, c.to_box, c.to_label), COALESCE(c.returned_on, ''), " \
	"COALESCE(c.return_channel, ''), COALESCE(c.opened_at, 0), " \
	"COALESCE(c.draft_at, 0), COALESCE(r.iro_id, ch.iro_id, 0), " \
	"(SELECT count(*) > 1 FROM link lx WHERE lx.consultation_id = c.id), " \
	"COALESCE(c.lang, '') "
#define REVIEW_COLS \
	"r.id, r.child_id, COALESCE(r.iro_id, ch.iro_id, 0), ch.ref, r.type, " \
	"r.review_date, r.status, COALESCE(r.participation, ''), " \
	"COALESCE(s.username, ''), ch.first_name, ch.key_version, " \
	"heard_unseal('b', ch.id, ch.dob_ver, ch.dob_box, ch.dob), COALESCE(ch.age_band, ''), " \
	"COALESCE(r.held_on, ''), COALESCE(r.due_on, ''), " \
	"COALESCE(r.late_reason, ''), COALESCE(r.format, '') " \
	"FROM review r JOIN child ch ON " \
	"ch.id = r.child_id LEFT JOIN staff s ON s.id = " \
	"COALESCE(r.iro_id, ch.iro_id) "

/*
 * A return-rate report grouped by g: sent, returned (any channel) and
 * late (a consultation before the review that came back after the
 * review date; feedback forms are sent after it).  Cancelled reviews and
 * withdrawn consultations are not counted as sent.
 */
#define RATES(g) \
	"SELECT " g ", count(*), count(c.returned_on), " \
	"count(CASE WHEN c.returned_on > r.review_date AND c.audience NOT " \
	"LIKE 'feedback%' THEN 1 END) " \
	"FROM consultation c JOIN review r ON r.id = c.review_id " \
	"JOIN child ch ON ch.id = r.child_id LEFT JOIN staff s ON " \
	"s.id = COALESCE(r.iro_id, ch.iro_id) WHERE c.sent_on BETWEEN ? AND ? " \
	"AND r.status <> 'cancelled' AND c.withdrawn_at IS NULL " \
	"GROUP BY 1 ORDER BY 1"

/*
 * Forms still open, grouped by g: counted as sent (as RATES), not
 * returned, the link's last day (as CONSULT_COLS works it out) not
 * past on ?3, today, and for a consultation before the review, the
 * review still to come (not held or stood down, its date not past).
 */
/*
 * The only consultations that can still be open on day ?3, found by
 * index whatever the period (a ten-year report reads the few hundred
 * of them, not a million): those before a review still to come, and
 * feedback forms sent in the 28 days their links last.  OPEN() then
 * applies the whole rule to these.
 */
#define OPEN_CANDIDATES \
	"SELECT c.id FROM review r JOIN consultation c ON c.review_id = " \
	"r.id WHERE r.review_date >= ?3 AND c.audience NOT LIKE " \
	"'feedback%' UNION ALL SELECT id FROM consultation WHERE sent_on " \
	"BETWEEN max(?1, date(?3, '-28 days')) AND ?2 AND audience LIKE " \
	"'feedback%'"

#define OPEN(g) \
	"SELECT " g ", count(*) FROM (" OPEN_CANDIDATES ") o JOIN " \
	"consultation c ON c.id = o.id JOIN review r ON " \
	"r.id = c.review_id JOIN child ch ON ch.id = r.child_id LEFT JOIN " \
	"staff s ON s.id = COALESCE(r.iro_id, ch.iro_id) WHERE c.sent_on " \
	"BETWEEN ?1 AND ?2 AND r.status <> 'cancelled' AND c.withdrawn_at " \
	"IS NULL AND c.returned_on IS NULL AND COALESCE(c.expires_on, CASE " \
	"WHEN c.audience LIKE 'feedback%' THEN date(c.sent_on, '+28 days') " \
	"ELSE date(r.review_date, '+14 days') END) >= ?3 AND (c.audience " \
	"LIKE 'feedback%' OR (r.review_date >= ?3 AND r.status IN " \
	"('scheduled', 'rearranged'))) GROUP BY 1"

/*
 * The same counts grouped by audience or month, from the per-day summary
 * that triggers keep (db/migrations/002-rate-day.sql): the cost follows
 * the number of days in the period, not of consultations.
 */
#define RATES_DAY(g) \
	"SELECT " g ", sum(sent), sum(returned), sum(late) FROM rate_day " \
	"WHERE day BETWEEN ? AND ? GROUP BY 1 HAVING sum(sent) <> 0 " \
	"ORDER BY 1"

/*
 * Reviews held in a period (by the day held) grouped by g: how many had
 * a known due date, how many of those were held on or before it, and
 * how many had no due date (no looked-after date recorded).
 */
#define HELD(g) \
	"SELECT " g ", count(r.due_on), count(CASE WHEN r.held_on <= " \
	"r.due_on THEN 1 END), count(*) - count(r.due_on) FROM review r " \
	"JOIN child ch ON ch.id = r.child_id LEFT JOIN staff s ON " \
	"s.id = COALESCE(r.iro_id, ch.iro_id) WHERE r.status = 'held' AND " \
	"r.held_on BETWEEN ? AND ? GROUP BY 1 ORDER BY 1"

/*
 * Participation and format of the reviews held from ?1 to ?2 (by the
 * day held), grouped by g, in the order of enum db_pn_count.  a4: the
 * child was 4 or over on the day held (NULL: no date of birth).  The
 * participation figures count children aged 4 and over with a code;
 * the format figures every review held.
 */
#define PN(g) \
	"SELECT g, count(CASE WHEN a4 = 1 AND pn <> '' THEN 1 END), " \
	"count(CASE WHEN a4 = 1 AND pn IN ('PN1', 'PN2', 'PN3', 'PN4', " \
	"'PN5', 'PN6') THEN 1 END), count(CASE WHEN a4 = 1 AND pn IN " \
	"('PN1', 'PN2', 'PN3', 'PN4') THEN 1 END), count(CASE WHEN a4 = 1 " \
	"AND pn = 'PN6' THEN 1 END), count(CASE WHEN a4 = 1 AND pn = '' " \
	"THEN 1 END), count(CASE WHEN a4 = 0 THEN 1 END), count(*) - " \
	"count(a4), count(fmt), count(CASE WHEN fmt = 'in_person' THEN 1 " \
	"END), count(CASE WHEN fmt = 'online' THEN 1 END), count(CASE " \
	"WHEN fmt = 'mixed' THEN 1 END), count(*) - count(fmt) FROM " \
	"(SELECT " g " AS g, COALESCE(r.participation, '') AS pn, " \
	"r.format AS fmt, CASE WHEN ch.turns_4 IS NULL THEN NULL " \
	"WHEN ch.turns_4 <= r.held_on THEN 1 ELSE 0 END " \
	"AS a4 FROM review r JOIN child ch ON ch.id = r.child_id LEFT " \
	"JOIN staff s ON s.id = COALESCE(r.iro_id, ch.iro_id) WHERE " \
	"r.status = 'held' AND r.held_on BETWEEN ?1 AND ?2) " \
	"GROUP BY g ORDER BY g"

/* The actions whose subject is a child's reference. */
#define AUDIT_CHILD_ACTIONS \
	"'issue', 'participation', 'rearrange', 'standdown', 'cancel', " \
	"'review-held', 'review-allocate', 'review-add', 'child-add', " \
	"'child-left', 'review-format'"

/*
 * A page of the audit log: ?1 the cursor (an id: older pages read ids
 * below it newest first, newer pages ids above it oldest first), ?2 a
 * child's reference, ?3 a review id, ?4 a user name ('heardctl' for the
 * command line), ?5 an action, ?6 and ?7 the first second and the
 * second after the last, ?8 the most rows (-1: all); NULL: any.  Each
 * filter is written twice for the filter that leads (k): the planner
 * cannot use an index through "?N IS NULL OR", so the leading filter
 * is also written plainly, and its index is read in id order.
 */
#define AUDIT_SELECT \
	"SELECT a.id, a.at, COALESCE(s.username, a.actor, 'heardctl'), " \
	"a.action, " \
	"a.subject, COALESCE(c.ref, ''), COALESCE(a.review_id, 0) FROM " \
	"audit a LEFT JOIN staff s ON s.id = a.staff_id LEFT JOIN child c " \
	"ON c.id = a.child_id WHERE "
#define AUDIT_FILTERS \
	" AND (?2 IS NULL OR a.child_id = (SELECT id FROM child WHERE " \
	"ref = ?2)) AND (?3 IS NULL OR a.review_id = ?3) AND (?4 IS NULL " \
	"OR CASE WHEN ?4 = 'heardctl' THEN a.staff_id IS NULL ELSE " \
	"a.staff_id = (SELECT id FROM staff WHERE username = ?4) END) AND " \
	"(?5 IS NULL OR a.action = ?5) AND (?6 IS NULL OR a.at >= ?6) AND " \
	"(?7 IS NULL OR a.at < ?7)"
#define AUDIT_PAGE(d, k) \
	[S_AUDIT_PAGE + 2 * (d)] = AUDIT_SELECT "a.id < ?1" k AUDIT_FILTERS \
	    " ORDER BY a.id DESC LIMIT ?8", \
	[S_AUDIT_PAGE + 2 * (d) + 1] = AUDIT_SELECT "a.id > ?1" k \
	    AUDIT_FILTERS " ORDER BY a.id ASC LIMIT ?8"

/* The columns of an outbox row, in the order fill_outbox() reads them. */
#define OUTBOX_COLS \
	"o.id, o.consultation_id, c.review_id, o.kind, o.step, o.workdays, " \
	"COALESCE(o.due_on, ''), o.state, o.cut_off, o.tries, " \
	"COALESCE(o.next_try_at, 0), c.audience, r.review_date, " \
	"COALESCE(r.held_on, ''), r.status, COALESCE(k.kind, ''), " \
	"heard_unseal('l', c.id, c.to_ver, c.to_box, c.to_label), COALESCE(c.wording, ''), " \
	"(c.returned_at IS NOT NULL OR c.withdrawn_at IS NOT NULL), " \
	"COALESCE(o.notify_id, ''), COALESCE(o.delivery, ''), " \
	"COALESCE(o.error, ''), COALESCE(o.sent_on, ''), r.type " \
	"FROM outbox o JOIN consultation c ON c.id = o.consultation_id " \
	"JOIN review r ON r.id = c.review_id LEFT JOIN contact k ON " \
	"k.consultation_id = c.id "

/* The columns of a flag, in the order fill_flag() reads them. */
#define FLAG_COLS \
	"f.id, f.review_id, f.consultation_id, COALESCE(r.iro_id, " \
	"ch.iro_id, 0), ch.ref, r.review_date, f.source, f.question, " \
	"c.audience, f.raised_at, COALESCE(f.escalated_at, 0), " \
	"COALESCE(f.acked_at, 0), COALESCE(rb.username, ''), " \
	"COALESCE(ab.username, ''), COALESCE(i.username, ''), " \
	"COALESCE(f.ack_ver, 0), f.ack_box FROM flag f JOIN review r ON " \
	"r.id = f.review_id JOIN child ch ON ch.id = r.child_id JOIN " \
	"consultation c ON c.id = f.consultation_id LEFT JOIN staff rb ON " \
	"rb.id = f.raised_by LEFT JOIN staff ab ON ab.id = f.acked_by " \
	"LEFT JOIN staff i ON i.id = COALESCE(r.iro_id, ch.iro_id) "

#define CONSULT_FROM \
	"FROM consultation c JOIN review r ON r.id = c.review_id " \
	"JOIN child ch ON ch.id = r.child_id "

static const char *const sql[S__COUNT] = {
	[S_BEGIN] = "BEGIN IMMEDIATE",
	[S_BEGIN_READ] = "BEGIN",
	[S_COMMIT] = "COMMIT",
	[S_ROLLBACK] = "ROLLBACK",
	[S_SAVEPOINT] = "SAVEPOINT one",
	[S_RELEASE] = "RELEASE one",
	[S_ROLLBACK_TO] = "ROLLBACK TO one",
	[S_PING] = "SELECT count(*) FROM meta",
	[S_META_GET] = "SELECT value FROM meta WHERE key = ?",
	[S_META_SET] = "INSERT INTO meta (key, value) VALUES (?, ?) "
	    "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
	[S_STAFF_ADD] = "INSERT INTO staff (username, pw_hash, role, "
	    "created_at) VALUES (?, ?, ?, ?)",
	[S_STAFF_GET] = "SELECT s.id, s.username, s.role, s.pw_hash, "
	    "s.disabled_at IS NOT NULL, s.pw_reset, COALESCE(s.pending_role, "
	    "''), s.pending_add, COALESCE(b.username, ''), "
	    "COALESCE(s.pending_by, 0) FROM staff s LEFT JOIN staff b ON "
	    "b.id = s.pending_by WHERE s.username = ?",
	[S_STAFF_SET_PW] = "UPDATE staff SET pw_hash = ? WHERE id = ?",
	[S_STAFF_DISABLE] = "UPDATE staff SET disabled_at = CASE WHEN ?1 "
	    "THEN COALESCE(disabled_at, ?2) END WHERE id = ?3",
	[S_STAFF_RESET_PW] = "UPDATE staff SET pw_hash = ?, pw_reset = ? "
	    "WHERE id = ?",
	[S_STAFF_ROLE] = "UPDATE staff SET role = ? WHERE id = ?",
	[S_STAFF_REQUEST] = "UPDATE staff SET pending_role = ?1, pending_by "
	    "= ?2, pending_add = ?3, disabled_at = CASE WHEN ?3 THEN "
	    "COALESCE(disabled_at, ?4) ELSE disabled_at END WHERE id = ?5",
	[S_STAFF_APPROVE] = "UPDATE staff SET role = pending_role, "
	    "disabled_at = CASE WHEN pending_add THEN NULL ELSE disabled_at "
	    "END, pending_role = NULL, pending_by = NULL, pending_add = 0 "
	    "WHERE id = ? AND pending_role IS NOT NULL",
	[S_STAFF_REFUSE] = "UPDATE staff SET pending_role = NULL, "
	    "pending_by = NULL WHERE id = ? AND pending_role IS NOT NULL",
	[S_STAFF_PENDING] = "SELECT s.id, s.username, s.role, '', "
	    "s.disabled_at IS NOT NULL, s.pw_reset, s.pending_role, "
	    "s.pending_add, COALESCE(b.username, ''), s.pending_by FROM staff s "
	    "LEFT JOIN staff b ON b.id = s.pending_by WHERE s.pending_role IS "
	    "NOT NULL ORDER BY s.username",
	[S_SESSION_END_ALL] = "DELETE FROM session WHERE staff_id = ?",
	[S_STAFF_ORPHANS] = "SELECT r.id, ch.ref, r.review_date, s.username "
	    "FROM review r JOIN child ch ON ch.id = r.child_id JOIN staff s "
	    "ON s.id = COALESCE(r.iro_id, ch.iro_id) WHERE s.disabled_at IS "
	    "NOT NULL AND r.held_on IS NULL AND r.status NOT IN "
	    "('stood_down', 'cancelled') ORDER BY r.review_date, r.id",
	[S_CHILD_GET] = "SELECT id FROM child WHERE ref = ?",
	[S_CHILD_ADD] = "INSERT INTO child (ref, iro_id, created_at) "
	    "VALUES (?, ?, ?)",
	[S_REVIEW_ADD] = "INSERT INTO review (child_id, type, review_date, "
	    "iro_id, created_at) VALUES (?, ?, ?, ?, ?)",
	[S_REVIEW_EXISTS] = "SELECT 1 FROM review WHERE id = ?",
	[S_CONSULT_ADD] = "INSERT INTO consultation (review_id, audience, "
	    "channel, to_label, sent_on, issued_at) VALUES (?, ?, ?, ?, ?, ?)",
	[S_LINK_ADD] = "INSERT INTO link (consultation_id, token_hash, "
	    "code_hash, created_at) VALUES (?, ?, ?, ?)",
	[S_LINK_REVOKE] = "UPDATE link SET revoked_at = ? WHERE "
	    "consultation_id = ? AND revoked_at IS NULL",
	[S_CONSULT_BY_TOKEN] = "SELECT " CONSULT_COLS CONSULT_FROM
	    "JOIN link l ON l.consultation_id = c.id WHERE l.token_hash = ?",
	[S_CONSULT_BY_CODE] = "SELECT " CONSULT_COLS CONSULT_FROM
	    "JOIN link l ON l.consultation_id = c.id WHERE l.code_hash = ?",
	[S_CONSULT_GET] = "SELECT " CONSULT_COLS CONSULT_FROM
	    "LEFT JOIN link l ON l.consultation_id = c.id AND "
	    "l.revoked_at IS NULL WHERE c.id = ?",
	[S_CONSULT_OPENED] = "UPDATE consultation SET opened_at = ? "
	    "WHERE id = ? AND opened_at IS NULL",
	[S_VISIT_ADD] = "INSERT INTO visit (link_id, cookie_hash, "
	    "expires_at) VALUES (?, ?, ?)",
	[S_VISIT_PURGE] = "DELETE FROM visit WHERE expires_at < ?",
	[S_CONSULT_BY_VISIT] = "SELECT " CONSULT_COLS CONSULT_FROM
	    "JOIN link l ON l.consultation_id = c.id "
	    "JOIN visit v ON v.link_id = l.id "
	    "WHERE v.cookie_hash = ? AND v.expires_at >= ?",
	[S_DRAFT_PUT] = "INSERT INTO draft (consultation_id, key_version, "
	    "box, saved_at) VALUES (?, ?, ?, ?) ON CONFLICT "
	    "(consultation_id) DO UPDATE SET key_version = "
	    "excluded.key_version, box = excluded.box, "
	    "saved_at = excluded.saved_at",
	[S_DRAFT_GET] = "SELECT key_version, box, saved_at, '' FROM draft "
	    "WHERE consultation_id = ?",
	[S_RESPONSE_PUT] = "INSERT INTO response (consultation_id, "
	    "key_version, box, submitted_at, channel) VALUES (?, ?, ?, ?, ?)",
	[S_RESPONSE_GET] = "SELECT key_version, box, submitted_at, channel "
	    "FROM response WHERE consultation_id = ?",
	[S_CONSULT_RETURNED] = "UPDATE consultation SET returned_at = ?, "
	    "returned_on = ?, return_channel = ? WHERE id = ? AND "
	    "returned_at IS NULL",
	[S_DRAFT_DELETE] = "DELETE FROM draft WHERE consultation_id = ?",
	[S_SEALED_ALL] = "SELECT 'r', consultation_id, key_version, box "
	    "FROM response UNION ALL SELECT 'd', consultation_id, "
	    "key_version, box FROM draft UNION ALL SELECT 'n', id, "
	    "key_version, first_name FROM child WHERE first_name IS NOT NULL "
	    "UNION ALL SELECT 'k', consultation_id, key_version, box FROM "
	    "contact UNION ALL SELECT 't', link_id, key_version, box FROM "
	    "link_secret UNION ALL SELECT 'l', id, to_ver, to_box FROM "
	    "consultation WHERE to_box IS NOT NULL UNION ALL SELECT 'b', id, "
	    "dob_ver, dob_box FROM child WHERE dob_box IS NOT NULL UNION ALL "
	    "SELECT 'f', id, ack_ver, ack_box FROM flag WHERE ack_box IS NOT "
	    "NULL",
	/* Any one sealed value: the key check of an older database. */
	[S_SEALED_ONE] = "SELECT * FROM (SELECT 'r', consultation_id, "
	    "key_version, box FROM response LIMIT 1) UNION ALL SELECT * FROM "
	    "(SELECT 'n', id, key_version, first_name FROM child WHERE "
	    "first_name IS NOT NULL LIMIT 1) UNION ALL SELECT * FROM (SELECT "
	    "'t', link_id, key_version, box FROM link_secret LIMIT 1) "
	    "UNION ALL SELECT * FROM (SELECT 'd', consultation_id, "
	    "key_version, box FROM draft LIMIT 1) UNION ALL SELECT * FROM "
	    "(SELECT 'k', consultation_id, key_version, box FROM contact "
	    "LIMIT 1) LIMIT 1",
	[S_RESPONSE_RESEAL] = "UPDATE response SET key_version = ?, box = ? "
	    "WHERE consultation_id = ?",
	[S_DRAFT_RESEAL] = "UPDATE draft SET key_version = ?, box = ? "
	    "WHERE consultation_id = ?",
	[S_CHILD_RESEAL] = "UPDATE child SET key_version = ?, "
	    "first_name = ? WHERE id = ?",
	/*
	 * An entry keeps the review and the child its subject names, so the
	 * audit page can find them: "consultation N ..." (reading views) and
	 * "review N" (a refused reach) name a review; a review's changes
	 * name the child by reference (010-audit-index.sql does the same for
	 * the entries before it).
	 */
	[S_AUDIT] = "INSERT INTO audit (at, staff_id, action, subject, "
	    "review_id, child_id, actor) SELECT ?1, ?2, ?3, ?4, x.rid, "
	    "COALESCE((SELECT r.child_id FROM review r WHERE r.id = x.rid), "
	    "CASE WHEN ?3 IN (" AUDIT_CHILD_ACTIONS ") THEN (SELECT c.id "
	    "FROM child c WHERE c.ref = ?4) END), ?5 FROM (SELECT CASE "
	    "WHEN ?4 LIKE 'consultation %' THEN (SELECT c.review_id FROM "
	    "consultation c WHERE c.id = CAST(substr(?4, 14) AS INTEGER)) "
	    "WHEN ?4 LIKE 'review %' THEN (SELECT r.id FROM review r WHERE "
	    "r.id = CAST(substr(?4, 8) AS INTEGER)) END AS rid) x",
	[S_STAFF_BY_SESSION] = "SELECT s.id, s.username, s.role, '', "
	    "s.disabled_at IS NOT NULL, s.pw_reset, x.created_at, x.seen_at "
	    "FROM session x "
	    "JOIN staff s ON s.id = x.staff_id WHERE x.token_hash = ?",
	[S_STAFF_IRO_GET] = "SELECT id FROM staff WHERE username = ? AND "
	    "role = 'iro'",
	/* '!' is no argon2id string: such an account cannot sign in. */
	[S_STAFF_IRO_ADD] = "INSERT INTO staff (username, pw_hash, role, "
	    "created_at) VALUES (?, '!', 'iro', ?)",
	[S_STAFF_EACH] = "SELECT id, username, role, '', disabled_at IS NOT "
	    "NULL, pw_reset, COALESCE(email, '') FROM staff WHERE role = ? "
	    "ORDER BY username",
	/* The passport: shown to families, so in clear (migration 15). */
	[S_PASSPORT_GET] = "SELECT COALESCE(first_name, ''), "
	    "COALESCE(face, 0), COALESCE(about, ''), photo IS NOT NULL, "
	    "username FROM staff WHERE id = ?",
	[S_PASSPORT_SET] = "UPDATE staff SET first_name = ?, face = ?, "
	    "about = ? WHERE id = ?",
	[S_PASSPORT_NAME] = "UPDATE staff SET first_name = ? WHERE id = ?",
	[S_PASSPORT_PHOTO_SET] = "UPDATE staff SET photo = ? WHERE id = ?",
	[S_PASSPORT_PHOTO_GET] = "SELECT photo FROM staff WHERE id = ? AND "
	    "photo IS NOT NULL",
	[S_PASSPORT_ID] = "SELECT id FROM staff WHERE username = ?",
	[S_SESSION_ADD] = "INSERT INTO session (staff_id, token_hash, "
	    "created_at, seen_at) VALUES (?, ?, ?, ?)",
	[S_SESSION_TOUCH] = "UPDATE session SET seen_at = ? WHERE "
	    "token_hash = ?",
	[S_SESSION_DELETE] = "DELETE FROM session WHERE token_hash = ?",
	[S_SESSION_PURGE] = "DELETE FROM session WHERE seen_at < ? OR "
	    "created_at < ?",
	[S_ATTEMPT_ADD] = "INSERT INTO attempt (kind, who, at) VALUES (?, ?, ?)",
	[S_ATTEMPT_COUNT] = "SELECT count(*) FROM attempt WHERE kind = ? AND "
	    "who = ? AND at >= ?",
	[S_ATTEMPT_PURGE] = "DELETE FROM attempt WHERE at < ?",
	[S_ATTEMPT_LAST] = "SELECT count(*), COALESCE(max(at), 0) FROM "
	    "attempt WHERE kind = ? AND who = ? AND at >= ?",
	[S_REVIEW_GET] = "SELECT " REVIEW_COLS "WHERE r.id = ?",
	[S_REVIEW_FIND] = "SELECT id FROM review WHERE child_id = ? AND "
	    "type = ? AND review_date = ?",
	[S_REVIEW_EACH] = "SELECT " REVIEW_COLS "WHERE r.review_date BETWEEN "
	    "? AND ? AND (?3 = 0 OR COALESCE(r.iro_id, ch.iro_id) = ?3) "
	    "ORDER BY r.review_date, r.id",
	[S_REVIEW_SET] = "UPDATE review SET review_date = COALESCE(?, "
	    "review_date), status = ? WHERE id = ?",
	/* Recording how the child took part does not hold the review:
	 * that is its own act (db_review_held), with its own day. */
	[S_REVIEW_PN] = "UPDATE review SET participation = ? WHERE id = ?",
	[S_REVIEW_FORMAT] = "UPDATE review SET format = ? WHERE id = ?",
	[S_CONSULT_EACH] = "SELECT " CONSULT_COLS CONSULT_FROM
	    "LEFT JOIN link l ON l.consultation_id = c.id AND "
	    "l.revoked_at IS NULL WHERE c.review_id = ? ORDER BY c.id",
	[S_CONSULT_IMPORT] = "INSERT INTO consultation (review_id, audience, "
	    "channel, sent_on, issued_at, import_key) VALUES (?, ?, ?, ?, ?, ?)",
	[S_RATES + DB_BY_AUDIENCE] = RATES_DAY("audience"),
	[S_RATES + DB_BY_IRO] = RATES("COALESCE(s.username, '(no IRO)')"),
	[S_RATES + DB_BY_MONTH] = RATES_DAY("substr(day, 1, 7)"),
	[S_RATES + DB_BY_CHANNEL] = RATES("c.channel"),
	[S_RATES + DB_BY_REVIEW] = RATES("printf('%s %s #%d', ch.ref, "
	    "r.review_date, r.id)"),
	[S_RATES + DB_BY_RETURN_CHANNEL] = RATES("COALESCE(c.return_channel, "
	    "'not returned')"),
	[S_RATES + DB_BY_WORDING] = RATES("COALESCE('wording ' || c.wording, "
	    "'no reminders')"),
	[S_OPEN + DB_BY_AUDIENCE] = OPEN("c.audience"),
	[S_OPEN + DB_BY_IRO] = OPEN("COALESCE(s.username, '(no IRO)')"),
	[S_OPEN + DB_BY_MONTH] = OPEN("substr(c.sent_on, 1, 7)"),
	[S_OPEN + DB_BY_CHANNEL] = OPEN("c.channel"),
	[S_OPEN + DB_BY_REVIEW] = OPEN("printf('%s %s #%d', ch.ref, "
	    "r.review_date, r.id)"),
	[S_OPEN + DB_BY_RETURN_CHANNEL] = OPEN("'not returned'"),
	[S_OPEN + DB_BY_WORDING] = OPEN("COALESCE('wording ' || c.wording, "
	    "'no reminders')"),
	/* Each audience's month, from the per-day summary (migration 2). */
	[S_AUD_MONTH] = "SELECT audience || ' ' || substr(day, 1, 7), "
	    "sum(sent), sum(returned), sum(late) FROM rate_day WHERE day "
	    "BETWEEN ? AND ? GROUP BY audience, substr(day, 1, 7) HAVING "
	    "sum(sent) <> 0 ORDER BY 1",
		/* Targets by financial year, carried forward (migration 8). */
	[S_TARGET_SET] = "INSERT INTO target_year (audience, year, percent) "
	    "VALUES (?, ?, ?) ON CONFLICT (audience, year) DO UPDATE SET "
	    "percent = excluded.percent",
	[S_TARGET_GET] = "SELECT percent FROM target_year WHERE audience = ? "
	    "AND year <= ? ORDER BY year DESC LIMIT 1",
	/* Retention: answers to reviews held before a date.  The counts
	 * and dates stay, so return rates are still right. */
	[S_PURGE_RESPONSES] = "DELETE FROM response WHERE consultation_id IN "
	    "(SELECT c.id FROM consultation c JOIN review r ON "
	    "r.id = c.review_id WHERE r.review_date < ?)",
	[S_PURGE_DRAFTS] = "DELETE FROM draft WHERE consultation_id IN "
	    "(SELECT c.id FROM consultation c JOIN review r ON "
	    "r.id = c.review_id WHERE r.review_date < ?)",
	[S_CHILD_DETAILS] = "UPDATE child SET first_name = COALESCE(?, "
	    "first_name), key_version = CASE WHEN ?2 IS NULL THEN key_version "
	    "ELSE ? END, turns_4 = COALESCE(date(?4, '+4 years'), turns_4), "
	    "age_band = COALESCE(?, age_band) WHERE id = ?",
	/* Sealed labels and dates of birth (012-seal-label-dob.sql). */
	[S_LABEL_SEAL] = "UPDATE consultation SET to_box = ?, to_ver = ?, "
	    "to_label = NULL WHERE id = ?",
	[S_DOB_SEAL] = "UPDATE child SET dob_box = ?, dob_ver = ?, dob = NULL "
	    "WHERE id = ?",
	[S_LABEL_PLAIN] = "SELECT id, to_label FROM consultation WHERE "
	    "to_label IS NOT NULL",
	[S_DOB_PLAIN] = "SELECT id, dob FROM child WHERE dob IS NOT NULL",
	[S_DOB_PLAIN_SET] = "UPDATE child SET dob = ?, dob_box = NULL "
	    "WHERE id = ?",
	[S_PURGE_LABELS] = "UPDATE consultation SET to_box = NULL, "
	    "to_label = NULL WHERE review_id IN (SELECT id FROM review WHERE "
	    "review_date < ?)",
	[S_PURGE_DOBS] = "UPDATE child SET dob_box = NULL, dob = NULL WHERE "
	    "id NOT IN (SELECT child_id FROM review WHERE review_date >= ?)",
	[S_DATA_VERSION] = "PRAGMA data_version",
	[S_PURGE_NAMES] = "UPDATE child SET first_name = NULL WHERE id NOT IN "
	    "(SELECT child_id FROM review WHERE review_date >= ?)",
	[S_EPISODE_ADD] = "INSERT INTO episode (child_id, started_on) "
	    "VALUES (?, ?)",
	[S_EPISODE_END] = "UPDATE episode SET ended_on = ?1 WHERE child_id = ?2 "
	    "AND ended_on IS NULL AND started_on <= ?1",
	[S_EPISODE_EACH] = "SELECT started_on, COALESCE(ended_on, '') FROM "
	    "episode WHERE child_id = ? ORDER BY started_on",
	/* A child's reviews in the order they happen(ed). */
	[S_TIMELINE] = "SELECT id, type, review_date, status, "
	    "COALESCE(held_on, ''), COALESCE(due_on, '') FROM review WHERE "
	    "child_id = ? ORDER BY COALESCE(held_on, review_date), id",
	[S_REVIEW_DUE] = "UPDATE review SET due_on = ?1 WHERE id = ?2 AND "
	    "due_on IS NOT ?1",
	[S_CHILD_NEXT_DUE] = "UPDATE child SET next_due_on = ?1 WHERE id = ?2 "
	    "AND next_due_on IS NOT ?1",
	[S_REVIEW_HELD] = "UPDATE review SET status = 'held', held_on = ? "
	    "WHERE id = ?",
	[S_REVIEW_REASON] = "UPDATE review SET late_reason = ? WHERE id = ?",
	[S_REVIEW_IRO] = "UPDATE review SET iro_id = ? WHERE id = ?",
	[S_CHILD_IRO] = "UPDATE child SET iro_id = ? WHERE id = ?",
	[S_CHILD_BY_REF] = "SELECT ch.id, ch.ref, ch.first_name, "
	    "ch.key_version, heard_unseal('b', ch.id, ch.dob_ver, ch.dob_box, ch.dob), COALESCE(ch.age_band, ''), "
	    "COALESCE(s.username, ''), COALESCE(ch.iro_id, 0), "
	    "COALESCE(ch.next_due_on, '') FROM child ch LEFT JOIN staff s ON "
	    "s.id = ch.iro_id WHERE ch.ref = ?",
	[S_CHILD_IDS] = "SELECT id FROM child ORDER BY id",
	/* Children whose next review is due by a day and is not booked. */
	[S_TO_BOOK] = "SELECT ch.id, ch.ref, ch.first_name, ch.key_version, "
	    "'', '', COALESCE(s.username, ''), COALESCE(ch.iro_id, 0), "
	    "ch.next_due_on FROM child ch LEFT JOIN staff s ON "
	    "s.id = ch.iro_id WHERE ch.next_due_on <= ?1 AND NOT EXISTS "
	    "(SELECT 1 FROM review r WHERE r.child_id = ch.id AND r.status IN "
	    "('scheduled', 'rearranged')) AND (?2 = 0 OR ch.iro_id = ?2) "
	    "ORDER BY ch.next_due_on, ch.ref",
	[S_HOLIDAY_EACH] = "SELECT day, kind FROM holiday ORDER BY day",
	[S_HOLIDAY_YEARS] = "SELECT year FROM holiday_year ORDER BY year",
	[S_HOLIDAY_CLEAR_YEAR] = "DELETE FROM holiday WHERE kind = 'bank' AND "
	    "day BETWEEN printf('%04d-01-01', ?1) AND printf('%04d-12-31', ?1)",
	[S_HOLIDAY_YEAR_ADD] = "INSERT OR IGNORE INTO holiday_year (year) "
	    "VALUES (?)",
	[S_HOLIDAY_ADD] = "INSERT INTO holiday (day, kind, title) VALUES "
	    "(?, ?, ?) ON CONFLICT (day, kind) DO UPDATE SET "
	    "title = excluded.title",
	[S_CONTACT_PUT] = "INSERT INTO contact (consultation_id, kind, "
	    "key_version, box) VALUES (?, ?, ?, ?) ON CONFLICT "
	    "(consultation_id) DO UPDATE SET kind = excluded.kind, "
	    "key_version = excluded.key_version, box = excluded.box",
	[S_CONTACT_GET] = "SELECT key_version, box, 0, kind FROM contact "
	    "WHERE consultation_id = ?",
	[S_CONTACT_RESEAL] = "UPDATE contact SET key_version = ?, box = ? "
	    "WHERE consultation_id = ?",
	[S_SECRET_PUT] = "INSERT INTO link_secret (link_id, key_version, box) "
	    "VALUES (?, ?, ?)",
	/* The live link's sealed token and code; at = the link's id. */
	[S_SECRET_GET] = "SELECT s.key_version, s.box, s.link_id, '' FROM "
	    "link_secret s JOIN link l ON l.id = s.link_id WHERE "
	    "l.consultation_id = ? AND l.revoked_at IS NULL",
	[S_SECRET_RESEAL] = "UPDATE link_secret SET key_version = ?, box = ? "
	    "WHERE link_id = ?",
	/* Links past their last day (as CONSULT_COLS works it out). */
	[S_SECRET_EXPIRE] = "DELETE FROM link_secret WHERE link_id IN "
	    "(SELECT l.id FROM link l JOIN consultation c ON c.id = "
	    "l.consultation_id JOIN review r ON r.id = c.review_id WHERE "
	    "COALESCE(c.expires_on, CASE WHEN c.audience LIKE 'feedback%' "
	    "THEN date(COALESCE(c.sent_on, date(c.issued_at, 'unixepoch')), "
	    "'+28 days') ELSE date(r.review_date, '+14 days') END) < ?)",
	[S_CONSULT_WORDING] = "UPDATE consultation SET wording = ? WHERE id = ?",
	[S_CONSULT_SENT] = "UPDATE consultation SET sent_on = ? WHERE id = ? "
	    "AND sent_on IS NULL",
	[S_PLAN_EACH] = "SELECT audience, kind, step, workdays FROM plan "
	    "WHERE ?1 IS NULL OR audience = ?1 ORDER BY audience, step",
	[S_PLAN_SET] = "INSERT INTO plan (audience, kind, step, workdays) "
	    "VALUES (?, ?, ?, ?) ON CONFLICT (audience, step) DO UPDATE SET "
	    "kind = excluded.kind, workdays = excluded.workdays",
	[S_PLAN_CLEAR] = "DELETE FROM plan WHERE audience = ? AND kind = ?",
	[S_SETTING_GET] = "SELECT value FROM setting WHERE key = ?",
	[S_SETTING_SET] = "INSERT INTO setting (key, value) VALUES (?, ?) "
	    "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
	[S_SETTING_EACH] = "SELECT key, value FROM setting ORDER BY key",
	/* Languages (migration 16): a form's language, and each
	 * translation's status.  NULL is English. */
	[S_CONSULT_SET_LANG] = "UPDATE consultation SET lang = ? WHERE id = ?",
	[S_LANG_STATUS_SET] = "INSERT INTO lang_status (code, status, "
	    "staff_id, actor, at) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT "
	    "(code) DO UPDATE SET status = ?2, staff_id = ?3, actor = ?4, "
	    "at = ?5",
	[S_LANG_STATUS_EACH] = "SELECT l.code, l.status, COALESCE(s.username, "
	    "l.actor, ''), l.at FROM lang_status l LEFT JOIN staff s ON "
	    "s.id = l.staff_id ORDER BY l.code",
	[S_OUTBOX_ADD] = "INSERT INTO outbox (consultation_id, kind, step, "
	    "workdays, due_on) VALUES (?, ?, ?, ?, ?)",
	[S_OUTBOX_PENDING] = "SELECT " OUTBOX_COLS "WHERE o.state IN "
	    "('queued', 'sending') ORDER BY o.consultation_id, o.step",
	[S_OUTBOX_DUE] = "UPDATE outbox SET due_on = ?1 WHERE id = ?2 AND "
	    "due_on IS NOT ?1",
	/* Before the request: from a cut-off 'sending', count the cut. */
	[S_OUTBOX_START] = "UPDATE outbox SET cut_off = cut_off + (state = "
	    "'sending'), state = 'sending', tries = tries + 1 WHERE id = ?",
	[S_OUTBOX_SENT] = "UPDATE outbox SET state = 'sent', notify_id = ?, "
	    "sent_on = ?, sent_at = ?, delivery = 'sending', error = NULL, "
	    "next_try_at = NULL WHERE id = ?",
	[S_OUTBOX_RETRY] = "UPDATE outbox SET state = 'queued', next_try_at = "
	    "?, error = ? WHERE id = ?",
	[S_OUTBOX_FAIL] = "UPDATE outbox SET state = 'failed', error = ? "
	    "WHERE id = ?",
	[S_OUTBOX_STOP] = "UPDATE outbox SET state = 'stopped', error = ? "
	    "WHERE id = ? AND state IN ('queued', 'sending')",
	[S_OUTBOX_STOP_CONSULT] = "UPDATE outbox SET state = 'stopped', "
	    "error = ? WHERE consultation_id = ? AND state IN ('queued', "
	    "'sending')",
	[S_OUTBOX_UNFINAL] = "SELECT " OUTBOX_COLS "WHERE o.state = 'sent' "
	    "AND o.notify_id IS NOT NULL AND o.delivery NOT IN ('delivered', "
	    "'permanent-failure', 'temporary-failure', 'technical-failure', "
	    "'received', 'validation-failed', 'cancelled') ORDER BY o.id",
	[S_OUTBOX_DELIVERY] = "UPDATE outbox SET delivery = ? WHERE id = ?",
	[S_OUTBOX_OF] = "SELECT " OUTBOX_COLS "WHERE o.consultation_id = ? "
	    "ORDER BY o.step",
	/* A new contact: what never reached the old one goes again. */
	[S_OUTBOX_RESTART] = "DELETE FROM outbox WHERE consultation_id = ? "
	    "AND (state IN ('queued', 'failed', 'stopped') OR (state = 'sent' "
	    "AND delivery IN ('permanent-failure', 'temporary-failure', "
	    "'technical-failure', 'validation-failed')))",
	/* Retention: contacts and sealed links of reviews before a day;
	 * messages not yet sent to them can no longer go. */
	[S_PURGE_CONTACTS] = "DELETE FROM contact WHERE consultation_id IN "
	    "(SELECT c.id FROM consultation c JOIN review r ON "
	    "r.id = c.review_id WHERE r.review_date < ?)",
	[S_PURGE_SECRETS] = "DELETE FROM link_secret WHERE link_id IN "
	    "(SELECT l.id FROM link l JOIN consultation c ON c.id = "
	    "l.consultation_id JOIN review r ON r.id = c.review_id WHERE "
	    "r.review_date < ?)",
	[S_PURGE_OUTBOX] = "UPDATE outbox SET state = 'stopped', error = "
	    "'purged' WHERE state IN ('queued', 'sending') AND "
	    "consultation_id IN (SELECT c.id FROM consultation c JOIN review "
	    "r ON r.id = c.review_id WHERE r.review_date < ?)",
	/* A consultation withdrawn (its link revoked, none reissued) leaves
	 * the counts; one that came back stays counted. */
	[S_CONSULT_WITHDRAW] = "UPDATE consultation SET withdrawn_at = ? "
	    "WHERE id = ? AND withdrawn_at IS NULL AND returned_at IS NULL",
	[S_CONSULT_UNWITHDRAW] = "UPDATE consultation SET withdrawn_at = NULL "
	    "WHERE id = ?",
	/* The SSDA903 Reviews table: every review held in a period. */
	[S_SSDA903] = "SELECT r.id, ch.ref, heard_unseal('b', ch.id, ch.dob_ver, ch.dob_box, ch.dob), r.held_on, "
	    "COALESCE(r.participation, '') FROM review r JOIN child ch ON "
	    "ch.id = r.child_id WHERE r.status = 'held' AND r.held_on BETWEEN "
	    "? AND ? ORDER BY r.held_on, ch.ref, r.id",
	/*
	 * The chase list: consultations not yet back (nor withdrawn) for
	 * reviews in a date range that are still on, filtered, the first
	 * ?8 in review date order with how many there are in all.  The
	 * filtered rows come from review_date_idx and the consultation's
	 * review index; only the rows shown look up their last message.
	 */
	[S_CHASE] = "WITH m AS (SELECT c.id, c.review_id, ch.ref, "
	    "r.review_date, c.audience, heard_unseal('l', c.id, c.to_ver, c.to_box, c.to_label), c.channel, "
	    "COALESCE(k.kind, ''), COALESCE(c.sent_on, ''), "
	    "COALESCE(c.opened_at, 0), COALESCE(c.draft_at, 0), "
	    "COALESCE(s.username, ''), count(*) OVER () AS n "
	    "FROM review r JOIN consultation c ON c.review_id = r.id "
	    "JOIN child ch ON ch.id = r.child_id LEFT JOIN staff s ON "
	    "s.id = COALESCE(r.iro_id, ch.iro_id) LEFT JOIN contact k ON "
	    "k.consultation_id = c.id WHERE r.review_date BETWEEN ?1 AND ?2 "
	    "AND r.status NOT IN ('cancelled', 'stood_down') AND "
	    "c.returned_at IS NULL AND c.withdrawn_at IS NULL AND "
	    "(?3 IS NULL OR c.audience = ?3) AND (?4 = 0 OR "
	    "COALESCE(r.iro_id, ch.iro_id) = ?4) AND (?5 IS NULL OR "
	    "c.channel = ?5) AND (?6 < 0 OR (c.opened_at IS NOT NULL) = ?6) "
	    "AND (?7 = 0 OR EXISTS (SELECT 1 FROM outbox f WHERE "
	    "f.consultation_id = c.id AND (f.state = 'failed' OR f.delivery "
	    "IN ('permanent-failure', 'temporary-failure', "
	    "'technical-failure')))) ORDER BY r.review_date, ch.ref, c.id "
	    "LIMIT ?8) "
	    "SELECT m.*, COALESCE(o.kind, ''), COALESCE(o.state, ''), "
	    "COALESCE(o.delivery, ''), COALESCE(o.sent_on, o.due_on, ''), "
	    "COALESCE(o.error, '') FROM m LEFT JOIN outbox o ON o.id = "
	    "(SELECT x.id FROM outbox x WHERE x.consultation_id = m.id "
	    "ORDER BY x.state IN ('queued', 'stopped'), CASE WHEN x.state IN "
	    "('queued', 'stopped') THEN x.step ELSE -x.step END LIMIT 1) "
	    "ORDER BY m.review_date, m.ref, m.id",
	[S_FLAG_ADD] = "INSERT INTO flag (review_id, consultation_id, source, "
	    "question, raised_at, raised_by) VALUES (?, ?, ?, ?, ?, ?)",
	/* staff_id NULL: the duty address. */
	[S_FLAG_NOTICE_ADD] = "INSERT INTO flag_notice (flag_id, kind, "
	    "staff_id) VALUES (?, ?, ?)",
	[S_FLAG_NOTICE_MANAGERS] = "INSERT INTO flag_notice (flag_id, kind, "
	    "staff_id) SELECT ?, 'escalated', id FROM staff WHERE role = "
	    "'manager' AND disabled_at IS NULL ORDER BY id",
	/* Once: a second acknowledgement changes nothing. */
	[S_FLAG_ACK] = "UPDATE flag SET acked_at = ?, acked_by = ?, ack_ver "
	    "= ?, ack_box = ? WHERE id = ? AND acked_at IS NULL",
	[S_FLAG_ESCALATE] = "UPDATE flag SET escalated_at = ? WHERE id = ? "
	    "AND escalated_at IS NULL AND acked_at IS NULL",
	/* ?1 an IRO (0: all), ?2 open only, ?3 not yet escalated only;
	 * open ones first, newest first. */
	[S_FLAG_EACH] = "SELECT " FLAG_COLS "WHERE (?1 = 0 OR "
	    "COALESCE(r.iro_id, ch.iro_id) = ?1) AND (?2 = 0 OR f.acked_at IS "
	    "NULL) AND (?3 = 0 OR f.escalated_at IS NULL) ORDER BY "
	    "f.acked_at IS NOT NULL, f.raised_at DESC, f.id DESC",
	[S_FLAG_GET] = "SELECT " FLAG_COLS "WHERE f.id = ?",
	[S_FLAG_OPEN] = "SELECT count(*), count(f.escalated_at) FROM flag f "
	    "JOIN review r ON r.id = f.review_id JOIN child ch ON ch.id = "
	    "r.child_id WHERE f.acked_at IS NULL AND (?1 = 0 OR "
	    "COALESCE(r.iro_id, ch.iro_id) = ?1)",
	[S_FLAG_NOTICE_PENDING] = "SELECT n.id, n.flag_id, n.kind, "
	    "COALESCE(n.staff_id, 0), COALESCE(s.email, ''), n.tries, "
	    "COALESCE(s.username, '') FROM flag_notice n LEFT JOIN staff s ON "
	    "s.id = n.staff_id WHERE n.state IN ('queued', 'sending') "
	    "ORDER BY n.id",
	[S_FLAG_NOTICE_SET] = "UPDATE flag_notice SET state = ?, notify_id = "
	    "COALESCE(?, notify_id), error = ?, sent_at = ?, tries = tries + ? "
	    "WHERE id = ?",
	[S_FLAG_RESEAL] = "UPDATE flag SET ack_ver = ?, ack_box = ? WHERE "
	    "id = ?",
	[S_STAFF_EMAIL] = "UPDATE staff SET email = ? WHERE id = ?",
	[S_STAFF_EMAIL_GET] = "SELECT COALESCE(email, '') FROM staff WHERE "
	    "id = ?",
	/* Retention: what was done about an old review's flag goes with
	 * its answers; who acknowledged it and when stay. */
	[S_PURGE_FLAG_ACKS] = "UPDATE flag SET ack_box = NULL, ack_ver = NULL "
	    "WHERE ack_box IS NOT NULL AND review_id IN (SELECT id FROM review "
	    "WHERE review_date < ?)",
	[S_HELD + DB_HELD_ALL] = HELD("'all'"),
	[S_HELD + DB_HELD_IRO] = HELD("COALESCE(s.username, '(no IRO)')"),
	[S_HELD + DB_HELD_MONTH] = HELD("substr(r.held_on, 1, 7)"),
	[S_PN + DB_HELD_ALL] = PN("'all'"),
	[S_PN + DB_HELD_IRO] = PN("COALESCE(s.username, '(no IRO)')"),
	[S_PN + DB_HELD_MONTH] = PN("substr(r.held_on, 1, 7)"),
	AUDIT_PAGE(DB_AUDIT_ANY, ""),
	AUDIT_PAGE(DB_AUDIT_REVIEW, " AND a.review_id = ?3"),
	AUDIT_PAGE(DB_AUDIT_CHILD, " AND a.child_id = (SELECT id FROM child "
	    "WHERE ref = ?2)"),
	AUDIT_PAGE(DB_AUDIT_PERSON, " AND a.staff_id = (SELECT id FROM staff "
	    "WHERE username = ?4)"),
	AUDIT_PAGE(DB_AUDIT_ACTION, " AND a.action = ?5"),
};

static sqlite3		*db;
static sqlite3_stmt	*st[S__COUNT];

/* Log the connection's last error for a statement. */
static void
db_log(const char *fn, enum stmt_id id)
{
	log_line("%s: sqlite: %s (statement %d)", fn, sqlite3_errmsg(db),
	    (int)id);
}

/*
 * Reset statement id and bind its parameters from fmt (see top of
 * file).  Returns the statement, or NULL after logging.
 */
static sqlite3_stmt *
bind(enum stmt_id id, const char *fmt, ...)
{
	sqlite3_stmt		*s = st[id];
	va_list			 ap;
	const char		*t;
	const unsigned char	*b;
	const struct buf	*bb;
	int			 i, rc = SQLITE_OK;

	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	va_start(ap, fmt);
	for (i = 1; *fmt != '\0' && rc == SQLITE_OK; fmt++, i++) {
		switch (*fmt) {
		case 'i':
			rc = sqlite3_bind_int64(s, i, va_arg(ap, int64_t));
			break;
		case 't':
		case 'n':
			t = va_arg(ap, const char *);
			rc = t == NULL ? sqlite3_bind_null(s, i) :
			    sqlite3_bind_text(s, i, t, -1, SQLITE_TRANSIENT);
			break;
		case 'b':
			b = va_arg(ap, const unsigned char *);
			rc = sqlite3_bind_blob(s, i, b, DB_HASH_LEN,
			    SQLITE_TRANSIENT);
			break;
		case 'B':
			bb = va_arg(ap, const struct buf *);
			rc = sqlite3_bind_blob(s, i, bb->data == NULL ? "" :
			    bb->data, (int)bb->len, SQLITE_TRANSIENT);
			break;
		}
	}
	va_end(ap);
	if (rc != SQLITE_OK) {
		db_log(__func__, id);
		return NULL;
	}
	return s;
}

/*
 * Run a statement that returns no rows (or whose rows are ignored).
 * Returns DB_OK, DB_EXISTS on a uniqueness violation, or DB_ERR.
 */
static int
run(enum stmt_id id, sqlite3_stmt *s)
{
	int	 rc;

	if (s == NULL)
		return DB_ERR;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		;
	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		return DB_OK;
	/* Extended result codes are on: rc is SQLITE_CONSTRAINT_*. */
	if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY)
		return DB_EXISTS;
	db_log(__func__, id);
	return DB_ERR;
}

/* Step once: DB_OK with a row ready, DB_NOTFOUND, or DB_ERR. */
static int
row(enum stmt_id id, sqlite3_stmt *s)
{
	int	 rc;

	if (s == NULL)
		return DB_ERR;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		return DB_OK;
	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		return DB_NOTFOUND;
	db_log(__func__, id);
	return DB_ERR;
}

/* Copy text column i into dst of size n ("" for NULL). */
static void
col_text(sqlite3_stmt *s, int i, char *dst, size_t n)
{
	const unsigned char	*t = sqlite3_column_text(s, i);

	snprintf(dst, n, "%s", t == NULL ? "" : (const char *)t);
}

/* Seconds since the epoch. */
static int64_t
now(void)
{
	return (int64_t)time(NULL);
}

/*
 * Wait for a busy database in steps of 0.2 ms, up to about 5 seconds.
 * SQLite's own handler sleeps 1, 2, 5, 10... ms, far longer than a
 * commit here takes, so under load workers slept while the lock was
 * free.  Returns non-zero to try again.
 */
static int
busy(void *arg, int n)
{
	(void)arg;
	if (n >= 25000)
		return 0;
	usleep(200);
	return 1;
}

/* Apply the compiled-in migrations past the database's user_version. */
static int
migrate(char *err, size_t errlen)
{
	int	 v = db_version();
	size_t	 i;
	char	*msg = NULL;
	char	 pragma[64];

	if (v < 0) {
		snprintf(err, errlen, "cannot read user_version: %s",
		    sqlite3_errmsg(db));
		return -1;
	}
	if ((size_t)v > db_nmigrations) {
		snprintf(err, errlen, "database is version %d but this Heard "
		    "knows only up to %zu: run a newer Heard", v,
		    db_nmigrations);
		return -1;
	}
	for (i = (size_t)v; i < db_nmigrations; i++) {
		snprintf(pragma, sizeof(pragma), "PRAGMA user_version = %zu",
		    i + 1);
		if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, &msg) ||
		    sqlite3_exec(db, db_migrations[i], NULL, NULL, &msg) ||
		    sqlite3_exec(db, pragma, NULL, NULL, &msg) ||
		    sqlite3_exec(db, "COMMIT", NULL, NULL, &msg)) {
			snprintf(err, errlen, "migration %zu failed: %s",
			    i + 1, msg == NULL ? "?" : msg);
			sqlite3_free(msg);
			sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
			return -1;
		}
	}
	return 0;
}

/*
 * How sealed labels and dates of birth are opened and sealed: crypto.c's
 * cr_open() and cr_seal(), given by keycheck.c (db.c knows no crypto).
 * Until given, they are written plain, and db_seal_plain() seals them.
 */
static db_open_fn	*box_open;
static db_seal_fn	*box_seal;

/* Give the functions that open and seal values. */
void
db_set_box_fns(db_open_fn *o, db_seal_fn *sl)
{
	box_open = o;
	box_seal = sl;
}

/*
 * SQL heard_unseal(letter, id, ver, box, plain): the opened box, else the
 * plain value (before db_seal_plain() ran), else ''.  A box that does
 * not open reads '' and is logged.
 */
static void
sql_unseal(sqlite3_context *cx, int argc, sqlite3_value **v)
{
	struct buf	 out = { 0 };
	const unsigned char *letter = sqlite3_value_text(v[0]);
	int64_t		 id = sqlite3_value_int64(v[1]);

	(void)argc;
	if (sqlite3_value_type(v[3]) == SQLITE_NULL || box_open == NULL ||
	    letter == NULL) {
		if (sqlite3_value_type(v[4]) == SQLITE_NULL)
			sqlite3_result_text(cx, "", 0, SQLITE_STATIC);
		else
			sqlite3_result_value(cx, v[4]);
		return;
	}
	if (box_open((uint32_t)sqlite3_value_int64(v[2]), (char)letter[0], id,
	    sqlite3_value_blob(v[3]), (size_t)sqlite3_value_bytes(v[3]),
	    &out) == -1) {
		log_line("%s: %c %lld does not decrypt", __func__,
		    (char)letter[0], (long long)id);
		sqlite3_result_text(cx, "", 0, SQLITE_STATIC);
	} else
		sqlite3_result_text(cx, out.data == NULL ? "" : out.data,
		    (int)out.len, SQLITE_TRANSIENT);
	buf_free(&out);
}

/* The key version values are sealed under now (meta key_version). */
static uint32_t
box_version(void)
{
	char	 v[16];

	if (db_meta_get("key_version", v, sizeof(v)) != DB_OK)
		return 0;
	return (uint32_t)strtoul(v, NULL, 10);
}

/*
 * Seal text for row id of table letter ('l' a label, 'b' a date of
 * birth) and store it with statement sid (box, version, id).
 */
static int
seal_into(enum stmt_id sid, char letter, int64_t id, const char *text)
{
	struct buf	 box = { 0 };
	uint32_t	 ver = box_version();
	int		 rc;

	box_seal(ver, letter, id, text, strlen(text), &box);
	rc = run(sid, bind(sid, "Bii", &box, (int64_t)ver, id));
	buf_free(&box);
	return rc;
}

/*
 * Seal every label and date of birth still plain (written before
 * migration 12, or before the box functions were given) and clear the
 * plain copy, in one transaction.  Returns DB_OK or DB_ERR.
 */
int
db_seal_plain(void)
{
	static const struct {
		enum stmt_id	 sel, put;
		char		 letter;
	} kind[] = {
		{ S_LABEL_PLAIN, S_LABEL_SEAL, 'l' },
		{ S_DOB_PLAIN, S_DOB_SEAL, 'b' },
	};
	struct plain { int64_t id; char *text; } *p = NULL;
	sqlite3_stmt	*s;
	size_t		 n = 0, i, k;
	int		 rc = DB_OK;

	if (box_seal == NULL)
		return DB_ERR;
	if (db_begin() != DB_OK)
		return DB_ERR;
	for (k = 0; k < 2 && rc == DB_OK; k++) {
		if ((s = bind(kind[k].sel, "")) == NULL) {
			rc = DB_ERR;
			break;
		}
		while (sqlite3_step(s) == SQLITE_ROW) {
			p = xrealloc(p, (n + 1) * sizeof(*p));
			p[n].id = sqlite3_column_int64(s, 0);
			p[n].text = xstrdup((const char *)
			    sqlite3_column_text(s, 1));
			n++;
		}
		sqlite3_reset(s);
		for (i = 0; i < n; i++) {
			if (rc == DB_OK)
				rc = seal_into(kind[k].put, kind[k].letter,
				    p[i].id, p[i].text);
			free(p[i].text);
		}
		n = 0;
	}
	free(p);
	if (rc != DB_OK) {
		db_rollback();
		return DB_ERR;
	}
	return db_commit();
}

/*
 * Create path if it does not exist, readable and writable by its owner
 * only whatever the umask (SQLite gives the WAL, its shared memory and
 * any journal the database file's mode).  excl: fail if it exists.
 * Returns 0, or -1 with errno set.
 */
static int
create_private(const char *path, int excl)
{
	struct stat	 sb;
	int		 fd;

	fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW |
	    (excl ? O_EXCL : 0), 0600);
	if (fd == -1)
		return -1;
	if (fstat(fd, &sb) == 0 && sb.st_size == 0 &&
	    (sb.st_mode & 0777) != 0600)
		fchmod(fd, 0600);
	return close(fd);
}

/*
 * Open (creating if asked) the database at path, set the pragmas, apply
 * migrations and prepare every statement.  Returns 0, or -1 with
 * "file:0: what is wrong" in err.
 */
int
db_open(const char *path, int create, char *err, size_t errlen)
{
	int	 flags, i;
	char	 why[512];

	flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX |
	    (create ? SQLITE_OPEN_CREATE : 0);
	if (create && create_private(path, 0) == -1) {
		snprintf(err, errlen, "%s:0: cannot create database: %s", path,
		    strerror(errno));
		return -1;
	}
	if (sqlite3_open_v2(path, &db, flags, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "%s:0: cannot open database: %s", path,
		    db == NULL ? "out of memory" : sqlite3_errmsg(db));
		db_close();
		return -1;
	}
	sqlite3_extended_result_codes(db, 1);
	/*
	 * synchronous=FULL: an acknowledged answer must survive a power
	 * cut, and nearly every write Heard makes is a person's answer or
	 * the record that it came back.
	 *
	 * These settings also suit Litestream (README "Continuous
	 * replication"), whose tips ask for WAL and a busy timeout of about
	 * 5 s: busy() waits that long, because Litestream takes short write
	 * locks to checkpoint.  SQLite's automatic checkpoint stays on (1000
	 * pages): it is PASSIVE, so it never waits for or restarts the WAL
	 * under Litestream's read lock, and Heard must also run without a
	 * replica, when nothing else would ever checkpoint.  Litestream's
	 * advice to turn it off is for high write loads, where the race it
	 * can lose only makes Litestream start a new snapshot; a council
	 * sends a few hundred forms a day.  The one checkpoint that would
	 * fight it, purge's TRUNCATE, is skipped when a replica is
	 * configured (db_purge).
	 */
	if (sqlite3_busy_handler(db, busy, NULL) != SQLITE_OK ||
	    sqlite3_exec(db, "PRAGMA journal_mode = WAL; "
	    "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; "
	    "PRAGMA secure_delete = ON; PRAGMA trusted_schema = OFF",
	    NULL, NULL, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "%s:0: cannot set up database: %s",
		    path, sqlite3_errmsg(db));
		db_close();
		return -1;
	}
	if (migrate(why, sizeof(why)) == -1) {
		snprintf(err, errlen, "%s:0: %s", path, why);
		db_close();
		return -1;
	}
	if (sqlite3_create_function(db, "heard_unseal", 5, SQLITE_UTF8 |
	    SQLITE_DETERMINISTIC, NULL, sql_unseal, NULL, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "%s:0: cannot add heard_unseal: %s",
		    path, sqlite3_errmsg(db));
		db_close();
		return -1;
	}
	for (i = 0; i < S__COUNT; i++)
		if (sqlite3_prepare_v3(db, sql[i], -1,
		    SQLITE_PREPARE_PERSISTENT, &st[i], NULL) != SQLITE_OK) {
			snprintf(err, errlen, "%s:0: statement %d: %s", path,
			    i, sqlite3_errmsg(db));
			db_close();
			return -1;
		}
	return 0;
}

/* Finalize every statement and close the connection. */
void
db_close(void)
{
	int	 i;

	for (i = 0; i < S__COUNT; i++) {
		sqlite3_finalize(st[i]);
		st[i] = NULL;
	}
	sqlite3_close(db);
	db = NULL;
}

/*
 * Virtual-machine steps run by this connection's statements so far: a
 * measure of database work that does not depend on the machine's speed
 * or load, so a test can compare two lookups exactly.
 */
uint64_t
db_steps(void)
{
	uint64_t	 n = 0;
	int		 i;

	for (i = 0; i < S__COUNT; i++)
		if (st[i] != NULL)
			n += (uint64_t)sqlite3_stmt_status(st[i],
			    SQLITE_STMTSTATUS_VM_STEP, 0);
	return n;
}

/* PRAGMA user_version, or -1. */
int
db_version(void)
{
	sqlite3_stmt	*s;
	int		 v = -1;

	if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &s, NULL) !=
	    SQLITE_OK)
		return -1;
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return v;
}

/* The schema version this Heard writes: its last migration's. */
int
db_version_expected(void)
{
	return (int)db_nmigrations;
}

/*
 * Check a database file that is not being served (a restored replica)
 * on a connection of its own: PRAGMA integrity_check says "ok", PRAGMA
 * foreign_key_check finds nothing, and its schema version is one this
 * Heard can serve (not newer).  Fills *version.  Returns 0, or -1 with
 * what is wrong in why.
 */
int
db_check_file(const char *path, int *version, char *why, size_t whylen)
{
	sqlite3		*c = NULL;
	sqlite3_stmt	*s = NULL;
	const char	*t;
	int		 rc = -1, n = 0;

	*version = -1;
	if (sqlite3_open_v2(path, &c, SQLITE_OPEN_READWRITE, NULL) !=
	    SQLITE_OK) {
		snprintf(why, whylen, "cannot open it: %s",
		    c == NULL ? "out of memory" : sqlite3_errmsg(c));
		goto out;
	}
	if (sqlite3_prepare_v2(c, "PRAGMA integrity_check", -1, &s, NULL) !=
	    SQLITE_OK || sqlite3_step(s) != SQLITE_ROW) {
		snprintf(why, whylen, "integrity check failed: %s",
		    sqlite3_errmsg(c));
		goto out;
	}
	t = (const char *)sqlite3_column_text(s, 0);
	if (t == NULL || strcmp(t, "ok") != 0) {
		snprintf(why, whylen, "integrity check failed: %s",
		    t == NULL ? "?" : t);
		goto out;
	}
	sqlite3_finalize(s);
	if (sqlite3_prepare_v2(c, "PRAGMA foreign_key_check", -1, &s, NULL) !=
	    SQLITE_OK) {
		snprintf(why, whylen, "foreign key check failed: %s",
		    sqlite3_errmsg(c));
		goto out;
	}
	while (sqlite3_step(s) == SQLITE_ROW)
		if (n++ == 0)
			snprintf(why, whylen, "a row of %s refers to a missing "
			    "row of %s", sqlite3_column_text(s, 0),
			    sqlite3_column_text(s, 2));
	if (n > 0) {
		snprintf(why + strlen(why), whylen - strlen(why),
		    " (%d rows break a foreign key)", n);
		goto out;
	}
	sqlite3_finalize(s);
	if (sqlite3_prepare_v2(c, "PRAGMA user_version", -1, &s, NULL) !=
	    SQLITE_OK || sqlite3_step(s) != SQLITE_ROW) {
		snprintf(why, whylen, "cannot read its schema version: %s",
		    sqlite3_errmsg(c));
		goto out;
	}
	*version = sqlite3_column_int(s, 0);
	if (*version < 1 || (size_t)*version > db_nmigrations) {
		snprintf(why, whylen, "its schema version is %d; this Heard "
		    "serves 1 to %zu", *version, db_nmigrations);
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(s);
	sqlite3_close(c);
	return rc;
}

/* 0 if the database answers a read, else -1. */
int
db_ping(void)
{
	int	 rc = row(S_PING, bind(S_PING, ""));

	sqlite3_reset(st[S_PING]);
	return rc == DB_OK ? 0 : -1;
}

/*
 * BEGIN IMMEDIATE, retried: the busy handler already waits about 5 s, and
 * a write lock held longer than that by a backup or import is worth
 * waiting out rather than showing a person an error.
 */
int
db_begin(void)
{
	int	 tries, rc;

	for (tries = 0; tries < 6; tries++) {
		sqlite3_reset(st[S_BEGIN]);
		rc = sqlite3_step(st[S_BEGIN]);
		sqlite3_reset(st[S_BEGIN]);
		if (rc == SQLITE_DONE)
			return DB_OK;
		if ((rc & 0xff) != SQLITE_BUSY)
			break;
	}
	db_log(__func__, S_BEGIN);
	return DB_ERR;
}

/* COMMIT; on failure the transaction is rolled back.  DB_OK or DB_ERR. */
int
db_commit(void)
{
	if (run(S_COMMIT, bind(S_COMMIT, "")) == DB_OK)
		return DB_OK;
	db_rollback();
	return DB_ERR;
}

/*
 * Savepoints inside a transaction, so one part of a batch can fail and
 * be undone without the rest: db_savepoint() opens one, db_release(ok)
 * keeps its changes (ok) or undoes them, and closes it.
 */
int
db_savepoint(void)
{
	return run(S_SAVEPOINT, bind(S_SAVEPOINT, ""));
}

int
db_release(int ok)
{
	if (!ok && run(S_ROLLBACK_TO, bind(S_ROLLBACK_TO, "")) != DB_OK)
		return DB_ERR;
	return run(S_RELEASE, bind(S_RELEASE, ""));
}

/*
 * A read transaction for a request that only reads: SQLite then takes
 * and drops its file and WAL locks once for all its statements, instead
 * of once per statement (a fifth of a form page's time).  db_read_end()
 * closes it.  Returns DB_OK or DB_ERR; never call db_begin() inside.
 */
int
db_read_begin(void)
{
	return run(S_BEGIN_READ, bind(S_BEGIN_READ, ""));
}

void
db_read_end(void)
{
	if (run(S_COMMIT, bind(S_COMMIT, "")) != DB_OK)
		db_rollback();
}

/* ROLLBACK if a transaction is open. */
void
db_rollback(void)
{
	if (!sqlite3_get_autocommit(db))
		run(S_ROLLBACK, bind(S_ROLLBACK, ""));
}

/* Read a meta value into dst.  DB_OK, DB_NOTFOUND or DB_ERR. */
int
db_meta_get(const char *key, char *dst, size_t n)
{
	sqlite3_stmt	*s = bind(S_META_GET, "t", key);
	int		 rc;

	if ((rc = row(S_META_GET, s)) == DB_OK) {
		col_text(s, 0, dst, n);
		sqlite3_reset(s);
	}
	return rc;
}

/* Set a meta value. */
int
db_meta_set(const char *key, const char *val)
{
	return run(S_META_SET, bind(S_META_SET, "tt", key, val));
}

/* Add a staff user; DB_EXISTS if the name is taken. */
int
db_staff_add(const char *name, const char *pwhash, const char *role,
    int64_t *id)
{
	int	 rc;

	rc = run(S_STAFF_ADD, bind(S_STAFF_ADD, "ttti", name, pwhash, role,
	    now()));
	if (rc == DB_OK)
		*id = sqlite3_last_insert_rowid(db);
	return rc;
}

static void	 row_staff(sqlite3_stmt *, struct db_staff *);

/* Look a staff user up by name. */
int
db_staff_get(const char *name, struct db_staff *out)
{
	sqlite3_stmt	*s = bind(S_STAFF_GET, "t", name);
	int		 rc;

	if ((rc = row(S_STAFF_GET, s)) != DB_OK)
		return rc;
	memset(out, 0, sizeof(*out));
	row_staff(s, out);
	sqlite3_reset(s);
	return DB_OK;
}

/* Replace a staff user's password hash. */
int
db_staff_set_pw(int64_t id, const char *pwhash)
{
	return run(S_STAFF_SET_PW, bind(S_STAFF_SET_PW, "ti", pwhash, id));
}

/*
 * Disable (on) or enable a staff account; disabling ends its sessions
 * at once.  Inside the caller's transaction.
 */
int
db_staff_disable(int64_t id, int on)
{
	int	 rc;

	rc = run(S_STAFF_DISABLE, bind(S_STAFF_DISABLE, "iii", (int64_t)on,
	    now(), id));
	if (rc == DB_OK && on)
		rc = run(S_SESSION_END_ALL, bind(S_SESSION_END_ALL, "i", id));
	return rc;
}

/*
 * Set a staff account's password hash.  With reset (an admin's
 * temporary password) the person must choose their own at next
 * sign-in, and every session of the account ends; without it (the
 * person's own) the reset is cleared.
 */
int
db_staff_new_pw(int64_t id, const char *pwhash, int reset)
{
	int	 rc;

	rc = run(S_STAFF_RESET_PW, bind(S_STAFF_RESET_PW, "tii", pwhash,
	    (int64_t)reset, id));
	if (rc == DB_OK && reset)
		rc = run(S_SESSION_END_ALL, bind(S_SESSION_END_ALL, "i", id));
	return rc;
}

/* Give a staff account a role (a word of VOCAB_ROLE). */
int
db_staff_role(int64_t id, const char *role)
{
	return run(S_STAFF_ROLE, bind(S_STAFF_ROLE, "ti", role, id));
}

/*
 * Ask for a role that reads answers (issue 16 item 3): it waits for a
 * manager's approval; with add, the request is the new account itself,
 * which cannot sign in until then.  Inside the caller's transaction.
 */
int
db_staff_request(int64_t id, const char *role, int64_t by, int add)
{
	return run(S_STAFF_REQUEST, bind(S_STAFF_REQUEST, "tiiii", role, by,
	    (int64_t)add, now(), id));
}

/* A manager approves (ok) or refuses the role an account waits for. */
int
db_staff_decide(int64_t id, int ok)
{
	enum stmt_id	 sid = ok ? S_STAFF_APPROVE : S_STAFF_REFUSE;

	return run(sid, bind(sid, "i", id));
}


/* The id of the child with this case reference; DB_NOTFOUND if none. */
int
db_child_get(const char *ref, int64_t *id)
{
	sqlite3_stmt	*s = bind(S_CHILD_GET, "t", ref);
	int		 rc;

	if ((rc = row(S_CHILD_GET, s)) == DB_OK) {
		*id = sqlite3_column_int64(s, 0);
		sqlite3_reset(s);
	}
	return rc;
}

/* The id of the child with this case reference, adding it if new. */
int
db_child_get_or_add(const char *ref, int64_t iro, int64_t *id)
{
	sqlite3_stmt	*s = bind(S_CHILD_GET, "t", ref);
	int		 rc;

	if ((rc = row(S_CHILD_GET, s)) == DB_OK) {
		*id = sqlite3_column_int64(s, 0);
		sqlite3_reset(s);
		return DB_OK;
	}
	if (rc == DB_ERR)
		return rc;
	if (iro > 0)
		s = bind(S_CHILD_ADD, "tii", ref, iro, now());
	else
		s = bind(S_CHILD_ADD, "tni", ref, (const char *)NULL, now());
	rc = run(S_CHILD_ADD, s);
	if (rc == DB_OK)
		*id = sqlite3_last_insert_rowid(db);
	return rc;
}

/* Add a review; DB_EXISTS if the child has one that day of that type. */
int
db_review_add(int64_t child, const char *type, const char *date,
    int64_t iro, int64_t *id)
{
	sqlite3_stmt	*s;
	int		 rc;

	if (iro > 0)
		s = bind(S_REVIEW_ADD, "ittii", child, type, date, iro, now());
	else
		s = bind(S_REVIEW_ADD, "ittni", child, type, date,
		    (const char *)NULL, now());
	if ((rc = run(S_REVIEW_ADD, s)) == DB_OK)
		*id = sqlite3_last_insert_rowid(db);
	return rc;
}

/* DB_OK if the review exists, else DB_NOTFOUND or DB_ERR. */
int
db_review_exists(int64_t id)
{
	int	 rc = row(S_REVIEW_EXISTS, bind(S_REVIEW_EXISTS, "i", id));

	sqlite3_reset(st[S_REVIEW_EXISTS]);
	return rc;
}

/* Add a consultation (no link yet). */
int
db_consult_add(int64_t review, const char *aud, const char *channel,
    const char *to, const char *sent_on, int64_t *id)
{
	int	 rc;

	rc = run(S_CONSULT_ADD, bind(S_CONSULT_ADD, "ittnni", review, aud,
	    channel, box_seal != NULL ? NULL : to, sent_on, now()));
	if (rc == DB_OK)
		*id = sqlite3_last_insert_rowid(db);
	/* The label is sealed, bound to the new row. */
	if (rc == DB_OK && box_seal != NULL && to != NULL && *to != '\0')
		rc = seal_into(S_LABEL_SEAL, 'l', *id, to);
	return rc;
}

/* Add a link (token and code hashes) to a consultation. */
int
db_link_add(int64_t consult, const unsigned char *tok,
    const unsigned char *code, int64_t *id)
{
	int	 rc;

	rc = run(S_LINK_ADD, bind(S_LINK_ADD, "ibbi", consult, tok, code,
	    now()));
	if (rc == DB_OK)
		*id = sqlite3_last_insert_rowid(db);
	return rc;
}

/* Revoke every live link of a consultation.  Nothing is deleted. */
int
db_link_revoke(int64_t consult)
{
	return run(S_LINK_REVOKE, bind(S_LINK_REVOKE, "ii", now(), consult));
}

/* Fill a struct db_consult from a row of CONSULT_COLS. */
static void
row_consult(sqlite3_stmt *s, struct db_consult *c)
{
	char	 today[11];
	time_t	 t = time(NULL);
	struct tm tm;

	memset(c, 0, sizeof(*c));
	c->id = sqlite3_column_int64(s, 0);
	c->review_id = sqlite3_column_int64(s, 1);
	c->link_id = sqlite3_column_int64(s, 2);
	col_text(s, 3, c->audience, sizeof(c->audience));
	col_text(s, 4, c->channel, sizeof(c->channel));
	col_text(s, 5, c->review_date, sizeof(c->review_date));
	col_text(s, 6, c->review_status, sizeof(c->review_status));
	col_text(s, 7, c->expires_on, sizeof(c->expires_on));
	col_text(s, 8, c->sent_on, sizeof(c->sent_on));
	col_text(s, 9, c->child_ref, sizeof(c->child_ref));
	c->returned_at = sqlite3_column_int64(s, 10);
	c->withdrawn_at = sqlite3_column_int64(s, 11);
	c->revoked_at = sqlite3_column_int64(s, 12);
	col_text(s, 13, c->to_label, sizeof(c->to_label));
	col_text(s, 14, c->returned_on, sizeof(c->returned_on));
	col_text(s, 15, c->return_channel, sizeof(c->return_channel));
	c->opened_at = sqlite3_column_int64(s, 16);
	c->draft_at = sqlite3_column_int64(s, 17);
	c->iro_id = sqlite3_column_int64(s, 18);
	c->relinked = sqlite3_column_int(s, 19);
	col_text(s, 20, c->lang, sizeof(c->lang));
	gmtime_r(&t, &tm);
	strftime(today, sizeof(today), "%Y-%m-%d", &tm);
	c->expired = strcmp(today, c->expires_on) > 0;
}

/* Run a consultation lookup and fill out; DB_OK/NOTFOUND/ERR. */
static int
get_consult(enum stmt_id id, sqlite3_stmt *s, struct db_consult *out)
{
	int	 rc;

	if ((rc = row(id, s)) != DB_OK)
		return rc;
	row_consult(s, out);
	sqlite3_reset(s);
	return DB_OK;
}

/* Find a consultation by its link token hash (code == 0) or code hash. */
int
db_consult_by_link(int code, const unsigned char *hash,
    struct db_consult *out)
{
	enum stmt_id	 id = code ? S_CONSULT_BY_CODE : S_CONSULT_BY_TOKEN;

	return get_consult(id, bind(id, "b", hash), out);
}

/* A consultation by id, with its live link if it has one. */
int
db_consult_get(int64_t cid, struct db_consult *out)
{
	return get_consult(S_CONSULT_GET, bind(S_CONSULT_GET, "i", cid), out);
}

/* Record the first time a consultation was opened online. */
int
db_consult_opened(int64_t cid)
{
	return run(S_CONSULT_OPENED, bind(S_CONSULT_OPENED, "ii", now(),
	    cid));
}

/* Record a browser visit (hashed cookie) and drop expired ones. */
int
db_visit_add(int64_t link, const unsigned char *hash, int64_t expires)
{
	if (run(S_VISIT_PURGE, bind(S_VISIT_PURGE, "i", now())) != DB_OK)
		return DB_ERR;
	return run(S_VISIT_ADD, bind(S_VISIT_ADD, "ibi", link, hash,
	    expires));
}

/* The consultation a live visit cookie (by hash) belongs to. */
int
db_consult_by_visit(const unsigned char *hash, struct db_consult *out)
{
	return get_consult(S_CONSULT_BY_VISIT, bind(S_CONSULT_BY_VISIT, "bi",
	    hash, now()), out);
}

/* Save (or replace) a consultation's sealed draft. */
int
db_draft_put(int64_t cid, uint32_t ver, const struct buf *box)
{
	int rc = run(S_DRAFT_PUT, bind(S_DRAFT_PUT, "iiBi", cid, (int64_t)ver,
	    box, now()));

	if (rc == DB_OK)
		rc = run(S_CONSULT_OPENED, bind(S_CONSULT_OPENED, "ii", now(),
		    cid));
	return rc;
}

/* Read a sealed box from a draft or response statement. */
static int
get_box(enum stmt_id id, int64_t cid, struct db_box *out)
{
	sqlite3_stmt	*s = bind(id, "i", cid);
	int		 rc;

	if ((rc = row(id, s)) != DB_OK)
		return rc;
	out->key_version = (uint32_t)sqlite3_column_int64(s, 0);
	buf_reset(&out->box);
	buf_add(&out->box, sqlite3_column_blob(s, 1),
	    (size_t)sqlite3_column_bytes(s, 1));
	out->at = sqlite3_column_int64(s, 2);
	col_text(s, 3, out->channel, sizeof(out->channel));
	sqlite3_reset(s);
	return DB_OK;
}

/* A consultation's sealed draft. */
int
db_draft_get(int64_t cid, struct db_box *out)
{
	return get_box(S_DRAFT_GET, cid, out);
}

/*
 * Store a sealed response and mark the consultation returned, deleting
 * the draft.  Call inside db_begin()/db_commit().  DB_EXISTS if the
 * consultation already has a response: the second of a double click.
 */
int
db_response_put(int64_t cid, uint32_t ver, const struct buf *box,
    const char *channel, const char *date)
{
	int	 rc;

	rc = run(S_RESPONSE_PUT, bind(S_RESPONSE_PUT, "iiBit", cid,
	    (int64_t)ver, box, now(), channel));
	if (rc != DB_OK)
		return rc;
	if ((rc = db_consult_returned(cid, date, channel)) != DB_OK)
		return rc;
	return run(S_DRAFT_DELETE, bind(S_DRAFT_DELETE, "i", cid));
}

/*
 * Delete a consultation's draft (secure_delete wipes its pages): a
 * reissued link starts a fresh form.
 */
int
db_draft_delete(int64_t cid)
{
	return run(S_DRAFT_DELETE, bind(S_DRAFT_DELETE, "i", cid));
}

/* A consultation's sealed response. */
int
db_response_get(int64_t cid, struct db_box *out)
{
	return get_box(S_RESPONSE_GET, cid, out);
}

/*
 * Mark a consultation returned on date by channel (online, paper,
 * email, phone).  DB_EXISTS if it was already returned.
 */
int
db_consult_returned(int64_t cid, const char *date, const char *channel)
{
	int	 rc;

	rc = run(S_CONSULT_RETURNED, bind(S_CONSULT_RETURNED, "itti", now(),
	    date, channel, cid));
	if (rc == DB_OK && sqlite3_changes(db) == 0)
		return DB_EXISTS;
	return rc;
}

struct sealed {
	char		 table;
	int64_t		 id;
	uint32_t	 ver;
	struct buf	 box;
};

/*
 * Any one sealed value: its table letter, row, key version and box.
 * DB_OK, DB_NOTFOUND when nothing is sealed, or DB_ERR.
 */
int
db_sealed_one(char *table, int64_t *id, uint32_t *ver, struct buf *box)
{
	sqlite3_stmt	*s = bind(S_SEALED_ONE, "");
	int		 rc;

	buf_reset(box);
	if ((rc = row(S_SEALED_ONE, s)) != DB_OK)
		return rc;
	*table = (char)sqlite3_column_text(s, 0)[0];
	*id = sqlite3_column_int64(s, 1);
	*ver = (uint32_t)sqlite3_column_int64(s, 2);
	buf_add(box, sqlite3_column_blob(s, 3),
	    (size_t)sqlite3_column_bytes(s, 3));
	sqlite3_reset(s);
	return DB_OK;
}

/*
 * Call fn for every sealed value in the database (responses, drafts,
 * children's names).  Rows are read first and visited after, so fn may
 * update them.  Stops at the first fn that returns non-zero.
 */
int
db_sealed_each(int (*fn)(char, int64_t, uint32_t, const struct buf *,
    void *), void *arg)
{
	sqlite3_stmt	*s = bind(S_SEALED_ALL, "");
	struct sealed	*v = NULL;
	size_t		 n = 0, i;
	int		 rc = DB_OK;

	if (s == NULL)
		return DB_ERR;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		v = xrealloc(v, (n + 1) * sizeof(*v));
		memset(&v[n], 0, sizeof(v[n]));
		v[n].table = (char)sqlite3_column_text(s, 0)[0];
		v[n].id = sqlite3_column_int64(s, 1);
		v[n].ver = (uint32_t)sqlite3_column_int64(s, 2);
		buf_add(&v[n].box, sqlite3_column_blob(s, 3),
		    (size_t)sqlite3_column_bytes(s, 3));
		n++;
	}
	sqlite3_reset(s);
	rc = rc == SQLITE_DONE ? DB_OK : DB_ERR;
	for (i = 0; i < n; i++) {
		if (rc == DB_OK && fn(v[i].table, v[i].id, v[i].ver,
		    &v[i].box, arg) != 0)
			rc = DB_ERR;
		buf_free(&v[i].box);
	}
	free(v);
	return rc;
}

/* Replace one sealed value (table 'r', 'd', 'n', 'k', 't', 'l', 'b', 'f'). */
int
db_sealed_update(char table, int64_t id, uint32_t ver, const struct buf *box)
{
	enum stmt_id	 s = table == 'r' ? S_RESPONSE_RESEAL :
	    table == 'd' ? S_DRAFT_RESEAL : table == 'k' ? S_CONTACT_RESEAL :
	    table == 't' ? S_SECRET_RESEAL : table == 'f' ? S_FLAG_RESEAL :
	    S_CHILD_RESEAL;

	if (table == 'l' || table == 'b') {
		s = table == 'l' ? S_LABEL_SEAL : S_DOB_SEAL;
		return run(s, bind(s, "Bii", box, (int64_t)ver, id));
	}
	return run(s, bind(s, "iBi", (int64_t)ver, box, id));
}

/* Who acts when db_audit() is given staff 0 (db_audit_as). */
static int64_t	 audit_staff;
static char	 audit_actor[96] = "heard-fcgi";

/*
 * Say who is acting from now on: the signed-in member of staff for a
 * request (0 between requests), or, with staff 0, the program and
 * operating-system user, such as "heardctl (root)".  actor NULL keeps
 * the one set before.
 */
void
db_audit_as(int64_t staff, const char *actor)
{
	audit_staff = staff;
	if (actor != NULL)
		snprintf(audit_actor, sizeof(audit_actor), "%s", actor);
}

/*
 * Append to the audit log.  Staff 0 means whoever db_audit_as() named:
 * the member of staff behind this request, or the command line and its
 * operating-system user (column actor, migration 13).
 */
int
db_audit(int64_t staff, const char *action, const char *subject)
{
	sqlite3_stmt	*s;

	if (staff <= 0)
		staff = audit_staff;
	if (staff > 0)
		s = bind(S_AUDIT, "iittn", now(), staff, action, subject,
		    (const char *)NULL);
	else
		s = bind(S_AUDIT, "inttt", now(), (const char *)NULL, action,
		    subject, audit_actor);
	return run(S_AUDIT, s);
}

/*
 * Fill a struct db_staff from columns 0-5, and 6-9 (a role waiting for
 * approval) where the statement has them.
 */
static void
row_staff(sqlite3_stmt *s, struct db_staff *out)
{
	out->id = sqlite3_column_int64(s, 0);
	col_text(s, 1, out->username, sizeof(out->username));
	col_text(s, 2, out->role, sizeof(out->role));
	col_text(s, 3, out->pw_hash, sizeof(out->pw_hash));
	out->disabled = sqlite3_column_int(s, 4);
	out->pw_reset = sqlite3_column_int(s, 5);
	if (sqlite3_column_count(s) >= 10) {
		col_text(s, 6, out->pending_role, sizeof(out->pending_role));
		out->pending_add = sqlite3_column_int(s, 7);
		col_text(s, 8, out->pending_by, sizeof(out->pending_by));
		out->pending_by_id = sqlite3_column_int64(s, 9);
	}
	out->email[0] = '\0';
	if (sqlite3_column_count(s) == 7)	/* S_STAFF_EACH: the address */
		col_text(s, 6, out->email, sizeof(out->email));
}

/* Fill a struct db_review from REVIEW_COLS. */
static void
row_review(sqlite3_stmt *s, struct db_review *r)
{
	memset(r, 0, sizeof(*r));
	r->id = sqlite3_column_int64(s, 0);
	r->child_id = sqlite3_column_int64(s, 1);
	r->iro_id = sqlite3_column_int64(s, 2);
	col_text(s, 3, r->child_ref, sizeof(r->child_ref));
	col_text(s, 4, r->type, sizeof(r->type));
	col_text(s, 5, r->date, sizeof(r->date));
	col_text(s, 6, r->status, sizeof(r->status));
	col_text(s, 7, r->participation, sizeof(r->participation));
	col_text(s, 8, r->iro, sizeof(r->iro));
	r->name_len = (size_t)sqlite3_column_bytes(s, 9);
	if (r->name_len > sizeof(r->name_box))
		r->name_len = 0;
	if (r->name_len > 0)
		memcpy(r->name_box, sqlite3_column_blob(s, 9), r->name_len);
	r->name_ver = (uint32_t)sqlite3_column_int64(s, 10);
	col_text(s, 11, r->dob, sizeof(r->dob));
	col_text(s, 12, r->age_band, sizeof(r->age_band));
	col_text(s, 13, r->held_on, sizeof(r->held_on));
	col_text(s, 14, r->due_on, sizeof(r->due_on));
	col_text(s, 15, r->late_reason, sizeof(r->late_reason));
	col_text(s, 16, r->format, sizeof(r->format));
}

/*
 * Step through every row of a bound statement, filling a row struct with
 * fill() and passing it to fn.  The statement is reset before fn runs
 * on the next row's turn, so fn must not use this statement itself.
 * Stops early, returning DB_ERR, if fn returns non-zero.
 */
static int
each(enum stmt_id id, sqlite3_stmt *s, void (*fill)(sqlite3_stmt *, void *),
    void *row, db_row_fn fn, void *arg)
{
	int	 rc;

	if (s == NULL)
		return DB_ERR;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		fill(s, row);
		if (fn(row, arg) != 0) {
			sqlite3_reset(s);
			return DB_ERR;
		}
	}
	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		return DB_OK;
	db_log(__func__, id);
	return DB_ERR;
}

/* Adapters from each()'s untyped rows to the typed fillers. */
static void
fill_review(sqlite3_stmt *s, void *r)
{
	row_review(s, r);
}

static void
fill_consult(sqlite3_stmt *s, void *c)
{
	row_consult(s, c);
}

static void
fill_staff(sqlite3_stmt *s, void *p)
{
	memset(p, 0, sizeof(struct db_staff));
	row_staff(s, p);
}

static void
fill_rate(sqlite3_stmt *s, void *p)
{
	struct db_rate	*r = p;

	col_text(s, 0, r->group, sizeof(r->group));
	r->sent = sqlite3_column_int64(s, 1);
	r->returned = sqlite3_column_int64(s, 2);
	r->late = sqlite3_column_int64(s, 3);
}

static void
fill_audit(sqlite3_stmt *s, void *p)
{
	struct db_audit_row *a = p;

	a->id = sqlite3_column_int64(s, 0);
	a->at = sqlite3_column_int64(s, 1);
	col_text(s, 2, a->who, sizeof(a->who));
	col_text(s, 3, a->action, sizeof(a->action));
	col_text(s, 4, a->subject, sizeof(a->subject));
	col_text(s, 5, a->child, sizeof(a->child));
	a->review = sqlite3_column_int64(s, 6);
}

/*
 * The audit entries that pass filter f, a page at a time by id (a
 * keyset: never OFFSET, so a page costs the same however deep): older
 * than f->cursor newest first, or with f->newer newer than it oldest
 * first; f->limit rows at most (-1: all).  The most selective filter
 * given leads, through its index.
 */
int
db_audit_page(const struct db_audit_filter *f, db_row_fn fn, void *arg)
{
	struct db_audit_row a;
	enum db_audit_lead d = DB_AUDIT_ANY;
	enum stmt_id	 id;
	int64_t		 cursor = f->cursor;

	if (f->review > 0)
		d = DB_AUDIT_REVIEW;
	else if (f->child != NULL)
		d = DB_AUDIT_CHILD;
	else if (f->person != NULL && strcmp(f->person, "heardctl") != 0)
		d = DB_AUDIT_PERSON;
	else if (f->action != NULL)
		d = DB_AUDIT_ACTION;
	if (cursor <= 0)
		cursor = f->newer ? 0 : INT64_MAX;
	id = S_AUDIT_PAGE + 2 * d + (f->newer ? 1 : 0);
	if (bind(id, "itntt", cursor, f->child, (const char *)NULL, f->person,
	    f->action) == NULL)
		return DB_ERR;
	/* bind() cannot say "NULL or a number": these three by hand. */
	if ((f->review > 0 ? sqlite3_bind_int64(st[id], 3, f->review) :
	    sqlite3_bind_null(st[id], 3)) != SQLITE_OK ||
	    (f->at_from > 0 ? sqlite3_bind_int64(st[id], 6, f->at_from) :
	    sqlite3_bind_null(st[id], 6)) != SQLITE_OK ||
	    (f->at_to > 0 ? sqlite3_bind_int64(st[id], 7, f->at_to) :
	    sqlite3_bind_null(st[id], 7)) != SQLITE_OK ||
	    sqlite3_bind_int64(st[id], 8, f->limit) != SQLITE_OK) {
		db_log(__func__, id);
		return DB_ERR;
	}
	return each(id, st[id], fill_audit, &a, fn, arg);
}

/*
 * The staff user a session (by token hash) belongs to, with the
 * session's creation and last-seen times.
 */
int
db_staff_by_session(const unsigned char *hash, struct db_staff *out,
    int64_t *created, int64_t *seen)
{
	sqlite3_stmt	*s = bind(S_STAFF_BY_SESSION, "b", hash);
	int		 rc;

	if ((rc = row(S_STAFF_BY_SESSION, s)) != DB_OK)
		return rc;
	memset(out, 0, sizeof(*out));
	row_staff(s, out);
	*created = sqlite3_column_int64(s, 6);
	*seen = sqlite3_column_int64(s, 7);
	sqlite3_reset(s);
	return DB_OK;
}

/*
 * The id of the IRO with this user name, adding one that cannot sign
 * in (until given a password) if there is none: for imports.
 */
int
db_staff_iro(const char *name, int64_t *id)
{
	sqlite3_stmt	*s = bind(S_STAFF_IRO_GET, "t", name);
	int		 rc;

	if ((rc = row(S_STAFF_IRO_GET, s)) == DB_OK) {
		*id = sqlite3_column_int64(s, 0);
		sqlite3_reset(s);
		return DB_OK;
	}
	if (rc == DB_ERR)
		return rc;
	rc = run(S_STAFF_IRO_ADD, bind(S_STAFF_IRO_ADD, "ti", name, now()));
	if (rc == DB_OK)
		*id = sqlite3_last_insert_rowid(db);
	return rc;
}

/* Every staff user with a role, by name. */
int
db_staff_each(const char *role, db_row_fn fn,
    void *arg)
{
	struct db_staff	 st_;

	return each(S_STAFF_EACH, bind(S_STAFF_EACH, "t", role), fill_staff,
	    &st_, fn, arg);
}

/* Fill a struct db_orphan from S_STAFF_ORPHANS. */
static void
fill_orphan(sqlite3_stmt *s, void *p)
{
	struct db_orphan *o = p;

	o->review = sqlite3_column_int64(s, 0);
	col_text(s, 1, o->child_ref, sizeof(o->child_ref));
	col_text(s, 2, o->date, sizeof(o->date));
	col_text(s, 3, o->iro, sizeof(o->iro));
}

/*
 * Reviews not yet held (nor stood down or cancelled) whose IRO's
 * account is disabled: to be reallocated.
 */
int
db_staff_orphans(db_row_fn fn, void *arg)
{
	struct db_orphan o;

	return each(S_STAFF_ORPHANS, bind(S_STAFF_ORPHANS, ""), fill_orphan,
	    &o, fn, arg);
}

/* Every account waiting for a manager's approval of a role. */
int
db_staff_pending(db_row_fn fn, void *arg)
{
	struct db_staff	 st_;

	return each(S_STAFF_PENDING, bind(S_STAFF_PENDING, ""), fill_staff,
	    &st_, fn, arg);
}

/*
 * Start a session for a staff user (by token hash), dropping sessions
 * idle over 30 minutes or older than 12 hours.
 */
int
db_session_add(int64_t staff, const unsigned char *hash)
{
	int64_t	 t = now();

	if (run(S_SESSION_PURGE, bind(S_SESSION_PURGE, "ii", t - 30 * 60,
	    t - 12 * 3600)) != DB_OK)
		return DB_ERR;
	return run(S_SESSION_ADD, bind(S_SESSION_ADD, "ibii", staff, hash, t,
	    t));
}

/* Mark a session as seen now. */
int
db_session_touch(const unsigned char *hash)
{
	return run(S_SESSION_TOUCH, bind(S_SESSION_TOUCH, "ib", now(), hash));
}

/* End a session. */
int
db_session_delete(const unsigned char *hash)
{
	return run(S_SESSION_DELETE, bind(S_SESSION_DELETE, "b", hash));
}

/* Record a failed attempt of a kind (e.g. "signin-user") by who. */
int
db_attempt_add(const char *kind, const char *who)
{
	if (run(S_ATTEMPT_PURGE, bind(S_ATTEMPT_PURGE, "i", now() - 86400))
	    != DB_OK)
		return DB_ERR;
	return run(S_ATTEMPT_ADD, bind(S_ATTEMPT_ADD, "tti", kind, who, now()));
}

/* How many failed attempts of a kind by who in the last `within` s. */
int
db_attempt_count(const char *kind, const char *who, int64_t within,
    int64_t *n)
{
	sqlite3_stmt	*s = bind(S_ATTEMPT_COUNT, "tti", kind, who,
	    now() - within);
	int		 rc;

	if ((rc = row(S_ATTEMPT_COUNT, s)) != DB_OK)
		return rc;
	*n = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return DB_OK;
}

/*
 * How many failed attempts of a kind by who in the last `within` s, and
 * when the last was (0: none).
 */
int
db_attempt_last(const char *kind, const char *who, int64_t within,
    int64_t *n, int64_t *last)
{
	sqlite3_stmt	*s = bind(S_ATTEMPT_LAST, "tti", kind, who,
	    now() - within);
	int		 rc;

	if ((rc = row(S_ATTEMPT_LAST, s)) != DB_OK)
		return rc;
	*n = sqlite3_column_int64(s, 0);
	*last = sqlite3_column_int64(s, 1);
	sqlite3_reset(s);
	return DB_OK;
}

/* A review by id. */
int
db_review_get(int64_t id, struct db_review *out)
{
	sqlite3_stmt	*s = bind(S_REVIEW_GET, "i", id);
	int		 rc;

	if ((rc = row(S_REVIEW_GET, s)) != DB_OK)
		return rc;
	row_review(s, out);
	sqlite3_reset(s);
	return DB_OK;
}

/* The id of a child's review of a type on a date, or DB_NOTFOUND. */
int
db_review_find(int64_t child, const char *type, const char *date,
    int64_t *id)
{
	sqlite3_stmt	*s = bind(S_REVIEW_FIND, "itt", child, type, date);
	int		 rc;

	if ((rc = row(S_REVIEW_FIND, s)) != DB_OK)
		return rc;
	*id = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return DB_OK;
}

/* Reviews dated from..to (inclusive), for one IRO or all (iro == 0). */
int
db_review_each(const char *from, const char *to, int64_t iro,
    db_row_fn fn, void *arg)
{
	struct db_review r;

	return each(S_REVIEW_EACH, bind(S_REVIEW_EACH, "tti", from, to, iro),
	    fill_review, &r, fn, arg);
}

/* Set a review's status, and its date when date is not NULL. */
int
db_review_set(int64_t id, const char *date, const char *status)
{
	return run(S_REVIEW_SET, bind(S_REVIEW_SET, "nti", date, status, id));
}

/* Record how the child took part (PN0-PN7). */
int
db_review_participation(int64_t id, const char *code)
{
	return run(S_REVIEW_PN, bind(S_REVIEW_PN, "ti", code, id));
}

/* Record how a review was held (in_person, online, mixed). */
int
db_review_format(int64_t id, const char *format)
{
	return run(S_REVIEW_FORMAT, bind(S_REVIEW_FORMAT, "ti", format, id));
}

/* Every consultation of a review, with its live link if it has one. */
int
db_consult_each(int64_t review, db_row_fn fn,
    void *arg)
{
	struct db_consult c;

	return each(S_CONSULT_EACH, bind(S_CONSULT_EACH, "i", review),
	    fill_consult, &c, fn, arg);
}

/*
 * Add an imported consultation (no link: it went out before Heard).
 * DB_EXISTS if a consultation with this import key is already there.
 */
int
db_consult_import(int64_t review, const char *aud, const char *channel,
    const char *sent_on, const char *key, int64_t *id)
{
	int	 rc;

	rc = run(S_CONSULT_IMPORT, bind(S_CONSULT_IMPORT, "ittnit", review,
	    aud, channel, sent_on, now(), key));
	if (rc == DB_OK)
		*id = sqlite3_last_insert_rowid(db);
	return rc;
}

/* Return rates for consultations sent from..to, grouped by g. */
int
db_rates(enum db_group g, const char *from, const char *to,
    db_row_fn fn, void *arg)
{
	struct db_rate	 r;
	enum stmt_id	 id = (enum stmt_id)(S_RATES + g);

	memset(&r, 0, sizeof(r));
	return each(id, bind(id, "tt", from, to), fill_rate, &r,
	    fn, arg);
}

/* One group's count of open forms. */
static void
fill_open(sqlite3_stmt *s, void *p)
{
	struct db_rate	*r = p;

	memset(r, 0, sizeof(*r));
	col_text(s, 0, r->group, sizeof(r->group));
	r->open = sqlite3_column_int64(s, 1);
}

/*
 * Forms sent from..to still open on today (see OPEN), grouped by g:
 * each row's group and open; the other counts are 0.
 */
int
db_rates_open(enum db_group g, const char *from, const char *to,
    const char *today, db_row_fn fn, void *arg)
{
	struct db_rate	 r;
	enum stmt_id	 id = (enum stmt_id)(S_OPEN + g);

	return each(id, bind(id, "ttt", from, to, today), fill_open, &r,
	    fn, arg);
}

/*
 * Return rates for consultations sent from..to by audience and month:
 * each row's group is "AUDIENCE YYYY-MM", months with none sent left
 * out.
 */
int
db_rates_audience_month(const char *from, const char *to, db_row_fn fn,
    void *arg)
{
	struct db_rate	 r;

	memset(&r, 0, sizeof(r));
	return each(S_AUD_MONTH, bind(S_AUD_MONTH, "tt", from, to), fill_rate,
	    &r, fn, arg);
}

/*
 * Set an audience's target return rate (percent) for the financial year
 * that starts on 1 April of year, and the years after until changed.
 */
int
db_target_set(const char *aud, int year, int pct)
{
	return run(S_TARGET_SET, bind(S_TARGET_SET, "tii", aud, (int64_t)year,
	    (int64_t)pct));
}

/*
 * An audience's target (percent) in the financial year starting in
 * year: the latest set for that year or before.  DB_NOTFOUND if none.
 */
int
db_target_get(const char *aud, int year, int *pct)
{
	sqlite3_stmt	*s = bind(S_TARGET_GET, "ti", aud, (int64_t)year);
	int		 rc;

	if ((rc = row(S_TARGET_GET, s)) != DB_OK)
		return rc;
	*pct = sqlite3_column_int(s, 0);
	sqlite3_reset(s);
	return DB_OK;
}

/*
 * Copy the whole database to path with SQLite's online backup API, a
 * few pages at a time so writers are never held up for long.
 */
int
db_backup(const char *path)
{
	sqlite3		*to;
	sqlite3_backup	*b;
	int		 rc;

	if (create_private(path, 1) == -1) {
		log_line("%s: %s: %s", __func__, path, strerror(errno));
		return DB_ERR;
	}
	if (sqlite3_open_v2(path, &to, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
		log_line("%s: %s: %s", __func__, path, sqlite3_errmsg(to));
		sqlite3_close(to);
		return DB_ERR;
	}
	if ((b = sqlite3_backup_init(to, "main", db, "main")) == NULL) {
		log_line("%s: %s", __func__, sqlite3_errmsg(to));
		sqlite3_close(to);
		return DB_ERR;
	}
	do {
		rc = sqlite3_backup_step(b, 256);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(20);
	} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE)
		log_line("%s: %s", __func__, sqlite3_errmsg(to));
	sqlite3_close(to);
	return rc == SQLITE_DONE ? DB_OK : DB_ERR;
}

/*
 * Remove answers, drafts, first names, contacts and sealed links of
 * reviews before date (messages not yet sent to them stop), with
 * secure_delete on (set at open), then checkpoint and truncate the WAL
 * so no old page survives there.  With a replica (replicated non-zero)
 * the truncate is left out: it would wait for Litestream's long read
 * lock while blocking every writer, then fail; Litestream restarts the
 * WAL itself, and its retention ends the old pages in the replica
 * (README).  Fills how many answers went.
 */
int
db_purge(const char *date, int replicated, int64_t *removed)
{
	int	 rc;

	if (db_begin() != DB_OK)
		return DB_ERR;
	rc = run(S_PURGE_RESPONSES, bind(S_PURGE_RESPONSES, "t", date));
	*removed = sqlite3_changes(db);
	if (rc == DB_OK)
		rc = run(S_PURGE_DRAFTS, bind(S_PURGE_DRAFTS, "t", date));
	if (rc == DB_OK)
		rc = run(S_PURGE_NAMES, bind(S_PURGE_NAMES, "t", date));
	if (rc == DB_OK)
		rc = run(S_PURGE_LABELS, bind(S_PURGE_LABELS, "t", date));
	if (rc == DB_OK)
		rc = run(S_PURGE_DOBS, bind(S_PURGE_DOBS, "t", date));
	if (rc == DB_OK)
		rc = run(S_PURGE_OUTBOX, bind(S_PURGE_OUTBOX, "t", date));
	if (rc == DB_OK)
		rc = run(S_PURGE_CONTACTS, bind(S_PURGE_CONTACTS, "t", date));
	if (rc == DB_OK)
		rc = run(S_PURGE_SECRETS, bind(S_PURGE_SECRETS, "t", date));
	if (rc == DB_OK)
		rc = run(S_PURGE_FLAG_ACKS, bind(S_PURGE_FLAG_ACKS, "t", date));
	if (rc == DB_OK)
		rc = db_audit(0, "purge", date);
	if (rc != DB_OK) {
		db_rollback();
		return DB_ERR;
	}
	if (db_commit() != DB_OK)
		return DB_ERR;
	if (replicated)
		return DB_OK;
	if (sqlite3_wal_checkpoint_v2(db, NULL, SQLITE_CHECKPOINT_TRUNCATE,
	    NULL, NULL) != SQLITE_OK) {
		log_line("%s: checkpoint: %s", __func__, sqlite3_errmsg(db));
		return DB_ERR;
	}
	return DB_OK;
}

/*
 * Set a child's sealed first name (NULL: unchanged, sealed under key
 * version ver), date of birth and age band (NULL: unchanged).
 */
int
db_child_details(int64_t id, const struct buf *name, uint32_t ver,
    const char *dob, const char *band)
{
	sqlite3_stmt	*s = st[S_CHILD_DETAILS];
	int		 rc;

	if (name != NULL)
		s = bind(S_CHILD_DETAILS, "Biinni", name, (int64_t)ver, (int64_t)ver,
		    dob, band, id);
	else
		s = bind(S_CHILD_DETAILS, "nnnnni", (const char *)NULL,
		    (const char *)NULL, (const char *)NULL, dob, band, id);
	if ((rc = run(S_CHILD_DETAILS, s)) != DB_OK || dob == NULL)
		return rc;
	/* The date of birth is sealed (plain until box_seal is given). */
	if (box_seal != NULL)
		return seal_into(S_DOB_SEAL, 'b', id, dob);
	return run(S_DOB_PLAIN_SET, bind(S_DOB_PLAIN_SET, "ti", dob, id));
}

/*
 * A number that changes whenever the database may have changed: another
 * connection's commit (data_version) or one of ours (total changes).
 * Lets a worker keep a computed page until the data under it moves.
 * Returns -1 if it cannot tell (then nothing may be kept).
 */
int64_t
db_stamp(void)
{
	sqlite3_stmt	*s = bind(S_DATA_VERSION, "");
	int64_t		 v;

	if (row(S_DATA_VERSION, s) != DB_OK)
		return -1;
	v = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return v * 1000003 + (int64_t)sqlite3_total_changes64(db);
}

/*
 * The statutory timetable (migration 4).
 */

/* Start an episode of care for a child; DB_EXISTS if it is there. */
int
db_episode_add(int64_t child, const char *started_on)
{
	return run(S_EPISODE_ADD, bind(S_EPISODE_ADD, "it", child,
	    started_on));
}

/* End a child's open episode on a day (no open episode: nothing). */
int
db_episode_end(int64_t child, const char *ended_on)
{
	return run(S_EPISODE_END, bind(S_EPISODE_END, "ti", ended_on, child));
}

static void
fill_episode(sqlite3_stmt *s, void *p)
{
	struct db_episode *e = p;

	col_text(s, 0, e->started_on, sizeof(e->started_on));
	col_text(s, 1, e->ended_on, sizeof(e->ended_on));
}

/* A child's episodes of care, earliest first (struct db_episode rows). */
int
db_episode_each(int64_t child, db_row_fn fn, void *arg)
{
	struct db_episode e;

	return each(S_EPISODE_EACH, bind(S_EPISODE_EACH, "i", child),
	    fill_episode, &e, fn, arg);
}

static void
fill_timeline(sqlite3_stmt *s, void *p)
{
	struct db_timeline *t = p;

	t->id = sqlite3_column_int64(s, 0);
	col_text(s, 1, t->type, sizeof(t->type));
	col_text(s, 2, t->date, sizeof(t->date));
	col_text(s, 3, t->status, sizeof(t->status));
	col_text(s, 4, t->held_on, sizeof(t->held_on));
	col_text(s, 5, t->due_on, sizeof(t->due_on));
}

/* A child's reviews in the order they were or will be held. */
int
db_timeline_each(int64_t child, db_row_fn fn, void *arg)
{
	struct db_timeline t;

	return each(S_TIMELINE, bind(S_TIMELINE, "i", child), fill_timeline,
	    &t, fn, arg);
}

/* Set a review's due date (NULL: not known); writes only a change. */
int
db_review_due(int64_t id, const char *due_on)
{
	return run(S_REVIEW_DUE, bind(S_REVIEW_DUE, "ni", due_on, id));
}

/* Set a child's next due date (NULL: none); writes only a change. */
int
db_child_next_due(int64_t child, const char *due_on)
{
	return run(S_CHILD_NEXT_DUE, bind(S_CHILD_NEXT_DUE, "ni", due_on,
	    child));
}

/* Mark a review held on a day. */
int
db_review_held(int64_t id, const char *held_on)
{
	return run(S_REVIEW_HELD, bind(S_REVIEW_HELD, "ti", held_on, id));
}

/* Keep the reason a review was booked past its due date (NULL: none). */
int
db_review_reason(int64_t id, const char *reason)
{
	return run(S_REVIEW_REASON, bind(S_REVIEW_REASON, "ni", reason, id));
}

/* Allocate a review to an IRO (0: the child's IRO). */
int
db_review_iro(int64_t id, int64_t iro)
{
	sqlite3_stmt	*s = iro > 0 ? bind(S_REVIEW_IRO, "ii", iro, id) :
	    bind(S_REVIEW_IRO, "ni", (const char *)NULL, id);

	return run(S_REVIEW_IRO, s);
}

/* Allocate a child to an IRO. */
int
db_child_iro(int64_t child, int64_t iro)
{
	return run(S_CHILD_IRO, bind(S_CHILD_IRO, "ii", iro, child));
}

/* Fill a struct db_child from S_CHILD_BY_REF's or S_TO_BOOK's columns. */
static void
fill_child(sqlite3_stmt *s, void *p)
{
	struct db_child *c = p;

	memset(c, 0, sizeof(*c));
	c->id = sqlite3_column_int64(s, 0);
	col_text(s, 1, c->ref, sizeof(c->ref));
	c->name_len = (size_t)sqlite3_column_bytes(s, 2);
	if (c->name_len > sizeof(c->name_box))
		c->name_len = 0;
	if (c->name_len > 0)
		memcpy(c->name_box, sqlite3_column_blob(s, 2), c->name_len);
	c->name_ver = (uint32_t)sqlite3_column_int64(s, 3);
	col_text(s, 4, c->dob, sizeof(c->dob));
	col_text(s, 5, c->age_band, sizeof(c->age_band));
	col_text(s, 6, c->iro, sizeof(c->iro));
	c->iro_id = sqlite3_column_int64(s, 7);
	col_text(s, 8, c->next_due_on, sizeof(c->next_due_on));
}

/* A child by case reference: DB_OK, DB_NOTFOUND or DB_ERR. */
int
db_child_by_ref(const char *ref, struct db_child *out)
{
	sqlite3_stmt	*s = bind(S_CHILD_BY_REF, "t", ref);
	int		 rc;

	if ((rc = row(S_CHILD_BY_REF, s)) != DB_OK)
		return rc;
	fill_child(s, out);
	sqlite3_reset(s);
	return DB_OK;
}

static void
fill_id(sqlite3_stmt *s, void *p)
{
	*(int64_t *)p = sqlite3_column_int64(s, 0);
}

/* Every child's id (int64_t rows), for working out every due date. */
int
db_child_ids_each(db_row_fn fn, void *arg)
{
	int64_t	 id;

	return each(S_CHILD_IDS, bind(S_CHILD_IDS, ""), fill_id, &id, fn,
	    arg);
}

/*
 * Children (struct db_child rows) whose next review is due on or before
 * a day and not booked, for one IRO or all (iro == 0); soonest first.
 */
int
db_to_book_each(const char *by, int64_t iro, db_row_fn fn, void *arg)
{
	struct db_child	 c;

	return each(S_TO_BOOK, bind(S_TO_BOOK, "ti", by, iro), fill_child, &c,
	    fn, arg);
}

static void
fill_holiday(sqlite3_stmt *s, void *p)
{
	struct db_holiday *h = p;

	col_text(s, 0, h->day, sizeof(h->day));
	col_text(s, 1, h->kind, sizeof(h->kind));
}

/* Every stored holiday (struct db_holiday rows), by day. */
int
db_holiday_each(db_row_fn fn, void *arg)
{
	struct db_holiday h;

	return each(S_HOLIDAY_EACH, bind(S_HOLIDAY_EACH, ""), fill_holiday,
	    &h, fn, arg);
}

static void
fill_year(sqlite3_stmt *s, void *p)
{
	*(int *)p = sqlite3_column_int(s, 0);
}

/* The years whose bank holidays were imported (int rows), in order. */
int
db_holiday_years_each(db_row_fn fn, void *arg)
{
	int	 y;

	return each(S_HOLIDAY_YEARS, bind(S_HOLIDAY_YEARS, ""), fill_year, &y,
	    fn, arg);
}

/* Make a year's bank holidays imported ones: the computed ones go. */
int
db_holiday_year(int year)
{
	int	 rc;

	if ((rc = run(S_HOLIDAY_CLEAR_YEAR, bind(S_HOLIDAY_CLEAR_YEAR, "i",
	    (int64_t)year))) != DB_OK)
		return rc;
	return run(S_HOLIDAY_YEAR_ADD, bind(S_HOLIDAY_YEAR_ADD, "i",
	    (int64_t)year));
}

/* Add a bank holiday or closure day (again: its title is updated). */
int
db_holiday_add(const char *day, const char *kind, const char *title)
{
	return run(S_HOLIDAY_ADD, bind(S_HOLIDAY_ADD, "ttt", day, kind,
	    title));
}

static void
fill_held(sqlite3_stmt *s, void *p)
{
	struct db_held *h = p;

	col_text(s, 0, h->group, sizeof(h->group));
	h->held = sqlite3_column_int64(s, 1);
	h->in_time = sqlite3_column_int64(s, 2);
	h->unknown = sqlite3_column_int64(s, 3);
}

/* Reviews held from..to (by the day held), grouped by g. */
int
db_held_each(enum db_held_group g, const char *from, const char *to,
    db_row_fn fn, void *arg)
{
	struct db_held	 h;

	return each(S_HELD + g, bind(S_HELD + g, "tt", from, to), fill_held,
	    &h, fn, arg);
}

/* Fill a struct db_pn from a PN() row. */
static void
fill_pn(sqlite3_stmt *s, void *p)
{
	struct db_pn	*d = p;
	int		 i;

	col_text(s, 0, d->group, sizeof(d->group));
	for (i = 0; i < DB_PN__N; i++)
		d->n[i] = sqlite3_column_int64(s, i + 1);
}

/*
 * Participation and format of the reviews held from..to (by the day
 * held), grouped by g: fn is called with a struct db_pn per group.
 */
int
db_pn_each(enum db_held_group g, const char *from, const char *to,
    db_row_fn fn, void *arg)
{
	struct db_pn	 d;

	return each(S_PN + g, bind(S_PN + g, "tt", from, to), fill_pn, &d,
	    fn, arg);
}

/*
 * Sending and chasing (migration 5).
 */

/* Store (or replace) a consultation's sealed contact of a kind. */
int
db_contact_put(int64_t cid, const char *kind, uint32_t ver,
    const struct buf *box)
{
	return run(S_CONTACT_PUT, bind(S_CONTACT_PUT, "itiB", cid, kind,
	    (int64_t)ver, box));
}

/*
 * A consultation's sealed contact into out (out->channel is its kind);
 * DB_OK, DB_NOTFOUND or DB_ERR.  The caller frees out->box.
 */
int
db_contact_get(int64_t cid, struct db_box *out)
{
	return get_box(S_CONTACT_GET, cid, out);
}

/* Store a link's sealed token and code. */
int
db_secret_put(int64_t link, uint32_t ver, const struct buf *box)
{
	return run(S_SECRET_PUT, bind(S_SECRET_PUT, "iiB", link, (int64_t)ver,
	    box));
}

/*
 * The sealed token and code of a consultation's live link into out
 * (out->at is the link's id); DB_NOTFOUND when there is none (no
 * contact, or wiped).  The caller frees out->box.
 */
int
db_secret_get(int64_t cid, struct db_box *out)
{
	return get_box(S_SECRET_GET, cid, out);
}

/* Wipe the sealed copies of links whose last day is before today. */
int
db_secret_expire(const char *today)
{
	return run(S_SECRET_EXPIRE, bind(S_SECRET_EXPIRE, "t", today));
}

/* Record which reminder wording ("A" or "B") a consultation has. */
int
db_consult_wording(int64_t cid, const char *w)
{
	return run(S_CONSULT_WORDING, bind(S_CONSULT_WORDING, "ti", w, cid));
}

/* Record the day a consultation went out, if it had none. */
int
db_consult_sent(int64_t cid, const char *day)
{
	return run(S_CONSULT_SENT, bind(S_CONSULT_SENT, "ti", day, cid));
}

static void
fill_plan(sqlite3_stmt *s, void *p)
{
	struct db_plan	*r = p;

	col_text(s, 0, r->audience, sizeof(r->audience));
	col_text(s, 1, r->kind, sizeof(r->kind));
	r->step = sqlite3_column_int(s, 2);
	r->workdays = sqlite3_column_int(s, 3);
}

/* The plan rows of one audience (NULL: all), by audience and step. */
int
db_plan_each(const char *aud, db_row_fn fn, void *arg)
{
	struct db_plan	 r;

	return each(S_PLAN_EACH, bind(S_PLAN_EACH, "n", aud), fill_plan, &r,
	    fn, arg);
}

/* Set one plan row. */
int
db_plan_set(const char *aud, const char *kind, int step, int workdays)
{
	return run(S_PLAN_SET, bind(S_PLAN_SET, "ttii", aud, kind,
	    (int64_t)step, (int64_t)workdays));
}

/* Remove an audience's plan rows of a kind. */
int
db_plan_clear(const char *aud, const char *kind)
{
	return run(S_PLAN_CLEAR, bind(S_PLAN_CLEAR, "tt", aud, kind));
}

/* A setting's value into dst (n bytes); DB_OK, DB_NOTFOUND or DB_ERR. */
int
db_setting_get(const char *key, char *dst, size_t n)
{
	sqlite3_stmt	*s = bind(S_SETTING_GET, "t", key);
	int		 rc;

	if ((rc = row(S_SETTING_GET, s)) != DB_OK)
		return rc;
	col_text(s, 0, dst, n);
	sqlite3_reset(s);
	return DB_OK;
}

/* Set a setting. */
int
db_setting_set(const char *key, const char *value)
{
	return run(S_SETTING_SET, bind(S_SETTING_SET, "tt", key, value));
}

/*
 * Set the language a consultation's form is shown in (a vocab
 * VOCAB_LANG code; "en" or NULL is stored as NULL: English).
 */
int
db_consult_set_lang(int64_t cid, const char *lang)
{
	if (lang != NULL && strcmp(lang, "en") == 0)
		lang = NULL;
	return run(S_CONSULT_SET_LANG, bind(S_CONSULT_SET_LANG, "ni", lang,
	    cid));
}

/*
 * Record a translation's status, signed by whoever db_audit_as() names
 * (a member of staff, or the command line's actor).
 */
int
db_lang_status_set(const char *code, const char *status)
{
	if (audit_staff > 0)
		return run(S_LANG_STATUS_SET, bind(S_LANG_STATUS_SET,
		    "ttini", code, status, audit_staff, (const char *)NULL,
		    now()));
	return run(S_LANG_STATUS_SET, bind(S_LANG_STATUS_SET, "ttnti", code,
	    status, (const char *)NULL, audit_actor, now()));
}

/* Fill a struct db_lang_status from a row of S_LANG_STATUS_EACH. */
static void
fill_lang_status(sqlite3_stmt *s, void *p)
{
	struct db_lang_status *r = p;

	col_text(s, 0, r->code, sizeof(r->code));
	col_text(s, 1, r->status, sizeof(r->status));
	col_text(s, 2, r->by, sizeof(r->by));
	r->at = sqlite3_column_int64(s, 3);
}

/* Every language with a recorded status, by code. */
int
db_lang_status_each(db_row_fn fn, void *arg)
{
	struct db_lang_status r;

	return each(S_LANG_STATUS_EACH, bind(S_LANG_STATUS_EACH, ""),
	    fill_lang_status, &r, fn, arg);
}

static void
fill_setting(sqlite3_stmt *s, void *p)
{
	struct db_setting *r = p;

	col_text(s, 0, r->key, sizeof(r->key));
	col_text(s, 1, r->value, sizeof(r->value));
}

/* Every setting, by key. */
int
db_setting_each(db_row_fn fn, void *arg)
{
	struct db_setting r;

	return each(S_SETTING_EACH, bind(S_SETTING_EACH, ""), fill_setting,
	    &r, fn, arg);
}

/* Queue one planned message; DB_EXISTS if that step is queued already. */
int
db_outbox_add(int64_t cid, const char *kind, int step, int workdays,
    const char *due_on)
{
	return run(S_OUTBOX_ADD, bind(S_OUTBOX_ADD, "itiin", cid, kind,
	    (int64_t)step, (int64_t)workdays, due_on));
}

static void
fill_outbox(sqlite3_stmt *s, void *p)
{
	struct db_outbox *o = p;

	memset(o, 0, sizeof(*o));
	o->id = sqlite3_column_int64(s, 0);
	o->cid = sqlite3_column_int64(s, 1);
	o->review_id = sqlite3_column_int64(s, 2);
	col_text(s, 3, o->kind, sizeof(o->kind));
	o->step = sqlite3_column_int(s, 4);
	o->workdays = sqlite3_column_int(s, 5);
	col_text(s, 6, o->due_on, sizeof(o->due_on));
	col_text(s, 7, o->state, sizeof(o->state));
	o->cut_off = sqlite3_column_int(s, 8);
	o->tries = sqlite3_column_int(s, 9);
	o->next_try_at = sqlite3_column_int64(s, 10);
	col_text(s, 11, o->audience, sizeof(o->audience));
	col_text(s, 12, o->review_date, sizeof(o->review_date));
	col_text(s, 13, o->held_on, sizeof(o->held_on));
	col_text(s, 14, o->review_status, sizeof(o->review_status));
	col_text(s, 15, o->contact_kind, sizeof(o->contact_kind));
	col_text(s, 16, o->to_label, sizeof(o->to_label));
	col_text(s, 17, o->wording, sizeof(o->wording));
	o->closed = sqlite3_column_int(s, 18);
	col_text(s, 19, o->notify_id, sizeof(o->notify_id));
	col_text(s, 20, o->delivery, sizeof(o->delivery));
	col_text(s, 21, o->error, sizeof(o->error));
	col_text(s, 22, o->sent_on, sizeof(o->sent_on));
	col_text(s, 23, o->review_type, sizeof(o->review_type));
}

/* Every message not yet sent (queued, or cut off while sending). */
int
db_outbox_pending_each(db_row_fn fn, void *arg)
{
	struct db_outbox o;

	return each(S_OUTBOX_PENDING, bind(S_OUTBOX_PENDING, ""), fill_outbox,
	    &o, fn, arg);
}

/* Sent messages whose delivery is not yet final. */
int
db_outbox_unfinal_each(db_row_fn fn, void *arg)
{
	struct db_outbox o;

	return each(S_OUTBOX_UNFINAL, bind(S_OUTBOX_UNFINAL, ""), fill_outbox,
	    &o, fn, arg);
}

/* Every message of one consultation, by step. */
int
db_outbox_of_each(int64_t cid, db_row_fn fn, void *arg)
{
	struct db_outbox o;

	return each(S_OUTBOX_OF, bind(S_OUTBOX_OF, "i", cid), fill_outbox,
	    &o, fn, arg);
}

/* Keep a message's due day as last worked out ("" for not known). */
int
db_outbox_due(int64_t id, const char *due_on)
{
	return run(S_OUTBOX_DUE, bind(S_OUTBOX_DUE, "ni", *due_on == '\0' ?
	    NULL : due_on, id));
}

/* Mark a message 'sending' (commit before the request). */
int
db_outbox_start(int64_t id)
{
	return run(S_OUTBOX_START, bind(S_OUTBOX_START, "i", id));
}

/* Mark a message sent, with Notify's id (may be "") on a day. */
int
db_outbox_sent(int64_t id, const char *nid, const char *day)
{
	return run(S_OUTBOX_SENT, bind(S_OUTBOX_SENT, "ntii", *nid == '\0' ?
	    NULL : nid, day, now(), id));
}

/* Put a message back in the queue, not before time at. */
int
db_outbox_retry(int64_t id, int64_t at, const char *why)
{
	return run(S_OUTBOX_RETRY, bind(S_OUTBOX_RETRY, "iti", at, why, id));
}

/* Mark a message failed for good, keeping why (Notify's own words). */
int
db_outbox_fail(int64_t id, const char *why)
{
	return run(S_OUTBOX_FAIL, bind(S_OUTBOX_FAIL, "ti", why, id));
}

/* Stop one message not yet sent, saying why. */
int
db_outbox_stop(int64_t id, const char *why)
{
	return run(S_OUTBOX_STOP, bind(S_OUTBOX_STOP, "ti", why, id));
}

/* Stop every message of a consultation not yet sent. */
int
db_outbox_stop_consult(int64_t cid, const char *why)
{
	return run(S_OUTBOX_STOP_CONSULT, bind(S_OUTBOX_STOP_CONSULT, "ti",
	    why, cid));
}

/* Record Notify's delivery status of a sent message. */
int
db_outbox_delivery(int64_t id, const char *status)
{
	return run(S_OUTBOX_DELIVERY, bind(S_OUTBOX_DELIVERY, "ti", status,
	    id));
}

/*
 * Reports a committee can trust (issue 13).
 */

/*
 * Withdraw a consultation that has not come back: it leaves the return
 * rates, as if it had never been sent.  Already withdrawn or returned:
 * nothing changes.
 */
int
db_consult_withdraw(int64_t id)
{
	return run(S_CONSULT_WITHDRAW, bind(S_CONSULT_WITHDRAW, "ii", now(),
	    id));
}

/* Undo a withdrawal (a new link was issued): it counts as sent again. */
int
db_consult_unwithdraw(int64_t id)
{
	return run(S_CONSULT_UNWITHDRAW, bind(S_CONSULT_UNWITHDRAW, "i", id));
}

static void
fill_903(sqlite3_stmt *s, void *p)
{
	struct db_903	*r = p;

	r->id = sqlite3_column_int64(s, 0);
	col_text(s, 1, r->child, sizeof(r->child));
	col_text(s, 2, r->dob, sizeof(r->dob));
	col_text(s, 3, r->held_on, sizeof(r->held_on));
	col_text(s, 4, r->code, sizeof(r->code));
}

/* Reviews held from..to (struct db_903 rows), by day held and child. */
int
db_ssda903_each(const char *from, const char *to, db_row_fn fn, void *arg)
{
	struct db_903	 r;

	return each(S_SSDA903, bind(S_SSDA903, "tt", from, to), fill_903, &r,
	    fn, arg);
}

/*
 * The chase list (page_chase.c).
 */

/* Read one chase list row (S_CHASE's columns) into a struct db_chase. */
static void
fill_chase(sqlite3_stmt *s, void *p)
{
	struct db_chase *c = p;

	memset(c, 0, sizeof(*c));
	c->id = sqlite3_column_int64(s, 0);
	c->review_id = sqlite3_column_int64(s, 1);
	col_text(s, 2, c->child_ref, sizeof(c->child_ref));
	col_text(s, 3, c->review_date, sizeof(c->review_date));
	col_text(s, 4, c->audience, sizeof(c->audience));
	col_text(s, 5, c->to_label, sizeof(c->to_label));
	col_text(s, 6, c->channel, sizeof(c->channel));
	col_text(s, 7, c->contact_kind, sizeof(c->contact_kind));
	col_text(s, 8, c->sent_on, sizeof(c->sent_on));
	c->opened_at = sqlite3_column_int64(s, 9);
	c->draft_at = sqlite3_column_int64(s, 10);
	col_text(s, 11, c->iro, sizeof(c->iro));
	c->total = sqlite3_column_int64(s, 12);
	col_text(s, 13, c->msg_kind, sizeof(c->msg_kind));
	col_text(s, 14, c->msg_state, sizeof(c->msg_state));
	col_text(s, 15, c->msg_delivery, sizeof(c->msg_delivery));
	col_text(s, 16, c->msg_on, sizeof(c->msg_on));
	col_text(s, 17, c->msg_error, sizeof(c->msg_error));
}

/*
 * The chase list for q: one row per consultation not yet back, with
 * its last message (struct db_chase), at most q->limit of them; each
 * row carries how many match in all.  One statement, filters bound.
 */
int
db_chase_each(const struct db_chase_q *q, db_row_fn fn, void *arg)
{
	struct db_chase	 c;

	return each(S_CHASE, bind(S_CHASE, "ttniniii", q->from, q->to,
	    q->audience, q->iro, q->channel, (int64_t)q->opened,
	    (int64_t)q->failed, (int64_t)q->limit), fill_chase, &c, fn, arg);
}

/*
 * Forget a consultation's messages that never reached its contact (not
 * yet sent, failed, stopped, or sent and not delivered), so that they
 * can be queued again for a new contact.  Leaves a message being sent.
 */
int
db_outbox_restart(int64_t cid)
{
	return run(S_OUTBOX_RESTART, bind(S_OUTBOX_RESTART, "i", cid));
}

/*
 * The passport of staff member id into out (first_name and about ""
 * and face 0 when not set; photo 1 when a photo is held).  DB_OK,
 * DB_NOTFOUND or DB_ERR.
 */
int
db_passport_get(int64_t id, struct db_passport *out)
{
	sqlite3_stmt	*s = bind(S_PASSPORT_GET, "i", id);
	int		 rc;

	memset(out, 0, sizeof(*out));
	if ((rc = row(S_PASSPORT_GET, s)) != DB_OK)
		return rc;
	out->id = id;
	col_text(s, 0, out->first_name, sizeof(out->first_name));
	out->face = sqlite3_column_int(s, 1);
	col_text(s, 2, out->about, sizeof(out->about));
	out->photo = sqlite3_column_int(s, 3);
	col_text(s, 4, out->username, sizeof(out->username));
	sqlite3_reset(s);
	return DB_OK;
}

/*
 * Set staff member id's first name, face (0: none) and words about
 * them (NULL or "": none).  DB_OK or DB_ERR.
 */
int
db_passport_set(int64_t id, const char *first, int face, const char *about)
{
	sqlite3_stmt	*s = bind(S_PASSPORT_SET, "nnni", first != NULL &&
	    *first != '\0' ? first : NULL, NULL, about != NULL &&
	    *about != '\0' ? about : NULL, id);

	/* face is an integer or NULL: bound here, not by bind()'s format. */
	if (s != NULL && (face > 0 ? sqlite3_bind_int(s, 2, face) :
	    sqlite3_bind_null(s, 2)) != SQLITE_OK)
		s = NULL;
	return run(S_PASSPORT_SET, s);
}

/* Set staff member id's first name alone ("" removes it). */
int
db_passport_name(int64_t id, const char *first)
{
	return run(S_PASSPORT_NAME, bind(S_PASSPORT_NAME, "ni",
	    *first != '\0' ? first : NULL, id));
}

/* Keep png (NULL: remove the photo) as staff member id's photo. */
int
db_passport_photo_set(int64_t id, const struct buf *png)
{
	sqlite3_stmt	*s;

	if (png == NULL)
		s = bind(S_PASSPORT_PHOTO_SET, "ni", NULL, id);
	else
		s = bind(S_PASSPORT_PHOTO_SET, "Bi", png, id);
	return run(S_PASSPORT_PHOTO_SET, s);
}

/* Staff member id's photo (a PNG) into out: DB_OK or DB_NOTFOUND. */
int
db_passport_photo_get(int64_t id, struct buf *out)
{
	sqlite3_stmt	*s = bind(S_PASSPORT_PHOTO_GET, "i", id);
	int		 rc;

	buf_reset(out);
	if ((rc = row(S_PASSPORT_PHOTO_GET, s)) != DB_OK)
		return rc;
	buf_add(out, sqlite3_column_blob(s, 0),
	    (size_t)sqlite3_column_bytes(s, 0));
	sqlite3_reset(s);
	return DB_OK;
}

/*
 * Raise a flag: its row, in the caller's transaction.  staff 0: raised
 * by a person's answer.  Fills *id.  DB_EXISTS if that question of that
 * consultation has raised one already.
 */
int
db_flag_add(int64_t review, int64_t cid, const char *source,
    const char *question, int64_t at, int64_t staff, int64_t *id)
{
	sqlite3_stmt	*s = staff > 0 ? bind(S_FLAG_ADD, "iittii", review, cid,
	    source, question, at, staff) : bind(S_FLAG_ADD, "iittin", review,
	    cid, source, question, at, (const char *)NULL);
	int		 rc = run(S_FLAG_ADD, s);

	if (rc == DB_OK)
		*id = sqlite3_last_insert_rowid(db);
	return rc;
}

/* Queue a message about flag id to staff (0: the duty address). */
int
db_flag_notice_add(int64_t flag, const char *kind, int64_t staff)
{
	sqlite3_stmt	*s = staff > 0 ? bind(S_FLAG_NOTICE_ADD, "iti", flag,
	    kind, staff) : bind(S_FLAG_NOTICE_ADD, "itn", flag, kind,
	    (const char *)NULL);

	return run(S_FLAG_NOTICE_ADD, s);
}

/* Queue the escalation message of flag id to every active manager. */
int
db_flag_notice_managers(int64_t flag)
{
	return run(S_FLAG_NOTICE_MANAGERS, bind(S_FLAG_NOTICE_MANAGERS, "i",
	    flag));
}

/*
 * Acknowledge flag id: who, when, and what they did (sealed, under key
 * version ver).  DB_NOTFOUND if it is not there or was acknowledged.
 */
int
db_flag_ack(int64_t id, int64_t staff, int64_t at, uint32_t ver,
    const struct buf *box)
{
	int	 rc = run(S_FLAG_ACK, bind(S_FLAG_ACK, "iiiBi", at, staff,
	    (int64_t)ver, box, id));

	if (rc == DB_OK && sqlite3_changes(db) == 0)
		return DB_NOTFOUND;
	return rc;
}

/*
 * Mark flag id raised to the managers, once: DB_NOTFOUND when it was
 * already, or has been acknowledged.
 */
int
db_flag_escalate(int64_t id, int64_t at)
{
	int	 rc = run(S_FLAG_ESCALATE, bind(S_FLAG_ESCALATE, "ii", at, id));

	if (rc == DB_OK && sqlite3_changes(db) == 0)
		return DB_NOTFOUND;
	return rc;
}

/* Fill a struct db_flag from FLAG_COLS. */
static void
fill_flag(sqlite3_stmt *s, void *p)
{
	struct db_flag	*f = p;
	const void	*b;
	int		 n;

	memset(f, 0, sizeof(*f));
	f->id = sqlite3_column_int64(s, 0);
	f->review_id = sqlite3_column_int64(s, 1);
	f->cid = sqlite3_column_int64(s, 2);
	f->iro_id = sqlite3_column_int64(s, 3);
	col_text(s, 4, f->child_ref, sizeof(f->child_ref));
	col_text(s, 5, f->review_date, sizeof(f->review_date));
	col_text(s, 6, f->source, sizeof(f->source));
	col_text(s, 7, f->question, sizeof(f->question));
	col_text(s, 8, f->audience, sizeof(f->audience));
	f->raised_at = sqlite3_column_int64(s, 9);
	f->escalated_at = sqlite3_column_int64(s, 10);
	f->acked_at = sqlite3_column_int64(s, 11);
	col_text(s, 12, f->raised_by, sizeof(f->raised_by));
	col_text(s, 13, f->acked_by, sizeof(f->acked_by));
	col_text(s, 14, f->iro, sizeof(f->iro));
	f->ack_ver = (uint32_t)sqlite3_column_int64(s, 15);
	b = sqlite3_column_blob(s, 16);
	n = sqlite3_column_bytes(s, 16);
	if (b != NULL && n > 0 && (size_t)n <= sizeof(f->ack_box)) {
		memcpy(f->ack_box, b, (size_t)n);
		f->ack_len = (size_t)n;
	}
}

/*
 * Each flag, open ones first: of one IRO's children (iro 0: all), only
 * open ones (open), only those not yet raised to the managers (fresh).
 */
int
db_flag_each(int64_t iro, int open, int fresh, db_row_fn fn, void *arg)
{
	struct db_flag	 f;

	return each(S_FLAG_EACH, bind(S_FLAG_EACH, "iii", iro, (int64_t)open,
	    (int64_t)fresh), fill_flag, &f, fn, arg);
}

/* One flag: DB_OK, DB_NOTFOUND or DB_ERR. */
int
db_flag_get(int64_t id, struct db_flag *out)
{
	sqlite3_stmt	*s = bind(S_FLAG_GET, "i", id);
	int		 rc;

	if ((rc = row(S_FLAG_GET, s)) != DB_OK)
		return rc;
	fill_flag(s, out);
	sqlite3_reset(s);
	return DB_OK;
}

/* The id of the staff account called name: DB_OK or DB_NOTFOUND. */
int
db_passport_id(const char *name, int64_t *id)
{
	sqlite3_stmt	*s = bind(S_PASSPORT_ID, "t", name);
	int		 rc;

	if ((rc = row(S_PASSPORT_ID, s)) != DB_OK)
		return rc;
	*id = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return DB_OK;
}

/* How many flags are open (of one IRO's children; 0: all), and raised. */
int
db_flag_open(int64_t iro, int64_t *open, int64_t *escalated)
{
	sqlite3_stmt	*s = bind(S_FLAG_OPEN, "i", iro);
	int		 rc;

	*open = *escalated = 0;
	if ((rc = row(S_FLAG_OPEN, s)) != DB_OK)
		return rc == DB_NOTFOUND ? DB_OK : rc;
	*open = sqlite3_column_int64(s, 0);
	*escalated = sqlite3_column_int64(s, 1);
	sqlite3_reset(s);
	return DB_OK;
}

/* Fill a struct db_flag_notice. */
static void
fill_notice(sqlite3_stmt *s, void *p)
{
	struct db_flag_notice *n = p;

	n->id = sqlite3_column_int64(s, 0);
	n->flag_id = sqlite3_column_int64(s, 1);
	col_text(s, 2, n->kind, sizeof(n->kind));
	n->staff_id = sqlite3_column_int64(s, 3);
	col_text(s, 4, n->email, sizeof(n->email));
	n->tries = sqlite3_column_int(s, 5);
	col_text(s, 6, n->username, sizeof(n->username));
}

/* Each flag message not yet sent, oldest first. */
int
db_flag_notice_each(db_row_fn fn, void *arg)
{
	struct db_flag_notice n;

	return each(S_FLAG_NOTICE_PENDING, bind(S_FLAG_NOTICE_PENDING, ""),
	    fill_notice, &n, fn, arg);
}

/*
 * What became of a flag message: its state, Notify's id (NULL keeps
 * it), why (or NULL), when sent (0: not), and requests made (added).
 */
int
db_flag_notice_set(int64_t id, const char *state, const char *notify_id,
    const char *why, int64_t sent_at, int tries)
{
	sqlite3_stmt	*s = sent_at > 0 ? bind(S_FLAG_NOTICE_SET, "tnniii",
	    state, notify_id, why, sent_at, (int64_t)tries, id) :
	    bind(S_FLAG_NOTICE_SET, "tnnnii", state, notify_id, why,
	    (const char *)NULL, (int64_t)tries, id);

	return run(S_FLAG_NOTICE_SET, s);
}

/* A member of staff's email address ("" or NULL: none). */
int
db_staff_email(int64_t id, const char *email)
{
	return run(S_STAFF_EMAIL, bind(S_STAFF_EMAIL, "ni", email != NULL &&
	    *email != '\0' ? email : NULL, id));
}

/* A member of staff's email address into dst ("" when none). */
int
db_staff_email_get(int64_t id, char *dst, size_t n)
{
	sqlite3_stmt	*s = bind(S_STAFF_EMAIL_GET, "i", id);
	int		 rc;

	dst[0] = '\0';
	if ((rc = row(S_STAFF_EMAIL_GET, s)) != DB_OK)
		return rc;
	col_text(s, 0, dst, n);
	sqlite3_reset(s);
	return DB_OK;
}
