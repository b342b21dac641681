"""Sending and chasing through GOV.UK Notify (issue 14), against the Notify
double: invitations on their working day by email, text and letter, the link
a message carries opening the right form, reminders only to those who have
not returned, a 429 storm and 500s ridden out, a 400 kept with Notify's own
words, a sender killed mid-batch losing nothing and repeating at most one,
no contact, link or code in any log or in a dump, and the week import."""
import os
import re
import signal
import sqlite3
import subprocess
import time
import uuid

from harness import Client
from notifydouble import NotifyDouble

REVIEW = "2027-03-17"          # a Wednesday, well after today
FIELDS = {"name", "form", "child", "review_date", "reply_by", "link", "code", "council"}
EMAIL, PHONE, ADDRESS = "sam.jones@example.org", "07700 900123", "1 High Street|Northtown|nt1 1aa"


def setup(h, nd, templates=True):
    """Point heardctl at the double and set templates and the council."""
    h.env["HEARD_NOTIFY_KEY"] = nd.write_key(os.path.join(h.dir, "notify.key"))
    h.env["HEARD_NOTIFY_URL"] = nd.url
    h.env["HEARD_NOTIFY_RATE"] = "6000"
    if templates:
        for kind in ("invite", "reminder"):
            for ch in ("email", "sms", "letter"):
                h.ctl("notify", "template", kind, ch, str(uuid.uuid4()))
    h.ctl("setting", "council", "Northshire Council")


def workdays(h, day, n):
    return h.ctl("workdays", day, str(n)).stdout.strip()


def issue(h, rid, aud, *contact):
    p = h.ctl("issue", "--review", str(rid), "--audience", aud, *contact)
    assert "/c/" not in p.stdout and "code" not in p.stdout.split("\n", 1)[0], p.stdout
    m = re.match(r"consultation (\d+)\n", p.stdout)
    assert m, p.stdout
    return int(m.group(1))


def send(h, day, check=True):
    p = h.ctl("send", "--today", day, check=check)
    h.stderrs = getattr(h, "stderrs", "") + p.stderr
    return p


def counts(out):
    m = re.search(r"sent (\d+) invitations?, (\d+) reminders?; (\d+) failed; (\d+) waiting", out)
    assert m, out
    return tuple(int(x) for x in m.groups())


def outbox(h, cid):
    return sqlite3.connect(h.db).execute(
        "SELECT kind, step, state, notify_id, delivery, error FROM outbox "
        "WHERE consultation_id = ? ORDER BY step", (cid,)).fetchall()


def to_of(m):
    if m["_path"].endswith("email"):
        return m["email_address"]
    if m["_path"].endswith("sms"):
        return m["phone_number"]
    return m["personalisation"]["address_line_1"]


def test_without_a_key_nothing_is_sent(h):
    rid = h.review("REF-N", REVIEW)
    cid = issue(h, rid, "parent", "--email", EMAIL)
    day = workdays(h, REVIEW, -15)
    out = h.ctl("send", "--today", day).stdout
    assert "not set up" in out and "would send 1 invitation, 0 reminders" in out, out
    assert f"consultation {cid} by email" in out and EMAIL not in out
    assert [r[2] for r in outbox(h, cid)] == ["queued"] * 3


def test_contacts_refused_with_the_rule(h):
    rid = h.review("REF-C", REVIEW)
    for opt, val, word in (("--phone", "020 7946 0000", "landline"),
                           ("--address", "1 High Street|Northtown", "at least 3 lines"),
                           ("--address", "1 High Street|Northtown|Northshire", "postcode"),
                           ("--email", "sam@example", "domain")):
        p = h.ctl("issue", "--review", str(rid), "--audience", "parent", opt, val, check=False)
        assert p.returncode == 1 and word in p.stderr, (opt, val, p.stderr)
    p = h.ctl("issue", "--review", str(rid), "--audience", "parent", "--email", EMAIL,
              "--phone", PHONE, check=False)
    assert p.returncode == 1 and "at most one" in p.stderr
    assert sqlite3.connect(h.db).execute("SELECT count(*) FROM consultation").fetchone()[0] == 0


