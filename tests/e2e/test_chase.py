"""The chase list (issue 14 item 6): only consultations not yet back, for
reviews in the dates, each filter, admins only, a reminder now for exactly
the ticked ones (sent by heardctl send to nobody else), and the CSV in
GOV.UK Notify's bulk-upload format (exact headers, a working link, a
formula-safe cell, audited)."""
import csv
import io
import re
import sqlite3
import time

from harness import Client
from notifydouble import NotifyDouble
from test_admin import csrf_of, sign_in, staff
from test_send import counts, issue, send, setup, to_of


def day(n):
    """Today plus n days (UTC), as the server counts them."""
    return time.strftime("%Y-%m-%d", time.gmtime(time.time() + n * 86400))


def rows(body):
    """The consultation ids listed on a chase page."""
    return sorted(int(x) for x in re.findall(r'<tr id="c-(\d+)"', body))


def world(h):
    """Two IROs' reviews: R1 in ten days with four forms (email, text,
    letter, and one by hand without a contact), R2 with one returned and
    one withdrawn, R3 past the default eight weeks, R4 cancelled."""
    staff(h, "ann", "admin")
    staff(h, "iro1", "iro")
    staff(h, "iro2", "iro")
    r1 = h.review("REF-A", day(10), iro="iro1")
    r2 = h.review("REF-B", day(12), iro="iro2")
    r3 = h.review("REF-C", day(80), iro="iro1")
    r4 = h.review("REF-D", day(11), iro="iro2")
    w = {
        "email": issue(h, r1, "parent", "--email", "mum@example.org"),
        "sms": issue(h, r1, "carer", "--phone", "07700 900123"),
        "letter": issue(h, r1, "health", "--address", "1 High Street|Northtown|NT1 1AA"),
    }
    w["hand"], w["hand_link"], _ = h.issue(r1, "education", "--channel", "hand")
    w["back"] = issue(h, r2, "parent", "--email", "back@example.org")
    w["gone"] = issue(h, r2, "carer", "--email", "gone@example.org")
    w["late"] = issue(h, r3, "parent", "--email", "later@example.org")
    w["off"] = issue(h, r4, "parent", "--email", "off@example.org")
    h.ctl("return", "--consultation", str(w["back"]), "--channel", "paper")
    h.ctl("revoke", "--consultation", str(w["gone"]))
    db = sqlite3.connect(h.db)
    db.execute("UPDATE review SET status = 'cancelled' WHERE id = ?", (r4,))
    db.commit()
    w["r1"], w["r3"] = r1, r3
    w["iro2"] = db.execute("SELECT id FROM staff WHERE username = 'iro2'").fetchone()[0]
    w["iro1"] = db.execute("SELECT id FROM staff WHERE username = 'iro1'").fetchone()[0]
    return w


def test_the_list_shows_only_what_is_not_back_and_each_filter_works(h):
    with NotifyDouble() as nd:
        setup(h, nd)
        w = world(h)
        four = sorted([w["email"], w["sms"], w["letter"], w["hand"]])
        c, _ = sign_in(h, "ann")
        r = c.get("/admin/chase")
        assert r.status == 200 and "Chase list" in r.body
        assert rows(r.body) == four, rows(r.body)
        assert "4 not yet back" in r.body
        # Later dates bring R3 in; the returned, withdrawn and cancelled never.
        r = c.get(f"/admin/chase?from={day(0)}&to={day(90)}")
        assert rows(r.body) == sorted(four + [w["late"]])
        assert rows(c.get(f"/admin/chase?from={day(70)}&to={day(90)}").body) == [w["late"]]
        # By audience, IRO and how it was sent.
        assert rows(c.get("/admin/chase?aud=parent").body) == [w["email"]]
        assert rows(c.get(f"/admin/chase?iro={w['iro2']}").body) == []
        assert rows(c.get(f"/admin/chase?iro={w['iro1']}").body) == four
        assert rows(c.get("/admin/chase?channel=email").body) == [w["email"]]
        assert rows(c.get("/admin/chase?channel=post").body) == [w["letter"]]
        assert rows(c.get("/admin/chase?channel=hand").body) == [w["hand"]]
        # Opened or not: the form by hand is opened through its link.
        o = Client(h)
        assert o.get(w["hand_link"]).status == 303
        assert rows(c.get("/admin/chase?opened=1").body) == [w["hand"]]
        assert rows(c.get("/admin/chase?opened=0").body) == sorted(
            [w["email"], w["sms"], w["letter"]])
        # A 400 from Notify, kept by heardctl send, shows as a failure.
        assert rows(c.get("/admin/chase?failed=1").body) == []
        nd.script(reject={"mum@example.org": "Can’t send to this recipient using a team-only API key"})
        out = send(h, day(0)).stdout
        assert counts(out) == (2, 0, 1, 0), out
        r = c.get("/admin/chase?failed=1")
        assert rows(r.body) == [w["email"]], r.body
        assert "team-only API key" in r.body and "failed" in r.body
        # A delivery failure reported by Notify counts too.
        db = sqlite3.connect(h.db)
        db.execute("UPDATE outbox SET delivery = 'permanent-failure' WHERE consultation_id = ? "
                   "AND step = 0", (w["sms"],))
        db.commit()
        r = c.get("/admin/chase?failed=1")
        assert rows(r.body) == sorted([w["email"], w["sms"]])
        assert "the address or number is wrong" in r.body
        # Each tick box has a label naming the child and the form.
        assert re.search(r'<label class="choice__label" for="t-%d"><span class="visually-hidden">'
                         r'REF-A: parents form' % w["email"], r.body), r.body


