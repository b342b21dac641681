"""Issue 13 items 12 and 13: participation codes shown with their
meanings where they are chosen and shown, each review's format recorded
on the web and from heardctl, and the figures an IRO annual report
prints (participation among children aged 4 and over, attended, views
by a form, the share held in person against a target), by IRO and
beside the previous period, counted by hand here."""
import csv
import io
import re
import sqlite3

from test_admin import csrf_of, sign_in, staff


def held(h, child, dob, date, code, iro, fmt=None):
    """A review held on date, with its code and format from heardctl."""
    rid = int(h.ctl("review", "add", "--child", child, "--date", date, "--type", "cic",
                    "--iro", iro, *(["--dob", dob] if dob else [])).stdout.strip())
    h.ctl("review", "held", "--review", str(rid), "--on", date)
    if code:
        h.ctl("review", "participation", "--review", str(rid), "--code", code)
    if fmt:
        out = h.ctl("review", "format", "--review", str(rid), "--format", fmt).stdout
        assert out.startswith(f"review {rid}: "), out
    return rid


def test_review_page_shows_codes_with_their_meanings_and_records_format(h):
    """Item 12: the choices carry each code's meaning, PN6 is suggested
    where the child's form came back, PN5 is explained in the hint (no
    answer is read), the summary shows the code with its meaning; the
    format has its own route, for the admin and the review's own IRO."""
    staff(h, "admin1", "admin")
    staff(h, "iro1", "iro")
    staff(h, "iro2", "iro")
    staff(h, "boss", "manager")
    rid = h.review(child="MEAN-1", iro="iro1")
    cid, _, _ = h.issue(rid, "child")
    adm, _ = sign_in(h, "admin1")
    r = adm.get(f"/admin/review?id={rid}")
    body = r.body
    for code, meaning in (("PN0", "Child aged under 4 at the time of the review"),
                          ("PN5", "Child does not attend physically but briefs an advocate"),
                          ("PN6", "Child does not attend but conveys his or her feelings")):
        assert re.search(rf'id="code-{code}" name="code" type="radio" value="{code}"[^>]*'
                         rf'aria-describedby="code-{code}-hint"', body), code
        assert re.search(rf'id="code-{code}-hint">{meaning}', body), code
    assert "PN5 if the child briefed an advocate to speak for them" in body
    assert "PN6 is suggested" not in body
    assert "<dt>Participation</dt><dd>not recorded</dd>" in body
    assert "<dt>How it was held</dt><dd>not recorded</dd>" in body
    csrf = csrf_of(body)
    r = adm.post(f"/admin/review/return?id={rid}", {"csrf": csrf, "c": str(cid),
                                                     "date": "2030-01-01", "channel": "paper"})
    assert "PN6 is suggested" in r.body
    assert re.search(r'id="code-PN6" name="code" type="radio" value="PN6" checked', r.body)
    r = adm.post(f"/admin/review/participation?id={rid}", {"csrf": csrf, "code": "PN6"})
    assert "<dt>Participation</dt><dd><strong>PN6</strong>: Child does not attend but " \
        "conveys his or her feelings by a facilitative medium" in r.body
    # The format: chosen from its own list, recorded by the admin.
    for f, label in (("in_person", "In person"), ("online", "Online"), ("mixed", "Mixed")):
        assert re.search(rf'id="format-{f}" name="format" type="radio" value="{f}"', r.body)
        assert f'for="format-{f}">{label}</label>' in r.body
    r = adm.post(f"/admin/review/format?id={rid}", {"csrf": csrf})
    assert r.status == 200 and "Choose how the review was held" in r.body
    assert 'href="#format-in_person"' in r.body
    r = adm.post(f"/admin/review/format?id={rid}", {"csrf": csrf, "format": "face_to_face"})
    assert r.status == 200 and "Choose how the review was held" in r.body
    r = adm.post(f"/admin/review/format?id={rid}", {"csrf": csrf, "format": "online"})
    assert r.status == 200 and "format is recorded" in r.body
    assert "<dt>How it was held</dt><dd>Online</dd>" in r.body
    assert re.search(r'id="format-online" name="format" type="radio" value="online" checked', r.body)
    assert adm.get(f"/admin/review/format?id={rid}").status == 405
    db = sqlite3.connect(h.db)
    assert db.execute("SELECT format FROM review WHERE id = ?", (rid,)).fetchone()[0] == "online"
    # The review's own IRO may; another IRO finds no such review.
    iro, _ = sign_in(h, "iro1")
    r = iro.post(f"/admin/review/format?id={rid}", {"csrf": csrf_of(iro.get("/admin/reviews").body),
                                                    "format": "mixed"})
    assert r.status == 200 and "format is recorded" in r.body
    other, _ = sign_in(h, "iro2")
    r = other.post(f"/admin/review/format?id={rid}", {"csrf": csrf_of(other.get("/admin/reviews").body),
                                                      "format": "in_person"})
    assert r.status == 404, r.status
    assert db.execute("SELECT format FROM review WHERE id = ?", (rid,)).fetchone()[0] == "mixed"
    assert db.execute("SELECT count(*) FROM audit WHERE action = 'review-format'").fetchone()[0] == 2