def test_invitations_on_their_working_day_by_every_channel(h):
    with NotifyDouble() as nd:
        setup(h, nd)
        h.ctl("review", "add", "--child", "REF-1", "--date", REVIEW, "--type", "cic",
              "--first-name", "Sam")
        rid = 1
        c1 = issue(h, rid, "child", "--email", EMAIL)
        c2 = issue(h, rid, "parent", "--phone", PHONE)
        c3 = issue(h, rid, "health", "--address", ADDRESS)
        h.ctl("issue", "--review", str(rid), "--audience", "carer", "--email", "carer@example.org",
              "--to", "Mrs Carer")
        day = workdays(h, REVIEW, -15)
        before = workdays(h, day, -1)
        assert counts(send(h, before).stdout) == (0, 0, 0, 0)
        assert nd.messages() == []
        assert counts(send(h, day).stdout) == (4, 0, 0, 0)
        msgs = nd.messages()
        assert sorted(m["_path"] for m in msgs) == sorted(
            ["/v2/notifications/email"] * 2 + ["/v2/notifications/sms", "/v2/notifications/letter"])
        by = {to_of(m): m for m in msgs}
        assert set(by) == {EMAIL, "07700900123", "1 High Street", "carer@example.org"}
        letter = by["1 High Street"]["personalisation"]
        assert letter["address_line_2"] == "Northtown" and letter["address_line_3"] == "NT1 1AA"
        for m in msgs:
            p = m["personalisation"]
            assert FIELDS <= set(p) and "wording" not in p, p
            assert p["council"] == "Northshire Council"
            assert p["review_date"] == "Wednesday 17 March 2027"
            assert p["reply_by"] == "Tuesday 16 March 2027"
            assert re.fullmatch(r"heard-c\d+-m\d+", m["reference"]), m["reference"]
        assert by[EMAIL]["personalisation"]["child"] == "Sam"
        assert by["07700900123"]["personalisation"]["child"] == "Sam"
        assert by["1 High Street"]["personalisation"]["child"] == ""      # health
        assert by[EMAIL]["personalisation"]["name"] == "there"
        assert by["carer@example.org"]["personalisation"]["name"] == "Mrs Carer"
        assert by[EMAIL]["personalisation"]["form"] == "My views"
        assert by["07700900123"]["personalisation"]["form"] == "Your views as a parent"
        # The link a message carried opens that person's form.
        for to, title in ((EMAIL, "My views"), ("07700900123", "Your views as a parent"),
                          ("1 High Street", "Health report for the review")):
            link = by[to]["personalisation"]["link"]
            assert link.startswith(h.env["HEARD_BASE_URL"] + "/c/")
            c = Client(h)
            r = c.get(link[len(h.env["HEARD_BASE_URL"]):])
            assert r.status == 303 and r.header("Location") == "/form", r.status
            page = c.get("/form")
            assert page.status == 200 and title in page.body, (to, page.body[:500])
        # Sent is recorded with Notify's id, and the delivery was read.
        for cid in (c1, c2, c3):
            inv = outbox(h, cid)[0]
            assert inv[2] == "sent" and re.fullmatch(r"[0-9a-f-]{36}", inv[3]), inv
            assert inv[4] in ("delivered", "received"), inv
        sent_on = sqlite3.connect(h.db).execute(
            "SELECT sent_on FROM consultation WHERE id = ?", (c1,)).fetchone()[0]
        assert sent_on == day
        # Running again the same day sends nothing twice.
        assert counts(send(h, day).stdout) == (0, 0, 0, 0)
        assert len(nd.messages()) == 4


