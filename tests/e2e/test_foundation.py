"""The foundation through real nginx: health, error pages with their
status codes, security headers on every response, graceful stop,
respawn of a dead worker, and logs without tokens."""
import os
import signal
import sqlite3
import threading
import time

from harness import Client

SECURITY = {
    "Content-Security-Policy": "frame-ancestors 'none'",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
}


def assert_secure(r, what):
    for k, v in SECURITY.items():
        got = r.header(k) or ""
        assert v in got, f"{what}: {k} is {got!r}"


def test_healthz(h):
    r = Client(h).get("/healthz")
    assert r.status == 200 and r.body == "ok\n", (r.status, r.body)
    assert_secure(r, "/healthz")
    assert r.header("Cache-Control") == "no-store"


def set_meta_schema(path, sql):
    """Rewrite the meta table's schema: broken, it looks to a running
    worker like a damaged database file."""
    db = sqlite3.connect(path, isolation_level=None)
    v = db.execute("PRAGMA schema_version").fetchone()[0]
    db.execute("PRAGMA writable_schema = ON")
    db.execute("UPDATE sqlite_schema SET sql = ? WHERE name = 'meta'", (sql,))
    db.execute(f"PRAGMA schema_version = {v + 1}")
    db.close()


def test_healthz_fails_when_database_does_not_answer(h):
    original = sqlite3.connect(h.db).execute(
        "SELECT sql FROM sqlite_schema WHERE name = 'meta'").fetchone()[0]
    set_meta_schema(h.db, "CREATE TABLE meta (")
    r = Client(h).get("/healthz")
    assert r.status == 503, r.status
    assert "database" in r.body
    set_meta_schema(h.db, original)
    assert Client(h).get("/healthz").status == 200


def test_home_page(h):
    r = Client(h).get("/")
    assert r.status == 200
    assert '<html lang="en-GB">' in r.body
    assert "Enter a code" in r.body
    assert r.header("Content-Type").startswith("text/html")
    assert_secure(r, "/")


def test_unknown_route_is_a_kind_404(h):
    r = Client(h).get("/no/such/page")
    assert r.status == 404
    assert "Page not found" in r.body and "<title>" in r.body
    assert_secure(r, "404")


def test_method_not_allowed(h):
    c = Client(h)
    for method, path in (("DELETE", "/"), ("PUT", "/form"), ("PATCH", "/code")):
        r = c.request(method, path)
        assert r.status == 405, (method, path, r.status)
        assert "cannot do that" in r.body
        assert_secure(r, "405")
    r = c.post("/healthz", {"a": "b"})
    assert r.status == 405 and r.header("Allow") == "GET, HEAD"


def test_head_has_no_body(h):
    r = Client(h).request("HEAD", "/")
    assert r.status == 200 and r.body == ""


def test_body_over_the_limit_is_413(h):
    c = Client(h)
    c.get("/code")
    # Over the application's limit but under nginx's: Heard's own page.
    # Several times: a body left unread resets the socket, and whether
    # nginx reads the answer before the reset is a race (caught once in
    # two runs of `make mutants` with one request).
    for _ in range(10):
        r = c.post("/code", {"csrf": "x", "code": "A" * (300 * 1024)})
        assert r.status == 413, r.status
    assert "too much" in r.body or "Too Large" in r.body
    assert_secure(r, "413")


def test_wrong_content_type_is_415(h):
    c = Client(h)
    c.get("/code")
    r = c.request("POST", "/code", raw_body=b"{}",
                  headers={"Content-Type": "application/json"})
    assert r.status == 415, r.status


def test_post_without_csrf_is_refused(h):
    c = Client(h)
    c.get("/code")
    r = c.post("/code", {"code": "ABCD-EFGH-JKMN"})
    assert r.status == 403, r.status
    assert "timed out" in r.body


def test_cross_site_post_is_refused(h):
    c = Client(h)
    r = c.get("/code")
    csrf = r.body.split('name="csrf" value="')[1].split('"')[0]
    r = c.post("/code", {"csrf": csrf, "code": "x"}, headers={"Sec-Fetch-Site": "cross-site"})
    assert r.status == 403
    r = c.post("/code", {"csrf": csrf, "code": "x"}, headers={"Sec-Fetch-Site": "same-origin"})
    assert r.status == 200 and "There is a problem" in r.body


