"""Issue a week on the web (issue 14 item 7): an admin uploads the week's
CSV (multipart/form-data), sees what will be created and every error by
line with nothing written, then issues it all in one action; the file
comes back sealed to this session, so a changed one is refused."""
import html
import re
import sqlite3

from harness import Client, parse_form
from test_admin import csrf_of, sign_in, staff

REVIEW = "2027-03-17"
HEAD = ("child_ref,review_date,review_type,iro,first_name,dob,child_contact,"
        "parent_contact,parent_name,carer_contact,health_contact,education_contact,"
        "care_leaver_contact,professional_contact\n")
GOOD = (HEAD +
        f"W-1,{REVIEW},cic,ann,Sam,2018-05-01,sam@example.org,07700 900111,Mum,"
        f"\"2 Low Road|Northtown|NT2 2BB\",,,,\n"
        f"W-2,{REVIEW},cic,ann,,2010-01-01,07700 900222,,,,,school@example.org,,\n"
        f"W-3,{REVIEW},pathway,,,,,,,,,,leaver@example.org,pa@example.org\n")


def admin(h, name="ada"):
    staff(h, name, "admin")
    c, r = sign_in(h, name)
    assert r.status == 303, r.body[:300]
    return c


def upload(c, text, csrf=None, name="week.csv", **kw):
    if csrf is None:
        csrf = csrf_of(c.get("/admin/week").body)
    fields = {"csrf": csrf} if csrf else {}
    data = text if isinstance(text, bytes) else text.encode()
    return c.post_multipart("/admin/week/check", fields,
                            {"file": (name, data, "text/csv")}, **kw)


def count(h, table):
    return sqlite3.connect(h.db).execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def text_of(body):
    return html.unescape(re.sub(r"<[^>]+>", " ", body))


def test_week_good_file_previews_then_issues(h):
    staff(h, "ann", "iro")
    c = admin(h)
    r = c.get("/admin/week")
    assert r.status == 200 and "Issue a week" in r.body
    assert 'enctype="multipart/form-data"' in r.body and "<code>child_ref</code>" in r.body
    assert 'href="/admin/week"' in r.body          # in the staff menu
    r = upload(c, GOOD)
    assert r.status == 200, r.body[:2000]
    t = text_of(r.body)
    assert "Check what will be created" in t
    assert "This file will create 3 reviews and 13 forms: 7 to be sent by email, text or " \
           "letter, 6 without a contact." in t, t
    for want in ("Line 2: W-1, Child in care review on Wednesday 17 March 2027",
                 "Email to s***@example.org", "Text to a mobile ending 111",
                 "Letter to an address in NT2 2BB", "(Mum)", "No contact: issued, not sent",
                 "Consultation form for care leavers", "IRO: ann", "IRO: not allocated yet"):
        assert want in t, (want, t)
    # Contacts are not in the page in clear, not even in the hidden fields.
    for secret in ("sam@", "900111", "Low Road", "leaver@", "school@"):
        assert secret not in r.body, secret
    # Nothing is written by a check but the audit line (counts only).
    assert count(h, "review") == 0 and count(h, "consultation") == 0
    db = sqlite3.connect(h.db)
    assert db.execute("SELECT subject FROM audit WHERE action = 'week-check'").fetchall() == \
        [("3 reviews, 13 forms, 7 with a contact, 0 errors",)]
    form = parse_form(r.body)
    assert set(form.hidden) >= {"csrf", "w1"}
    r = c.post("/admin/week/issue", form.hidden)
    assert r.status == 200, r.body[:2000]
    t = text_of(r.body)
    assert "Week issued" in t and "Created 3 reviews and 13 forms: 7 to be sent" in t, t
    ids = re.findall(r'href="/admin/review\?id=(\d+)"', r.body)
    assert len(ids) == 3
    for rid in ids:
        assert c.get(f"/admin/review?id={rid}").status == 200
    # The database holds what the preview said.
    assert count(h, "review") == 3 and count(h, "consultation") == 13
    assert count(h, "contact") == 7
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
    assert db.execute("SELECT count(DISTINCT consultation_id) FROM outbox").fetchone()[0] == 7
    assert db.execute("SELECT subject FROM audit WHERE action = 'week-issue'").fetchall() == \
        [("3 reviews, 13 forms, 7 with a contact",)]
    # Sending the same issue form again creates nothing more.
    r = c.post("/admin/week/issue", form.hidden)
    t = text_of(r.body)
    assert "Line 2: W-1 already has a cic review on 2027-03-17" in t, t
    assert count(h, "review") == 3 and count(h, "consultation") == 13
    # No contact in any log or in the audit.
    logs = h.log() + h.access_log()
    audit = " ".join(s for (s,) in db.execute("SELECT subject FROM audit"))
    for secret in ("sam@example.org", "900111", "Low Road"):
        assert secret not in logs and secret not in audit