def test_reminders_go_only_to_those_who_have_not_returned(h):
    with NotifyDouble() as nd:
        setup(h, nd)
        rid = h.review("REF-2", REVIEW)
        other = h.review("REF-3", REVIEW)
        keep = issue(h, rid, "parent", "--email", "keep@example.org")
        paper = issue(h, rid, "carer", "--email", "paper@example.org")
        revoked = issue(h, rid, "health", "--email", "revoked@example.org")
        online = issue(h, rid, "education", "--phone", "07700 900456")
        cancelled = issue(h, other, "parent", "--email", "cancelled@example.org")
        day = workdays(h, REVIEW, -15)
        assert counts(send(h, day).stdout)[0] == 5
        wordings = sqlite3.connect(h.db).execute(
            "SELECT DISTINCT wording FROM consultation").fetchall()
        assert {w for (w,) in wordings} <= {"A", "B"}
        # One comes back on paper, one is revoked, one review is cancelled
        # (by the tracker import, as any other path would), one is sent
        # online through its link.
        h.ctl("return", "--consultation", str(paper), "--channel", "paper")
        h.ctl("revoke", "--consultation", str(revoked))
        tracker = os.path.join(h.dir, "t.csv")
        with open(tracker, "w") as f:
            f.write("child_ref,review_date,review_type,iro,audience,channel,sent_on,returned_on,"
                    "review_status\nREF-3,%s,cic,,carer,post,%s,,cancelled\n" % (REVIEW, day))
        h.ctl("import", tracker)
        h.ctl("return", "--consultation", str(online), "--channel", "email")
        r1 = workdays(h, REVIEW, -10)
        assert counts(send(h, workdays(h, r1, -1)).stdout) == (0, 0, 0, 0)
        out = send(h, r1).stdout
        assert counts(out) == (0, 1, 0, 0), out
        rem = [m for m in nd.messages() if "wording" in m["personalisation"]]
        assert [to_of(m) for m in rem] == ["keep@example.org"]
        inv = [m for m in nd.messages() if to_of(m) == "keep@example.org"][0]
        # Every reminder carries the same working link as the invitation.
        assert rem[0]["personalisation"]["link"] == inv["personalisation"]["link"]
        assert rem[0]["personalisation"]["code"] == inv["personalisation"]["code"]
        assert rem[0]["personalisation"]["wording"]
        for cid in (paper, revoked, online, cancelled):
            assert all(r[2] in ("sent", "stopped") for r in outbox(h, cid)), outbox(h, cid)
            assert [r[2] for r in outbox(h, cid)][1:] == ["stopped", "stopped"]
        # Sealed links of returned, revoked and cancelled ones are wiped.
        db = sqlite3.connect(h.db)
        assert db.execute("SELECT count(*) FROM link_secret").fetchone()[0] == 1
        # A rearranged review moves what has not yet gone.
        new = "2027-03-31"
        db.execute("UPDATE review SET review_date = ?, status = 'rearranged' WHERE id = ?",
                   (new, rid))
        db.commit()
        old_r2 = workdays(h, REVIEW, -5)
        assert counts(send(h, old_r2).stdout) == (0, 0, 0, 0)
        assert counts(send(h, workdays(h, new, -5)).stdout) == (0, 1, 0, 0)
        assert [to_of(m) for m in nd.messages() if "wording" in m["personalisation"]] == \
            ["keep@example.org"] * 2
        # The report groups return rates by wording.
        rep = h.ctl("report", "--from", "2027-01-01", "--to", "2027-12-31", "--by", "wording",
                    "--format", "csv").stdout
        assert "wording A" in rep or "wording B" in rep, rep


