"""Hardening through the real stack: guessing limits (nginx and Heard,
apart from staff sign-in), hostile input, workers killed mid-submission,
a busy database, backups and retention."""
import itertools
import os
import random
import resource
import re
import signal
import sqlite3
import subprocess
import threading
import time

from harness import Client, parse_form
from test_admin import PASSWORD, csrf_of, sign_in, staff
from test_links import complete_form, fill_page, open_link, start_form

XSS = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>',
       "'><svg onload=alert(1)>", 'javascript:alert(1)', '</textarea><script>x</script>']
SQLI = ["'; DROP TABLE consultation; --", "1 OR 1=1", "\" OR \"\"=\"", "x'); DELETE FROM response; --"]


def test_valid_links_from_one_address_never_meet_nginx(h):
    """A school, an NHS trust or an email scanner opens many real links
    from one address: each opens (issue 16 item 5); only failed guesses
    are limited, by Heard."""
    rid = h.review()
    links = [h.issue(rid, "professional", "--to", "Teacher %d" % i)[1] for i in range(30)]
    c = Client(h, source="127.0.0.39")
    statuses = [c.get(link[link.index("/c/"):]).status for link in links]
    assert statuses == [303] * 30, statuses


def test_nginx_limits_link_floods(h):
    """nginx's zone is a flood ceiling: hundreds of requests a second
    from one address meet its 429 before Heard does any work."""
    c = Client(h, source="127.0.0.40")
    statuses = [c.get("/code").status for _ in range(250)]
    assert statuses[0] == 200
    assert 429 in statuses, statuses
    r = c.get("/c/" + "B" * 43)
    assert r.status == 429 and "Please wait" in r.body
    # Another address is not held back.
    assert Client(h, source="127.0.0.41").get("/c/" + "B" * 43).status == 404


def test_heard_limits_guessing_apart_from_sign_in(h):
    addr = "127.0.0.42"
    db = sqlite3.connect(h.db)
    now = int(time.time())
    db.executemany("INSERT INTO attempt (kind, who, at) VALUES ('link-addr', ?, ?)",
                   [(addr, now)] * 19)
    db.commit()
    c = Client(h, source=addr)
    assert c.get("/c/" + "C" * 43).status == 404      # the 20th guess
    r = c.get("/c/" + "C" * 43)
    assert r.status == 429 and "too many tries" in r.body
    # Even a real link waits now, from that address only.
    rid = h.review()
    _, link, _ = h.issue(rid, "parent")
    assert c.get(link).status == 429
    assert Client(h, source="127.0.0.43").get(link).status == 303
    # Staff sign-in from the same address is counted separately.
    h.ctl("user", "add", "ada", "--role", "admin", stdin="correct horse battery\n")
    r = c.get("/admin")
    csrf = parse_form(r.body).hidden["csrf"]
    r = c.post("/admin/login", {"csrf": csrf, "username": "ada", "password": "correct horse battery"})
    assert r.status == 303


# Every audience's form, from its definition file.
AUDIENCES = sorted(f[:-5] for f in os.listdir(os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "..", "templates", "forms"))
    if f.endswith(".form"))


def fill_hostile(c, payloads):
    """Walk a whole form entering payloads (in turn) in every text field,
    then send it; return the number of fields filled."""
    r = c.get("/form")
    n = 0
    for _ in range(20):
        page = parse_form(r.body)
        body, _ = fill_page(page, "x")
        for name, _, _ in page.text:
            if not name.endswith(("-day", "-month", "-year")):
                body[name] = payloads[n % len(payloads)]
                n += 1
        last = "send" in page.buttons
        body["action"] = "send" if last else "next"
        r = c.post("/form", body)
        for q in re.findall(r'href="#q-([a-z0-9_]+)">This answer is too long', r.body):
            body[q] = "<i>"
        if r.status == 200:
            r = c.post("/form", body)
        assert r.status == 303, (r.status, r.body[:2000])
        if last:
            return n
        r = c.get(r.header("Location"))


