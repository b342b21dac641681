"""Issue 16, second round of hardening: a person's draft is theirs
alone, the audit log says who did what to which object, staff who leave,
duties kept apart."""
import re
import sqlite3

from harness import Client, parse_form
from test_admin import PASSWORD, sign_in, staff, csrf_of


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


def test_roles_that_read_answers_need_a_manager(h):
    """Item 3: an admin's new IRO or manager, or a role changed to one,
    waits for a manager's approval (two people); refusals and approvals
    are audited and the waiting list is shown to managers only."""
    staff(h, "admin1", "admin")
    staff(h, "admin2", "admin")
    staff(h, "admin3", "admin")
    staff(h, "boss", "manager")       # the first manager, on the server
    adm, _ = sign_in(h, "admin1")
    csrf = csrf_of(adm.get("/admin/staff").body)
    r = adm.post("/admin/staff", {"csrf": csrf, "username": "newboss", "role": "manager",
                                  "password": PASSWORD})
    assert r.status == 200 and "once a manager approves" in r.body, r.body[:3000]
    _, r = sign_in(h, "newboss", source="127.0.0.51")
    assert r.status == 401
    r = adm.post("/admin/staff/enable", {"csrf": csrf, "user": "newboss"})
    assert "waits for a manager" in r.body, re.findall(r"<p class=\"body\">[^<]*", r.body)
    assert sign_in(h, "newboss", source="127.0.0.52")[1].status == 401
    # A role that reads answers waits too; the admin stays an admin.
    r = adm.post("/admin/staff/role", {"csrf": csrf, "user": "admin2", "role": "iro"})
    assert "until a manager approves" in r.body
    r = adm.post("/admin/staff/role", {"csrf": csrf, "user": "admin3", "role": "manager"})
    db = sqlite3.connect(h.db)
    assert db.execute("SELECT role FROM staff WHERE username = 'admin2'").fetchone()[0] == "admin"
    # The admin cannot approve; the manager sees the list and decides.
    assert adm.get("/admin/staff/approvals").status == 404
    assert adm.post("/admin/staff/approve", {"csrf": csrf, "user": "admin2"}).status == 404
    boss, _ = sign_in(h, "boss", source="127.0.0.53")
    r = boss.get("/admin/staff/approvals")
    assert r.status == 200
    for name in ("newboss", "admin2", "admin3"):
        assert name in r.body
    bcsrf = csrf_of(r.body)
    r = boss.post("/admin/staff/approve", {"csrf": bcsrf, "user": "newboss"})
    assert r.status == 200 and "newboss is now a manager" in r.body
    _, r = sign_in(h, "newboss", source="127.0.0.54")
    assert r.status == 303, (r.status, r.body[:2000], sqlite3.connect(h.db).execute(
        "SELECT * FROM staff WHERE username = 'newboss'").fetchall())
    r = boss.post("/admin/staff/approve", {"csrf": bcsrf, "user": "admin2"})
    assert "admin2 is now an IRO" in r.body
    r = boss.post("/admin/staff/refuse", {"csrf": bcsrf, "user": "admin3"})
    assert "admin3 stays an admin" in r.body
    got = dict(db.execute("SELECT username, role FROM staff").fetchall())
    assert got["admin2"] == "iro" and got["admin3"] == "admin" and got["newboss"] == "manager"
    assert "admin3" not in boss.get("/admin/staff/approvals").body
    # An admin's own role needing no approval changes at once.
    r = adm.post("/admin/staff/role", {"csrf": csrf, "user": "admin2", "role": "admin"})
    assert "admin2 is now an admin" in r.body
    rows = db.execute("""SELECT s.username, a.action, a.subject FROM audit a
                         JOIN staff s ON s.id = a.staff_id
                         WHERE a.action IN ('role-request', 'role-approve', 'role-refuse',
                                            'user-role') ORDER BY a.id""").fetchall()
    assert rows == [("admin1", "role-request", "newboss: manager (new account)"),
                    ("admin1", "role-request", "admin2: admin to iro"),
                    ("admin1", "role-request", "admin3: admin to manager"),
                    ("boss", "role-approve", "newboss: manager (new account)"),
                    ("boss", "role-approve", "admin2: admin to iro"),
                    ("boss", "role-refuse", "admin3: admin to manager"),
                    ("admin1", "user-role", "admin2: iro to admin")], rows
    # Managers see every role change in the audit log.
    assert "Approved a role" in boss.get("/admin/audit?action=role-approve").body