def test_malformed_query_does_not_crash(h):
    c = Client(h)
    for q in ("%", "%zz", "p=%00", "p=%FF%FE", "&&&=", "p=" + "9" * 5000, "p=1&p=2"):
        r = c.get("/form?" + q)
        assert r.status in (200, 404), (q, r.status)
    assert c.get("/healthz").status == 200


def test_static_files_have_headers(h):
    r = Client(h).get("/static/heard.css")
    assert r.status == 200, r.status
    assert "max-age" in (r.header("Cache-Control") or "")
    assert r.header("X-Content-Type-Options") == "nosniff"


def test_killed_worker_is_replaced(h):
    pids = h.worker_pids()
    assert len(pids) == 2, pids
    os.kill(pids[0], signal.SIGKILL)
    deadline = time.time() + 10
    while time.time() < deadline:
        now = h.worker_pids()
        if len(now) == 2 and pids[0] not in now:
            break
        time.sleep(0.05)
    else:
        raise AssertionError("worker was not respawned")
    for _ in range(10):
        assert Client(h).get("/healthz").status == 200


def test_graceful_stop_finishes_in_flight_requests(h):
    # Another writer holds the database, so opening a link (a write)
    # waits inside a worker; then the server is told to stop.
    rid = h.review()
    _, link, _ = h.issue(rid, "parent")
    db = sqlite3.connect(h.db, isolation_level=None)
    db.execute("BEGIN IMMEDIATE")
    result = {}

    def slow():
        result["r"] = Client(h).get(link)
    t = threading.Thread(target=slow)
    t.start()
    time.sleep(0.5)
    h.fcgi.send_signal(signal.SIGTERM)
    time.sleep(0.5)
    assert h.fcgi.poll() is None, "stopped before the request finished"
    db.execute("ROLLBACK")
    db.close()
    t.join(20)
    assert result["r"].status == 303, result["r"].status
    assert h.fcgi.wait(15) == 0


def test_log_lines_have_no_token(h):
    rid = h.review()
    cid, link, code = h.issue(rid, "parent")
    c = Client(h)
    c.get(link)
    c.get("/c/" + "A" * 43)
    token = link.split("/c/")[1]
    time.sleep(0.2)
    logs = h.log() + h.access_log()
    assert "/c/-" in h.access_log()
    assert token not in logs
    assert code not in logs and code.replace("-", "") not in logs


def test_start_up_mistakes_stop_with_file_and_line(h):
    import shutil
    import subprocess
    from harness import ROOT

    def start(**env):
        e = dict(h.env, HEARD_SOCKET=os.path.join(h.dir, "other.sock"), **env)
        return subprocess.run([os.path.join(h.bindir, "heard-fcgi")], env=e,
                              capture_output=True, text=True, timeout=20)
    key = h.env["HEARD_KEY"]
    os.chmod(key, 0o644)
    p = start()
    assert p.returncode == 1 and f"{key}:0: key file can be read by others" in p.stderr
    os.chmod(key, 0o600)
    tpl = os.path.join(h.dir, "templates")
    shutil.copytree(os.path.join(ROOT, "templates"), tpl)
    with open(os.path.join(tpl, "forms", "parent.form"), "a") as f:
        f.write("\nq: extra\ntype: essay\n")
    p = start(HEARD_TEMPLATES=tpl)
    assert p.returncode == 1
    assert "forms/parent.form:" in p.stderr and "unknown type 'essay'" in p.stderr
    with open(os.path.join(tpl, "layout.html"), "a") as f:
        f.write("{{#if broken}}")
    p = start(HEARD_TEMPLATES=tpl)
    assert p.returncode == 1 and "layout.html:" in p.stderr and "never closed" in p.stderr, p.stderr
    db = sqlite3.connect(h.db)
    db.execute("PRAGMA user_version = 99")
    db.commit()
    p = start()
    assert p.returncode == 1 and "version 99" in p.stderr