BAD = (HEAD +
       f"B-1,{REVIEW},respite,,,,,,,,,,,\n"                        # 2 unknown type
       f"B-2,2027-02-30,cic,,,,,,,,,,,\n"                          # 3 bad date
       f"B-3,{REVIEW},cic,bob,,,,,,,,,,\n"                         # 4 unknown IRO
       f"B-4,{REVIEW},cic,,,,,,,,bad@,,,\n"                        # 5 bad email
       f"B-5,{REVIEW},cic,,,,,01632 960000,,,,,,\n"                # 6 landline
       f"B-6,{REVIEW},cic,,,,,,,\"1 Road|Town|Northshire\",,,,\n"  # 7 no postcode
       f"B-7,{REVIEW},cic,,,\n"                                    # 8 missing columns
       f"B-8,{REVIEW},cic,,,,sam@example.org,,,,,,,\n")            # 9 good


def test_week_bad_lines_each_give_their_message_and_nothing_is_written(h):
    c = admin(h)
    r = upload(c, BAD)
    assert r.status == 200
    t = text_of(r.body)
    assert "7 errors to correct: nothing has been created" in t, t
    for want in ("Line 2: review_type must be cic or pathway, not 'respite'",
                 "Line 3: review_date '2027-02-30' is not a date as YYYY-MM-DD",
                 "Line 4: iro: there is no IRO called 'bob' in Heard",
                 "Line 5: health_contact: An email address",
                 "Line 6: parent_contact: A text needs a UK mobile number",
                 "Line 7: carer_contact: The last line of an address must be a UK postcode",
                 "Line 8: 6 fields, the header has 14"):
        assert want in t, (want, t)
    assert "Line 9:" not in t.split("What the file holds so far")[0]
    assert 'action="/admin/week/issue"' not in r.body and 'name="w1"' not in r.body
    assert 'id="file"' in r.body                   # upload the corrected file here
    assert count(h, "review") == 0 and count(h, "consultation") == 0 and count(h, "child") == 0
    # A missing column is named.
    r = upload(c, "child_ref,review_date,review_type\nX-1,2027-03-17,cic\n")
    assert "Line 1: the header has no column iro" in text_of(r.body)
    # A member of staff who is not an IRO.
    staff(h, "boss", "manager")
    r = upload(c, HEAD + f"B-1,{REVIEW},cic,boss,,,,,,,,,,\n")
    assert "Line 2: 'boss' is a member of staff who is not an IRO" in text_of(r.body)
    # No file chosen, and an empty one.
    r = c.post_multipart("/admin/week/check", {"csrf": csrf_of(r.body)},
                         {"file": ("", b"", "application/octet-stream")})
    assert r.status == 200 and "Choose the week's CSV file" in text_of(r.body)
    assert count(h, "review") == 0