def test_only_an_admin_reaches_the_chase_list(h):
    w = world(h)
    staff(h, "boss", "manager")
    for who in ("iro1", "boss"):
        c, _ = sign_in(h, who)
        page = c.get("/admin/reviews")
        assert page.status == 200
        csrf = csrf_of(page.body)
        assert c.get("/admin/chase").status in (403, 404)
        for act in ("remind", "csv"):
            r = c.post(f"/admin/chase/{act}", {"csrf": csrf, "c": [w["email"], w["sms"]],
                                               "kind": "email"})
            assert r.status in (403, 404), (who, act, r.status)
            assert "mum@example.org" not in r.body and "/c/" not in r.body
    db = sqlite3.connect(h.db)
    assert db.execute("SELECT count(*) FROM outbox WHERE kind = 'reminder' AND step > 2"
                      ).fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM audit WHERE action = 'chase-csv'").fetchone()[0] == 0


def test_a_reminder_now_goes_to_exactly_the_ticked_ones(h):
    with NotifyDouble() as nd:
        setup(h, nd)
        w = world(h)
        assert counts(send(h, day(0)).stdout)[0] == 3     # R1's invitations went today
        c, _ = sign_in(h, "ann")
        page = c.get("/admin/chase")
        csrf = csrf_of(page.body)
        # Sent today: a reminder waits for tomorrow, and says so.
        r = c.post("/admin/chase/remind", {"csrf": csrf, "c": [w["email"]]})
        assert r.status == 200 and "No reminders queued" in r.body
        assert "a message went today" in r.body
        # The invitations went yesterday (as if; the sender's day is real).
        db = sqlite3.connect(h.db)
        db.execute("UPDATE outbox SET sent_on = ? WHERE step = 0", (day(-1),))
        db.commit()
        before = len(nd.messages())
        r = c.post("/admin/chase/remind", {"csrf": csrf, "c": [w["email"], w["letter"], w["hand"]]})
        assert r.status == 200, r.body
        assert "2 reminders queued for today" in r.body, r.body
        assert "REF-A: education professionals" in r.body and "no contact" in r.body
        assert "next send" in r.body
        queued = db.execute("SELECT consultation_id FROM outbox WHERE kind = 'reminder' AND "
                            "state = 'queued' AND due_on <= ? ORDER BY 1", (day(0),)).fetchall()
        assert [q for (q,) in queued] == sorted([w["email"], w["letter"]]), queued
        # Pressing again queues nothing twice.
        r = c.post("/admin/chase/remind", {"csrf": csrf, "c": [w["email"]]})
        assert "already due" in r.body
        assert db.execute("SELECT count(*) FROM audit WHERE action = 'chase-remind'"
                          ).fetchone()[0] == 3
        # heardctl send sends them, to nobody else.
        out = send(h, day(0)).stdout
        assert counts(out) == (0, 2, 0, 0), out
        rem = nd.messages()[before:]
        assert sorted(to_of(m) for m in rem) == ["1 High Street", "mum@example.org"]
        assert all(m["personalisation"]["wording"] for m in rem)
        assert counts(send(h, day(0)).stdout) == (0, 0, 0, 0)
        # Nothing ticked: the list again with the error, nothing queued.
        r = c.post("/admin/chase/remind", {"csrf": csrf})
        assert r.status == 200 and "Tick at least one" in r.body and "There is a problem" in r.body


