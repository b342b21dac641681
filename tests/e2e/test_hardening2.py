"""Hardening, second round (issue 16): the right key or none (7), files
only their owner reads (8), headers on every answer (9) and the small
things (10)."""
import os
import sqlite3
import subprocess


def _fcgi(h, **env):
    """Start a second heard-fcgi on another socket; it must stop at once."""
    e = dict(h.env, HEARD_SOCKET=os.path.join(h.dir, "other.sock"), **env)
    return subprocess.run([os.path.join(h.bindir, "heard-fcgi")], env=e,
                          capture_output=True, text=True, timeout=20)


def _other_key(h):
    path = os.path.join(h.dir, "other.key")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.write(fd, os.urandom(32))
    os.close(fd)
    return path


def test_a_wrong_key_stops_start_up(h):
    rid = h.review()
    h.issue(rid, "parent", "--to", "Mum")
    other = _other_key(h)
    p = _fcgi(h, HEARD_KEY=other)
    assert p.returncode == 1, p.stderr
    lines = p.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{other}:0: "), p.stderr
    assert "not the key" in lines[0]
    e = dict(h.env, HEARD_KEY=other)
    p = subprocess.run([os.path.join(h.bindir, "heardctl"), "setting"], env=e,
                       capture_output=True, text=True, timeout=20)
    assert p.returncode == 1 and f"{other}:0: " in p.stderr and "not the key" in p.stderr
    # The right key still starts (the running server is proof) and works.
    assert h.ctl("setting").returncode == 0


def test_an_old_database_gets_its_check_value_from_a_key_that_opens(h):
    rid = h.review()
    h.ctl("issue", "--review", str(rid), "--audience", "parent", "--email", "mum@example.org")
    db = sqlite3.connect(h.db)
    assert db.execute("SELECT count(*) FROM meta WHERE key = 'key_check'").fetchone()[0] == 1
    db.execute("DELETE FROM meta WHERE key = 'key_check'")
    db.commit()
    assert db.execute("SELECT count(*) FROM link_secret").fetchone()[0] == 1
    other = _other_key(h)
    p = _fcgi(h, HEARD_KEY=other)
    assert p.returncode == 1 and f"{other}:0: " in p.stderr, p.stderr
    assert db.execute("SELECT count(*) FROM meta WHERE key = 'key_check'").fetchone()[0] == 0
    h.ctl("setting")
    assert db.execute("SELECT count(*) FROM meta WHERE key = 'key_check'").fetchone()[0] == 1
    db.close()


def test_init_never_makes_a_new_key_for_sealed_rows(h):
    rid = h.review()
    h.ctl("issue", "--review", str(rid), "--audience", "parent", "--email", "mum@example.org")
    key = h.env["HEARD_KEY"]
    os.rename(key, key + ".away")
    p = h.ctl("init", check=False)
    assert p.returncode == 1, p.stdout
    assert not os.path.exists(key)
    assert f"{key}:0: " in p.stderr and "sealed" in p.stderr, p.stderr
    # Sealed rows alone (a database from before the check value) too.
    db = sqlite3.connect(h.db)
    db.execute("DELETE FROM meta WHERE key = 'key_check'")
    db.commit()
    p = h.ctl("init", check=False)
    assert p.returncode == 1 and not os.path.exists(key), p.stdout
    db.close()
    os.rename(key + ".away", key)
    assert h.ctl("init").returncode == 0


def _mode(path):
    return os.stat(path).st_mode & 0o777


