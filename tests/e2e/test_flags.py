"""Safeguarding flags (issue 15 item 4): a "yes" to "Do you want someone to
talk to you soon?" sent through nginx raises a flag the IRO sees at once on
the staff pages; the IRO and the duty address are emailed through the Notify
double with none of the child's words; acknowledgement names the person and
what they did (sealed) and is audited; a flag not acknowledged within one
working day reaches every manager, once, and not before (the clock is the
check's --now); staff marking an answer as a worry raises one; and only
those who read answers may."""
import json
import os
import re
import sqlite3
import time
import uuid

from harness import Client, parse_form
from notifydouble import NotifyDouble
from test_admin import csrf_of, sign_in, staff
from test_links import complete_form, open_link

SECRET = "Zebracorn Wobblesnout"      # the child's own words: never sent on
FLAG_TEMPLATE = str(uuid.uuid4())
FIELDS = {"reference", "review_date", "reason", "raised", "level", "link", "council"}


def people(h):
    """An IRO, two managers (one with no email address) and an admin."""
    staff(h, "iris", "iro")
    staff(h, "ivan", "iro")
    staff(h, "mona", "manager")
    staff(h, "max", "manager")
    staff(h, "ada", "admin")
    h.ctl("user", "email", "iris", "iris@example.org")
    h.ctl("user", "email", "mona", "mona@example.org")
    h.ctl("setting", "duty_address", "duty@example.org")


def send_yes(h, child="REF-F1", audience="young_person", answer="yes"):
    """A young person answers page 1 (their worries in their own words and
    talk_soon) and sends the form through nginx.  Returns the review's and
    consultation's ids."""
    rid = h.review(child, iro="iris")
    cid, link, _ = h.issue(rid, audience)
    c = Client(h)
    open_link(c, link)
    r = c.get("/form")
    assert "Need help now?" in r.body and "0800 1111" in r.body and "999" in r.body
    # The worries page: the one that asks talk_soon (it has the help too).
    n = 1
    while 'name="talk_soon"' not in r.body:
        n += 1
        assert n < 12, "no page asks talk_soon"
        r = c.get("/form?p=%d" % n)
    assert "Need help now?" in r.body and "0800 1111" in r.body
    page = parse_form(r.body)
    body = dict(page.hidden)
    body.update({"worries": SECRET, "talk_soon": answer, "action": "send"})
    r = c.post("/form", body)
    assert r.status == 303, (r.status, r.body[:600])
    return rid, cid


def flags(h):
    return sqlite3.connect(h.db).execute(
        "SELECT id, review_id, source, question, raised_by, acked_at, acked_by, "
        "escalated_at FROM flag ORDER BY id").fetchall()


def test_a_yes_raises_a_flag_the_iro_sees_and_the_duty_address_is_told(h):
    people(h)
    rid, cid = send_yes(h)
    fl = flags(h)
    assert len(fl) == 1 and fl[0][1] == rid and fl[0][2] == "talk_soon", fl
    # A "no" raises nothing.
    send_yes(h, child="REF-F2", answer="no")
    assert len(flags(h)) == 1
    # The IRO sees it at once, on the home page (the reviews list).
    c, _ = sign_in(h, "iris")
    r = c.get("/admin/reviews")
    assert 'class="flag-banner"' in r.body and "1 flag to acknowledge" in r.body, r.body[:2000]
    assert 'href="/admin/flags"' in r.body and SECRET not in r.body
    r = c.get("/admin/flags")
    assert r.status == 200 and "REF-F1" in r.body and "Open" in r.body and SECRET not in r.body
    # Another IRO, and an admin, see no banner for it.
    for who in ("ivan", "ada"):
        c2, _ = sign_in(h, who, source="127.0.0.5")
        assert "flag-banner" not in c2.get("/admin/reviews").body
    # The IRO and the duty address are emailed, with none of the child's words.
    with NotifyDouble() as nd:
        h.env["HEARD_NOTIFY_KEY"] = nd.write_key(os.path.join(h.dir, "notify.key"))
        h.env["HEARD_NOTIFY_URL"] = nd.url
        h.ctl("notify", "template", "flag", FLAG_TEMPLATE)
        h.ctl("setting", "council", "Northshire Council")
        out = h.ctl("send").stdout
        assert "safeguarding flags: sent 2 messages; 0 failed" in out, out
        msgs = nd.messages()
        assert sorted(m["email_address"] for m in msgs) == ["duty@example.org", "iris@example.org"]
        for m in msgs:
            assert m["template_id"] == FLAG_TEMPLATE
            assert set(m["personalisation"]) == FIELDS, m["personalisation"]
            assert m["personalisation"]["reference"] == "REF-F1"
            assert m["personalisation"]["link"].endswith("/admin/flag?id=%d" % fl[0][0])
        # Nothing the double received holds any of the child's words.
        everything = json.dumps(nd.sent())
        for word in SECRET.split():
            assert word.lower() not in everything.lower(), word
        # Sent once: the next run sends nothing more.
        h.ctl("send")
        assert len(nd.messages()) == 2