def test_the_csv_is_notifys_upload_format_formula_safe_and_audited(h):
    with NotifyDouble() as nd:
        setup(h, nd)
        staff(h, "ann", "admin")
        h.ctl("review", "add", "--child", "REF-E", "--date", day(20), "--type", "cic",
              "--first-name", "Sam")
        rid = 1
        a = issue(h, rid, "child", "--email", "sam@example.org")
        b = h.ctl("issue", "--review", str(rid), "--audience", "parent", "--email",
                  "mum@example.org", "--to", "=HYPERLINK(\"x\")").stdout
        b = int(re.match(r"consultation (\d+)", b).group(1))
        t = issue(h, rid, "carer", "--phone", "07700 900456")
        l = issue(h, rid, "health", "--address", "Surgery|2 Low Road|Northtown|NT2 2BB")
        c, _ = sign_in(h, "ann")
        csrf = csrf_of(c.get("/admin/chase").body)
        r = c.post("/admin/chase/csv", {"csrf": csrf, "c": [a, b, t, l], "kind": "email"})
        assert r.status == 200, r.body
        assert r.header("Content-Type").startswith("text/csv")
        assert re.fullmatch(r'attachment; filename="chase-email-\d{4}-\d\d-\d\d\.csv"',
                            r.header("Content-Disposition"))
        assert "no-store" in r.header("Cache-Control")
        got = list(csv.reader(io.StringIO(r.body)))
        assert got[0] == ["email address", "name", "form", "child", "review_date", "reply_by",
                          "link", "code", "council"], got[0]
        assert len(got) == 3
        by = {row[0]: dict(zip(got[0], row)) for row in got[1:]}
        assert by["sam@example.org"]["child"] == "Sam" and by["sam@example.org"]["name"] == "there"
        assert by["sam@example.org"]["form"] == "My views"
        assert by["sam@example.org"]["council"] == "Northshire Council"
        # A name that starts like a formula is neutralised.
        assert by["mum@example.org"]["name"] == "'=HYPERLINK(\"x\")"
        # The link opens the right form.
        link = by["mum@example.org"]["link"]
        assert link.startswith(h.env["HEARD_BASE_URL"] + "/c/")
        o = Client(h)
        assert o.get(link[len(h.env["HEARD_BASE_URL"]):]).status == 303
        assert "Your views as a parent" in o.get("/form").body
        assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}", by["mum@example.org"]["code"])
        # Texts and letters have their own recipient columns.
        got = list(csv.reader(io.StringIO(c.post("/admin/chase/csv", {
            "csrf": csrf, "c": [a, t], "kind": "sms"}).body)))
        assert got[0][0] == "phone number" and got[1][0] == "07700900456" and len(got) == 2
        got = list(csv.reader(io.StringIO(c.post("/admin/chase/csv", {
            "csrf": csrf, "c": [l]}).body)))
        assert got[0][:7] == [f"address line {i}" for i in range(1, 8)], got[0]
        assert got[1][:7] == ["Surgery", "2 Low Road", "Northtown", "NT2 2BB", "", "", ""]
        assert got[0][7:] == ["name", "form", "child", "review_date", "reply_by", "link",
                              "code", "council"]
        # Mixed kinds without a choice: asked to choose, nothing downloaded.
        r = c.post("/admin/chase/csv", {"csrf": csrf, "c": [a, t]})
        assert r.header("Content-Type").startswith("text/html") and "choose email" in r.body
        # Every download is in the audit log with its number of rows.
        audit = sqlite3.connect(h.db).execute(
            "SELECT subject FROM audit WHERE action = 'chase-csv' ORDER BY id").fetchall()
        assert [s for (s,) in audit] == ["2 rows by email", "1 rows by sms", "1 rows by letter"]


def test_letters_for_the_ticked_ones_carry_their_own_link(h):
    w = world(h)
    c, _ = sign_in(h, "ann")
    csrf = csrf_of(c.get("/admin/chase").body)
    r = c.post("/admin/chase/letters", {"csrf": csrf, "c": [w["letter"], w["hand"]]})
    assert r.status == 200 and "Letters to print" in r.body
    # One letter (the one Heard keeps a link for), with its QR code and its
    # code, and never the link written out.
    assert r.body.count('class="letter"') == 1 and "<svg" in r.body
    code = re.search(r'class="letter__code">([0-9A-Z-]{14})<', r.body).group(1)
    assert "/c/" not in r.body
    # The code on the letter opens the same form as Heard's sealed link.
    pub = Client(h, source="127.0.0.40")
    csrf_pub = csrf_of(pub.get("/code").body)
    assert pub.post("/code", {"csrf": csrf_pub, "code": code}).status == 303
    db = sqlite3.connect(h.db)
    assert db.execute("SELECT opened_at IS NOT NULL FROM consultation WHERE id = ?",
                      (w["letter"],)).fetchone() == (1,)
    # The form handed over by hand: its link was shown once, so no letter.
    assert "REF-A: education professionals" in r.body and "make a new link" in r.body
    assert db.execute("SELECT subject FROM audit WHERE action = 'chase-letters'").fetchone() == \
        ("1 letter",)
    # Admins only.
    staff(h, "boss", "manager")
    m, _ = sign_in(h, "boss")
    assert m.post("/admin/chase/letters", {"csrf": csrf_of(m.get("/admin/reviews").body),
                                           "c": [w["letter"]]}).status in (403, 404)
