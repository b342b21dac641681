"""`make mutants`: break each security and reliability property on
purpose, one at a time, and check that the test written for it fails.

A test that still passes when its property is broken proves nothing; this
is how we know ours do not.  Each mutant is an exact text replacement in a
copy of the tree under build/mutants/ (the working tree is never touched),
then an incremental build and the one test that guards the property.  A
replacement that no longer matches is reported, so the list cannot rot
quietly.  Ends "mutants: N caught, N missed".

`mutants.py --check` (part of `make test`) only checks that every
mutant's text is still in the working tree, once.
"""
import os
import shutil
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TREE = os.path.join(ROOT, "build", "mutants", "tree")

# (issue point, what breaks, file, text, replacement, test)
# test: ("e2e", FILTER) runs tests/e2e/run.py FILTER on the release build;
# ("unit", NAME) runs one C unit test; ("fuzz",) replays the fuzz corpus.
MUTANTS = [
    ("15.3 passport", "a photo's original bytes are kept (EXIF GPS and comments survive)",
     "cgi/img.c", "buf_add(out, enc, size);", "buf_add(out, data, len);",
     ("unit", "img_metadata")),
    ("15.3 passport", "a damaged JPEG is taken (libjpeg's warnings ignored)",
     "cgi/img.c", "\tif (level < 0)\n\t\t((struct jerr *)ci->err)->warned = 1;",
     "\tif (level < -1)\n\t\t((struct jerr *)ci->err)->warned = 1;",
     ("unit", "img_hostile")),
    ("15.3 passport", "a photo's declared size is not checked before decoding (a bomb)",
     "cgi/img.c", "if (w > IMG_MAX_SIDE || h > IMG_MAX_SIDE ||\n\t    w * h > IMG_MAX_PIXELS) {",
     "if (0) {", ("unit", "img_hostile")),
    ("15.3 passport", "staff photos are served to anyone who guesses an id",
     "cgi/router.c", "\t    R_STAFF, F(passport_photo_fields), passport_staff_photo },",
     "\t    0, F(passport_photo_fields), passport_staff_photo },",
     ("e2e", "test_passport_set_by_the_iro_with_a_photo")),
    ("15.3 passport", "an IRO sets other people's first names",
     "cgi/router.c", "\t    R_ADMIN, F(passport_name_fields), passport_first_name },",
     "\t    R_STAFF, F(passport_name_fields), passport_first_name },",
     ("e2e", "test_first_name_set_by_an_admin_on_the_staff_page")),
    ("1 fuzzing", "percent-decoding reads past the end of a value",
     "cgi/http.c", "if (n - i < 3 || (hi", "if ((hi", ("fuzz",)),
    ("2 guessing", "Heard stops counting wrong links per address",
     "cgi/consult.c", "if (n >= CONSULT_GUESSES)", "if (n < 0)",
     ("e2e", "test_heard_limits_guessing_apart_from_sign_in")),
    ("2 guessing", "nginx stops limiting floods of /code requests",
     "nginx/locations.conf", "location = /code {\n\tlimit_req zone=heard_links burst=100 nodelay;\n",
     "location = /code {\n",
     ("e2e", "test_nginx_limits_link_floods")),
    ("16.5 lockout", "nginx limits real links per address as if they were guesses",
     "nginx/common.conf", "zone=heard_links:10m rate=10r/s;", "zone=heard_links:10m rate=30r/m;",
     ("e2e", "test_valid_links_from_one_address_never_meet_nginx"),
     "nginx/locations.conf", "location /c/ {\n\tlimit_req zone=heard_links burst=100 nodelay;",
     "location /c/ {\n\tlimit_req zone=heard_links burst=10 nodelay;"),
    ("2 guessing", "keyed hashes cover only a secret's first 40 characters",
     "cgi/crypto.c", "(const unsigned char *)s, n,", "(const unsigned char *)s, n > 40 ? 40 : n,",
     ("unit", "db_guessing")),
    ("2 guessing", "failed attempts are purged by reading the whole table",
     "db/migrations/003-attempt-at.sql", "CREATE INDEX attempt_at ON attempt(at);",
     "SELECT 1;", ("unit", "db_guessing")),
    ("14 bench", "opening a link reads every visit to purge the expired ones",
     "db/migrations/009-visit-expiry.sql", "CREATE INDEX visit_expires ON visit(expires_at);",
     "SELECT 1;", ("unit", "db_visit_purge")),
    ("2 guessing", "staff sign-in failures are not limited",
     "cgi/session.c", "#define FAIL_FREE\t3\t", "#define FAIL_FREE\t5000\t",
     ("e2e", "test_failed_sign_ins_are_limited")),
    ("16.5 slowing", "the wait after failed sign-ins does not grow",
     "cgi/session.c", "\t\tw *= 2;", "\t\tw *= 1;",
     ("e2e", "test_guesser_slowed_right_person_let_through")),
    ("16.5 slowing", "a failing address locks the account for everyone",
     "cgi/session.c", "snprintf(pair, sizeof(pair), \"%s\\n%s\", addr, user);",
     "snprintf(pair, sizeof(pair), \"%s\", user);",
     ("e2e", "test_guesser_slowed_right_person_let_through")),
    ("3 hostile input", "a refused body is left unread when the connection closes",
     "cgi/http.c", "while (FCGX_GetStr(trash,", "while (0 && FCGX_GetStr(trash,",
     ("e2e", "test_body_over_the_limit_is_413")),
    ("3 hostile input", "the escaper lets < through",
     "cgi/tmpl.c", "case '<': rep = \"&lt;\"; break;", "case '<': rep = \"<\"; break;",
     ("e2e", "test_hostile_text_is_escaped_everywhere")),
    ("3 hostile input", "POSTs are not CSRF-checked",
     "cgi/router.c", "0 || !csrf_ok(r, d->csrf))) {",
     "0 || !(csrf_ok(r, d->csrf) || 1))) {",
     ("e2e", "test_post_without_csrf_is_refused")),
    ("3 hostile input", "cross-site POSTs are accepted",
     "cgi/router.c", "strcmp(r->fetch_site, \"cross-site\") ==\n\t    0 ||",
     "strcmp(r->fetch_site, \"cross-site\") ==\n\t    1 ||",
     ("e2e", "test_cross_site_post_is_refused")),
    ("3 hostile input", "a duplicated csrf field is accepted",
     "cgi/router.c", "kv_count(&r->body, \"csrf\") == 1 &&", "kv_count(&r->body, \"csrf\") >= 1 &&",
     ("e2e", "test_hostile_bodies_keep_other_answers")),
    ("3 hostile input", "staff pages skip the role check",
     "cgi/router.c", "if ((d->roles & page_role(&s)) == 0) {", "if (0) {",
     ("e2e", "test_roles_and_scoping")),
    ("3 hostile input", "a manager may record a participation code (issue 13 item 7)",
     "cgi/router.c", "CSRF_STAFF, R_ADMIN | R_IRO, F(act_pn_fields), act_participation },",
     "CSRF_STAFF, R_STAFF, F(act_pn_fields), act_participation },",
     ("e2e", "test_a_manager_cannot_record_participation")),
    ("3 hostile input", "a manager may record a review's format (issue 13 item 13)",
     "cgi/router.c", "CSRF_STAFF,\n\t    R_ADMIN | R_IRO, F(act_format_fields), act_format },",
     "CSRF_STAFF,\n\t    R_STAFF, F(act_format_fields), act_format },",
     ("e2e", "test_a_manager_cannot_record_a_format")),
    ("3 hostile input", "an IRO or a manager may issue links",
     "cgi/router.c", "[P_ISSUE] = { \"/admin/review/issue\", 0, M_POST, CSRF_STAFF, R_ADMIN,",
     "[P_ISSUE] = { \"/admin/review/issue\", 0, M_POST, CSRF_STAFF, R_STAFF,",
     ("e2e", "test_only_an_admin_issues_or_revokes")),
    ("3 hostile input", "a manager may mark a review held",
     "cgi/router.c", "CSRF_STAFF,\n\t    R_ADMIN | R_IRO, F(act_held_fields), act_held },",
     "CSRF_STAFF,\n\t    R_STAFF, F(act_held_fields), act_held },",
     ("e2e", "test_web_allocate_hold_lists_and_report")),
    ("3 hostile input", "an IRO may allocate reviews",
     "cgi/router.c", "CSRF_STAFF,\n\t    R_ADMIN, F(act_allocate_fields), act_allocate },",
     "CSRF_STAFF,\n\t    R_STAFF, F(act_allocate_fields), act_allocate },",
     ("e2e", "test_web_allocate_hold_lists_and_report")),
    ("12 timetable", "a review booked past its due date is kept without a reason",
     "cgi/page_reviews.c", "\t\tif (f->reason == NULL) {\n\t\t\tdb_rollback();",
     "\t\tif (0) {\n\t\t\tdb_rollback();",
     ("e2e", "test_web_add_review_asks_before_a_mistake_and_keeps")),
    ("3 at rest", "a letter's QR code writes its link out in clear",
     "cgi/qr.c", "tmpl_escape(out, label, strlen(label));",
     "tmpl_escape(out, text, strlen(text));",
     ("e2e", "test_letters_carry_a_qr_code_and_reply_by")),
    ("3 at rest", "answers are stored unsealed",
     "cgi/consult.c", "cr_seal(v, 'r', c->cid, c->pt == NULL ? \"\" : c->pt, c->ptlen, &box);",
     "buf_add(&box, c->pt == NULL ? \"\" : c->pt, c->ptlen);",
     ("e2e", "test_dump_holds_no_token_code_or_answer")),
    ("4 crashes", "the scribe says thank you before its commit",
     "cgi/scribe.c", "\t\tconsult_submit_all(c, n);\n\t\tfor (j = 0; j < n; j++) {",
     "\t\tfor (j = 0; j < n; j++) {",
     ("e2e", "test_killed_workers_lose_no_acknowledged_answer"),
     "cgi/scribe.c", "\t\t\tr.rc = c[j].rc;", "\t\t\tr.rc = DB_OK;",
     "cgi/scribe.c", "\t\t\tfree(mem[j]);\n\t\t}\n",
     "\t\t}\n\t\tusleep(30000);\n\t\tconsult_submit_all(c, n);\n"
     "\t\tfor (j = 0; j < n; j++)\n\t\t\tfree(mem[j]);\n"),
    ("4 crashes", "a worker takes a late reply meant for an earlier send",
     "cgi/scribe.c", "r.tag == h.tag &&\n\t\t    r.cid == h.cid) {", "1) {",
     ("e2e", "test_a_stuck_scribe_delays_but_loses_nothing")),
    ("4 crashes", "the scribe stores answers its sender gave up waiting for",
     "cgi/consult.c", "if (c[i].until != 0 && consult_ms() > c[i].until) {", "if (0) {",
     ("e2e", "test_a_send_given_up_on_is_not_stored_late")),
    ("4 crashes", "a failed batch commit leaves a repeat looking stored",
     "cgi/consult.c", "\t\tfor (i = 0; i < n; i++)\n\t\t\tc[i].rc = DB_ERR;\n}",
     "\t\tfor (i = 0; i < n; i++)\n\t\t\tif (c[i].rc == DB_OK)\n\t\t\t\tc[i].rc = DB_ERR;\n}",
     ("unit", "db_batch")),
    ("5 contention", "a busy database is not waited for",
     "cgi/db.c", "if (n >= 25000)", "if (n >= 0)",
     ("e2e", "test_busy_database_never_shows_an_error")),
    ("6 disk", "a failed save shows the page without what was typed",
     "cgi/page_public.c", "show(p, f, pi, &ans, NULL, 0, csrf, failed ?",
     "show(p, f, pi, &(struct kvlist){ 0 }, NULL, 0, csrf, failed ?",
     ("e2e", "test_full_disk_keeps_answers_and_the_database")),
    ("6 memory", "a worker that dies is not replaced",
     "cgi/main.c", "pids[i] = stopping ? 0 : spawn(&c, sock, i);", "pids[i] = 0;",
     ("e2e", "test_allocation_failure_is_contained")),
    ("7 retention", "purge leaves deleted bytes on the free pages",
     # Debian's SQLite defaults to secure_delete; others do not.
     "cgi/db.c", "PRAGMA secure_delete = ON; ", "PRAGMA secure_delete = OFF; ",
     ("e2e", "test_purge_leaves_no_trace")),
    ("8 logs", "the log line names the path (with its token)",
     "cgi/main.c", "\"GET\" : \"OTHER\", name, p.status",
     "\"GET\" : \"OTHER\", name = r.path, p.status",
     ("e2e", "test_logs_never_hold_tokens_codes_or_answers")),
    ("14 chase", "the chase list's CSV (contacts, links, codes) opens to every staff role",
     "cgi/router.c", "[P_CHASE_CSV] = { \"/admin/chase/csv\", 0, M_POST, CSRF_STAFF, R_ADMIN,",
     "[P_CHASE_CSV] = { \"/admin/chase/csv\", 0, M_POST, CSRF_STAFF, R_STAFF,",
     ("e2e", "test_only_an_admin_reaches_the_chase_list")),
    ("14 contacts", "contacts and messages are shown to IROs and managers",
     "cgi/page_reviews.c", "int		 admin = page_role(rp->s) == R_ADMIN,",
     "int		 admin = page_role(rp->s) != 0,",
     ("e2e", "test_messages_and_contacts_on_the_review_page")),
    ("17 languages", "an IRO may sign a translation off",
     "cgi/router.c", "CSRF_STAFF,\n\t    R_ADMIN | R_MANAGER, F(langs_status_fields), langs_status },",
     "CSRF_STAFF,\n\t    R_STAFF, F(langs_status_fields), langs_status },",
     ("e2e", "test_lang_status_signed_off_audited_and_role_checked")),
    ("17 languages", "a translated text goes into the page unescaped",
     "cgi/tmpl.c", "\t\t\ttmpl_escape(out, val, strlen(val));\n\t\t\tcontinue;",
     "\t\t\tbuf_puts(out, val);\n\t\t\tcontinue;",
     ("unit", "lang_gaps")),
    ("14 contacts", "the Sending page is open to every member of staff",
     "cgi/router.c", "R_ADMIN, NULL,\n\t    0, sending_page },",
     "R_STAFF, NULL,\n\t    0, sending_page },",
     ("e2e", "test_iro_and_manager_cannot_reach_sending")),
    ("14 send and chase", "a week's sealed file is issued from another staff session",
     "cgi/page_week.c", "\tbuf_puts(b, WEEK_BIND);\n\tbuf_puts(b, s->cookie);\n",
     "\tbuf_puts(b, WEEK_BIND);\n\t(void)s;\n",
     ("e2e", "test_week_tampered_or_foreign_file_is_refused")),
    ("14 send and chase", "issue goes on with a sealed file that did not open",
     "cgi/page_week.c", "buf_str(&box), &text) == -1) {\n\t\trefuse(p, s);",
     "buf_str(&box), &text) == -2) {\n\t\trefuse(p, s);",
     ("e2e", "test_week_tampered_or_foreign_file_is_refused")),
    ("3 hostile input", "the multipart parser takes a part that never ends",
     "cgi/http.c", "if ((next = find(s, (size_t)(end - s), delim, dn)) == NULL)\n\t\t\tgoto bad;",
     "if ((next = find(s, (size_t)(end - s), delim, dn)) == NULL)\n\t\t\treturn 0;",
     ("unit", "http_multipart")),
    ("16.7 key", "a wrong key file starts the server and the CLI",
     "cgi/keycheck.c", "if (cr_equal(have, want, sizeof(want)))",
     "if (1 || cr_equal(have, want, sizeof(want)))",
     ("e2e", "test_a_wrong_key_stops_start_up")),
    ("16.1 drafts", "a reissued link opens the person's saved draft",
     "cgi/consult.c", "\t    db_draft_delete(cid) != DB_OK ||\n", "",
     ("e2e", "test_reissued_link_never_shows_the_draft")),
    ("16.1 drafts", "a browser signed in as staff opens a person's form",
     "cgi/router.c", "pg == P_FORM) &&\n\t    session_check(", "pg == P_FORM) && 0 &&\n\t    session_check(",
     ("e2e", "test_reissued_link_never_shows_the_draft")),
    ("16.4 staff who leave", "a disabled IRO can be allocated a review",
     "cgi/page_actions.c", "if (!st->disabled && st->id == *want)", "if (st->id == *want)",
     ("e2e", "test_disable_enable_reset_and_role_on_the_staff_page")),
    ("16.4 staff who leave", "a temporary password opens every staff page",
     "cgi/router.c", "if (s.who.pw_reset && pg != P_PASSWORD", "if (0 && pg != P_PASSWORD",
     ("e2e", "test_disable_enable_reset_and_role_on_the_staff_page")),
    ("16.4 staff who leave", "a password reset leaves the old sessions open",
     "cgi/db.c", "if (rc == DB_OK && reset)", "if (rc == DB_OK && 0)",
     ("e2e", "test_disable_enable_reset_and_role_on_the_staff_page")),
    ("16.3 duties apart", "an admin's new IRO or manager signs in without a manager's approval",
     "cgi/page_staff.c", "\t\t\t\tif (!reads_answers(role)) {", "\t\t\t\tif (1) {",
     ("e2e", "test_roles_that_read_answers_need_a_manager")),
    ("16.3 duties apart", "an admin gives a role that reads answers at once",
     "cgi/page_staff.c", "\tif (reads_answers(role)) {\n\t\tif (staff_ask(", "\tif (0) {\n\t\tif (staff_ask(",
     ("e2e", "test_roles_that_read_answers_need_a_manager")),
    ("16.3 duties apart", "an admin enables an account still waiting for approval",
     "cgi/page_staff.c", "\tif (st.pending_add) {\n\t\tstruct staff_say", "\tif (0) {\n\t\tstruct staff_say",
     ("e2e", "test_roles_that_read_answers_need_a_manager")),
    ("18.4 many councils", "a host nginx does not list is served by the first council",
     "tools/councils-nginx.sh", "\t# Any host not listed: closed without an answer.\n\tserver {\n"
     "\t\tlisten 127.0.0.1:$port default_server;\n\t\tserver_name _;\n\t\treturn 444;\n\t}\n",
     "", ("e2e", "test_two_councils_refuse_each_other")),
    ("18.4 many councils", "an instance's name is not checked (../other reaches outside the root)",
     "cgi/conf.c", "if (!instance_name_ok(c->instance)) {", "if (!instance_name_ok(c->instance) && 0) {",
     ("e2e", "test_two_councils_refuse_each_other")),
    ("18.4 many councils", "every instance uses the one default database",
     "cgi/conf.c", "if (!(c->given & GIVEN_DB))\n\t\tc->db = c->inst_db;",
     "if (0)\n\t\tc->db = c->inst_db;", ("e2e", "test_two_councils_refuse_each_other")),
    ("15.5 IRO page", "the copy to print without it still carries the child's private answer",
     "cgi/page_answers.c", "return !leave_out && page_role(s) == R_IRO", "return (void)leave_out, page_role(s) == R_IRO",
     ("e2e", "test_print_copy_leaves_out_the_private_answer")),
    ("15.5 IRO page", "a manager reads what the child wrote for their IRO alone",
     "cgi/page_answers.c", "page_role(s) == R_IRO && rv->iro_id == s->who.id;",
     "(page_role(s) != R_ADMIN || rv->iro_id == s->who.id);", ("e2e", "test_who_may_read")),
    ("15.5 IRO page", "the summary at the top quotes the private answer",
     "cgi/page_answers.c", "if (q->private && there) {", "if (0 && q->private && there) {",
     ("e2e", "test_summary_shows_what_the_child_asked_for")),
    ("17.1 read aloud", "nginx serves the clip folder whole, its lists and anything put there",
     "nginx/locations.conf", "location ~ \"^/audio/([0-9a-f]{16,64})\\.ogg$\" {\n\talias @ROOT@/build/audio/$1.ogg;",
     "location /audio/ {\n\talias @ROOT@/build/audio/;",
     ("e2e", "test_no_control_on_other_forms_or_staff_pages_and_only_clips_served")),
    ("17.1 read aloud", "a language without a voice of its own is read in another's",
     "cgi/speak.c", '{ "ps", "Pashto", NULL },', '{ "ps", "Pashto", "espeak-ng fa" },',
     ("unit", "speak_load")),
    ("18 replication", "Litestream ships the WAL once an hour, not every second",
     "tools/litestream.sh", 'echo "        sync-interval: \\"$interval\\""',
     'echo "        sync-interval: \\"1h\\""',
     ("e2e", "test_drill_sigkill_everything_and_restore_from_sftp")),
    ("18 restore", "a restore is not checked for rows pointing nowhere",
     "cgi/db.c", "\tif (n > 0) {\n\t\tsnprintf(why + strlen(why)",
     "\tif (n < 0) {\n\t\tsnprintf(why + strlen(why)",
     ("e2e", "test_restore_from_a_folder_is_checked_and_never_overwrites")),
    ("18 restore", "a restore may be written over an existing database",
     "cgi/ctl_restore.c", "if (lstat(to, &sb) == 0 || lstat(wal, &sb) == 0)", "if (0)",
     ("e2e", "test_restore_from_a_folder_is_checked_and_never_overwrites")),
    ("18 replica", "a replica that falls behind is taken as keeping up",
     "cgi/ctl_replica.c", "else if (replica_reached(&then.replica, &first.shadow))",
     "else if (1)",
     ("e2e", "test_a_stopped_replica_is_seen_within_a_minute_and_forms_still_send")),
    ("15.4 safeguarding", "a yes to talk_soon raises no flag",
     "cgi/flag.c", "if (v != NULL && strcmp(v, \"yes\") == 0) {",
     "if (v != NULL && strcmp(v, \"yes\") == 0 && 0) {",
     ("e2e", "test_a_yes_raises_a_flag_the_iro_sees")),
    ("15.4 safeguarding", "the flag message carries the child's words",
     "cgi/ctl_flag.c", "\toutreach_setting(\"council\", \"\", m->council, sizeof(m->council));",
     "\t{ struct kvlist a = { 0 }; consult_load(1, f->cid, &a); snprintf(m->council, "
     "sizeof(m->council), \"%s\", kv_get(&a, \"worries\") != NULL ? kv_get(&a, \"worries\") : "
     "\"\"); kv_free(&a); }",
     ("e2e", "test_a_yes_raises_a_flag_the_iro_sees")),
    ("15.4 safeguarding", "an unacknowledged flag is never raised to the managers",
     "cgi/flag.c", "if (d >= 0 && k->now >= d && k->n <", "if (0 && k->now >= d && k->n <",
     ("e2e", "test_an_unacknowledged_flag_reaches_the_managers")),
    ("15.4 safeguarding", "a Friday flag is raised to the managers on Saturday",
     "cgi/flag.c", "\t\treturn local_time(next, secs);", "\t\treturn local_time(day + 1, secs);",
     ("e2e", "test_an_unacknowledged_flag_reaches_the_managers")),
    ("15.4 safeguarding", "an acknowledgement is not audited",
     "cgi/flag.c", "\t\trc = db_audit(staff, \"flag-ack\", subj);", "\t\trc = DB_OK;",
     ("e2e", "test_acknowledgement_is_audited")),
    ("15.4 safeguarding", "an admin may mark an answer as a worry",
     "cgi/router.c", "R_IRO | R_MANAGER, F(flag_worry_fields), flag_worry },",
     "R_STAFF, F(flag_worry_fields), flag_worry },",
     ("e2e", "test_staff_marking_an_answer_as_a_worry")),
    ("15.4 safeguarding", "an IRO opens another IRO's child's flag",
     "cgi/page_flags.c", "if (page_role(s) == R_IRO && f->iro_id != s->who.id) {", "if (0) {",
     ("e2e", "test_staff_marking_an_answer_as_a_worry")),
]