def test_week_tampered_or_foreign_file_is_refused(h):
    staff(h, "ann", "iro")
    c = admin(h)
    form = parse_form(upload(c, GOOD).body)
    box = form.hidden["w1"]
    for bad in (box[:-1] + ("A" if box[-1] != "A" else "B"),      # a changed byte
                box[:60] + box[61:],                                # cut
                ""):
        r = c.post("/admin/week/issue", dict(form.hidden, w1=bad))
        assert r.status == 400, (r.status, r.body[:500])
        assert "did not come back unchanged" in r.body
    # A second field where none was: refused too.
    r = c.post("/admin/week/issue", dict(form.hidden, w3=box[:10]))
    assert r.status == 400
    # Another admin's session cannot issue this box.
    other = admin(h, "bea")
    r = other.post("/admin/week/issue", dict(form.hidden, csrf=csrf_of(other.get("/admin/week").body)))
    assert r.status == 400
    assert count(h, "review") == 0 and count(h, "consultation") == 0
    db = sqlite3.connect(h.db)
    assert db.execute("SELECT count(*) FROM audit WHERE action = 'week-refused'").fetchone()[0] == 5
    # The untouched form still works.
    r = c.post("/admin/week/issue", form.hidden)
    assert r.status == 200 and count(h, "review") == 3


def test_week_is_for_admins_only(h):
    staff(h, "ann", "iro")
    staff(h, "max", "manager")
    for who in ("ann", "max"):
        c, r = sign_in(h, who)
        assert r.status == 303
        assert c.get("/admin/week").status == 404
        csrf = csrf_of(c.get("/admin/reviews").body)
        assert upload(c, GOOD, csrf=csrf).status == 404
        assert c.post("/admin/week/issue", {"csrf": csrf, "w1": "x"}).status == 404
        assert 'href="/admin/week"' not in c.get("/admin/reviews").body
    anon = Client(h)
    assert anon.get("/admin/week").status == 303
    assert count(h, "review") == 0


def test_week_upload_needs_multipart_and_csrf(h):
    c = admin(h)
    csrf = csrf_of(c.get("/admin/week").body)
    # Not multipart: 415 with a kind page.
    r = c.post("/admin/week/check", {"csrf": csrf, "file": GOOD})
    assert r.status == 415 and "needs the file sent with its form" in r.body
    # Multipart where a page takes none: 415.
    r = c.post_multipart("/admin/staff", {"csrf": csrf, "username": "x"}, {})
    assert r.status == 415 and "does not take files" in r.body
    # A malformed multipart body: 400, nothing read.
    r = c.request("POST", "/admin/week/check", raw_body=b"--X\r\nnonsense\r\n--X--",
                  headers={"Content-Type": "multipart/form-data; boundary=X"})
    assert r.status == 400
    r = c.request("POST", "/admin/week/check", raw_body=b"x",
                  headers={"Content-Type": "multipart/form-data"})
    assert r.status == 400
    # The CSRF token is read from the multipart body: missing, wrong or
    # cross-site is 403.
    assert upload(c, GOOD, csrf="").status == 403
    assert upload(c, GOOD, csrf="A" * 43).status == 403
    assert upload(c, GOOD, csrf=csrf, headers={"Sec-Fetch-Site": "cross-site"}).status == 403
    r = c.post("/admin/week/issue", {"w1": "x"})
    assert r.status == 403
    assert upload(c, GOOD, csrf=csrf).status == 200
    # Over the page's own limit (160 KB): a kind error, nothing read.
    big = HEAD + "".join(f"L-{i},{REVIEW},cic,,,,,,,,,,,\n" for i in range(7000))
    assert len(big) > 160 * 1024
    r = upload(c, big)
    assert r.status == 200 and "larger than 160 KB" in text_of(r.body)
    # Over HEARD_MAX_BODY (256 KB), under nginx's 512 KB: Heard's own 413.
    r = upload(c, big * 2)
    assert r.status == 413 and "That file is too large" in r.body
    assert count(h, "review") == 0