def test_a_manager_cannot_record_a_format(h):
    """The router refuses the format route to a manager (audited); the
    page shows a manager no format control."""
    staff(h, "iro1", "iro")
    staff(h, "boss", "manager")
    rid = h.review(child="FMT-1", iro="iro1")
    boss, _ = sign_in(h, "boss")
    body = boss.get(f"/admin/review?id={rid}").body
    assert "/admin/review/format?" not in body
    r = boss.post(f"/admin/review/format?id={rid}", {"csrf": csrf_of(body), "format": "online"})
    assert r.status in (403, 404), r.status
    db = sqlite3.connect(h.db)
    assert db.execute("SELECT format FROM review WHERE id = ?", (rid,)).fetchone()[0] is None
    assert db.execute("SELECT count(*) FROM audit WHERE action = 'refused' "
                      "AND subject = 'review-format'").fetchone()[0] == 1


def test_format_and_target_from_the_cli(h):
    rid = h.review(child="FMT-CLI")
    p = h.ctl("review", "format", "--review", str(rid), "--format", "face_to_face", check=False)
    assert p.returncode != 0 and "in_person" in p.stderr and "mixed" in p.stderr
    out = h.ctl("review", "format", "--review", str(rid), "--format", "in_person").stdout
    assert out.startswith(f"review {rid}: In person")
    db = sqlite3.connect(h.db)
    assert db.execute("SELECT format FROM review").fetchone()[0] == "in_person"
    for bad in ("101", "-1", "85%", "eighty", "", "1000"):
        p = h.ctl("setting", "in_person_target", bad, check=False)
        assert p.returncode != 0 and "0 to 100" in p.stderr, bad
    assert db.execute("SELECT count(*) FROM setting WHERE key = 'in_person_target'").fetchone()[0] == 0
    assert h.ctl("setting", "in_person_target", "85").stdout == "in_person_target\t85\n"
    assert db.execute("SELECT value FROM setting WHERE key = 'in_person_target'").fetchone()[0] == "85"


def annual_data(h):
    """Reviews held in 2025/26 and 2024/25, by two IROs (counted below)."""
    staff(h, "iro1", "iro")
    staff(h, "iro2", "iro")
    # 2025/26, iro1
    held(h, "A1", "2015-01-01", "2025-06-10", "PN1", "iro1", "in_person")
    held(h, "A2", "2012-03-01", "2025-07-10", "PN6", "iro1", "online")
    held(h, "A3", "2010-05-05", "2025-08-10", "PN7", "iro1", "in_person")
    held(h, "A4", "2023-01-15", "2025-07-01", "PN0", "iro1", "in_person")   # under 4
    held(h, "A5", "2021-07-01", "2025-07-01", "PN2", "iro1", "mixed")       # 4 that day
    # 2025/26, iro2
    held(h, "B1", "2014-02-02", "2025-09-01", "PN5", "iro2", "in_person")
    held(h, "B2", None, "2025-09-02", "PN1", "iro2", "in_person")            # no DOB
    held(h, "B3", "2011-01-01", "2025-10-01", None, "iro2")                  # no code, no format
    h.review(child="B4", date="2025-11-01", iro="iro2")                      # not held
    # 2024/25
    held(h, "P1", "2010-01-01", "2024-06-01", "PN1", "iro1", "in_person")
    held(h, "P2", "2010-01-02", "2024-07-01", "PN7", "iro1", "online")
    held(h, "P3", "2013-01-01", "2024-08-01", "PN6", "iro2")