def test_a_typed_in_paper_yes_raises_a_flag(h):
    people(h)
    rid = h.review("REF-P1", iro="iris")
    cid, _, _ = h.issue(rid, "care_leaver")
    path = os.path.join(h.dir, "paper.txt")
    with open(path, "w") as f:
        f.write("talk_soon=yes&worries=" + SECRET.replace(" ", "+"))
    h.ctl("return", "--consultation", str(cid), "--channel", "paper", "--answers", path)
    fl = flags(h)
    assert len(fl) == 1 and fl[0][1] == rid and fl[0][2] == "talk_soon", fl


def test_acknowledgement_is_audited_with_the_person_and_what_they_did(h):
    people(h)
    send_yes(h)
    fid = flags(h)[0][0]
    c, _ = sign_in(h, "iris")
    r = c.get("/admin/flag?id=%d" % fid)
    assert r.status == 200 and "Acknowledge this flag" in r.body
    csrf = csrf_of(r.body)
    # Nothing typed: the mistake is explained next to the box.
    r = c.post("/admin/flag/ack", {"csrf": csrf, "id": str(fid), "what": "  "})
    assert r.status == 400 and "Enter what you did about this flag" in r.body
    assert 'href="#what"' in r.body and 'id="what-error"' in r.body
    # Too long: the text is kept.
    r = c.post("/admin/flag/ack", {"csrf": csrf, "id": str(fid), "what": "x" * 501})
    assert r.status == 400 and "500 characters or fewer" in r.body and "x" * 501 in r.body
    did = "Phoned the social worker, who is visiting today"
    r = c.post("/admin/flag/ack", {"csrf": csrf, "id": str(fid), "what": did})
    assert r.status == 303, (r.status, r.body[:500])
    r = c.get("/admin/flag?id=%d" % fid)
    assert did in r.body and "iris" in r.body and "Acknowledge this flag" not in r.body
    db = sqlite3.connect(h.db)
    iris = db.execute("SELECT id FROM staff WHERE username = 'iris'").fetchone()[0]
    acked_by, box = db.execute("SELECT acked_by, ack_box FROM flag WHERE id = ?",
                               (fid,)).fetchone()
    assert acked_by == iris
    assert did.encode() not in box and b"social worker" not in box   # sealed at rest
    rows = db.execute("SELECT staff_id, subject FROM audit WHERE action = 'flag-ack'").fetchall()
    assert rows == [(iris, "flag %d: acknowledged, what was done sealed with it" % fid)], rows
    # The banner has gone, and the manager's list shows who and how long.
    assert "flag-banner" not in c.get("/admin/reviews").body
    m, _ = sign_in(h, "mona", source="127.0.0.6")
    r = m.get("/admin/flags")
    assert "Acknowledged" in r.body and "iris" in r.body and " hours" in r.body
    r = m.get("/admin/audit?action=flag-ack")
    assert "iris" in r.body and "Acknowledged a safeguarding flag" in r.body
    csv = m.get("/admin/flags?format=csv")
    assert csv.status == 200 and csv.body.startswith('"flag","child_ref",') and "iris" in csv.body
    # What was done is re-sealed by a key rotation, and still reads.
    h.ctl("rotate-key")
    assert did in c.get("/admin/flag?id=%d" % fid).body
    assert db.execute("SELECT ack_ver FROM flag WHERE id = ?", (fid,)).fetchone()[0] == 1
    # A second acknowledgement changes nothing.
    r = c.post("/admin/flag/ack", {"csrf": csrf, "id": str(fid), "what": "again"})
    assert "already been acknowledged" in r.body
    assert db.execute("SELECT count(*) FROM audit WHERE action = 'flag-ack'").fetchone()[0] == 1
    # Retention: purging the review's answers takes what was done with them.
    h.ctl("purge", "--before", "2099-01-01")
    assert db.execute("SELECT ack_box, acked_by FROM flag WHERE id = ?", (fid,)).fetchone() == \
        (None, iris)