def test_hostile_text_is_escaped_everywhere_and_sql_is_inert(h):
    """Every name (child reference, first name, addressee, staff user name)
    and every free-text answer holds a payload; no page shows one raw."""
    name = "<img/src=x/onerror=alert(2)>"     # no space: a valid first name
    staff(h, "boss", "manager")
    staff(h, "ada", "admin")
    admin, _ = sign_in(h, "ada", source="127.0.0.45")
    r = admin.post("/admin/staff", {"csrf": csrf_of(admin.get("/admin/staff").body),
                                    "username": name, "role": "iro",
                                    "password": PASSWORD})
    assert r.status == 200 and "once a manager approves" in r.body
    # A manager approves the IRO (issue 16 item 3); the name shows there too.
    boss, _ = sign_in(h, "boss", source="127.0.0.44")
    r = boss.get("/admin/staff/approvals")
    assert name not in r.body
    r = boss.post("/admin/staff/approve", {"csrf": csrf_of(r.body), "user": name})
    assert r.status == 200 and "is now an IRO" in r.body and name not in r.body
    rid = int(h.ctl("review", "add", "--child", "<b>REF</b>'\"", "--type", "cic",
                    "--date", time.strftime("%Y-%m-%d", time.gmtime(time.time() + 9 * 86400)),
                    "--iro", name, "--first-name", name).stdout)
    payloads = XSS + SQLI
    cids = []
    for i, audience in enumerate(AUDIENCES):
        cid, link, _ = h.issue(rid, audience, "--to", XSS[1])
        c = Client(h, source=f"127.0.3.{i + 1}")     # apart from nginx's link limit
        open_link(c, link)
        r = c.get("/form")
        assert name not in r.body and "<b>REF" not in r.body
        assert fill_hostile(c, payloads) >= 1, audience
        r = c.get("/form")
        assert "Thank you" in r.body and not any(p in r.body for p in XSS)
        cids.append(cid)
    # The answers went in as typed (sealed), and come back escaped.
    assert any(XSS[0] in v for vs in h.answers(cids[0]).values() for v in vs)
    iro, r = sign_in(h, name, source="127.0.0.46")
    assert r.status == 303
    boss, _ = sign_in(h, "boss", source="127.0.0.44")
    pages = [(admin, "/admin/staff"), (admin, f"/admin/review?id={rid}"),
             (admin, "/admin/reviews?from=2000-01-01&to=2100-01-01"),
             (iro, f"/admin/answers?review={rid}"), (iro, "/admin/reviews"),
             (boss, f"/admin/answers?review={rid}"), (boss, "/admin/audit"),
             (boss, "/admin/reports?from=2000-01-01&to=2100-01-01&by=iro")]
    for c, path in pages:
        r = c.get(path)
        assert r.status == 200, path
        for p in [x for x in XSS if "<" in x] + [name, "<b>REF</b>"]:
            assert p not in r.body, (path, p)
        assert not re.search(r'(href|src|action)="\s*javascript', r.body), path
    # Escaped, not dropped: the text is there for the IRO to read.
    r = iro.get(f"/admin/answers?review={rid}")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in r.body
    assert "&lt;img/src=x/onerror=alert(2)&gt;" in r.body
    db = sqlite3.connect(h.db)
    n = len(AUDIENCES)
    assert db.execute("SELECT count(*) FROM consultation").fetchone()[0] == n
    assert db.execute("SELECT count(*) FROM response").fetchone()[0] == n
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_hostile_bodies_keep_other_answers(h):
    _, link, c, page = start_form(h, "health")
    names = [n for n, _, is_ta in page.text if is_ta]
    assert len(names) >= 2, "the health form has long answers"
    good, bad = names[0], names[1]
    raw = "&".join([f"csrf={page.hidden['csrf']}", f"page={page.hidden['page']}", "action=save",
                    f"{good}=Kept%20%F0%9F%98%80", f"{bad}=%FF%FEbroken", f"{bad}2=%00",
                    "junk=%zz"])
    r = c.request("POST", "/form", raw_body=raw.encode(),
                  headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert r.status == 200
    r = c.get("/form")
    assert "Kept \U0001F600" in r.body
    # Duplicated control fields and an over-long field are refused kindly.
    raw = f"csrf={page.hidden['csrf']}&csrf={page.hidden['csrf']}&page=1&action=save"
    r = c.request("POST", "/form", raw_body=raw.encode(),
                  headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert r.status == 403
    r = c.post("/form", {"csrf": page.hidden["csrf"], "page": "1", "action": "x" * 500})
    assert r.status == 400 and "could not read" in r.body


def submit_all(h, links, results, lock):
    """Open and send each form page by page, pressing again (as a person
    would) when a request fails; record the consultations thanked."""
    for cid, link, src in links:
        c = Client(h, source=src)
        thanked, path = False, "/form"
        for attempt in range(30):
            try:
                if "__Host-heard-visit" not in c.cookies:
                    c.get(link)
                r = c.get(path)
                if r.status == 200 and "Thank you" in r.body:
                    thanked = True
                    break
                if r.status != 200:
                    continue
                page = parse_form(r.body)
                body, _ = fill_page(page, f"Answer {cid} \U0001F4AC")
                body["action"] = "send" if "send" in page.buttons else "next"
                r = c.post("/form", body)
                if r.status == 303:
                    path = r.header("Location")
                    if body["action"] == "send" and path == "/form":
                        thanked = True
                        break
            except OSError:
                time.sleep(0.05)
        with lock:
            results[cid] = thanked


def test_killed_workers_lose_no_acknowledged_answer(h):
    rid = h.review()
    links = []
    for i in range(48):
        cid, link, _ = h.issue(rid, "feedback_attendee")
        links.append((cid, link, f"127.0.1.{i + 1}"))
    results, lock = {}, threading.Lock()
    threads = [threading.Thread(target=submit_all, args=(h, links[i::6], results, lock))
               for i in range(6)]
    stop = threading.Event()

    def killer():
        # The scribe first, then every other time: it commits every sent form.
        for n in itertools.count():
            if stop.is_set():
                break
            pids = [h.scribe_pid()] if n % 2 == 0 else h.worker_pids()
            pids = [p for p in pids if p]
            if pids:
                os.kill(random.choice(pids), signal.SIGKILL)
            time.sleep(random.uniform(0.01, 0.05))
    k = threading.Thread(target=killer)
    for t in threads:
        t.start()
    k.start()
    for t in threads:
        t.join(120)
    stop.set()
    k.join()
    thanked = [cid for cid, ok in results.items() if ok]
    assert len(thanked) >= 24, results
    for who in ("worker", "scribe"):
        assert re.search(who + r" \d+ killed by signal 9", h.log()), who
    for cid in thanked:
        got = h.answers(cid)
        assert any(f"Answer {cid} \U0001F4AC" in v for vs in got.values() for v in vs), cid
    db = sqlite3.connect(h.db)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert Client(h).get("/healthz").status == 200


def test_a_stuck_scribe_delays_but_loses_nothing(h):
    """Sent forms are committed by the scribe; when it does not answer,
    the worker commits them itself, and the late scribe stores nothing
    twice."""
    rid, sent = h.review(), []
    for _ in range(2):
        cid, link, _ = h.issue(rid, "feedback_attendee")
        c = Client(h)
        open_link(c, link)
        sent.append((cid, c))
    pid = h.scribe_pid()
    assert pid and pid not in h.worker_pids()
    os.kill(pid, signal.SIGSTOP)
    try:
        cid, c = sent[0]
        t0 = time.time()
        assert complete_form(c, f"Answer {cid} \U0001F4AC")
        assert time.time() - t0 >= 1.5     # it waited for the scribe first
    finally:
        os.kill(pid, signal.SIGCONT)
    assert h.log().count("no answer from the scribe") == 1
    cid, c = sent[1]
    assert complete_form(c, f"Answer {cid} \U0001F4AC")
    # The scribe answers again: no second wait (counted, not timed).
    assert h.log().count("no answer from the scribe") == 1
    db = sqlite3.connect(h.db)
    assert db.execute("SELECT count(*) FROM response").fetchone()[0] == 2
    for cid, _ in sent:
        assert any(f"Answer {cid}" in v for vs in h.answers(cid).values() for v in vs)


# One worker, so the late reply waits in the socket of the worker that
# sends next.
test_a_stuck_scribe_delays_but_loses_nothing.heard_args = {"workers": 1}


def test_busy_database_never_shows_an_error(h):
    """Imports and backups from heardctl, staff signing in and people
    sending forms, all at once: nobody sees a 5xx."""
    rid = h.review()
    staff(h, "busy", "admin")
    links = []
    for i in range(16):
        cid, link, _ = h.issue(rid, "feedback_attendee")
        links.append((cid, link, f"127.0.2.{i + 1}"))
    rows = ["child_ref,review_date,review_type,iro,audience,channel,sent_on,returned_on"]
    rows += [f"IMP{i},2025-05-10,cic,iro1,parent,post,2025-04-20," for i in range(3000)]
    path = os.path.join(h.dir, "big.csv")
    with open(path, "w") as f:
        f.write("\n".join(rows) + "\n")
    statuses = []
    stop = threading.Event()

    def importer():
        while not stop.is_set():
            h.ctl("import", path)
            h.ctl("backup", os.path.join(h.dir, f"b{time.time()}.db"))
    imp = threading.Thread(target=importer)
    imp.start()
    results, lock = {}, threading.Lock()
    orig = Client.request

    def watching(self, *a, **kw):
        r = orig(self, *a, **kw)
        statuses.append(r.status)
        return r
    Client.request = watching
    signed = []

    def signer():
        while not stop.is_set():
            signed.append(sign_in(h, "busy")[1].status)
    sig = threading.Thread(target=signer)
    try:
        sig.start()
        threads = [threading.Thread(target=submit_all, args=(h, links[i::4], results, lock))
                   for i in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
    finally:
        stop.set()
        sig.join(120)
        Client.request = orig
        imp.join(120)
    assert all(results.values()), results
    assert not [s for s in statuses if s >= 500], statuses
    assert signed and all(s == 303 for s in signed), signed


def test_backup_restores_and_decrypts(h):
    rid = h.review()
    cid, link, _ = h.issue(rid, "feedback_attendee")
    c = Client(h)
    open_link(c, link)
    submit_all(h, [(cid, link, "127.0.0.1")], {}, threading.Lock())
    backup = os.path.join(h.dir, "backup.db")
    h.ctl("backup", backup)
    db = sqlite3.connect(backup)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.close()
    h.env["HEARD_DB"] = backup
    assert h.answers(cid)


def test_purge_leaves_no_trace(h):
    old = h.review(child="OLD", date="2020-01-01")
    new = h.review(child="NEW")
    secret = "Purge me please \u05e9\u05dc\u05d5\u05dd"
    kept = "Keep me please"
    for rid, text in ((old, secret), (new, kept)):
        cid, _, _ = h.issue(rid, "parent")
        path = os.path.join(h.dir, f"a{cid}.txt")
        with open(path, "w") as f:
            f.write("going_well=" + text.replace(" ", "+"))
        h.ctl("return", "--consultation", str(cid), "--channel", "paper", "--answers", path)
    # The text is sealed, so look for the sealed box itself: after the
    # purge its bytes must be in neither the database nor the WAL.
    db = sqlite3.connect(h.db)
    box = db.execute("SELECT box FROM response WHERE consultation_id = 1").fetchone()[0]
    db.close()
    out = h.ctl("purge", "--before", "2021-01-01").stdout
    assert "removed the answers to 1" in out
    db = sqlite3.connect(h.db)
    assert db.execute("SELECT count(*) FROM response").fetchone()[0] == 1
    assert db.execute("SELECT count(*) FROM consultation WHERE returned_at IS NOT NULL"
                      ).fetchone()[0] == 2     # still counted as returned
    assert db.execute("SELECT count(*) FROM audit WHERE action = 'purge'").fetchone()[0] == 1
    db.close()
    for suffix in ("", "-wal"):
        p = h.db + suffix
        if os.path.exists(p):
            data = open(p, "rb").read()
            assert box[24:56] not in data, f"purged answer still in {p}"
            assert secret.encode() not in data
    assert h.answers(2)


def test_logs_never_hold_tokens_codes_or_answers(h):
    rid = h.review()
    cid, link, code = h.issue(rid, "feedback_attendee")
    c = Client(h)
    csrf = parse_form(c.get("/code").body).hidden["csrf"]
    c.post("/code", {"csrf": csrf, "code": code})
    submit_all(h, [(cid, link, "127.0.0.1")], {}, threading.Lock())
    time.sleep(0.3)
    logs = h.log() + h.access_log()
    try:
        logs += open(os.path.join(h.run, "nginx-error.log")).read()
    except OSError:
        pass
    assert link.split("/c/")[1] not in logs
    assert code not in logs and code.replace("-", "") not in logs
    assert f"Answer {cid}" not in logs


def test_full_disk_keeps_answers_and_the_database(h):
    cid, link, c, page = start_form(h, "parent")
    body, _ = fill_page(page, "Typed before the disk filled \u00e9")
    body["action"] = "next"
    filler = os.path.join(h.disk, "filler")
    subprocess.run(["dd", "if=/dev/zero", f"of={filler}", "bs=64k"],
                   capture_output=True)
    r = c.post("/form", body)
    assert r.status == 503, r.status
    assert "try again" in r.body
    assert r.body.count("Typed before the disk filled \u00e9") >= 1
    os.remove(filler)
    r = c.post("/form", body)
    assert r.status == 303, r.status
    db = sqlite3.connect(h.db)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.execute("SELECT count(*) FROM draft").fetchone()[0] == 1


test_full_disk_keeps_answers_and_the_database.heard_args = {"disk_mb": 3}


def test_a_send_given_up_on_is_not_stored_late(h):
    """The scribe is stopped and the disk is full: the worker stops
    waiting for the scribe, cannot save either, and asks the person to
    send again.  The scribe, woken, must not then store that old copy,
    or what the person sends next would be refused as a repeat."""
    cid, link, c, page = start_form(h, "feedback_attendee")
    assert "next" in page.buttons
    body, _ = fill_page(page, "First try")
    body["action"] = "send"
    pid = h.scribe_pid()
    filler = os.path.join(h.disk, "filler")
    os.kill(pid, signal.SIGSTOP)
    try:
        subprocess.run(["dd", "if=/dev/zero", f"of={filler}", "bs=64k"],
                       capture_output=True)
        r = c.post("/form", body)
        assert r.status == 503 and "press Send again" in r.body, r.status
        assert "First try" in r.body
    finally:
        if os.path.exists(filler):
            os.remove(filler)
        os.kill(pid, signal.SIGCONT)
    body, _ = fill_page(parse_form(r.body), "Second try")
    body["action"] = "send"
    r = c.post("/form", body)
    assert r.status == 303, r.status
    got = [v for vs in h.answers(cid).values() for v in vs]
    assert any("Second try" in v for v in got), got
    assert not any("First try" in v for v in got), got
    assert "the sender stopped waiting" in h.log()


test_a_send_given_up_on_is_not_stored_late.heard_args = {"disk_mb": 3, "workers": 1}


def test_allocation_failure_is_contained(h):
    """A worker that cannot get memory exits (out of memory is fatal by
    design, buf.c); the person gets nginx's kind page, the parent starts a
    new worker, and what was saved before is intact."""
    cid, link, c, page = start_form(h, "parent")
    body, _ = fill_page(page, "Saved before the memory ran out")
    body["action"] = "save"
    assert c.post("/form", body).status == 200
    (pid,) = h.worker_pids()
    with open(f"/proc/{pid}/status") as f:
        vm = int(re.search(r"VmSize:\s+(\d+) kB", f.read()).group(1)) * 1024
    # No new memory from now on: what the worker has mapped is all it gets.
    resource.prlimit(pid, resource.RLIMIT_AS, (vm, vm))
    big = dict(body, action="save")
    big["extra"] = "y" * (200 * 1024)
    statuses = []
    for _ in range(10):
        r = c.post("/form", big)
        statuses.append(r.status)
        if r.status == 502:
            break
    assert statuses[-1] == 502, statuses
    assert "Sorry, something went wrong on our side" in r.body, r.body[:500]
    deadline = time.time() + 10
    while time.time() < deadline and h.worker_pids() in ([], [pid]):
        time.sleep(0.05)
    assert h.worker_pids() and pid not in h.worker_pids()
    assert "out of memory" in h.log()
    r = c.get("/form")
    assert r.status == 200 and "Saved before the memory ran out" in r.body
    assert c.post("/form", body).status == 200
    db = sqlite3.connect(h.db)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


# The sanitizer's allocator reserves terabytes and reports its own failure;
# the property is about the release build's allocator.
test_allocation_failure_is_contained.heard_args = {"workers": 1}
test_allocation_failure_is_contained.release_only = True