def test_annual_figures_by_iro_beside_the_year_before(h):
    """Item 13: among children aged 4 and over on the day held (a child
    under 4 left out, one without a date of birth and one without a code
    counted apart): took part 4 of 5, attended 2 of 5, by a form 1 of 5;
    held in person 5 of 7 against a target of 85%; 2024/25 beside."""
    annual_data(h)
    h.ctl("setting", "in_person_target", "85")
    out = h.ctl("report", "--measure", "participation", "--from", "2025-04-01",
                "--to", "2026-03-31", "--by", "iro").stdout
    lines = out.splitlines()
    assert lines[:4] == [
        "In 2025/26, 4 of 5 children aged 4 and over (80%) took part in their review (PN1-PN6)",
        "In 2025/26, 2 of 5 children aged 4 and over (40%) attended their review (PN1-PN4)",
        "In 2025/26, 1 of 5 children aged 4 and over (20%) conveyed their views by a form or "
        "other medium (PN6)",
        "In 2025/26, reviews held in person: 5 of 7 (71%) against a target of 85% (not met)",
    ], out
    assert lines[4] == "Previous period (the financial year before):"
    assert lines[5:9] == [
        "In 2024/25, 2 of 3 children aged 4 and over (67%) took part in their review (PN1-PN6)",
        "In 2024/25, 1 of 3 children aged 4 and over (33%) attended their review (PN1-PN4)",
        "In 2024/25, 1 of 3 children aged 4 and over (33%) conveyed their views by a form or "
        "other medium (PN6)",
        "In 2024/25, reviews held in person: 1 of 2 (50%)",
    ], out
    assert lines[9] == ("iro1: took part 3 of 4 (75%), attended 2 of 4 (50%), form or other "
                        "medium 1 of 4 (25%), in person 3 of 5 (60%) (previous period: took "
                        "part 1 of 2 (50%), attended 1 of 2 (50%), form or other medium 0 of 2 "
                        "(0%), in person 1 of 2 (50%))"), out
    assert lines[10] == ("iro2: took part 1 of 1 (100%), attended 0 of 1 (0%), form or other "
                         "medium 0 of 1 (0%), in person 2 of 2 (100%) (previous period: took "
                         "part 1 of 1 (100%), attended 0 of 1 (0%), form or other medium 1 of 1 "
                         "(100%), in person 0 of 0)"), out
    apart = lines[11]
    for words in ("1 review of a child under 4 on the day (PN0)",
                  "1 review of a child without a date of birth",
                  "1 review of a child aged 4 or over without a participation code",
                  "1 review whose format is not recorded"):
        assert words in apart, apart
    # The CSV: one row per IRO and all, the same counts.
    p = h.ctl("report", "--measure", "participation", "--from", "2025-04-01",
              "--to", "2026-03-31", "--by", "iro", "--format", "csv")
    rows = {r["group"]: r for r in csv.DictReader(io.StringIO(p.stdout))}
    assert list(rows) == ["iro1", "iro2", "all"]
    a = rows["all"]
    assert (a["aged_4_and_over"], a["took_part"], a["took_part_percent"], a["attended"],
            a["attended_percent"], a["form_or_medium"], a["form_or_medium_percent"]) == \
        ("5", "4", "80", "2", "40", "1", "20")
    assert (a["format_recorded"], a["in_person"], a["online"], a["mixed"],
            a["in_person_percent"], a["in_person_target_percent"]) == ("7", "5", "1", "1", "71", "85")
    assert (a["previous_aged_4_and_over"], a["previous_took_part"], a["previous_attended"],
            a["previous_form_or_medium"], a["previous_format_recorded"],
            a["previous_in_person"]) == ("3", "2", "1", "1", "2", "1")
    assert (a["under_4"], a["without_dob"], a["without_code"], a["without_format"]) == \
        ("1", "1", "1", "1")
    assert (rows["iro2"]["took_part"], rows["iro2"]["aged_4_and_over"],
            rows["iro2"]["in_person_percent"], rows["iro2"]["previous_form_or_medium"]) == \
        ("1", "1", "100", "1")


def test_annual_figures_on_the_report_page_and_as_csv(h):
    annual_data(h)
    staff(h, "boss", "manager")
    staff(h, "admin1", "admin")
    boss, _ = sign_in(h, "boss")
    body = boss.get("/admin/reports?from=2025-04-01&to=2026-03-31").body
    assert "Participation and reviews held in person" in body
    assert "In 2025/26, 4 of 5 children aged 4 and over (80%) took part in their review " \
        "(PN1-PN6)" in body
    assert "In 2025/26, reviews held in person: 5 of 7 (71%); no target is set" in body
    assert "In 2024/25, 2 of 3 children aged 4 and over (67%) took part" in body
    row = re.search(r'<th scope="row">iro1</th>.*?</tr>', body[body.index("Participation and"):]).group(0)
    assert ">4<" in row and "3 (75%)" in row and "2 (50%)" in row and "1 (25%)" in row
    assert "3 of 5 (60%)" in row and "took part 1 of 2 (50%)" in row
    assert "1 review of a child without a date of birth" in body
    # The target set from heardctl shows on the page (the cache sees the change).
    h.ctl("setting", "in_person_target", "70")
    body = boss.get("/admin/reports?from=2025-04-01&to=2026-03-31").body
    assert "reviews held in person: 5 of 7 (71%) against a target of 70% (met)" in body
    # The CSV for managers and admins, never for an IRO.
    url = "/admin/reports/participation.csv?from=2025-04-01&to=2026-03-31&by=iro"
    r = boss.get(url)
    assert r.status == 200 and r.header("Content-Type").startswith("text/csv")
    rows = {x["group"]: x for x in csv.DictReader(io.StringIO(r.body))}
    assert rows["all"]["took_part"] == "4" and rows["all"]["in_person_target_percent"] == "70"
    adm, _ = sign_in(h, "admin1")
    assert adm.get(url).status == 200
    iro, _ = sign_in(h, "iro1")
    assert iro.get(url).status in (403, 404)