def test_database_wal_and_backups_are_owner_only_whatever_the_umask(h):
    old = os.umask(0o022)
    try:
        db = os.path.join(h.dir, "fresh", "heard.db")
        env = dict(h.env, HEARD_DB=db)
        ctl = os.path.join(h.bindir, "heardctl")
        subprocess.run([ctl, "init"], env=env, check=True, capture_output=True)
        assert _mode(db) == 0o600, oct(_mode(db))
        # Hold the database open so the WAL and the shared memory stay.
        con = sqlite3.connect(db)
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("SELECT count(*) FROM meta").fetchone()
        subprocess.run([ctl, "review", "add", "--child", "R-9", "--date", "2030-01-07",
                        "--type", "cic"], env=env, check=True, capture_output=True)
        for f in (db + "-wal", db + "-shm"):
            assert os.path.exists(f) and _mode(f) == 0o600, (f, oct(_mode(f)))
        con.close()
        backup = os.path.join(h.dir, "copy.db")
        subprocess.run([ctl, "backup", backup], env=env, check=True, capture_output=True)
        assert _mode(backup) == 0o600, oct(_mode(backup))
    finally:
        os.umask(old)


HEADERS = {
    "Strict-Transport-Security": "max-age=",
    "Content-Security-Policy": "frame-ancestors 'none'",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
}


def _raw(h, data):
    """Send bytes as they are; the status and headers of the answer."""
    import socket
    s = socket.create_connection(("127.0.0.1", h.port), timeout=10)
    s.sendall(data)
    got = b""
    while b"\r\n\r\n" not in got:
        chunk = s.recv(65536)
        if not chunk:
            break
        got += chunk
    s.close()
    head = got.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
    status = int(head[0].split()[1])
    hdrs = {}
    for line in head[1:]:
        k, _, v = line.partition(":")
        hdrs.setdefault(k.strip().lower(), []).append(v.strip())
    return status, hdrs


