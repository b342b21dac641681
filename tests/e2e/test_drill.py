"""Continuous replication with Litestream, restore, and the drill
(issue 18 items 1 to 3, README "Continuous replication").

Litestream runs beside Heard through tools/litestream.sh, replicating to
a real OpenSSH server (tests/sshd.py: its own host key, its own client
key, SFTP only, a temporary folder) or to a folder.  The drill: while
people send forms through nginx, every process is killed with SIGKILL
and the database and its WAL are deleted; `heardctl restore` brings it
back from the SFTP replica into a fresh folder; Heard starts on it; every
submission acknowledged more than the replication interval before the
kill is there and opens.  It prints the recovery point and how long the
restore took."""
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.request

from harness import ROOT, Client, free_port, parse_form
from test_links import fill_page, open_link

sys.path.insert(0, os.path.join(ROOT, "tests"))
from sshd import Sshd  # noqa: E402

# `make deps` installs it from npm; the mutants' copy of the tree
# (build/mutants/tree) has no node_modules and uses the real tree's.
_BIN = "node_modules/@flydotio/litestream-linux-x64/litestream"
LITESTREAM = next((p for p in (os.path.join(ROOT, _BIN),
                               os.path.join(ROOT, "..", "..", "..", _BIN)) if os.path.exists(p)),
                  os.path.join(ROOT, _BIN))
# Litestream looks at the WAL every second (its monitor interval) and
# ships what it found every sync interval (HEARD_REPLICA_INTERVAL, 1 s
# here): a commit reaches the replica within both.
SYNC = 1.0
INTERVAL = 2 * SYNC


