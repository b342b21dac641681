"""Issue 16, second round of hardening: a person's draft is theirs
alone, the audit log says who did what to which object, staff who leave,
duties kept apart."""
import re
import sqlite3

from harness import Client, parse_form
from test_admin import sign_in, staff, csrf_of


def save_draft(h, link, text, source="127.0.0.7"):
    """Open a link in a fresh browser and save text in every box."""
    c = Client(h, source=source)
    assert c.get(link).status == 303
    page = parse_form(c.get("/form").body)
    body = dict(page.hidden)
    for name, _, _ in page.text:
        body[name] = text
    body["action"] = "save"
    assert c.post("/form", body).status == 200
    return c


def test_reissued_link_never_shows_the_draft(h):
    """Item 1: an admin's "New link" gives a fresh form, said kindly;
    the old draft is gone from the database, and a signed-in staff
    browser cannot open a form at all."""
    staff(h, "admin1", "admin")
    rid = h.review(child="DRAFT-1")
    cid, link, _ = h.issue(rid, "parent")
    save_draft(h, link, "my private words")
    db = sqlite3.connect(h.db)
    assert db.execute("SELECT count(*) FROM draft").fetchone()[0] == 1
    adm, _ = sign_in(h, "admin1")
    page = adm.get(f"/admin/review?id={rid}").body
    r = adm.post(f"/admin/review/reissue?id={rid}", {"csrf": csrf_of(page), "c": str(cid)})
    assert r.status == 200
    new = re.search(r"/c/([A-Za-z0-9_-]+)", r.body).group(0)
    # The staff browser is refused, kindly, and nothing is opened.
    for path in (new, "/form", "/code"):
        r = adm.get(path)
        assert r.status == 403 and "signed in as staff" in r.body, (path, r.status)
        assert "my private words" not in r.body
    # The person (another browser) gets a fresh form, told why.
    c = Client(h, source="127.0.0.8")
    assert c.get(new).status == 303
    r = c.get("/form")
    assert r.status == 200 and "my private words" not in r.body
    assert "This is a new link, so the form starts again" in r.body
    assert db.execute("SELECT count(*) FROM draft").fetchone()[0] == 0
    assert db.execute("SELECT draft_at FROM consultation").fetchone()[0] is None
    # A first link says nothing of the kind.
    _, link2, _ = h.issue(rid, "carer")
    c2 = Client(h, source="127.0.0.9")
    c2.get(link2)
    assert "form starts again" not in c2.get("/form").body