def test_every_answer_carries_the_same_security_headers(h):
    cases = [
        ("home", b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 200),
        ("static", b"GET /static/heard.css HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 200),
        ("error page", b"GET /static/errors/429.html HTTP/1.1\r\nHost: x\r\n"
         b"Connection: close\r\n\r\n", 200),
        ("413", b"POST /code HTTP/1.1\r\nHost: x\r\nContent-Length: 900000\r\n"
         b"Connection: close\r\n\r\n", 413),
        ("400", b"GET / HTTP/1.1\r\nHost: x\r\nHost: y\r\nConnection: close\r\n\r\n", 400),
        ("400 line", b"NONSENSE\r\n\r\n", 400),
        ("405", b"POST /static/heard.css HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n"
         b"Connection: close\r\n\r\n", 405),
        ("414", b"GET /" + b"a" * 20000 + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 414),
    ]
    for what, data, want in cases:
        status, hdrs = _raw(h, data)
        assert status == want, (what, status)
        for k, v in HEADERS.items():
            got = hdrs.get(k.lower(), [])
            assert len(got) == 1 and v in got[0], (what, k, got)


def test_body_media_type_is_compared_exactly(h):
    from harness import Client
    c = Client(h)
    for ct in ("application/x-www-form-urlencodedX", "application/x-www-form-urlencoded-x",
               "multipart/form-dataX; boundary=abc"):
        r = c.request("POST", "/code", raw_body=b"code=x", headers={"Content-Type": ct})
        assert r.status == 415, (ct, r.status)
    r = c.request("POST", "/code", raw_body=b"code=x",
                  headers={"Content-Type": "application/x-www-form-urlencoded; charset=UTF-8"})
    assert r.status != 415, r.status


def test_a_nul_byte_in_an_imported_csv_names_its_line(h):
    path = os.path.join(h.dir, "week.csv")
    with open(path, "wb") as f:
        f.write(b"child,date\nA-1,2030-01-07\nB-2\x00,2030-01-08\n")
    p = h.ctl("import-week", path, check=False)
    assert p.returncode == 1, p.stdout
    assert f"{path}:3:" in p.stderr and "NUL" in p.stderr, p.stderr
    p = h.ctl("holidays", "import", path, check=False)
    assert p.returncode == 1 and f"{path}:3:" in p.stderr, p.stderr


def test_a_burst_of_sign_ins_leaves_the_forms_answering(h):
    import threading
    import time
    from harness import Client, parse_form
    pw = "correct horse battery"
    h.ctl("user", "add", "ada", "--role", "admin", stdin=pw + "\n")
    rid = h.review()
    _, link, _ = h.issue(rid, "parent")
    ready = []
    for i in range(12):
        c = Client(h, source=f"127.0.1.{i + 1}")
        r = c.get("/admin")
        ready.append((c, parse_form(r.body).hidden["csrf"]))
    got, slow = [], []
    start = threading.Barrier(len(ready) + 1)

    def sign(c, csrf, i):
        start.wait()
        got.append(c.post("/admin/login", {"csrf": csrf, "username": f"ghost{i}",
                                           "password": pw}).status)

    ts = [threading.Thread(target=sign, args=(c, csrf, i)) for i, (c, csrf) in enumerate(ready)]
    for t in ts:
        t.start()
    start.wait()
    time.sleep(0.02)
    form = Client(h, source="127.0.2.1")
    t0 = time.time()
    r = form.get(link)
    slow.append(time.time() - t0)
    for t in ts:
        t.join()
    assert r.status == 303, r.status
    # Sign-ins past the bound are told to try again at once (503), so a
    # worker stays free for the children's forms.
    assert 503 in got and 401 in got, got
    assert slow[0] < 1.0, slow
    # The right password still signs in once the burst is over.
    c = Client(h, source="127.0.3.1")
    r = c.get("/admin")
    r = c.post("/admin/login", {"csrf": parse_form(r.body).hidden["csrf"],
                                "username": "ada", "password": pw})
    assert r.status == 303, r.status


def _dump(h):
    return subprocess.run(["sqlite3", h.db, ".dump"], capture_output=True, text=True).stdout


def test_labels_and_dates_of_birth_are_sealed(h):
    rid = int(h.ctl("review", "add", "--child", "REF-55", "--date", "2031-01-01", "--type",
                    "cic", "--dob", "2019-03-17").stdout)
    cid, _, _ = h.issue(rid, "parent", "--to", "Auntie Gwendolyn")
    dump = _dump(h)
    assert "Gwendolyn" not in dump and "2019-03-17" not in dump
    assert "2023-03-17" in dump           # the day the child turns 4, in clear
    assert "date of birth: 2019-03-17" in h.ctl("child", "show", "REF-55").stdout
    h.ctl("rotate-key")
    assert "date of birth: 2019-03-17" in h.ctl("child", "show", "REF-55").stdout
    # Staff still see both on the review page.
    from test_admin import sign_in, staff
    staff(h, "ada", "admin")
    adm, _ = sign_in(h, "ada")
    body = adm.get(f"/admin/review?id={rid}").body
    assert "Auntie Gwendolyn" in body and "2019-03-17" in body
    # A database from before (plain values) is sealed at the next start.
    db = sqlite3.connect(h.db)
    db.execute("UPDATE consultation SET to_label = 'Grandpa Ebenezer', to_box = NULL "
               "WHERE id = ?", (cid,))
    db.execute("UPDATE child SET dob = '2018-02-02', dob_box = NULL WHERE ref = 'REF-55'")
    db.commit()
    db.close()
    assert "date of birth: 2018-02-02" in h.ctl("child", "show", "REF-55").stdout
    dump = _dump(h)
    assert "Ebenezer" not in dump and "2018-02-02" not in dump
    assert "Grandpa Ebenezer" in adm.get(f"/admin/review?id={rid}").body
    # Purge removes them.
    h.ctl("purge", "--before", "2032-01-01")
    db = sqlite3.connect(h.db)
    assert db.execute("SELECT count(*) FROM consultation WHERE to_box IS NOT NULL OR "
                      "to_label IS NOT NULL").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM child WHERE dob_box IS NOT NULL OR "
                      "dob IS NOT NULL").fetchone()[0] == 0
    db.close()