def sh(cmd, **kw):
    return subprocess.run(cmd, cwd=TREE, capture_output=True, text=True, **kw)


def copy_tree():
    """The working tree's files (committed or not, ignored ones left out)."""
    shutil.rmtree(os.path.join(ROOT, "build", "mutants"), ignore_errors=True)
    files = subprocess.run(["git", "ls-files", "-z", "--cached", "--others",
                            "--exclude-standard"], cwd=ROOT, capture_output=True,
                           check=True).stdout.split(b"\0")
    for f in filter(None, files):
        src = os.path.join(ROOT, f.decode())
        if os.path.isfile(src):
            dst = os.path.join(TREE, f.decode())
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            shutil.copy2(src, dst)


def replace(path, old, new):
    full = os.path.join(TREE, path)
    with open(full) as f:
        text = f.read()
    if text.count(old) != 1:
        return None
    with open(full, "w") as f:
        f.write(text.replace(old, new))
    return text


def fails(test):
    """True when the guarding test fails against the mutated build."""
    if test[0] == "fuzz":
        b = sh(["make", "-s", "fuzz-build"])  # the targets, not a run
        if b.returncode != 0:
            return None, b.stderr[-2000:]
        r = sh(["sh", "tests/fuzz/replay.sh"])
    elif test[0] == "unit":
        b = sh(["make", "-s", "build/unit"])
        if b.returncode != 0:
            return None, b.stderr[-2000:]
        r = sh(["build/unit", test[1]], timeout=600)
    else:
        b = sh(["make", "-s", "all"])
        if b.returncode != 0:
            return None, b.stderr[-2000:]
        r = sh([sys.executable, "tests/e2e/run.py", test[1]], timeout=600)
    lines = (r.stdout + r.stderr).strip().splitlines() or [""]
    ran = " 0 passed, 0 failed" not in r.stdout
    # The first assertion that fired says why: the property, not a crash.
    why = next((ln.strip() for ln in lines
                if ln.startswith(("AssertionError", "FAIL fuzz")) or "CHECK(" in ln),
               lines[-1])
    return (r.returncode != 0 and ran), why[:160]