class Litestream:
    """tools/litestream.sh for Heard h, replicating to url."""

    def __init__(self, h, url, key=None):
        self.h = h
        self.metrics = f"127.0.0.1:{free_port()}"
        self.env = dict(h.env, HEARD_REPLICA=url, HEARD_REPLICA_METRICS=self.metrics,
                        HEARD_REPLICA_INTERVAL=f"{int(SYNC)}s", HEARD_LITESTREAM=LITESTREAM)
        if key:
            self.env["HEARD_REPLICA_KEY"] = key
        self.log = os.path.join(h.dir, "litestream.log")
        self.proc = subprocess.Popen(["sh", os.path.join(ROOT, "tools/litestream.sh"), h.run],
                                     env=self.env, stdout=open(self.log, "ab"),
                                     stderr=subprocess.STDOUT)

    def positions(self):
        """(shadow WAL position, replica position) from the metrics, or None."""
        try:
            text = urllib.request.urlopen(f"http://{self.metrics}/metrics", timeout=2).read().decode()
        except OSError:
            return None
        m = {}
        for line in text.splitlines():
            mm = re.match(r"(litestream_\w+)\{[^}]*\} (\S+)$", line)
            if mm:
                m[mm.group(1)] = float(mm.group(2))
        need = ("litestream_shadow_wal_index", "litestream_shadow_wal_size",
                "litestream_replica_wal_index", "litestream_replica_wal_offset")
        if not all(k in m for k in need):
            return None
        return ((m[need[0]], m[need[1]]), (m[need[2]], m[need[3]]))

    def mark(self):
        """Where Litestream's copy of the WAL is now (after wait_caught_up)."""
        return self.positions()[0]

    def wait_caught_up(self, beyond=None, timeout=30):
        """Wait (polling, bounded) until the replica holds all the WAL that
        Litestream has seen, and, given a mark taken before a write, until
        Litestream has seen past it: its copy lags the database by up to
        its monitor interval, so "equal" alone can be an old state."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            p = self.positions()
            if p and p[1][1] > 0 and p[0] == p[1] and (beyond is None or p[0] > beyond):
                return
            if self.proc.poll() is not None:
                raise AssertionError("litestream exited: " + self.text())
            time.sleep(0.1)
        raise AssertionError(f"the replica never caught up: {self.positions()}\n" + self.text())

    def text(self):
        with open(self.log, errors="replace") as f:
            return f.read()[-3000:]

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


def restore(h, url, to, *extra, key=None, check=True):
    env = dict(h.env, HEARD_LITESTREAM=LITESTREAM)
    if key:
        env["HEARD_REPLICA_KEY"] = key
    p = subprocess.run([os.path.join(h.bindir, "heardctl"), "restore", "--from", url, "--to", to,
                        *extra], env=env, capture_output=True, text=True, timeout=600)
    if check and p.returncode != 0:
        raise AssertionError(f"restore failed: {p.stdout}{p.stderr}")
    return p


def send_form(h, link, src, text):
    """Open link and send the whole form, page by page; return the time
    the final Send was acknowledged, or None if it never was."""
    c = Client(h, source=src)
    open_link(c, link)
    r = c.get("/form")
    for _ in range(20):
        page = parse_form(r.body)
        body, _ = fill_page(page, text)
        last = "send" in page.buttons
        body["action"] = "send" if last else "next"
        r = c.post("/form", body)
        if r.status != 303:
            return None
        if last:
            return time.time() if r.header("Location") == "/form" else None
        r = c.get(r.header("Location"))
    return None


def drill(h, n_forms=130, senders=4, pace=0.15, span=2 * INTERVAL):
    """The drill; returns what it measured."""
    sshd = Sshd().start()
    ls = None
    try:
        url = sshd.url("heard")
        ls = Litestream(h, url, key=sshd.key)
        ls.wait_caught_up()
        rid = h.review()
        links = [h.issue(rid, "feedback_attendee") for _ in range(n_forms)]
        acked, lock, stop = {}, threading.Lock(), threading.Event()

        def sender(k):
            for i in range(k, n_forms, senders):
                if stop.is_set():
                    return
                cid, link, _ = links[i]
                try:
                    t = send_form(h, link, f"127.0.2.{i + 1}", f"Drill {cid}")
                except OSError:
                    t = None    # killed mid-request: never acknowledged
                if t is not None:
                    with lock:
                        acked[cid] = t
                # People arrive a few a second, not all at once, so the
                # sending spans more than the replication interval.
                stop.wait(pace)

        threads = [threading.Thread(target=sender, args=(k,)) for k in range(senders)]
        for t in threads:
            t.start()
        # Kill in the middle of the sending, once it has gone on for span.
        deadline = time.time() + 120
        while time.time() < deadline:
            with lock:
                if acked and time.time() - min(acked.values()) >= span:
                    break
            time.sleep(0.02)
        # Kill every process at once: heard-fcgi, its workers and scribe,
        # nginx and its workers, Litestream.
        pids = [h.fcgi.pid, h.nginx.pid, ls.proc.pid]
        for parent in (h.fcgi.pid, h.nginx.pid):
            out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(parent)],
                                 capture_output=True, text=True).stdout
            pids += [int(p) for p in out.split()]
        for p in pids:
            try:
                os.kill(p, signal.SIGKILL)
            except OSError:
                pass
        killed_at = time.time()
        stop.set()
        for t in threads:
            t.join(60)
        h.fcgi.wait()
        h.nginx.wait()
        ls.proc.wait()
        with lock:
            acked = {c: t for c, t in acked.items() if t <= killed_at}
        assert len(acked) < n_forms, "every form was sent before the kill: not a drill"
        assert any(killed_at - t > INTERVAL for t in acked.values())
        # The machine is gone: the database, its WAL and Litestream's
        # shadow copy with it.  The key file lives elsewhere.
        db = h.env["HEARD_DB"]
        for f in (db, db + "-wal", db + "-shm"):
            if os.path.exists(f):
                os.remove(f)
        shutil.rmtree(os.path.join(os.path.dirname(db), "." + os.path.basename(db) + "-litestream"),
                      ignore_errors=True)
        assert not os.path.exists(db)

        fresh = os.path.join(h.dir, "restored")
        os.makedirs(fresh)
        to = os.path.join(fresh, "heard.db")
        t0 = time.time()
        p = restore(h, url, to, key=sshd.key)
        took = time.time() - t0
        assert "integrity ok, foreign keys ok" in p.stdout, p.stdout
        assert "sealed values open with" in p.stdout, p.stdout

        # Heard starts on the restored database.
        h.env["HEARD_DB"] = to
        h.start()
        assert Client(h).get("/healthz").status == 200
        con = sqlite3.connect(to)
        back = {r[0] for r in con.execute(
            "SELECT id FROM consultation WHERE returned_at IS NOT NULL")}
        con.close()
        lost = {c: t for c, t in acked.items() if c not in back}
        for cid, t in acked.items():
            if killed_at - t > INTERVAL:
                assert cid not in lost, (f"consultation {cid} was acknowledged "
                                         f"{killed_at - t:.1f} s before the kill and is lost")
        # What came back opens with the key file (heardctl answers unseals).
        for cid in sorted(set(acked) - set(lost)):
            got = h.answers(cid)
            assert any(f"Drill {cid}" in v for vs in got.values() for v in vs), (cid, got)
        rpo = max((killed_at - t for t in lost.values()), default=0.0)
        return {"acked": len(acked), "lost": len(lost), "rpo": rpo, "restore": took}
    finally:
        if ls:
            ls.kill()
        sshd.close()


def test_drill_sigkill_everything_and_restore_from_sftp(h):
    m = drill(h)
    print(f"drill: {m['acked']} forms acknowledged before the kill; recovery point: "
          f"{m['lost']} lost, all within {m['rpo']:.1f} s of the kill (at most "
          f"{INTERVAL:.0f} s allowed); restore from SFTP took {m['restore']:.2f} s", flush=True)


def test_restore_from_a_folder_is_checked_and_never_overwrites(h):
    """A path replica (a mounted folder), restored and checked; then every
    refusal says what is wrong in one line."""
    replica = os.path.join(h.dir, "mounted", "heard")
    os.makedirs(os.path.dirname(replica))
    url = "file://" + replica
    ls = Litestream(h, url)
    try:
        rid = h.review()
        cid, link, _ = h.issue(rid, "feedback_attendee")
        ls.wait_caught_up()
        m = ls.mark()
        assert send_form(h, link, "127.0.3.1", "Folder answer") is not None
        ls.wait_caught_up(beyond=m)
        before = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - 3600))
    finally:
        ls.kill()
    to = os.path.join(h.dir, "r1.db")
    p = restore(h, url, to)
    assert re.search(r"schema version \d+, [1-9]\d* sealed values open", p.stdout), p.stdout
    assert os.stat(to).st_mode & 0o777 == 0o600
    con = sqlite3.connect(to)
    assert con.execute("SELECT count(*) FROM consultation WHERE id = ? AND returned_at IS NOT NULL",
                       (cid,)).fetchone()[0] == 1
    assert con.execute("SELECT count(*) FROM audit WHERE action = 'restore'").fetchone()[0] == 1
    con.close()

    # Never over an existing file.
    size = os.path.getsize(to)
    p = restore(h, url, to, check=False)
    assert p.returncode == 1 and "restore into a new file, never over" in p.stderr, p.stderr
    assert len(p.stderr.strip().splitlines()) == 1 and os.path.getsize(to) == size
    # Not a replica URL, not a time.
    p = restore(h, "/tmp/x", os.path.join(h.dir, "r2.db"), check=False)
    assert p.returncode == 1 and "give a Litestream replica URL" in p.stderr, p.stderr
    p = restore(h, url, os.path.join(h.dir, "r2.db"), "--at", "yesterday", check=False)
    assert p.returncode == 1 and "give a UTC time" in p.stderr, p.stderr
    # A time before the replica began: Litestream's own reason, in one line.
    p = restore(h, url, os.path.join(h.dir, "r3.db"), "--at", before, check=False)
    assert p.returncode == 1 and "litestream restore from" in p.stderr, p.stderr
    assert len(p.stderr.strip().splitlines()) == 1, p.stderr
    # The wrong key file: the check refuses it.
    other = os.path.join(h.dir, "other.key")
    env = dict(h.env, HEARD_KEY=other, HEARD_DB=os.path.join(h.dir, "other.db"))
    subprocess.run([os.path.join(h.bindir, "heardctl"), "init"], env=env, check=True,
                   capture_output=True)
    h2 = type("H", (), {"env": dict(h.env, HEARD_KEY=other), "bindir": h.bindir})
    p = restore(h2, url, os.path.join(h.dir, "r4.db"), check=False)
    assert p.returncode == 1 and "not the key the database was sealed with" in p.stderr, p.stderr
    # A replica of a database with a row pointing nowhere: the
    # restore's check refuses it.
    broken = os.path.join(h.dir, "broken", "heard.db")
    os.makedirs(os.path.dirname(broken))
    shutil.copy(to, broken)
    con = sqlite3.connect(broken)
    con.execute("PRAGMA foreign_keys = OFF")
    con.execute("UPDATE consultation SET review_id = 999999 WHERE id = ?", (cid,))
    con.commit()
    con.close()
    burl = "file://" + os.path.join(h.dir, "mounted", "broken")
    hb = type("H", (), {"env": dict(h.env, HEARD_DB=broken), "dir": os.path.dirname(broken),
                        "run": os.path.dirname(broken), "bindir": h.bindir})
    ls = Litestream(hb, burl)
    try:
        ls.wait_caught_up()
    finally:
        ls.kill()
    p = restore(h, burl, os.path.join(h.dir, "r5.db"), check=False)
    assert p.returncode == 1 and "failed its check" in p.stderr, p.stderr
    assert "refers to a missing row of review" in p.stderr, p.stderr


def send_check(h, ls):
    """One run of the sender (the production timer's, every minute) with
    the replica's metrics configured; returns (process, seconds taken)."""
    t0 = time.time()
    p = subprocess.run([os.path.join(h.bindir, "heardctl"), "send"],
                       env=dict(h.env, HEARD_REPLICA_METRICS=ls.metrics),
                       capture_output=True, text=True, timeout=120)
    return p, time.time() - t0


def test_a_stopped_replica_is_seen_within_a_minute_and_forms_still_send(h):
    from test_admin import sign_in, staff
    staff(h, "ada", "admin")
    staff(h, "iris", "iro")
    admin, _ = sign_in(h, "ada", source="127.0.4.1")
    iro, _ = sign_in(h, "iris", source="127.0.4.2")
    rid = h.review()
    links = [h.issue(rid, "feedback_attendee") for _ in range(2)]
    sshd = Sshd().start()
    ls = None
    try:
        url = sshd.url("heard")
        ls = Litestream(h, url, key=sshd.key)
        ls.wait_caught_up()
        p, _ = send_check(h, ls)
        assert p.returncode == 0 and "replica" not in p.stderr, p.stderr
        r = admin.get("/admin/reviews")
        assert r.status == 200 and "not being copied" not in r.body

        # The SFTP server stops.  People still send forms.
        sshd.stop()
        assert send_form(h, links[0][1], "127.0.4.3", "Sent while the replica is down") is not None
        p, took = send_check(h, ls)
        assert p.returncode == 0, p.stderr          # the sending itself goes on
        assert "heardctl: replica behind: the replica has not received" in p.stderr, p.stderr
        assert took < 60, took                      # seen by the run that meets it
        r = admin.get("/admin/reviews")
        assert r.status == 200 and "Answers are not being copied off this machine" in r.body
        assert re.search(r"Since \d\d:\d\d UTC on \d\d \w+ \d{4}: the replica has not received", r.body)
        # IROs cannot act on it: the warning is for admins.
        assert "not being copied" not in iro.get("/admin/reviews").body
        assert send_form(h, links[1][1], "127.0.4.4", "Still sending") is not None

        # Back: the server returns and Litestream is restarted (0.3.13
        # never gives up on a dead SFTP connection: README).
        sshd.start()
        ls.kill()
        ls = Litestream(h, url, key=sshd.key)
        ls.wait_caught_up()
        p, _ = send_check(h, ls)
        assert p.returncode == 0 and "replica" not in p.stderr, p.stderr
        assert "not being copied" not in admin.get("/admin/reviews").body
    finally:
        if ls:
            ls.kill()
        sshd.close()


def test_restore_to_a_point_in_time(h):
    """--at: the state at a past moment, not the latest.  Litestream
    stamps each shipped piece of WAL with its own wall clock, which no
    test can set, so the test waits for the clock to pass two whole
    seconds (bounded), never a guessed sleep."""
    replica = os.path.join(h.dir, "mounted", "heard")
    os.makedirs(os.path.dirname(replica))
    url = "file://" + replica
    rid = h.review()
    (a, la, _), (b, lb, _) = h.issue(rid, "feedback_attendee"), h.issue(rid, "feedback_attendee")
    ls = Litestream(h, url)
    try:
        ls.wait_caught_up()
        m = ls.mark()
        assert send_form(h, la, "127.0.5.1", "Before the mistake") is not None
        ls.wait_caught_up(beyond=m)
        at = int(time.time()) + 2
        while time.time() < at + 2:
            time.sleep(0.05)
        m = ls.mark()
        assert send_form(h, lb, "127.0.5.2", "After the mistake") is not None
        ls.wait_caught_up(beyond=m)
    finally:
        ls.kill()
    stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(at))
    then = os.path.join(h.dir, "then.db")
    p = restore(h, url, then, "--at", stamp)
    assert f"({stamp})" in p.stdout, p.stdout
    con = sqlite3.connect(then)
    back = {r[0] for r in con.execute("SELECT id FROM consultation WHERE returned_at IS NOT NULL")}
    con.close()
    assert a in back and b not in back, (a, b, back)
    latest = os.path.join(h.dir, "latest.db")
    restore(h, url, latest)
    con = sqlite3.connect(latest)
    back = {r[0] for r in con.execute("SELECT id FROM consultation WHERE returned_at IS NOT NULL")}
    con.close()
    assert {a, b} <= back, back