def test_a_429_storm_and_500s_are_ridden_out(h):
    with NotifyDouble() as nd:
        setup(h, nd)
        rid = h.review("REF-4", REVIEW)
        cids = [issue(h, rid, aud, "--email", f"{aud}@example.org")
                for aud in ("parent", "carer", "health")]
        day = workdays(h, REVIEW, -15)
        nd.script(fail={"count": 3, "status": 429})
        nd.script(fail={"count": 1, "status": 500})
        assert counts(send(h, day).stdout) == (3, 0, 0, 0)
        statuses = [r["status"] for r in nd.sent() if r["method"] == "POST"]
        assert statuses == [429, 429, 429, 500, 201, 201, 201], statuses
        # A longer outage: the message waits for a later run, never lost.
        rid2 = h.review("REF-5", REVIEW)
        late = issue(h, rid2, "parent", "--email", "late@example.org")
        nd.script(fail={"count": 5, "status": 503})
        out = send(h, day).stdout
        assert counts(out) == (0, 0, 0, 1), out
        assert outbox(h, late)[0][2] == "queued"
        assert counts(send(h, day).stdout) == (0, 0, 0, 1)   # not before its time
        db = sqlite3.connect(h.db)
        db.execute("UPDATE outbox SET next_try_at = 0")        # a minute passes
        db.commit()
        assert counts(send(h, day).stdout) == (1, 0, 0, 0)
        assert sorted(to_of(m) for m in nd.messages()) == sorted(
            ["parent@example.org", "carer@example.org", "health@example.org", "late@example.org"])
        assert all(outbox(h, c)[0][2] == "sent" for c in cids + [late])


def test_a_400_is_kept_with_notifys_message_and_never_retried(h):
    with NotifyDouble() as nd:
        setup(h, nd)
        rid = h.review("REF-6", REVIEW)
        bad = issue(h, rid, "parent", "--email", "bounce@example.org")
        good = issue(h, rid, "carer", "--email", "fine@example.org")
        nd.script(reject={"bounce@example.org": "Can’t send to this recipient using a team-only API key"})
        day = workdays(h, REVIEW, -15)
        out = send(h, day).stdout
        assert counts(out) == (1, 0, 1, 0), out
        row = outbox(h, bad)[0]
        assert row[2] == "failed" and "team-only API key" in row[5] and "400" in row[5], row
        status = h.ctl("notify", "status", "--consultation", str(bad)).stdout
        assert "team-only API key" in status and "failed" in status, status
        # Its reminders stop; it is never sent again.
        send(h, day)
        send(h, workdays(h, REVIEW, -10))
        posts = [r for r in nd.sent() if r["method"] == "POST" and "bounce" in r["body"]]
        assert len(posts) == 1
        assert [r[2] for r in outbox(h, bad)] == ["failed", "stopped", "stopped"]
        assert outbox(h, good)[1][2] == "sent"