def edits_of(m):
    """A mutant's (file, text, replacement) edits."""
    return [(m[2], m[3], m[4])] + [tuple(m[i:i + 3]) for i in range(6, len(m), 3)]


def check():
    """Every mutant still applies to the working tree."""
    ok = bad = 0
    for m in MUTANTS:
        for path, old, _ in edits_of(m):
            with open(os.path.join(ROOT, path)) as f:
                n = f.read().count(old)
            if n == 1:
                ok += 1
            else:
                bad += 1
                print(f"STALE  [{m[0]}] {m[1]}: {path} holds the text {n} times")
    print(f"mutants-list: {ok} passed, {bad} failed")
    return 0 if bad == 0 else 1


def main():
    if sys.argv[1:] == ["--check"]:
        return check()
    only = sys.argv[1] if len(sys.argv) > 1 else None
    copy_tree()
    caught = missed = 0
    for m in MUTANTS:
        point, what, test = m[0], m[1], m[5]
        edits = edits_of(m)
        if only and only not in point + what:
            continue
        t0 = time.time()
        saved = []
        for path, old, new in edits:
            orig = replace(path, old, new)
            if orig is None:
                print(f"STALE  [{point}] {what}: {path} no longer holds the text", flush=True)
                break
            saved.append((path, orig))
        if len(saved) == len(edits):
            ok, detail = fails(test)
        else:
            ok, detail = False, "not applied"
        for path, orig in saved:
            with open(os.path.join(TREE, path), "w") as f:
                f.write(orig)
        name = test[1] if len(test) > 1 else "fuzz corpus replay"
        if ok:
            caught += 1
            print(f"caught [{point}] {what}: {name} failed ({detail}) "
                  f"{time.time() - t0:.0f}s", flush=True)
        else:
            missed += 1
            print(f"MISSED [{point}] {what}: {name}: {detail}", flush=True)
    print(f"mutants: {caught} caught, {missed} missed", flush=True)
    return 0 if missed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
