"""Reports a committee can trust (issue 13): each month beside the same
month of the year before, withdrawals and revoked links, late returns,
targets by financial year, a year to date beside the same span, the
web "New link" with a long base URL, the base URL setting, and the
SSDA903 Reviews export."""
import csv
import io
import json
import os
import pwd
import re
import signal
import sqlite3
import time

from harness import Client
from test_admin import csrf_of, sign_in, staff, write

# Two financial years: 2024/25 and 2025/26.
TWO_YEARS = """child_ref,review_date,review_type,iro,audience,channel,sent_on,returned_on
P1,2024-05-20,cic,iro1,parent,post,2024-05-02,2024-05-10
P1,2024-05-20,cic,iro1,carer,post,2024-05-03,
P2,2024-07-10,cic,iro1,parent,post,2024-06-20,2024-06-25
N1,2025-05-20,cic,iro1,parent,post,2025-05-02,2025-05-10
N1,2025-05-20,cic,iro1,carer,post,2025-05-03,2025-05-04
N1,2025-05-20,cic,iro1,feedback_attendee,post,2025-05-21,2025-06-01
"""


def report(h, *args):
    p = h.ctl("report", *args, "--format", "json")
    return json.loads(p.stdout)


def test_month_beside_same_month_of_year_before(h):
    """Item 1: by month, each month is compared with the same month of
    the period before (it read 0 of 0 for every month)."""
    h.ctl("import", write(h, TWO_YEARS))
    rep = report(h, "--from", "2025-04-01", "--to", "2026-03-31", "--by", "month")
    months = {g["group"]: g for g in rep["groups"]}
    may = months["2025-05"]
    assert (may["sent"], may["returned"]) == (3, 3)
    assert may["previous"] == {"sent": 2, "returned": 1}, may
    # June last year had a return; this June had nothing sent: its own row.
    assert months["2025-06"]["previous"] == {"sent": 1, "returned": 1}
    assert months["2025-06"]["sent"] == 0
    assert rep["all"]["previous"] == {"sent": 3, "returned": 2}
    staff(h, "boss", "manager")
    boss, _ = sign_in(h, "boss")
    body = boss.get("/admin/reports?from=2025-04-01&to=2026-03-31&by=month").body
    row = re.search(r'<th scope="row">2025-05</th>.*?</tr>', body).group(0)
    assert "1 of 2 (50%)" in row, row


def counts(h, frm="2025-04-01", to="2026-03-31"):
    rep = report(h, "--from", frm, "--to", to, "--by", "audience")
    return {g["group"]: (g["sent"], g["returned"], g["late"]) for g in rep["groups"]}


def test_revoked_in_error_leaves_the_counts(h):
    """Item 2: a link revoked (on the web) and not reissued is a
    withdrawal; revoked and reissued counts once; a revoked return stays."""
    staff(h, "admin1", "admin")
    rid = h.review(child="REV-1", date="2025-09-01")
    wrong, _, _ = h.issue(rid, "parent", "--sent", "2025-08-01")
    again, _, _ = h.issue(rid, "carer", "--sent", "2025-08-01")
    back, _, _ = h.issue(rid, "health", "--sent", "2025-08-01")
    h.ctl("return", "--consultation", str(back), "--channel", "phone", "--date", "2025-08-20")
    assert counts(h) == {"parent": (1, 0, 0), "carer": (1, 0, 0), "health": (1, 1, 0)}
    adm, _ = sign_in(h, "admin1")
    page = adm.get(f"/admin/review?id={rid}").body
    for cid in (wrong, again):
        r = adm.post(f"/admin/review/revoke?id={rid}", {"csrf": csrf_of(page), "c": str(cid)})
        assert r.status == 200 and "withdrawn" in r.body, r.body[:2000]
    r = adm.post(f"/admin/review/reissue?id={rid}", {"csrf": csrf_of(page), "c": str(again)})
    assert r.status == 200 and "/c/" in r.body
    h.ctl("revoke", "--consultation", str(back))
    # The parent's form went in error: gone.  The carer's counts once.
    assert counts(h) == {"carer": (1, 0, 0), "health": (1, 1, 0)}
    # The summary agrees with counting the consultations themselves.
    db = sqlite3.connect(h.db)
    n = db.execute("""SELECT count(*) FROM consultation WHERE withdrawn_at IS NULL
                      AND sent_on IS NOT NULL""").fetchone()[0]
    assert n == 2
    # A reissue brings the parent's form back into the counts, once.
    h.ctl("reissue", "--consultation", str(wrong))
    assert counts(h)["parent"] == (1, 0, 0)