def test_an_unacknowledged_flag_reaches_the_managers_after_one_working_day(h):
    people(h)
    send_yes(h)
    fid = flags(h)[0][0]
    # Raised on Friday 27 November 2026 at 14:00 (local time, as --now is).
    friday = int(time.mktime((2026, 11, 27, 14, 0, 0, 0, 0, -1)))
    db = sqlite3.connect(h.db)
    db.execute("UPDATE flag SET raised_at = ? WHERE id = ?", (friday, fid))
    db.commit()

    def check(now):
        return h.ctl("flags", "check", "--now", now).stdout.strip()

    assert check("2026-11-27T18:00") == "0 flags raised to the managers"
    assert check("2026-11-28T15:00") == "0 flags raised to the managers"   # Saturday
    assert check("2026-11-30T13:59") == "0 flags raised to the managers"   # Monday, not yet
    assert flags(h)[0][7] is None
    m, _ = sign_in(h, "mona")
    r = m.get("/admin/reviews")
    assert "flag-banner" in r.body and "within one working day" not in r.body
    assert check("2026-11-30T14:00") == "1 flag raised to the managers"
    assert check("2026-11-30T15:00") == "0 flags raised to the managers"   # once
    assert flags(h)[0][7] is not None
    r = m.get("/admin/reviews")
    assert "1 has not been acknowledged within one working day" in r.body
    assert db.execute("SELECT count(*) FROM audit WHERE action = 'flag-escalate'").fetchone()[0] == 1
    # Every manager is told: by email where they have an address.
    kinds = db.execute("SELECT n.kind, s.username FROM flag_notice n LEFT JOIN staff s "
                       "ON s.id = n.staff_id WHERE n.kind = 'escalated' ORDER BY s.username"
                       ).fetchall()
    assert kinds == [("escalated", "max"), ("escalated", "mona")], kinds
    with NotifyDouble() as nd:
        h.env["HEARD_NOTIFY_KEY"] = nd.write_key(os.path.join(h.dir, "notify.key"))
        h.env["HEARD_NOTIFY_URL"] = nd.url
        h.ctl("notify", "template", "flag", FLAG_TEMPLATE)
        p = h.ctl("send")
        to = sorted((m["email_address"], m["personalisation"]["level"]) for m in nd.messages())
        assert ("mona@example.org", "Not acknowledged within one working day") in to, to
        assert "max" in p.stderr and "no email address" in p.stderr
        assert SECRET.split()[0] not in json.dumps(nd.sent())


def test_a_bank_holiday_monday_moves_the_day_on(h):
    people(h)
    send_yes(h)
    fid = flags(h)[0][0]
    # Friday 28 August 2026; Monday 31 August is the summer bank holiday.
    friday = int(time.mktime((2026, 8, 28, 10, 30, 0, 0, 0, -1)))
    db = sqlite3.connect(h.db)
    db.execute("UPDATE flag SET raised_at = ? WHERE id = ?", (friday, fid))
    db.commit()
    out = h.ctl("flags", "check", "--now", "2026-08-31T12:00").stdout
    assert out.startswith("0 flags"), out
    out = h.ctl("flags", "check", "--now", "2026-09-01T10:30").stdout
    assert out.startswith("1 flag "), out


