"""The statutory timetable from the command line: working days with
England and Wales bank holidays (and imported ones), due dates of reviews
under reg 33 worked out by hand here, episodes of care, reviews held, the
held-in-time measure, and the tracker import's looked_after_since."""
import json
import os
import sqlite3

PASSWORD = "correct horse battery"


def write(h, name, text):
    path = os.path.join(h.dir, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


def workdays(h, day, n):
    return h.ctl("workdays", day, str(n)).stdout.strip()


def next_due(h, ref):
    out = h.ctl("child", "show", ref).stdout
    return [l for l in out.splitlines() if l.startswith("next review due: ")][0][17:]


def review(h, ref, date, typ="cic", held=None):
    rid = int(h.ctl("review", "add", "--child", ref, "--date", date, "--type", typ).stdout)
    if held:
        h.ctl("review", "held", "--review", str(rid), "--on", held)
    return rid


def due_of(h, rid):
    return sqlite3.connect(h.db).execute("SELECT due_on FROM review WHERE id = ?",
                                         (rid,)).fetchone()[0]


def test_workdays_count_bank_holidays(h):
    # Friday 18 December 2026: 20 working days on, skipping Christmas Day,
    # the substitute Boxing Day (Mon 28) and New Year's Day.
    assert workdays(h, "2026-12-18", 20) == "2027-01-20"
    assert workdays(h, "2026-12-18", 1) == "2026-12-21"
    # Before: the Thursday before Christmas is one working day before Tue 29.
    assert workdays(h, "2026-12-29", -1) == "2026-12-24"
    # Easter 2027: Good Friday 26 March, Easter Monday 29 March.
    assert workdays(h, "2027-03-25", 1) == "2027-03-30"
    assert workdays(h, "2027-03-30", -1) == "2027-03-25"
    # A Saturday counts from itself without being counted.
    assert workdays(h, "2026-11-28", 1) == "2026-11-30"
    assert workdays(h, "2026-11-28", 0) == "2026-11-28"
    # The 2022 one-offs: spring bank holiday moved to Thu 2 June, the
    # Jubilee on Fri 3 June, the State Funeral on Mon 19 September.
    assert workdays(h, "2022-06-01", 1) == "2022-06-06"
    assert workdays(h, "2022-09-16", 1) == "2022-09-20"
    listed = h.ctl("holidays", "list", "--year", "2027").stdout
    assert listed.splitlines() == [
        "2027-01-01  Friday 1 January 2027", "2027-03-26  Friday 26 March 2027",
        "2027-03-29  Monday 29 March 2027", "2027-05-03  Monday 3 May 2027",
        "2027-05-31  Monday 31 May 2027", "2027-08-30  Monday 30 August 2027",
        "2027-12-27  Monday 27 December 2027", "2027-12-28  Tuesday 28 December 2027"]
    # Bad input names the field and the expected form.
    p = h.ctl("workdays", "2026-02-30", "5", check=False)
    assert p.returncode != 0 and "YYYY-MM-DD" in p.stderr
    p = h.ctl("workdays", "2026-02-03", "five", check=False)
    assert p.returncode != 0 and "whole number" in p.stderr


def govuk(events_by_year):
    events = [{"title": t, "date": d, "notes": "", "bunting": True}
              for year in events_by_year for d, t in year]
    return json.dumps({"england-and-wales": {"division": "england-and-wales", "events": events},
                       "scotland": {"division": "scotland", "events": []}})


# 2028 as gov.uk might announce it, with a one-off day added on Friday 7 July.
Y2028 = [("2028-01-03", "New Year's Day"), ("2028-04-14", "Good Friday"),
         ("2028-04-17", "Easter Monday"), ("2028-05-01", "Early May bank holiday"),
         ("2028-05-29", "Spring bank holiday"), ("2028-07-07", "A one-off holiday"),
         ("2028-08-28", "Summer bank holiday"), ("2028-12-25", "Christmas Day"),
         ("2028-12-26", "Boxing Day")]


def test_holidays_import_and_closure_days(h):
    assert workdays(h, "2028-07-06", 1) == "2028-07-07"
    # An announced holiday counts once imported, and every due date that
    # depends on it moves: a first review due 20 working days after.
    h.ctl("child", "add", "HOL-1", "--looked-after-since", "2025-12-19")
    assert next_due(h, "HOL-1") == "2026-01-21"
    out = h.ctl("holidays", "import", write(h, "bh.json", govuk([Y2028]))).stdout
    assert "imported 9 bank holidays" in out
    assert workdays(h, "2028-07-06", 1) == "2028-07-10"
    # A service's own closure days: Christmas Eve and New Year's Eve 2025.
    h.ctl("holidays", "import", write(h, "closed.csv",
                                      "date,what\n2025-12-24,Office closed\n2025-12-31,Office closed\n"))
    assert workdays(h, "2025-12-23", 1) == "2025-12-29"
    assert next_due(h, "HOL-1") == "2026-01-23"
    # A cut file would wipe a year's holidays: refused, nothing changed.
    p = h.ctl("holidays", "import", write(h, "cut.json", govuk([Y2028[:2]])), check=False)
    assert p.returncode != 0 and "2028 lists 2 bank holidays" in p.stderr
    assert workdays(h, "2028-07-06", 1) == "2028-07-10"
    p = h.ctl("holidays", "import", write(h, "bad.json", '{"england-and-wales": '), check=False)
    assert p.returncode != 0 and "not JSON" in p.stderr
    p = h.ctl("holidays", "import", write(h, "bad.csv", "2026-13-01,Nope\n"), check=False)
    assert p.returncode != 0 and "bad.csv:1:" in p.stderr and "YYYY-MM-DD" in p.stderr


def test_due_dates_follow_reg_33(h):
    h.ctl("user", "add", "iona", "--role", "iro", stdin=PASSWORD + "\n")
    out = h.ctl("child", "add", "DUE-1", "--looked-after-since", "2025-11-03",
                "--iro", "iona", "--first-name", "Amy", "--dob", "2015-06-01").stdout
    # First review: the 20th working day after Monday 3 November 2025.
    assert "next review due: 2025-12-01" in out
    first = review(h, "DUE-1", "2025-11-28", held="2025-11-28")
    assert due_of(h, first) == "2025-12-01"
    # Second: 3 months after the first.  28 February 2026 is a Saturday;
    # the due date is the last permitted day, not moved for a weekend.
    assert next_due(h, "DUE-1") == "2026-02-28"
    second = review(h, "DUE-1", "2026-03-02")          # booked late
    assert due_of(h, second) == "2026-02-28"
    show = h.ctl("child", "show", "DUE-1").stdout
    assert "first name: Amy" in show and "IRO: iona" in show
    assert f"review {second}: cic 2026-03-02, scheduled, due 2026-02-28: Late" in show
    h.ctl("review", "held", "--review", str(second))
    # Later ones: 6 months after the one before (2 September 2026).
    assert next_due(h, "DUE-1") == "2026-09-02"
    # Holding the second earlier than booked moves what follows it... it
    # cannot be held before its date, though.
    p = h.ctl("review", "held", "--review", str(second), "--on", "2026-03-01", check=False)
    assert p.returncode != 0 and "before its date" in p.stderr
    p = h.ctl("review", "held", "--review", str(review(h, "DUE-1", "2099-01-04")),
              check=False)
    assert p.returncode != 0 and "future" in p.stderr
    # A new episode of care restarts the sequence: 20 working days again.
    h.ctl("child", "add", "DUE-1", "--looked-after-since", "2026-06-01")
    third = review(h, "DUE-1", "2026-06-10")
    assert due_of(h, third) == "2026-06-29"
    # A child who left care has no review due.
    h.ctl("child", "add", "DUE-5", "--looked-after-since", "2026-01-05")
    assert next_due(h, "DUE-5") == "2026-02-02"
    h.ctl("child", "left", "DUE-5", "--on", "2026-01-20")
    assert next_due(h, "DUE-5").startswith("not known")
    # Month ends: 3 months after 30 November is the end of February, and a
    # care leaver's pathway review is due 6 months after the one before.
    h.ctl("child", "add", "DUE-2", "--looked-after-since", "2025-10-30")
    review(h, "DUE-2", "2025-11-30", held="2025-11-30")
    assert next_due(h, "DUE-2") == "2026-02-28"
    h.ctl("child", "add", "DUE-3", "--looked-after-since", "2020-01-06")
    review(h, "DUE-3", "2025-08-31", typ="pathway", held="2025-08-31")
    assert next_due(h, "DUE-3") == "2026-02-28"
    # A child with no looked-after date: due dates are not known, and say so.
    unknown = review(h, "NODATE-1", "2026-06-01")
    assert due_of(h, unknown) is None
    assert next_due(h, "NODATE-1").startswith("not known")
    # Bad dates are refused with the field named.
    p = h.ctl("child", "add", "DUE-4", "--looked-after-since", "3/11/2025", check=False)
    assert p.returncode != 0 and "--looked-after-since" in p.stderr and "YYYY-MM-DD" in p.stderr
    p = h.ctl("child", "add", "DUE-4", "--looked-after-since", "2025-01-01", "--dob",
              "2025-02-01", check=False)
    assert p.returncode != 0 and "before --dob" in p.stderr


def test_review_held_keeps_the_day(h):
    rid = review(h, "PN-1", "2026-01-05")
    db = sqlite3.connect(h.db)
    h.ctl("review", "held", "--review", str(rid))
    assert db.execute("SELECT status, held_on FROM review WHERE id = ?",
                      (rid,)).fetchone() == ("held", "2026-01-05")


def test_reviews_held_within_timescale(h):
    h.ctl("user", "add", "iona", "--role", "iro", stdin=PASSWORD + "\n")
    h.ctl("user", "add", "ivan", "--role", "iro", stdin=PASSWORD + "\n")
    # Five children looked after on Monday 6 April 2026: first reviews
    # due on the 20th working day after, Tuesday 5 May (4 May is a bank
    # holiday).  Three held in time, one late, one never had a date.
    for i, (iro, held) in enumerate([("iona", "2026-05-05"), ("iona", "2026-04-30"),
                                     ("ivan", "2026-05-01"), ("ivan", "2026-05-06")]):
        h.ctl("child", "add", f"HT-{i}", "--looked-after-since", "2026-04-06", "--iro", iro)
        review(h, f"HT-{i}", held, held=held)
    review(h, "HT-X", "2026-05-01", held="2026-05-01")
    # Last year: one held in time (due Thursday 1 May 2025, after Easter).
    h.ctl("child", "add", "HT-P", "--looked-after-since", "2025-04-01", "--iro", "iona")
    review(h, "HT-P", "2025-04-30", held="2025-04-30")
    out = h.ctl("report", "--measure", "held", "--from", "2026-04-01", "--to",
                "2027-03-31").stdout
    assert out.splitlines()[0] == ("3 of 4 reviews held within timescale - 75% "
                                   "(2025-04-01 to 2026-03-31: 1 of 1 - 100%)")
    assert "1 review held without a known due date" in out
    out = h.ctl("report", "--measure", "held", "--from", "2026-04-01", "--to",
                "2027-03-31", "--by", "iro").stdout.splitlines()
    assert "iona: 2 of 2 reviews held within timescale - 100% (2025-04-01 to 2026-03-31: " \
        "1 of 1 - 100%)" in out
    assert [l for l in out if l.startswith("ivan: ")] == [
        "ivan: 1 of 2 reviews held within timescale - 50% (2025-04-01 to 2026-03-31: 0 of 0)"]
    csv = h.ctl("report", "--measure", "held", "--from", "2026-04-01", "--to",
                "2027-03-31", "--by", "month", "--format", "csv").stdout.splitlines()
    assert csv[0] == ("group,held,held_in_time,percent,previous_held,"
                      "previous_held_in_time,previous_percent,held_without_due_date")
    # April 2026 sits beside April 2025.
    assert '"2026-04",1,1,100,1,1,100,0' in csv
    assert '"2026-05",3,2,67,0,0,,1' in csv
    assert csv[-1] == '"all",4,3,75,1,1,100,1'


def test_import_takes_looked_after_since(h):
    tracker = ("child_ref,review_date,review_type,iro,audience,channel,sent_on,returned_on,"
               "review_status,looked_after_since\n"
               "IMP-1,2026-01-20,cic,,child,post,2026-01-05,,held,2025-12-22\n"
               "IMP-2,2026-02-02,cic,,parent,post,2026-01-19,,scheduled,\n")
    h.ctl("import", write(h, "t.csv", tracker))
    db = sqlite3.connect(h.db)
    # 20 working days after Monday 22 December 2025 (25, 26 Dec and 1 Jan
    # are bank holidays): Thursday 22 January 2026.
    assert db.execute("SELECT due_on, held_on FROM review r JOIN child c ON "
                      "c.id = r.child_id WHERE c.ref = 'IMP-1'").fetchone() == \
        ("2026-01-22", "2026-01-20")
    assert db.execute("SELECT due_on FROM review r JOIN child c ON c.id = r.child_id "
                      "WHERE c.ref = 'IMP-2'").fetchone() == (None,)
    p = h.ctl("import", write(h, "bad.csv", tracker.replace("2025-12-22", "22/12/2025")),
              check=False)
    assert p.returncode != 0 and "line 2: looked_after_since" in p.stderr
    assert "Nothing was imported" in p.stderr


# The pages ----------------------------------------------------------------

def web_admin(h):
    from test_admin import csrf_of, sign_in, staff
    staff(h, "ada", "admin")
    adm, _ = sign_in(h, "ada")
    return adm, csrf_of(adm.get("/admin/reviews/new").body)


def test_web_add_review_asks_before_a_mistake_and_keeps_what_was_typed(h):
    adm, csrf = web_admin(h)
    form = {"csrf": csrf, "child": "Jane Smith", "date": "2099-03-01", "type": "cic",
            "iro": "", "first_name": "Jane", "dob": "2015-06-27", "since": "2026-10-01"}
    r = adm.post("/admin/reviews/new", form)
    assert r.status == 200 and "looks like a person&#39;s name" in r.body
    for kept in ('value="Jane Smith"', 'value="2099-03-01"', 'value="Jane"',
                 'value="2015-06-27"', 'value="2026-10-01"'):
        assert kept in r.body, kept
    assert 'id="confirm-error"' in r.body
    # A date that is not a date: said next to the field, the rest kept.
    r = adm.post("/admin/reviews/new", dict(form, child="LAC-1", since="2026-13-01"))
    assert 'id="since-error"' in r.body and "must be a real date" in r.body
    assert 'value="2026-13-01"' in r.body and 'value="LAC-1"' in r.body
    # Booked after its due date (the first review is due 20 working days
    # after 1 October 2026: 29 October): a reason is asked for, and nothing
    # is written until it is given.
    db = sqlite3.connect(h.db)
    r = adm.post("/admin/reviews/new", dict(form, child="LAC-1"))
    assert "due by Thursday 29 October 2026" in r.body and 'id="reason"' in r.body
    assert db.execute("SELECT count(*) FROM review").fetchone() == (0,)
    r = adm.post("/admin/reviews/new", dict(form, child="LAC-1", reason="Mum asked for half term"))
    assert r.status == 303
    assert db.execute("SELECT review_date, due_on, late_reason FROM review").fetchone() == \
        ("2099-03-01", "2026-10-29", "Mum asked for half term")
    assert db.execute("SELECT started_on FROM episode").fetchone() == ("2026-10-01",)
    # A date in the past asks "are you sure"; ticking the box adds it.
    r = adm.post("/admin/reviews/new", {"csrf": csrf, "child": "LAC-2", "date": "2025-01-06",
                                        "type": "cic"})
    assert "The review date is in the past" in r.body
    r = adm.post("/admin/reviews/new", {"csrf": csrf, "child": "LAC-2", "date": "2025-01-06",
                                        "type": "cic", "confirm": "yes"})
    assert r.status == 303


def test_web_allocate_hold_lists_and_report(h):
    from test_admin import csrf_of, sign_in, staff
    adm, csrf = web_admin(h)
    staff(h, "iona", "iro")
    staff(h, "max", "manager")
    h.ctl("child", "add", "WEB-1", "--looked-after-since", "2025-12-19")
    rid = review(h, "WEB-1", "2026-01-15")
    ids = dict(sqlite3.connect(h.db).execute("SELECT username, id FROM staff"))
    # Allocating a manager, or nobody, is a form error; an IRO is allocated.
    r = adm.post(f"/admin/review/allocate?id={rid}", {"csrf": csrf, "iro": str(ids["max"])})
    assert r.status == 200 and 'id="iro-error"' in r.body and "Choose an IRO" in r.body
    r = adm.post(f"/admin/review/allocate?id={rid}", {"csrf": csrf, "iro": "999"})
    assert 'id="iro-error"' in r.body
    r = adm.post(f"/admin/review/allocate?id={rid}", {"csrf": csrf, "iro": str(ids["iona"])})
    assert "The IRO is allocated" in r.body
    # The IRO now sees the review and marks it held, not before its date;
    # allocating is not theirs to do.
    iro, _ = sign_in(h, "iona")
    r = iro.post(f"/admin/review/allocate?id={rid}",
                 {"csrf": csrf_of(iro.get("/admin/reviews").body), "iro": str(ids["iona"])})
    assert r.status in (403, 404)
    r = iro.get(f"/admin/review?id={rid}")
    assert r.status == 200 and "Wednesday 21 January 2026" in r.body
    icsrf = csrf_of(r.body)
    r = iro.post(f"/admin/review/held?id={rid}", {"csrf": icsrf, "held_on": "2026-01-14"})
    assert 'id="held_on-error"' in r.body
    r = iro.post(f"/admin/review/held?id={rid}", {"csrf": icsrf, "held_on": "2026-01-15"})
    assert "marked as held" in r.body and "Held in time" in r.body
    # A manager cannot mark a review held.
    boss, _ = sign_in(h, "max")
    r = boss.post(f"/admin/review/held?id={rid}", {"csrf": csrf_of(boss.get("/admin/reviews").body),
                                                   "held_on": "2026-01-15"})
    assert r.status in (403, 404)
    # The next review (3 months after 15 January: 15 April 2026) is overdue
    # and not booked: listed for the admin team to book.
    r = adm.get("/admin/reviews")
    assert "Reviews to book" in r.body and "WEB-1" in r.body and "Late: not booked" in r.body
    assert "/admin/reviews/new?child=WEB-1" in r.body
    # The booked list shows due dates and where each review stands.
    r = adm.get("/admin/reviews?from=2026-01-01&to=2026-01-31")
    assert "2026-01-21" in r.body and "Held in time" in r.body
    # Rearranging past the due date asks why.
    rid2 = review(h, "WEB-1", "2026-04-10")
    r = adm.post(f"/admin/review/rearrange?id={rid2}", {"csrf": csrf, "date": "2026-04-20"})
    assert 'id="reason-error"' in r.body and "due by Wednesday 15 April 2026" in r.body
    r = adm.post(f"/admin/review/rearrange?id={rid2}", {"csrf": csrf, "date": "2026-04-20",
                                                         "reason": "IRO off sick"})
    assert "IRO off sick" in r.body and "Late" in r.body
    # The report page leads with the committee line; the CSV has it too.
    r = boss.get("/admin/reports?from=2025-04-01&to=2026-03-31")
    assert "1 of 1 review held within timescale - 100%" in r.body
    r = boss.get("/admin/reports/held.csv?from=2025-04-01&to=2026-03-31&by=iro")
    assert r.status == 200 and '"iona",1,1,100' in r.body


def test_participation_from_the_cli_with_its_meaning(h):
    rid = review(h, "PNC-1", "2026-01-05")
    out = h.ctl("review", "participation", "--review", str(rid), "--code", "PN6").stdout
    assert out.startswith(f"review {rid}: PN6 (Child does not attend but conveys")
    db = sqlite3.connect(h.db)
    assert db.execute("SELECT participation, status FROM review").fetchone() == ("PN6", "scheduled")
    p = h.ctl("review", "participation", "--review", str(rid), "--code", "PN9", check=False)
    assert p.returncode != 0 and "PN7  Child does not attend nor" in p.stderr