def test_late_is_for_consultations_before_the_review(h):
    """Item 3: a feedback form comes back after the review by design and
    is never late; the page says what late means."""
    h.ctl("import", write(h, TWO_YEARS))
    got = counts(h)
    assert got["feedback_attendee"] == (1, 1, 0), got
    # By month (from the per-day summary) and by IRO (counted) agree.
    rep = report(h, "--from", "2025-04-01", "--to", "2026-03-31", "--by", "month")
    assert sum(g["late"] for g in rep["groups"]) == 0
    rep = report(h, "--from", "2025-04-01", "--to", "2026-03-31", "--by", "iro")
    assert rep["all"]["late"] == 0
    rid = h.review(child="LATE-1", date="2025-09-01")
    cid, _, _ = h.issue(rid, "parent", "--sent", "2025-08-01")
    h.ctl("return", "--consultation", str(cid), "--channel", "paper", "--date", "2025-09-03")
    fid, _, _ = h.issue(rid, "feedback_attendee", "--sent", "2025-09-02")
    h.ctl("return", "--consultation", str(fid), "--channel", "paper", "--date", "2025-09-09")
    got = counts(h)
    assert got["parent"] == (2, 2, 1) and got["feedback_attendee"] == (2, 2, 0), got
    staff(h, "boss", "manager")
    boss, _ = sign_in(h, "boss")
    body = boss.get("/admin/reports?from=2025-04-01&to=2026-03-31").body
    assert "came back after the review date" in body and "never late" in body
    body = boss.get(f"/admin/review?id={rid}").body
    assert body.count("returned late") == 1, body


def test_targets_belong_to_a_financial_year(h):
    """Item 4: a year's targets judge that year's figures only, and are
    carried forward until changed; the page edits the year shown."""
    staff(h, "admin1", "admin")
    h.ctl("import", write(h, TWO_YEARS))
    adm, _ = sign_in(h, "admin1")
    r = adm.get("/admin/targets?year=2024")
    assert "Targets for 2024/25" in r.body and 'action="/admin/targets?year=2024"' in r.body
    r = adm.post("/admin/targets?year=2024", {"csrf": csrf_of(r.body), "parent": "40"})
    assert "targets for 2024/25 are saved" in r.body
    r = adm.post("/admin/targets?year=2025", {"csrf": csrf_of(r.body), "parent": "60"})
    assert 'value="60"' in r.body
    # 2026/27 carries 2025/26's forward; 2023/24 has none.
    assert 'value="60"' in adm.get("/admin/targets?year=2026").body
    assert 'value="40"' not in adm.get("/admin/targets?year=2023").body

    def target(frm, to):
        rep = report(h, "--from", frm, "--to", to, "--by", "audience")
        return {g["group"]: g.get("target_percent") for g in rep["groups"]}["parent"]
    assert target("2024-04-01", "2025-03-31") == 40
    assert target("2025-04-01", "2026-03-31") == 60
    assert target("2024-06-01", "2024-06-30") == 40
    body = adm.get("/admin/reports?from=2024-04-01&to=2025-03-31").body
    assert '>40% <span class="tag tag--green">met</span>' in body
    db = sqlite3.connect(h.db)
    assert db.execute("SELECT subject FROM audit WHERE action = 'targets'").fetchall() == \
        [("2024/25",), ("2025/26",)]


def test_year_to_date_beside_same_span_of_year_before(h):
    """Item 5: a year to date is compared with the same span of the year
    before (it was compared with the days just before it), and the page
    says which."""
    h.ctl("import", write(h, TWO_YEARS))
    rep = report(h, "--from", "2025-04-01", "--to", "2025-05-05", "--by", "audience")
    assert (rep["previous_from"], rep["previous_to"]) == ("2024-04-01", "2024-05-05")
    assert rep["all"]["previous"] == {"sent": 2, "returned": 1}
    assert rep["compared_with"] == "the same part of the financial year before"
    rep = report(h, "--from", "2025-04-01", "--to", "2026-03-31")
    assert rep["compared_with"] == "the financial year before"
    staff(h, "boss", "manager")
    boss, _ = sign_in(h, "boss")
    body = boss.get("/admin/reports?from=2025-04-01&to=2025-05-05").body
    assert "compared with 2024-04-01 to 2024-05-05, the same part of the financial year before" in body


