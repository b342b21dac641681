"""Issue 16 item 4: staff who leave.  Accounts are disabled (their
sessions end at once) and enabled again, have their password reset (the
person sets a new one at next sign-in) and change role, on the Staff page
and with heardctl user; a disabled IRO cannot sign in or be allocated,
and their reviews are listed for reallocation.  Every change audited."""
import re
import sqlite3

from harness import Client
from test_admin import PASSWORD, sign_in, staff, csrf_of


def audit(h, action):
    db = sqlite3.connect(h.db)
    return db.execute("""SELECT COALESCE(s.username, a.actor), a.subject FROM audit a
                         LEFT JOIN staff s ON s.id = a.staff_id WHERE a.action = ?
                         ORDER BY a.id""", (action,)).fetchall()


def test_disable_enable_reset_and_role_on_the_staff_page(h):
    staff(h, "admin1", "admin")
    staff(h, "iro1", "iro")
    staff(h, "iro2", "iro")
    rid = h.review(child="LEAVE-1", iro="iro1")
    iro, _ = sign_in(h, "iro1", source="127.0.0.21")
    assert iro.get("/admin/reviews").status == 200
    adm, _ = sign_in(h, "admin1")
    page = adm.get("/admin/staff").body
    # Disable: the IRO's open session ends at once, sign-in is refused.
    r = adm.post("/admin/staff/disable", {"csrf": csrf_of(page), "user": "iro1"})
    assert r.status == 200 and "iro1 cannot sign in now" in r.body, r.body[:3000]
    assert iro.get("/admin/reviews").status == 303
    _, r = sign_in(h, "iro1", source="127.0.0.22")
    assert r.status == 401
    # Their open review is listed for reallocation on the Staff page.
    page = adm.get("/admin/staff").body
    assert "Reviews to reallocate" in page and f"/admin/review?id={rid}" in page
    # A disabled IRO is not offered, and cannot be allocated.
    rv = adm.get(f"/admin/review?id={rid}").body
    ids = dict((n, i) for i, n in re.findall(r'<option value="(\d+)"[^>]*>([^<]+)</option>', rv))
    assert "iro1" not in ids and "iro2" in ids
    db = sqlite3.connect(h.db)
    iro1 = db.execute("SELECT id FROM staff WHERE username = 'iro1'").fetchone()[0]
    r = adm.post(f"/admin/review/allocate?id={rid}", {"csrf": csrf_of(rv), "iro": str(iro1)})
    assert "Choose an IRO from the list" in r.body
    assert "iro1" not in re.findall(r'<option value="\d+"[^>]*>([^<]+)</option>',
                                     adm.get("/admin/reviews/new").body)
    r = adm.post(f"/admin/review/allocate?id={rid}", {"csrf": csrf_of(rv), "iro": ids["iro2"]})
    assert "The IRO is allocated." in r.body
    assert f"/admin/review?id={rid}" not in adm.get("/admin/staff").body
    # Enable again: signs in.
    r = adm.post("/admin/staff/enable", {"csrf": csrf_of(page), "user": "iro1"})
    assert r.status == 200 and "iro1 can sign in again" in r.body
    c, r = sign_in(h, "iro1", source="127.0.0.23")
    assert r.status == 303
    # Password reset: the old one no longer works, the temporary one
    # signs in only to a page that sets a new one.
    r = adm.post("/admin/staff/passwd", {"csrf": csrf_of(page), "user": "iro1",
                                         "password": "temporary pass 1"})
    assert r.status == 200 and "next sign-in" in r.body, r.body[:3000]
    r = c.get("/admin/reviews")                           # sessions ended
    assert r.status == 303 and r.header("Location") == "/admin"
    _, r = sign_in(h, "iro1", source="127.0.0.24")
    assert r.status == 401
    c, r = sign_in(h, "iro1", source="127.0.0.25", password="temporary pass 1")
    assert r.status == 303
    r = c.get("/admin/reviews")
    assert r.status == 303 and r.header("Location") == "/admin/password"
    r = c.get("/admin/password")
    assert r.status == 200 and "Choose a new password" in r.body
    r = c.post("/admin/password", {"csrf": csrf_of(r.body), "password": "short",
                                   "again": "short"})
    assert r.status == 200 and "at least 10 characters" in r.body
    r = c.post("/admin/password", {"csrf": csrf_of(r.body), "password": "my own new one",
                                   "again": "my own new one"})
    assert r.status == 303
    assert c.get("/admin/reviews").status == 200
    _, r = sign_in(h, "iro1", source="127.0.0.26", password="temporary pass 1")
    assert r.status == 401
    _, r = sign_in(h, "iro1", source="127.0.0.27", password="my own new one")
    assert r.status == 303
    # Role: an IRO made an admin (not a role that reads answers).
    r = adm.post("/admin/staff/role", {"csrf": csrf_of(page), "user": "iro2", "role": "admin"})
    assert r.status == 200 and "iro2 is now an admin" in r.body, r.body[:3000]
    # An admin cannot disable themselves (nobody left to undo it).
    r = adm.post("/admin/staff/disable", {"csrf": csrf_of(page), "user": "admin1"})
    assert "You cannot disable your own account" in r.body
    # Every change audited, by whom and of whom.
    assert audit(h, "user-disable") == [("admin1", "iro1")]
    assert audit(h, "user-enable") == [("admin1", "iro1")]
    assert audit(h, "user-passwd") == [("admin1", "iro1")]
    assert audit(h, "password-set") == [("iro1", "iro1")]
    assert audit(h, "user-role") == [("admin1", "iro2: iro to admin")]
    # Only admins: an IRO gets 404 for each action.
    for path in ("/admin/staff/disable", "/admin/staff/enable", "/admin/staff/passwd",
                 "/admin/staff/role"):
        assert c.post(path, {"csrf": csrf_of(c.get("/admin/reviews").body),
                             "user": "admin1"}).status == 404


def test_heardctl_user_disable_enable_passwd_role(h):
    staff(h, "iro1", "iro")
    staff(h, "adm", "admin")
    c, r = sign_in(h, "iro1")
    assert r.status == 303
    h.ctl("user", "disable", "iro1")
    assert c.get("/admin/reviews").status == 303
    assert sign_in(h, "iro1", source="127.0.0.31")[1].status == 401
    h.ctl("user", "enable", "iro1")
    assert sign_in(h, "iro1", source="127.0.0.32")[1].status == 303
    h.ctl("user", "passwd", "iro1", stdin="temporary pass 2\n")
    assert sign_in(h, "iro1", source="127.0.0.33")[1].status == 401
    c, r = sign_in(h, "iro1", source="127.0.0.34", password="temporary pass 2")
    assert c.get("/admin/reviews").header("Location") == "/admin/password"
    h.ctl("user", "role", "adm", "--role", "iro")
    db = sqlite3.connect(h.db)
    assert db.execute("SELECT role FROM staff WHERE username = 'adm'").fetchone()[0] == "iro"
    # Names exactly as written; unknown ones are an error.
    p = h.ctl("user", "disable", "IRO1", check=False)
    assert p.returncode != 0 and "no user called IRO1" in p.stderr
    p = h.ctl("user", "role", "adm", "--role", "boss", check=False)
    assert p.returncode != 0
    who = [w for w, _ in audit(h, "user-disable") + audit(h, "user-enable") +
           audit(h, "user-passwd") + audit(h, "user-role")]
    assert len(who) == 4 and all(w.startswith("heardctl (") for w in who), who
    assert audit(h, "user-role")[0][1] == "adm: admin to iro"
