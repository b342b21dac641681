"""Paper returns in one flow (issue 15 item 6): recording that a form came
back and typing in its answers can be done in either order.  A return
recorded first is "held on file" until its answers are typed in; then the
typed answers take its place, and the date and way it came back stay as
recorded."""
import sqlite3

from harness import parse_form
from test_admin import csrf_of, sign_in, staff

ANSWERS = {"going_well": "School is better", "how_doing": "4", "contact": "mixed",
           "contact_more": "More visits \u00e9"}


def returned(h, cid):
    db = sqlite3.connect(h.db)
    return db.execute("SELECT returned_on, return_channel FROM consultation WHERE id = ?",
                      (cid,)).fetchone()


def test_record_the_return_then_type_in_the_answers(h):
    staff(h, "admin1", "admin")
    staff(h, "boss", "manager")
    rid = h.review(child="PAPER-2")
    cid, _, _ = h.issue(rid, "parent", "--channel", "post")
    adm, _ = sign_in(h, "admin1")
    r = adm.get(f"/admin/review?id={rid}")
    r = adm.post(f"/admin/review/return?id={rid}", {"csrf": csrf_of(r.body), "c": str(cid),
                                                   "date": "2030-01-03", "channel": "email"})
    assert "The return is recorded." in r.body
    assert h.answers(cid) == {"_held_on_file": ["yes"]}
    # Typing in the answers is still offered, and it keeps the record.
    assert f"/admin/typein?c={cid}" in r.body and "Held on file" in r.body
    r = adm.get(f"/admin/typein?c={cid}")
    assert r.status == 200 and "Its return is recorded already" in r.body
    assert "2030-01-03" in r.body
    page = parse_form(r.body)
    body = dict(csrf=page.hidden["csrf"], **ANSWERS)
    r = adm.post(f"/admin/typein?c={cid}", body)
    assert r.status == 303, r.body[:1000]
    got = h.answers(cid)
    assert "_held_on_file" not in got
    assert got["contact_more"] == [ANSWERS["contact_more"]] and got["how_doing"] == ["4"]
    assert returned(h, cid) == ("2030-01-03", "email")
    # Typed in once: not again, and the IRO's page has the answers.
    r = adm.get(f"/admin/review?id={rid}")
    assert f"/admin/typein?c={cid}" not in r.body
    r = adm.post(f"/admin/typein?c={cid}", body)
    assert r.status == 200 and "already come back" in r.body
    boss, _ = sign_in(h, "boss")
    r = boss.get(f"/admin/answers?review={rid}")
    assert "School is better" in r.body and "held on file" not in r.body.lower()


def test_type_in_the_answers_then_the_return_is_recorded(h):
    staff(h, "admin1", "admin")
    rid = h.review(child="PAPER-3")
    cid, _, _ = h.issue(rid, "parent", "--channel", "post")
    adm, _ = sign_in(h, "admin1")
    r = adm.get(f"/admin/typein?c={cid}")
    page = parse_form(r.body)
    body = dict(csrf=page.hidden["csrf"], date="2030-01-04", channel="paper", **ANSWERS)
    r = adm.post(f"/admin/typein?c={cid}", body)
    assert r.status == 303, r.body[:1000]
    assert returned(h, cid) == ("2030-01-04", "paper")
    assert h.answers(cid)["going_well"] == ["School is better"]
    r = adm.get(f"/admin/review?id={rid}")
    assert f"/admin/typein?c={cid}" not in r.body
    # Recording the return again changes nothing.
    r = adm.post(f"/admin/review/return?id={rid}", {"csrf": csrf_of(r.body), "c": str(cid),
                                                   "date": "2030-02-01", "channel": "phone"})
    assert "already come back" in r.body
    assert returned(h, cid) == ("2030-01-04", "paper")
    assert h.answers(cid)["going_well"] == ["School is better"]