LONG = "https://heard.northshire-council.gov.uk"


def restart(h, **env):
    """Start heard-fcgi (and nginx) again with these environment changes
    (a value of None removes a variable)."""
    h.nginx.send_signal(signal.SIGQUIT)
    h.nginx.wait(10)
    h.fcgi.send_signal(signal.SIGTERM)
    assert h.fcgi.wait(15) == 0
    for k, v in env.items():
        if v is None:
            h.env.pop(k, None)
        else:
            h.env[k] = v
    h.start()


def new_link(h, adm, rid, cid):
    """Press "New link" on the review page; the link and code shown once."""
    page = adm.get(f"/admin/review?id={rid}").body
    r = adm.post(f"/admin/review/reissue?id={rid}", {"csrf": csrf_of(page), "c": str(cid)})
    assert r.status == 200, r.body[:1000]
    m = re.search(r"\(shown once\): (\S+)/c/([A-Za-z0-9_-]+)  code ([0-9A-Z-]+)", r.body)
    assert m, r.body
    return m.group(1), m.group(2), m.group(3)


def test_new_link_with_a_long_base_url(h):
    """Item 6: the web "New link" shows the whole link and code, however
    long the base URL (it was cut to 30 characters in 128 bytes)."""
    restart(h, HEARD_BASE_URL=LONG + "/consultations/northshire")
    staff(h, "admin1", "admin")
    rid = h.review(child="LINK-1")
    cid, old, _ = h.issue(rid, "parent")
    adm, _ = sign_in(h, "admin1")
    base, token, code = new_link(h, adm, rid, cid)
    assert base == LONG + "/consultations/northshire"
    assert len(token) == 43 and re.fullmatch(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", code), code
    # The new link opens the form; the old one is gone; the code works.
    assert Client(h).get(f"/c/{token}").status == 303
    assert Client(h).get(old).status == 410
    c = Client(h, source="127.0.0.9")
    r = c.get("/code")
    assert c.post("/code", {"csrf": csrf_of(r.body), "code": code}).status == 303


def test_cli_and_server_print_the_same_base_url(h):
    """Item 8: with no HEARD_BASE_URL in its shell, heardctl prints the
    base URL kept in the database, as the server does; the environment
    still wins for both."""
    rid = h.review(child="BASE-1")
    p = h.ctl("setting", "base_url", "https://heard.example.gov.uk/", check=False)
    assert p.returncode != 0 and "without a '/' at the end" in p.stderr
    assert h.ctl("setting", "base_url", "ftp://x", check=False).returncode != 0
    h.ctl("setting", "base_url", LONG)
    env_url = h.env.pop("HEARD_BASE_URL")
    try:
        assert h.ctl("setting", "base_url").stdout.strip() == LONG
        out = h.ctl("issue", "--review", str(rid), "--audience", "carer").stdout
        assert f"link {LONG}/c/" in out, out
    finally:
        h.env["HEARD_BASE_URL"] = env_url
    out = h.ctl("issue", "--review", str(rid), "--audience", "health").stdout
    assert f"link {env_url}/c/" in out
    # The server without HEARD_BASE_URL prints the same.
    restart(h, HEARD_BASE_URL=None)
    staff(h, "admin1", "admin")
    adm, _ = sign_in(h, "admin1")
    cid = int(re.search(r"consultation (\d+)", out).group(1))
    assert new_link(h, adm, rid, cid)[0] == LONG
    db = sqlite3.connect(h.db)
    assert db.execute("SELECT count(*) FROM audit WHERE action = 'setting'").fetchone()[0] == 1


def held_review(h, child, dob, date, code):
    rid = int(h.ctl("review", "add", "--child", child, "--date", date, "--type", "cic",
                    *(["--dob", dob] if dob else [])).stdout.strip())
    h.ctl("review", "held", "--review", str(rid), "--on", date)
    if code:
        db = sqlite3.connect(h.db)
        db.execute("UPDATE review SET participation = ? WHERE id = ?", (code, rid))
        db.commit()
    return rid


def test_ssda903_reviews_export(h):
    """Item 11: the DfE's Reviews table from heardctl and for managers,
    refused (naming each review) where the DfE's checks would fail."""
    held_review(h, "C-OLD", "2015-06-01", "2025-06-10", "PN1")
    held_review(h, "C-BABY", "2023-01-15", "2025-07-01", "PN0")
    held_review(h, "=C-FOUR", "2021-07-01", "2025-07-01", "PN6")   # 4 that day
    held_review(h, "C-LATER", "2015-06-01", "2026-05-01", "PN1")   # outside
    h.review(child="C-BOOKED", date="2025-08-01")                   # not held
    p = h.ctl("export", "ssda903", "--from", "2025-04-01", "--to", "2026-03-31")
    assert p.stdout.split("\n") == [   # (text mode reads CRLF as \n)
        "CHILD,DOB,REVIEW,REVIEW_CODE",
        "C-OLD,01/06/2015,10/06/2025,PN1",
        '"\'=C-FOUR",01/07/2021,01/07/2025,PN6',
        "C-BABY,15/01/2023,01/07/2025,PN0",
        ""], p.stdout
    bad1 = held_review(h, "C-NOCODE", "2015-06-01", "2025-09-01", None)
    bad2 = held_review(h, "C-PN0", "2019-01-01", "2025-09-02", "PN0")
    bad3 = held_review(h, "C-TODDLER", "2023-01-01", "2025-09-03", "PN1")
    bad4 = held_review(h, "C-NODOB", None, "2025-09-04", "PN1")
    p = h.ctl("export", "ssda903", "--from", "2025-04-01", "--to", "2026-03-31", check=False)
    assert p.returncode != 0 and p.stdout == ""
    for rid, why in ((bad1, "no participation code"), (bad2, "PN0 is only for a child under 4"),
                     (bad3, "under 4 on the day"), (bad4, "date of birth is not recorded")):
        assert re.search(rf"review {rid} \(child [^)]*\): [^\n]*{why}", p.stderr), (why, p.stderr)
    assert "4 reviews would fail" in p.stderr
    staff(h, "boss", "manager")
    staff(h, "admin1", "admin")
    boss, _ = sign_in(h, "boss")
    url = "/admin/reports/ssda903.csv?from=2025-04-01&to=2026-03-31"
    r = boss.get(url)
    assert r.status == 409 and f"review {bad3} (child C-TODDLER" in r.body
    adm, _ = sign_in(h, "admin1")
    assert adm.get(url).status == 404
    r = boss.get("/admin/reports/ssda903.csv?from=2025-04-01&to=2025-08-31")
    assert r.status == 200 and r.header("Content-Type").startswith("text/csv")
    assert r.body.startswith("CHILD,DOB,REVIEW,REVIEW_CODE\r\nC-OLD,01/06/2015,10/06/2025,PN1\r\n")
    db = sqlite3.connect(h.db)
    assert db.execute("SELECT count(*) FROM audit WHERE action = 'export'").fetchone()[0] == 2


# Item 9: the audit log, paged by id and filtered --------------------------

def audit_rows(body):
    """The audit table's rows as lists of cell texts (tags stripped)."""
    tbody = re.search(r"<tbody>(.*?)</tbody>", body, re.S)
    if tbody is None:
        return []
    return [[re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<td[^>]*>(.*?)</td>", tr, re.S)]
            for tr in re.findall(r"<tr>(.*?)</tr>", tbody.group(1), re.S)]


def link_of(body, text):
    m = re.search(r'<a href="([^"]+)"[^>]*>' + text + "</a>", body)
    return m.group(1).replace("&amp;", "&") if m else None


def audit_setup(h):
    """A read of a child's views buried under 650 refused requests."""
    staff(h, "iro1", "iro")
    staff(h, "iro2", "iro")
    staff(h, "boss", "manager")
    staff(h, "admin1", "admin")
    rid = h.review(child="AUD-1", iro="iro1")
    other = h.review(child="AUD-2", iro="iro2")
    cid, _, _ = h.issue(rid, "child")
    h.ctl("return", "--consultation", str(cid), "--channel", "paper")
    boss, _ = sign_in(h, "boss")
    assert boss.get(f"/admin/answers?review={rid}").status == 200
    h.ctl("answers", "--consultation", str(cid), check=False)
    iro2, _ = sign_in(h, "iro2")
    assert iro2.get(f"/admin/review?id={rid}").status == 404
    db = sqlite3.connect(h.db)
    iro2_id = db.execute("SELECT id FROM staff WHERE username = 'iro2'").fetchone()[0]
    # Three sign-ins in 2020, for the dates.
    db.executemany("INSERT INTO audit (at, staff_id, action, subject) VALUES (?, ?, 'sign-in', 'iro2')",
                   [(1583020800 + i * 86400, iro2_id) for i in range(3)])  # 2020-03-01..03
    db.executemany("INSERT INTO audit (at, staff_id, action, subject) VALUES (?, ?, 'refused', 'audit')",
                   [(int(time.time()), iro2_id)] * 650)
    # A subject a spreadsheet would run as a formula, naming the review.
    db.execute("INSERT INTO audit (at, staff_id, action, subject, review_id) "
               "VALUES (?, ?, 'refused', '=HYPERLINK(\"http://x\")', ?)", (int(time.time()) - 5, iro2_id, rid))
    db.commit()
    assert db.execute("SELECT count(*) FROM audit").fetchone()[0] > 600
    return boss, rid, other, cid


def test_audit_pages_back_to_a_read_of_views(h):
    boss, rid, _, cid = audit_setup(h)
    r = boss.get("/admin/audit")
    assert r.status == 200
    rows = audit_rows(r.body)
    assert len(rows) == 50 and all(row[2] == "Refused a page" for row in rows)
    assert f"consultation {cid} (child, review {rid})" not in r.body
    assert link_of(r.body, "Newer entries") is None
    # Older, page by page, until the read is reached: every page 50 new rows.
    seen, page, pages = [], r.body, 0
    while f"consultation {cid} (child, review {rid})" not in page:
        nxt = link_of(page, "Older entries")
        assert nxt and "before=" in nxt, page[-2000:]
        page = boss.get(nxt).body
        pages += 1
        rows = audit_rows(page)
        assert rows and len(rows) <= 50
        seen += ["|".join(x) for x in rows]
        assert pages < 20
    assert pages >= 12
    read = [x for x in audit_rows(page) if x[2] == "Read the views" and x[1] == "boss"]
    assert read == [[read[0][0], "boss", "Read the views", f"consultation {cid} (child, review {rid})",
                     "AUD-1", str(rid)]], read
    # Newer goes back the way it came: the page before this one.
    back = boss.get(link_of(page, "Newer entries")).body
    assert link_of(back, "Older entries") is not None and audit_rows(back)
    assert set("|".join(x) for x in audit_rows(back)) <= set(seen)


def test_audit_filters(h):
    boss, rid, other, cid = audit_setup(h)
    # Child: the web read, the CLI read (by its consultation), the refused
    # reach (by its review), the issue (names the child), not AUD-2's.
    rows = audit_rows(boss.get("/admin/audit?child=AUD-1").body)
    what = sorted((x[1], x[2]) for x in rows)
    me = f"heardctl ({pwd.getpwuid(os.getuid()).pw_name})"
    assert ("boss", "Read the views") in what and (me, "Read the views") in what, what
    assert ("iro2", "Refused a page") in what
    assert all(x[4] == "AUD-1" for x in rows), rows
    assert all(x[4] == "AUD-2" for x in audit_rows(boss.get("/admin/audit?child=AUD-2").body))
    # Review: the same reads and the refused reach; the other review's none.
    rows = audit_rows(boss.get(f"/admin/audit?review={rid}").body)
    assert {x[3] for x in rows} >= {f"consultation {cid} (child, review {rid})",
                                    f"consultation {cid}", f"review {rid}"}, rows
    assert all(x[5] == str(rid) for x in rows)
    # Person and action together: exactly boss's read.
    rows = audit_rows(boss.get("/admin/audit?person=boss&action=read-answers").body)
    assert [(x[1], x[3]) for x in rows] == [("boss", f"consultation {cid} (child, review {rid})")]
    rows = audit_rows(boss.get("/admin/audit?person=heardctl&action=read-answers").body)
    assert [(x[1], x[3]) for x in rows] == [(me, f"consultation {cid}")]
    # Action alone pages too.
    r = boss.get("/admin/audit?action=refused")
    assert len(audit_rows(r.body)) == 50 and "action=refused" in link_of(r.body, "Older entries")
    assert 'value="refused" selected' in r.body
    # Dates, whole days: only the three 2020 sign-ins.
    rows = audit_rows(boss.get("/admin/audit?from=2020-03-01&to=2020-03-02").body)
    assert [x[0] for x in rows] == ["2020-03-02 00:00 UTC", "2020-03-01 00:00 UTC"]
    assert len(audit_rows(boss.get("/admin/audit?to=2020-12-31").body)) == 3
    r = boss.get("/admin/audit?from=2020-03-04&to=2020-03-31")
    assert audit_rows(r.body) == [] and "No entries match" in r.body


def test_audit_bad_filters_are_explained_and_kept(h):
    staff(h, "boss", "manager")
    boss, _ = sign_in(h, "boss")
    r = boss.get("/admin/audit?from=2026-02-30&review=12x&action=steal&child=ok")
    assert r.status == 400
    assert "There is a problem" in r.body
    assert re.search(r'id="from-error">.*Enter a real date', r.body)
    assert 'value="2026-02-30"' in r.body and 'value="12x"' in r.body and 'value="ok"' in r.body
    assert re.search(r'id="review-error">.*review number', r.body)
    assert re.search(r'id="action-error">.*Choose an action', r.body)
    assert "<tbody>" not in r.body
    r = boss.get("/admin/audit?child=%3Cb%3E&to=2026-01-01")
    assert r.status == 200 and 'value="&lt;b&gt;"' in r.body


def test_audit_csv_of_the_filtered_rows(h):
    boss, rid, _, cid = audit_setup(h)
    r = boss.get(f"/admin/audit.csv?review={rid}")
    assert r.status == 200 and r.header("Content-Type").startswith("text/csv")
    assert re.match(r'attachment; filename="audit-log-\d{4}-\d\d-\d\d\.csv"',
                    r.header("Content-Disposition"))
    rows = list(csv.DictReader(io.StringIO(r.body)))
    assert rows and all(x["review"] == str(rid) for x in rows)
    assert {x["subject"] for x in rows} >= {f"consultation {cid} (child, review {rid})", f"review {rid}"}
    # Formula-safe: the subject starting '=' is neutralised.
    assert "'=HYPERLINK" in r.body and '"=HYPERLINK' not in r.body
    assert all(x["child"] in ("AUD-1", "") for x in rows)
    # Every row, not a page: all 650 refusals of 'audit'.
    r = boss.get("/admin/audit.csv?action=refused&person=iro2")
    assert len(list(csv.DictReader(io.StringIO(r.body)))) == 652
    # The download is audited, with its filters.
    db = sqlite3.connect(h.db)
    assert db.execute("SELECT subject FROM audit a JOIN staff s ON s.id = a.staff_id WHERE "
                      "a.action = 'audit-export' AND s.username = 'boss' ORDER BY a.id").fetchall() == \
        [(f"review={rid}",), ("person=iro2&action=refused",)]
    # A bad filter gets the page and its explanation, not a CSV.
    r = boss.get("/admin/audit.csv?from=yesterday")
    assert r.status == 400 and "Enter a real date" in r.body


def test_audit_is_for_managers_only(h):
    staff(h, "admin1", "admin")
    staff(h, "iro1", "iro")
    for who in ("admin1", "iro1"):
        c, _ = sign_in(h, who)
        for path in ("/admin/audit", "/admin/audit.csv", "/admin/audit?action=refused"):
            r = c.get(path)
            assert r.status == 404 and "text/csv" not in (r.header("Content-Type") or ""), (who, path)


# Item 10: reports a committee paper can use -------------------------------

def today_plus(days):
    return time.strftime("%Y-%m-%d", time.gmtime(time.time() + days * 86400))


def test_report_csv_carries_labels_targets_previous_and_open(h):
    h.ctl("import", write(h, TWO_YEARS))
    db = sqlite3.connect(h.db)
    db.execute("INSERT INTO target_year (audience, year, percent) VALUES ('parent', 2025, 40), "
               "('carer', 2025, 100), ('feedback_attendee', 2025, 100)")
    db.commit()
    staff(h, "boss", "manager")
    boss, _ = sign_in(h, "boss")
    web = boss.get("/admin/reports.csv?from=2025-04-01&to=2026-03-31&by=audience").body
    cli = h.ctl("report", "--from", "2025-04-01", "--to", "2026-03-31", "--by", "audience",
                "--format", "csv").stdout
    assert web.replace("\r\n", "\n") == cli, (web, cli)
    rows = list(csv.reader(io.StringIO(web)))
    assert rows[0] == ["group", "sent", "returned", "late", "rate_percent", "label",
                       "target_percent", "target_met", "previous_sent", "previous_returned",
                       "previous_rate_percent", "open", "not_returned"]
    got = {r[0]: r for r in rows[1:]}
    assert got["parent"] == ["parent", "1", "1", "0", "100", "Consultation form for parents",
                             "40", "yes", "2", "2", "100", "0", "0"]
    assert got["carer"] == ["carer", "1", "1", "0", "100", "Consultation form for carers",
                            "100", "yes", "1", "0", "0", "0", "0"]
    assert got["all"] == ["all", "3", "3", "0", "100", "All forms", "", "", "3", "2", "67", "0", "0"]
    assert rows[-1][0] == "all"
    # By month, the label is the month and there is no target.
    rows = list(csv.reader(io.StringIO(h.ctl("report", "--from", "2025-04-01", "--to", "2026-03-31",
                                             "--by", "month", "--format", "csv").stdout)))
    may = [r for r in rows if r[0] == "2025-05"][0]
    assert may == ["2025-05", "3", "3", "0", "100", "2025-05", "", "", "2", "1", "50", "0", "0"]


def test_open_forms_apart_from_those_not_returned(h):
    """Open: sent, not returned, link not expired, review still to come
    (a feedback form: link not expired).  Not returned: the rest."""
    ahead = h.review(child="OPEN-1", date=today_plus(20))
    past = h.review(child="OPEN-2", date=today_plus(-2))
    h.issue(ahead, "parent", "--sent", today_plus(-1))                # open
    back, _, _ = h.issue(ahead, "health", "--sent", today_plus(-1))   # returned
    h.ctl("return", "--consultation", str(back), "--channel", "phone", "--date", today_plus(0))
    h.issue(past, "carer", "--sent", today_plus(-10))                 # review gone: closed
    h.issue(past, "feedback_attendee", "--sent", today_plus(-1))      # link lasts 28 days: open
    old = h.review(child="OPEN-3", date=today_plus(-30))
    h.issue(old, "feedback_leaver_parent", "--sent", today_plus(-29))  # 28 days gone: closed
    frm, to = today_plus(-40), today_plus(0)
    p = h.ctl("report", "--from", frm, "--to", to, "--by", "audience", "--format", "csv")
    got = {r["group"]: (r["sent"], r["returned"], r["open"], r["not_returned"])
           for r in csv.DictReader(io.StringIO(p.stdout))}
    assert got == {"parent": ("1", "0", "1", "0"), "carer": ("1", "0", "0", "1"),
                   "health": ("1", "1", "0", "0"), "feedback_attendee": ("1", "0", "1", "0"),
                   "feedback_leaver_parent": ("1", "0", "0", "1"),
                   "all": ("5", "1", "2", "2")}, got
    staff(h, "boss", "manager")
    boss, _ = sign_in(h, "boss")
    body = boss.get(f"/admin/reports?from={frm}&to={to}").body
    total = [t for t in re.findall(r'<tr class="table__total">.*?</tr>', body, re.S)
             if "Still open" in t][0]
    assert 'data-label="Still open">2<' in total and 'data-label="Not returned">2<' in total, total
    assert "<strong>Still open</strong>:" in body and "<strong>Not returned</strong>:" in body


def test_chart_as_svg_with_legend_and_escaped_names(h):
    import xml.etree.ElementTree as ET
    staff(h, "<script>", "iro")
    staff(h, "iro1", "iro")
    staff(h, "boss", "manager")
    a = h.review(child="SVG-1", date="2025-09-01", iro="<script>")
    b = h.review(child="SVG-2", date="2025-09-01", iro="iro1")
    c1, _, _ = h.issue(a, "parent", "--sent", "2025-08-01")
    h.issue(b, "parent", "--sent", "2025-08-01")
    h.ctl("return", "--consultation", str(c1), "--channel", "paper", "--date", "2025-08-10")
    boss, _ = sign_in(h, "boss")
    r = boss.get("/admin/reports.svg?from=2025-04-01&to=2026-03-31&by=iro")
    assert r.status == 200 and r.header("Content-Type").startswith("image/svg+xml")
    assert r.header("Content-Disposition") == \
        'attachment; filename="return-rates-2025-04-01-to-2026-03-31-by-iro.svg"'
    assert "<script>" not in r.body and "&lt;script&gt;" in r.body
    root = ET.fromstring(r.body.encode())
    ns = "{http://www.w3.org/2000/svg}"
    assert root.tag == ns + "svg"
    assert root.find(ns + "title").text == "Return rates by iro, 2025-04-01 to 2026-03-31"
    texts = [t.text for t in root.iter(ns + "text")]
    assert "<script>" in texts and "iro1" in texts and "100%" in texts and "0%" in texts
    # The legend names both periods.
    assert "2025-04-01 to 2026-03-31" in texts and "2024-04-01 to 2025-03-31" in texts
    # By audience: a target mark and the previous period's marks.
    db = sqlite3.connect(h.db)
    db.execute("INSERT INTO target_year (audience, year, percent) VALUES ('parent', 2025, 30)")
    db.commit()
    h.ctl("import", write(h, TWO_YEARS))
    svg = boss.get("/admin/reports.svg?from=2025-04-01&to=2026-03-31&by=audience").body
    root = ET.fromstring(svg.encode())
    assert "Target" in [t.text for t in root.iter(ns + "text")]
    dashed = [ln for ln in root.iter(ns + "line") if ln.get("stroke-dasharray")]
    prev = [ln for ln in root.iter(ns + "line") if ln.get("stroke") == "#0b0c0c"]
    assert len(dashed) == 2 and len(prev) >= 3   # legend + parent; legend + two audiences
    # The page escapes the name too, and links the download.
    page = boss.get("/admin/reports?from=2025-04-01&to=2026-03-31&by=iro").body
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "/admin/reports.svg?from=2025-04-01&amp;to=2026-03-31&amp;by=iro" in page
    iro, _ = sign_in(h, "iro1")
    assert iro.get("/admin/reports.svg").status == 404


AUD_MONTHS = """child_ref,review_date,review_type,iro,audience,channel,sent_on,returned_on
M1,2025-05-20,cic,iro1,parent,post,2025-04-28,2025-05-02
M1,2025-05-20,cic,iro1,parent,post,2025-05-02,
M1,2025-05-20,cic,iro1,carer,post,2025-05-03,2025-05-04
M2,2025-07-10,cic,iro1,parent,post,2025-06-20,2025-06-25
M2,2025-07-10,cic,iro1,parent,post,2025-06-21,2025-06-22
M2,2025-07-10,cic,iro1,health,post,2025-06-22,
M2,2025-07-10,cic,iro1,health,post,2025-06-23,
M3,2025-08-10,cic,iro1,carer,post,2025-07-01,2025-07-30
"""


def test_audience_by_month_against_hand_counts(h):
    h.ctl("import", write(h, AUD_MONTHS))
    staff(h, "boss", "manager")
    boss, _ = sign_in(h, "boss")
    body = boss.get("/admin/reports?from=2025-04-01&to=2025-07-31&by=audience").body
    table = re.search(r'<table class="table table--stack table--months">.*?</table>', body, re.S).group(0)
    heads = re.findall(r'<th scope="col"[^>]*>([^<]*)</th>', table)
    assert heads == ["Audience", "2025-04", "2025-05", "2025-06", "2025-07", "Whole period"]
    got = {}
    for label, cells in re.findall(r'<tr><th scope="row">([^<]*)</th>(.*?)</tr>', table, re.S):
        got[label] = [re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<td[^>]*>(.*?)</td>", cells)]
    # Counted by hand from AUD_MONTHS, by the month each form was sent.
    assert got == {
        "Consultation form for parents": ["1 of 1 (100%)", "0 of 1 (0%)", "2 of 2 (100%)", "-",
                                          "3 of 4 (75%)"],
        "Consultation form for carers": ["-", "1 of 1 (100%)", "-", "1 of 1 (100%)", "2 of 2 (100%)"],
        "Consultation form for health professionals": ["-", "-", "0 of 2 (0%)", "-", "0 of 2 (0%)"],
    }, got
    assert 'data-label="2025-06">2 of 2 (100%)' in table
