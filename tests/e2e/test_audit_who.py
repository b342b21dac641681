"""Issue 16 item 2: every audit row names who (a member of staff, or
the command line and the operating-system user) and the object."""
import os
import pwd
import sqlite3

from test_admin import sign_in, staff, csrf_of
from test_reports import audit_rows


def test_audit_names_who_and_what(h):
    """Item 2: web reissue and revoke name the admin and the
    consultation; the command line names itself and the OS user."""
    staff(h, "admin1", "admin")
    staff(h, "boss", "manager")
    rid = h.review(child="WHO-1")
    cid, _, _ = h.issue(rid, "parent")
    adm, _ = sign_in(h, "admin1")
    page = adm.get(f"/admin/review?id={rid}").body
    assert adm.post(f"/admin/review/reissue?id={rid}",
                    {"csrf": csrf_of(page), "c": str(cid)}).status == 200
    assert adm.post(f"/admin/review/revoke?id={rid}",
                    {"csrf": csrf_of(page), "c": str(cid)}).status == 200
    h.ctl("reissue", "--consultation", str(cid))
    db = sqlite3.connect(h.db)
    got = db.execute("""SELECT s.username, a.action, a.subject FROM audit a
                        LEFT JOIN staff s ON s.id = a.staff_id
                        WHERE a.action IN ('reissue', 'revoke')
                        ORDER BY a.id""").fetchall()
    assert got == [("admin1", "reissue", f"consultation {cid}"),
                   ("admin1", "revoke", f"consultation {cid}"),
                   (None, "reissue", f"consultation {cid}")], got
    # No row without a name: staff or the command line's OS user.
    assert db.execute("""SELECT count(*) FROM audit WHERE staff_id IS NULL
                         AND actor IS NULL""").fetchone()[0] == 0
    me = pwd.getpwuid(os.getuid()).pw_name
    boss, _ = sign_in(h, "boss")
    rows = audit_rows(boss.get(f"/admin/audit?review={rid}").body)
    who = {(x[1], x[2]) for x in rows}
    assert (f"heardctl ({me})", "Link reissued") in who or \
        any(x[1] == f"heardctl ({me})" and "reissue" in x[2].lower() for x in rows), rows
    assert any(x[1] == "admin1" and x[3] == f"consultation {cid}" for x in rows), rows
