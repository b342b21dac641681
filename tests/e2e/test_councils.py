"""Many councils on one service (issue 18 item 4): two councils side by
side, each its own instance (its own folder, database, key file, socket
and heard-fcgi) behind one real nginx that chooses the instance by host
name.  A link, a code, a form cookie and a staff session of one are
refused by the other; neither database holds the other's rows; a host
that is not listed gets no answer at all.  heardctl takes the instance
by name (--instance or HEARD_INSTANCE)."""
import http.client
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import tempfile
import time

from harness import ROOT, Client, free_port, parse_form
from test_admin import PASSWORD, csrf_of

COUNCILS = {"north": "heard.north.test", "south": "heard.south.test"}


class HostClient(Client):
    """A Client that names a council's host in every request."""

    def __init__(self, heard, host, source="127.0.0.1"):
        super().__init__(heard, source)
        self.host = host

    def request(self, method, path, body=None, headers=None, raw_body=None):
        h = dict(headers or {})
        h["Host"] = self.host
        return super().request(method, path, body=body, headers=h, raw_body=raw_body)


class Councils:
    """Two instances under one root folder and one nginx."""

    def __init__(self, h):
        self.h = h
        self.dir = tempfile.mkdtemp(prefix="heard-councils-")
        self.root = os.path.join(self.dir, "lib")     # /var/lib/heard's stand-in
        self.run = os.path.join(self.dir, "run")
        os.makedirs(self.run)
        self.port = free_port()
        self.fcgi = {}
        self.nginx = None
        base = {k: v for k, v in h.env.items()
                if not k.startswith("HEARD_") or k in ("HEARD_TEMPLATES", "HEARD_STATIC",
                                                       "HEARD_WORKERS")}
        self.base_env = dict(base, HEARD_INSTANCE_ROOT=self.root)
        for name in COUNCILS:
            os.makedirs(os.path.join(self.root, name), mode=0o700)

    def env(self, name):
        return dict(self.base_env, HEARD_INSTANCE=name,
                    HEARD_SOCKET=os.path.join(self.run, name + ".sock"),
                    HEARD_BASE_URL=f"http://{COUNCILS[name]}:{self.port}")

    def ctl(self, name, *args, stdin=None, check=True, by_option=False):
        """heardctl for one council: by HEARD_INSTANCE, or by --instance
        with no HEARD_INSTANCE in the environment."""
        env = self.env(name)
        argv = [os.path.join(self.h.bindir, "heardctl")]
        if by_option:
            del env["HEARD_INSTANCE"]
            argv += ["--instance", name]
        p = subprocess.run(argv + list(args), env=env, input=stdin, capture_output=True,
                           text=True, timeout=60)
        if check and p.returncode != 0:
            raise AssertionError(f"heardctl {name} {args} failed: {p.stderr}")
        return p

    def db(self, name):
        return os.path.join(self.root, name, "heard.db")

    def start(self):
        listing = os.path.join(self.dir, "councils.txt")
        with open(listing, "w") as f:
            f.write("# name host socket\n")
            for name, host in COUNCILS.items():
                f.write(f"{name} {host} {self.env(name)['HEARD_SOCKET']}\n")
        subprocess.run(["sh", os.path.join(ROOT, "tools/councils-nginx.sh"), "local",
                        self.run, str(self.port), listing], check=True)
        for name in COUNCILS:
            self.fcgi[name] = subprocess.Popen(
                [os.path.join(self.h.bindir, "heard-fcgi")], env=self.env(name),
                stdout=subprocess.DEVNULL,
                stderr=open(os.path.join(self.dir, name + "-fcgi.log"), "ab"))
        self.nginx = subprocess.Popen(["nginx", "-p", self.run, "-e",
                                       os.path.join(self.run, "nginx-error.log"),
                                       "-c", os.path.join(self.run, "nginx.conf")],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for name, host in COUNCILS.items():
            deadline = time.time() + 20
            while True:
                try:
                    if self.client(name).get("/healthz").status == 200:
                        break
                except OSError:
                    pass
                assert self.fcgi[name].poll() is None, self.log(name)
                assert time.time() < deadline, "no /healthz from " + name
                time.sleep(0.05)

    def client(self, name, source="127.0.0.1"):
        c = HostClient(self, COUNCILS[name], source)
        return c

    def log(self, name):
        try:
            with open(os.path.join(self.dir, name + "-fcgi.log"), errors="replace") as f:
                return f.read()
        except OSError:
            return ""

    def stop(self):
        problems = []
        if self.nginx and self.nginx.poll() is None:
            self.nginx.send_signal(signal.SIGQUIT)
            try:
                self.nginx.wait(10)
            except subprocess.TimeoutExpired:
                self.nginx.kill()
        for name, p in self.fcgi.items():
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
                try:
                    if p.wait(15) != 0:
                        problems.append(f"{name}'s heard-fcgi exited {p.returncode}")
                except subprocess.TimeoutExpired:
                    p.kill()
                    problems.append(f"{name}'s heard-fcgi did not stop")
            log = self.log(name)
            for bad in ("AddressSanitizer", "runtime error:", "LeakSanitizer"):
                if bad in log:
                    problems.append(f"sanitizer report in {name}'s log:\n" + log[-4000:])
        shutil.rmtree(self.dir, ignore_errors=True)
        assert not problems, "; ".join(problems)


def raw_status(port, host):
    """The status nginx answers GET /healthz for Host: host, or None when
    it closes the connection without an answer (444)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", "/healthz", headers={"Host": host})
        return conn.getresponse().status
    except (http.client.RemoteDisconnected, ConnectionResetError):
        return None
    finally:
        conn.close()


def sign_in(cs, name, user):
    c = cs.client(name)
    r = c.get("/admin")
    assert r.status == 200 and "Sign in" in r.body
    r = c.post("/admin/login", {"csrf": parse_form(r.body).hidden["csrf"],
                                "username": user, "password": PASSWORD})
    assert r.status == 303, (name, r.status, r.body[:300])
    r = c.get("/admin/reviews")
    assert r.status == 200 and user in r.body
    return c, r


def test_two_councils_refuse_each_other(h):
    cs = Councils(h)
    try:
        run_two_councils(cs)
    finally:
        cs.stop()


def run_two_councils(cs):
    # heardctl takes the instance by name: each council's database and key
    # file are made in its own folder under the root, by either spelling.
    cs.ctl("north", "init", by_option=True)
    cs.ctl("south", "init")
    for name in COUNCILS:
        for f in ("heard.db", "heard.key"):
            p = os.path.join(cs.root, name, f)
            assert os.path.exists(p), p
            assert os.stat(p).st_mode & 0o077 == 0, p
    with open(os.path.join(cs.root, "north", "heard.key"), "rb") as a, \
            open(os.path.join(cs.root, "south", "heard.key"), "rb") as b:
        assert a.read() != b.read()
    # A name that is not an instance's, or an instance with no folder:
    # one clear line, nothing made.
    # ("../run" would be the folder beside the root, which exists.)
    for bad, words in (("../run", "is not a council's name"),
                       ("North", "is not a council's name"),
                       ("east", "there is no folder")):
        p = cs.ctl("north", "--instance", bad, "init", check=False)
        assert p.returncode == 2 and words in p.stderr, (bad, p.stderr)
        assert len(p.stderr.strip().splitlines()) == 1, p.stderr
        assert not os.path.exists(os.path.join(cs.root, "east")), bad
        assert not os.path.exists(os.path.join(cs.run, "heard.db")), bad
    # A given --db still wins over the instance's.
    other = os.path.join(cs.dir, "elsewhere.db")
    cs.ctl("north", "--db", other, "--key", os.path.join(cs.dir, "elsewhere.key"), "init")
    assert os.path.exists(other)

    # Each council's own people and children.
    users = {"north": "nora_admin", "south": "sam_admin"}
    refs = {"north": "NORTH-CASE-1", "south": "SOUTH-CASE-1"}
    date = time.strftime("%Y-%m-%d", time.gmtime(time.time() + 21 * 86400))
    issued = {}
    for name in COUNCILS:
        cs.ctl(name, "user", "add", users[name], "--role", "admin", stdin=PASSWORD + "\n")
        rid = int(cs.ctl(name, "review", "add", "--child", refs[name], "--date", date,
                         "--type", "cic").stdout.strip())
        links = []
        for aud in ("parent", "carer", "health"):
            out = cs.ctl(name, "issue", "--review", str(rid), "--audience", aud).stdout
            m = re.search(r"consultation (\d+)\nlink (\S+)\ncode (\S+)", out)
            assert m, out
            # The link carries this council's own host.
            assert m.group(2).startswith(f"http://{COUNCILS[name]}:{cs.port}/c/"), out
            links.append((m.group(2)[m.group(2).index("/c/"):], m.group(3)))
        issued[name] = links
    cs.start()

    # nginx refuses any host it does not list, and the bare address:
    # closed without an answer, never served by a default council.
    for host in ("heard.east.test", "127.0.0.1", "north", "heard.north.test.evil"):
        assert raw_status(cs.port, host) is None, host
    assert raw_status(cs.port, COUNCILS["north"]) == 200

    for me, other in (("north", "south"), ("south", "north")):
        link, code = issued[me][0]
        link2, _ = issued[me][1]
        _, code3 = issued[me][2]
        # A link: refused by the other council, opens at its own.
        r = cs.client(other).get(link)
        assert r.status == 404 and "cannot find this form" in r.body, (me, r.status)
        # A code: the other council cannot find it.
        c = cs.client(other)
        r = c.get("/code")
        r = c.post("/code", {"csrf": parse_form(r.body).hidden["csrf"], "code": code3})
        assert r.status == 404 and "We cannot find a form with this" in r.body, (me, r.status)
        assert code3 in r.body          # what was typed is kept
        assert "Location" not in dict(r.headers)
        # ... and its own council opens it.
        c = cs.client(me)
        r = c.get("/code")
        r = c.post("/code", {"csrf": parse_form(r.body).hidden["csrf"], "code": code3})
        assert r.status == 303 and r.header("Location") == "/form", (me, r.status)

        # A form's cookie (and its CSRF token) from one council is no
        # visit at the other.
        mine = cs.client(me)
        r = mine.get(link2)
        assert r.status == 303 and r.header("Location") == "/form"
        r = mine.get("/form")
        assert r.status == 200, (me, r.status)
        page = parse_form(r.body)
        assert any(k.startswith("__Host-heard-") for k in mine.cookies), mine.cookies
        theirs = cs.client(other)
        theirs.cookies = dict(mine.cookies)
        r = theirs.get("/form")
        assert r.status == 404 and "open your link again" in r.body, (me, r.status)
        body = dict(page.hidden)
        body["action"] = "next"
        r = theirs.post("/form", body)
        assert r.status == 403, (me, r.status)
        assert "Thank you" not in r.body
        # The visit still works at home.
        assert mine.get("/form").status == 200

        # A staff session from one council is no session at the other:
        # sent to the sign-in page, and its CSRF token opens no action.
        staff_c, r = sign_in(cs, me, users[me])
        csrf = csrf_of(r.body)
        spy = cs.client(other)
        spy.cookies = dict(staff_c.cookies)
        r = spy.get("/admin/reviews")
        assert r.status == 303 and r.header("Location") == "/admin", (me, r.status)
        r = spy.get("/admin")
        assert r.status == 200 and "Sign in" in r.body and users[me] not in r.body
        r = spy.post("/admin/reviews/new", {"csrf": csrf, "child": "SPY-1",
                                             "date": date, "type": "cic"})
        assert r.status == 403, (me, r.status)
        assert r.header("Location") is None
        # Its own council still knows it.
        assert staff_c.get("/admin/reviews").status == 200

    # Neither database holds the other's rows: case references, user
    # names, and the keyed hashes of links, codes and sessions.
    def hashes(db):
        out = set()
        for table in ("link", "session", "visit"):
            cols = [r[1] for r in db.execute(f"PRAGMA table_info({table})")]
            for col in cols:
                if "hash" in col:
                    out |= {bytes(r[0]).hex() for r in
                            db.execute(f"SELECT {col} FROM {table}") if r[0] is not None}
        return out

    dumps, found = {}, {}
    for name in COUNCILS:
        db = sqlite3.connect(cs.db(name))
        dumps[name] = "\n".join(db.iterdump())
        found[name] = hashes(db)
        assert db.execute("SELECT count(*) FROM review").fetchone()[0] == 1
        assert db.execute("SELECT count(*) FROM consultation").fetchone()[0] == 3
        assert db.execute("SELECT count(*) FROM staff").fetchone()[0] == 1
        assert db.execute("SELECT count(*) FROM child WHERE ref = ?",
                          (refs[name],)).fetchone()[0] == 1
        db.close()
        assert found[name], name
    for me, other in (("north", "south"), ("south", "north")):
        assert refs[me] in dumps[me] and users[me] in dumps[me]
        assert refs[me] not in dumps[other], me
        assert users[me] not in dumps[other], me
        assert "SPY-1" not in dumps[other]
        for hx in found[me]:
            assert hx not in dumps[other].lower(), (me, hx)
            assert hx not in found[other]


def test_council_units_and_nginx_agree(h):
    """The systemd template units in deploy/ are valid (systemd-analyze
    verify, with this build's programs in place of /srv/heard's) and name
    the paths heard-fcgi --instance and councils-nginx.sh derive: the
    folder /var/lib/heard/NAME, the socket /run/heard/NAME/heard.sock."""
    tmp = tempfile.mkdtemp(prefix="heard-units-")
    try:
        units = ("heard@.service", "heard-send@.service", "heard-send@.timer")
        for u in units:
            with open(os.path.join(ROOT, "deploy", u)) as f:
                text = f.read()
            if u == "heard@.service":
                assert "RuntimeDirectory=heard/%i\n" in text
                assert "ReadWritePaths=/var/lib/heard/%i\n" in text
                assert "HEARD_INSTANCE=%i" in text and "User=heard-%i\n" in text
            if u.endswith(".service"):
                assert "HEARD_INSTANCE=%i" in text and "ReadWritePaths=/var/lib/heard/%i\n" in text
            text = text.replace("/srv/heard/heard-fcgi", os.path.join(h.bindir, "heard-fcgi"))
            text = text.replace("/srv/heard/heardctl", os.path.join(h.bindir, "heardctl"))
            with open(os.path.join(tmp, u), "w") as f:
                f.write(text)
        p = subprocess.run(["systemd-analyze", "verify", "--man=no", "heard@north.service",
                            "heard-send@north.service", "heard-send@north.timer"],
                           cwd=tmp, capture_output=True, text=True, timeout=60)
        assert p.returncode == 0 and p.stdout + p.stderr == "", p.stdout + p.stderr
        # The README shows the server's unit exactly as deploy/ holds it.
        with open(os.path.join(ROOT, "README.md")) as f:
            readme = f.read()
        with open(os.path.join(ROOT, "deploy", "heard@.service")) as f:
            for line in f:
                if line.strip() and not line.startswith("#"):
                    assert line.rstrip("\n") in readme, line
        # The production nginx names the socket heard@NAME makes.
        listing = os.path.join(tmp, "councils.txt")
        with open(listing, "w") as f:
            f.write("north heard.north.test\n")
        subprocess.run(["sh", os.path.join(ROOT, "tools/councils-nginx.sh"), "production",
                        os.path.join(tmp, "out"), listing], check=True)
        with open(os.path.join(tmp, "out", "locations-north.conf")) as f:
            assert "fastcgi_pass unix:/run/heard/north/heard.sock;" in f.read()
        with open(os.path.join(tmp, "out", "heard-councils.conf")) as f:
            conf = f.read()
        assert "server_name heard.north.test;" in conf and "return 444;" in conf
        assert "ssl_reject_handshake on;" in conf
        # nginx itself takes the production blocks (a throwaway
        # certificate in place of each host's, logs and /srv/heard here).
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                        "-keyout", os.path.join(tmp, "k.pem"), "-out",
                        os.path.join(tmp, "c.pem"), "-subj", "/CN=heard.north.test",
                        "-days", "1"], check=True, capture_output=True)
        for fn in os.listdir(os.path.join(tmp, "out")):
            p = os.path.join(tmp, "out", fn)
            with open(p) as f:
                text = f.read()
            text = re.sub(r"/etc/letsencrypt/live/[^/]+/fullchain\.pem",
                          os.path.join(tmp, "c.pem"), text)
            text = re.sub(r"/etc/letsencrypt/live/[^/]+/privkey\.pem",
                          os.path.join(tmp, "k.pem"), text)
            text = text.replace("/var/log/nginx", tmp).replace("/srv/heard", ROOT)
            with open(p, "w") as f:
                f.write(text)
        with open(os.path.join(tmp, "nginx.conf"), "w") as f:
            f.write(f"pid {tmp}/nginx.pid;\nerror_log {tmp}/error.log;\nevents {{}}\n"
                    f"http {{ include {ROOT}/nginx/common.conf; "
                    f"include {tmp}/out/heard-councils.conf; }}\n")
        p = subprocess.run(["nginx", "-t", "-p", tmp, "-c", os.path.join(tmp, "nginx.conf")],
                           capture_output=True, text=True, timeout=30)
        assert p.returncode == 0, p.stderr
        # heard-fcgi --instance north derives that same socket (it says
        # so when it cannot make it here, without root).
        root = os.path.join(tmp, "lib")
        os.makedirs(os.path.join(root, "north"))
        env = {k: v for k, v in h.env.items() if not k.startswith("HEARD_")}
        env.update(HEARD_INSTANCE_ROOT=root, HEARD_TEMPLATES=h.env["HEARD_TEMPLATES"],
                   HEARD_STATIC=h.env["HEARD_STATIC"])
        subprocess.run([os.path.join(h.bindir, "heardctl"), "--instance", "north", "init"],
                       env=env, check=True, capture_output=True)
        p = subprocess.run([os.path.join(h.bindir, "heard-fcgi"), "--instance", "north"],
                           env=env, capture_output=True, text=True, timeout=30)
        assert p.returncode != 0 and "/run/heard/north/heard.sock" in p.stderr, p.stderr
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