def test_staff_marking_an_answer_as_a_worry_raises_one(h):
    people(h)
    rid = h.review("REF-W1", iro="iris")
    cid, link, _ = h.issue(rid, "parent")
    p = Client(h)
    open_link(p, link)
    complete_form(p, SECRET)
    assert sqlite3.connect(h.db).execute("SELECT count(*) FROM response").fetchone()[0] == 1
    assert flags(h) == []
    c, _ = sign_in(h, "iris")
    r = c.get("/admin/answers?review=%d" % rid)
    assert r.status == 200 and "Mark as a worry" in r.body
    m = re.search(r'action="/admin/answers/worry">.*?name="c" value="(\d+)".*?name="q" '
                  r'value="([a-z0-9_]+)"', r.body)
    assert m and int(m.group(1)) == cid, r.body[:3000]
    q = m.group(2)
    csrf = csrf_of(r.body)
    r = c.post("/admin/answers/worry", {"csrf": csrf, "c": str(cid), "q": q})
    assert r.status == 303 and r.header("Location").startswith("/admin/flag?id="), r.status
    fl = flags(h)
    iris = sqlite3.connect(h.db).execute(
        "SELECT id FROM staff WHERE username = 'iris'").fetchone()[0]
    assert len(fl) == 1 and fl[0][2] == "staff" and fl[0][3] == q and fl[0][4] == iris, fl
    # Marking the same answer again raises no second flag.
    r = c.post("/admin/answers/worry", {"csrf": csrf, "c": str(cid), "q": q})
    assert r.status == 303 and len(flags(h)) == 1
    assert r.header("Location") == "/admin/flags"
    r = c.get("/admin/reviews")
    assert "flag-banner" in r.body and "1 flag to acknowledge" in r.body
    # The flags' own pages do not repeat the banner.
    assert "flag-banner" not in c.get("/admin/flags").body
    # Role checks: an admin cannot read answers nor mark one; another IRO
    # cannot mark their colleague's child's; the parent cannot at all.
    a, _ = sign_in(h, "ada", source="127.0.0.7")
    assert a.get("/admin/answers?review=%d" % rid).status == 404
    assert a.get("/admin/flags").status == 404
    r = a.post("/admin/answers/worry", {"csrf": csrf_of(a.get("/admin/reviews").body),
                                        "c": str(cid), "q": q})
    assert r.status == 404
    v, _ = sign_in(h, "ivan", source="127.0.0.8")
    r = v.post("/admin/answers/worry", {"csrf": csrf_of(v.get("/admin/reviews").body),
                                        "c": str(cid), "q": q})
    assert r.status == 404
    assert v.get("/admin/flag?id=%d" % fl[0][0]).status == 404
    r = p.post("/admin/answers/worry", {"csrf": "x", "c": str(cid), "q": q})
    assert r.status == 403
    assert len(flags(h)) == 1


def test_email_addresses_and_the_duty_address_are_set_on_the_pages(h):
    people(h)
    a, _ = sign_in(h, "ada")
    r = a.get("/admin/staff")
    csrf = csrf_of(r.body)
    r = a.post("/admin/staff/email", {"csrf": csrf, "user": "ivan", "email": "not an address"})
    assert "Enter an email address, like name@example.gov.uk" in r.body and 'href="#email-new"' in r.body
    r = a.post("/admin/staff/email", {"csrf": csrf, "user": "ivan", "email": "Ivan@Example.org"})
    assert r.status == 200 and "go to ivan@example.org" in r.body.lower()
    db = sqlite3.connect(h.db)
    assert db.execute("SELECT email FROM staff WHERE username = 'ivan'").fetchone()[0].lower() == \
        "ivan@example.org"
    assert db.execute("SELECT count(*) FROM audit WHERE action = 'user-email'").fetchone()[0] == 3
    # An IRO may not set addresses.
    i, _ = sign_in(h, "iris", source="127.0.0.9")
    r = i.post("/admin/staff/email", {"csrf": csrf_of(i.get("/admin/reviews").body),
                                      "user": "ivan", "email": ""})
    assert r.status == 404
    # The duty address on the Sending page, beside the other settings.
    r = a.get("/admin/sending")
    assert 'name="duty_address"' in r.body and 'value="duty@example.org"' in r.body
    r = a.post("/admin/sending/service", {"csrf": csrf, "council": "Northshire Council",
                                          "return_address": "", "duty_address": "nope"})
    assert "Enter the duty address as an email address" in r.body and 'value="nope"' in r.body
    r = a.post("/admin/sending/service", {"csrf": csrf, "council": "Northshire Council",
                                          "return_address": "", "duty_address": "safe@example.org"})
    assert "saved" in r.body
    assert h.ctl("setting").stdout.count("duty_address\tsafe@example.org") == 1