def test_a_sender_killed_mid_batch_loses_nothing_and_repeats_at_most_one(h):
    with NotifyDouble() as nd:
        setup(h, nd)
        rid = h.review("REF-7", REVIEW)
        cids = [issue(h, rid, aud, "--email", f"{aud}@example.org")
                for aud in ("parent", "carer", "health", "education")]
        day = workdays(h, REVIEW, -15)
        nd.script(delay=2.0)
        p = subprocess.Popen([os.path.join(h.bindir, "heardctl"), "send", "--today", day],
                             env=h.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(1.0)             # waiting on the first answer
        p.send_signal(signal.SIGKILL)
        p.wait(10)
        time.sleep(1.5)             # the double answers into the void
        states = [outbox(h, c)[0][2] for c in cids]
        assert states.count("sending") == 1 and states.count("queued") == 3, states
        nd.script(delay=0)
        out = send(h, day).stdout
        assert counts(out) == (4, 0, 0, 0), out
        got = [to_of(m) for m in nd.messages()]
        assert sorted(set(got)) == sorted(f"{a}@example.org" for a in
                                          ("parent", "carer", "health", "education"))
        assert len(got) <= 5 and max(got.count(x) for x in got) <= 2, got
        assert all(outbox(h, c)[0][2] == "sent" for c in cids)
        # Cut off a second time, a message is failed, not sent a third time.
        rid2 = h.review("REF-8", REVIEW)
        twice = issue(h, rid2, "parent", "--email", "twice@example.org")
        db = sqlite3.connect(h.db)
        db.execute("UPDATE outbox SET state = 'sending', cut_off = 1 WHERE consultation_id = ? "
                   "AND step = 0", (twice,))
        db.commit()
        assert counts(send(h, day).stdout) == (0, 0, 1, 0)
        assert outbox(h, twice)[0][2] == "failed"
        assert not [m for m in nd.messages() if to_of(m) == "twice@example.org"]


def test_no_contact_link_or_code_in_any_log_or_dump(h):
    with NotifyDouble() as nd:
        setup(h, nd)
        rid = h.review("REF-9", REVIEW)
        secrets = [EMAIL, "07700900123", "07700 900123", "High Street", "NT1 1AA"]
        c1 = issue(h, rid, "parent", "--email", EMAIL)
        issue(h, rid, "carer", "--phone", PHONE)
        issue(h, rid, "health", "--address", ADDRESS)
        day = workdays(h, REVIEW, -15)
        nd.script(fail={"count": 1, "status": 500})
        send(h, day)
        send(h, workdays(h, REVIEW, -10))
        for m in nd.messages():
            secrets += [m["personalisation"]["link"].rsplit("/", 1)[1], m["personalisation"]["code"]]
            c = Client(h)
            assert c.get(m["personalisation"]["link"][len(h.env["HEARD_BASE_URL"]):]).status == 303
            assert c.get("/form").status == 200
        h.ctl("return", "--consultation", str(c1), "--channel", "paper")
        logs = h.log() + h.access_log() + h.stderrs
        err = os.path.join(h.run, "nginx-error.log")
        if os.path.exists(err):
            logs += open(err).read()
        for s in secrets:
            assert s not in logs, s
        # A dump of the database (and its WAL) holds none of them in clear.
        dump = "\n".join(sqlite3.connect(h.db).iterdump())
        raw = b""
        for suffix in ("", "-wal"):
            if os.path.exists(h.db + suffix):
                raw += open(h.db + suffix, "rb").read()
        for s in secrets:
            assert s not in dump, s
            assert s.encode() not in raw, s
        # Without the key file, nothing opens: the sealed copies do not.
        os.rename(h.env["HEARD_KEY"], h.env["HEARD_KEY"] + ".away")
        p = h.ctl("send", "--today", day, check=False)
        assert p.returncode != 0
        os.rename(h.env["HEARD_KEY"] + ".away", h.env["HEARD_KEY"])
        # Purge removes the contacts and sealed links with the answers.
        h.ctl("purge", "--before", "2027-12-31")
        db = sqlite3.connect(h.db)
        assert db.execute("SELECT count(*) FROM contact").fetchone()[0] == 0
        assert db.execute("SELECT count(*) FROM link_secret").fetchone()[0] == 0


WEEK_HEAD = ("child_ref,review_date,review_type,iro,first_name,dob,child_contact,"
             "parent_contact,parent_name,carer_contact,health_contact,education_contact,"
             "care_leaver_contact,professional_contact\n")


def write(h, name, text):
    path = os.path.join(h.dir, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


def test_import_week_issues_the_standard_sets(h):
    with NotifyDouble() as nd:
        setup(h, nd)
        good = write(h, "week.csv", WEEK_HEAD +
                     f"W-1,{REVIEW},cic,ann,Sam,2018-05-01,sam@example.org,07700 900111,Mum,"
                     f"\"2 Low Road|Northtown|NT2 2BB\",,,,\n"
                     f"W-2,{REVIEW},cic,ann,,2010-01-01,07700 900222,,,,,school@example.org,,\n"
                     f"W-3,{REVIEW},pathway,,,,,,,,,,leaver@example.org,pa@example.org\n")
        out = h.ctl("import-week", good).stdout
        assert "imported 3 reviews and 13 consultations; 7 with a contact" in out, out
        db = sqlite3.connect(h.db)
        rows = db.execute("SELECT ch.ref, c.audience, COALESCE(k.kind, '-') FROM consultation c "
                          "JOIN review r ON r.id = c.review_id JOIN child ch ON ch.id = r.child_id "
                          "LEFT JOIN contact k ON k.consultation_id = c.id ORDER BY 1, 2").fetchall()
        assert rows == [
            ("W-1", "carer", "letter"), ("W-1", "child", "email"), ("W-1", "education", "-"),
            ("W-1", "health", "-"), ("W-1", "parent", "sms"),
            ("W-2", "carer", "-"), ("W-2", "education", "email"), ("W-2", "health", "-"),
            ("W-2", "parent", "-"), ("W-2", "young_person", "sms"),
            ("W-3", "care_leaver", "email"), ("W-3", "carer", "-"), ("W-3", "professional", "email"),
        ], rows
        # The label is sealed (issue 16 item 6): no plain copy, a box.
        assert db.execute("SELECT to_label IS NULL AND to_box IS NOT NULL FROM consultation "
                          "WHERE audience = 'parent' AND review_id = 1").fetchone()[0] == 1
        assert "sam@example.org" not in out and "/c/" not in out
        assert counts(send(h, workdays(h, REVIEW, -15)).stdout) == (7, 0, 0, 0)
        # Importing the same file again is refused: the reviews are there.
        p = h.ctl("import-week", good, check=False)
        assert p.returncode == 1 and "line 2: W-1 already has a cic review" in p.stderr


def test_import_week_reports_every_bad_line_and_imports_nothing(h):
    h.ctl("user", "add", "boss", "--role", "manager", stdin="correct horse battery\n")
    bad = write(h, "bad.csv", WEEK_HEAD +
                f"B-1,{REVIEW},cic,,,,,01632 960000,,,,,,\n"                 # landline
                f"B-2,2027-02-30,cic,,,,,,,,,,,\n"                          # no such day
                f"B-3,{REVIEW},respite,,,,,,,,,,,\n"                        # type
                f"B-4,{REVIEW},cic,boss,,,,,,,,,,\n"                        # not an IRO
                f"B-5,{REVIEW},cic,,,,,,,\"1 Road|NT1 1AA\",,,,\n"           # 2 lines
                f"B-6,{REVIEW},cic,,,,,,,\"1 Road|Town|Northshire\",,,,\n"   # no postcode
                f"B-7,{REVIEW},cic,,,,,,,,bad@,,,\n"                        # email
                f",{REVIEW},cic,,,,,,,,,,,\n"                               # no child
                f"B-9,{REVIEW},cic,,,\n"                                    # fields
                f"B-10,{REVIEW},cic,,Sam Jones,,,,,,,,,\n"                  # first name
                f"B-11,{REVIEW},cic,,,2030-01-01,,,,,,,,\n"                 # dob after
                f"B-12,{REVIEW},cic,,,,,,,,,,,\n"
                f"B-12,{REVIEW},cic,,,,,,,,,,,\n"                           # repeated
                f"B-14,{REVIEW},cic,,,,sam@example.org,,,,,,,\n")           # good
    p = h.ctl("import-week", bad, check=False)
    assert p.returncode == 1
    for want in ("line 2: parent_contact: A text needs a UK mobile number",
                 "line 3: review_date '2027-02-30' is not a date",
                 "line 4: review_type must be cic or pathway",
                 "line 5: 'boss' is a member of staff who is not an IRO",
                 "line 6: carer_contact: An address needs at least 3 lines",
                 "line 7: carer_contact: The last line of an address must be a UK postcode",
                 "line 8: health_contact: An email address",
                 "line 9: child_ref must be 1 to 60 characters",
                 "line 10: 6 fields, the header has 14",
                 "line 11: first_name is one first name",
                 "line 12: dob is after the review_date",
                 "line 14: the same review as line 13",
                 "12 errors; nothing was imported."):
        assert want in p.stderr, (want, p.stderr)
    assert "line 15" not in p.stderr
    db = sqlite3.connect(h.db)
    assert db.execute("SELECT count(*) FROM review").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM consultation").fetchone()[0] == 0
    p = h.ctl("import-week", write(h, "head.csv", "child_ref,review_date,review_type,iro,"
                                   "sibling_contact\n"), check=False)
    assert p.returncode == 1 and "'sibling_contact' is not a column" in p.stderr
